"""The window's language: chosen per PC (Settings and View ▸ Language), spoken after a restart,
Qt's own words from our catalogue where PySide6 ships none, and Hebrew mirrored."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QLocale, QSettings, Qt, QTranslator
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QPushButton,
    QStyleOptionViewItem,
    QWidget,
)
from pytestqt.qtbot import QtBot

from shopcards.core import i18n
from shopcards.services import catalogues
from shopcards.services.session import Session
from shopcards.ui.cabinet.list_model import COL_PHONE
from shopcards.ui.cabinet.shop_tools import ShopTools
from shopcards.ui.kit.language import LANGUAGE_KEY, dress_application, start_again_command
from shopcards.ui.settings.window import SettingsWindow
from tests.ui.conftest import ModalAnswers, find, show_window


@pytest.fixture
def computer(tmp_path: Path) -> QSettings:
    """This PC's own settings, in a file of the test's."""
    return QSettings(str(tmp_path / "pc.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def restarts() -> list[str]:
    return []


def _answer(button: str, said: list[str]) -> Callable[[QWidget], None]:
    """Read the question into ``said`` and press ``button``."""

    def answer(box: QWidget) -> None:
        assert isinstance(box, QMessageBox)
        said.append(box.text())
        find(box, QPushButton, button).click()

    return answer


@pytest.fixture
def dressed(qapp: QApplication) -> Iterator[None]:
    """Whatever a test's ``dress_application`` gives Qt (translators, direction, locale) is
    taken back afterwards, so the next test reads English left to right."""
    before = set(qapp.findChildren(QTranslator))
    locale = QLocale()
    yield
    for translator in set(qapp.findChildren(QTranslator)) - before:
        QCoreApplication.removeTranslator(translator)
        translator.deleteLater()
    qapp.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
    QLocale.setDefault(locale)


def test_settings_keep_the_language_for_this_pc_and_later_is_no_restart(
    qtbot: QtBot, shop: Session, computer: QSettings, restarts: list[str], modals: ModalAnswers
) -> None:
    dialog = SettingsWindow(shop, None, computer, lambda: restarts.append("now"))
    qtbot.addWidget(dialog)
    dialog.show()
    tab = dialog.tabs
    tab.setCurrentIndex(tab.count() - 1)
    assert tab.tabText(tab.currentIndex()) == "This computer"
    box = find(dialog, QComboBox, "Language")
    assert [box.itemText(i) for i in range(box.count())] == [
        "English",
        "suomi",
        "română",
        "עברית",
        "Հայերեն",
    ]
    box.setCurrentIndex(box.findData("fi"))
    said: list[str] = []
    modals.then(_answer("Later", said))
    qtbot.mouseClick(find(dialog, QPushButton, "Save"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(modals.all_answered)
    assert said == ["shopcards speaks suomi after it starts again."]
    assert computer.value(LANGUAGE_KEY) == "fi"
    assert restarts == []
    assert not dialog.isVisible()  # saved and closed
    assert i18n.language() == "en"  # this window goes on in English until the restart


def test_restart_now_starts_again_and_an_unchanged_language_asks_nothing(
    qtbot: QtBot, shop: Session, computer: QSettings, restarts: list[str], modals: ModalAnswers
) -> None:
    dialog = SettingsWindow(shop, None, computer, lambda: restarts.append("now"))
    qtbot.addWidget(dialog)
    dialog.show()
    box = dialog.language
    box.setCurrentIndex(box.findData("he"))
    said: list[str] = []
    modals.then(_answer("Restart now", said))
    qtbot.mouseClick(find(dialog, QPushButton, "Save"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(modals.all_answered)
    assert said == ["shopcards speaks עברית after it starts again."]
    assert (computer.value(LANGUAGE_KEY), restarts) == ("he", ["now"])

    again = SettingsWindow(shop, None, computer, lambda: restarts.append("again"))
    qtbot.addWidget(again)
    assert again.language.currentData() == "he"  # what this PC chose, shown
    again.save()  # nothing changed: no question, no restart
    assert restarts == ["now"]


def test_view_menu_chooses_the_language_by_keys_too(
    qtbot: QtBot, shop: Session, computer: QSettings, restarts: list[str], modals: ModalAnswers
) -> None:
    window = show_window(qtbot, shop)
    tools = ShopTools(window, shop)
    tools.computer, tools.restart = computer, lambda: restarts.append("now")
    view = next(m for m in window.findChildren(QMenu) if m.title() == "&View")
    entry = next(a for a in view.actions() if a.text() == "&Language")
    languages = entry.menu()
    assert isinstance(languages, QMenu)
    checked = [a.text() for a in languages.actions() if a.isChecked()]
    assert checked == ["English"]
    said: list[str] = []
    modals.then(_answer("Restart now", said))
    next(a for a in languages.actions() if a.text() == "română").trigger()
    qtbot.waitUntil(modals.all_answered)
    assert said == ["shopcards speaks română after it starts again."]
    assert (computer.value(LANGUAGE_KEY), restarts) == ("ro", ["now"])


def test_the_program_starts_again_without_the_lang_that_started_it() -> None:
    argv = ["/x/shopcards/__main__.py", "--lang", "fi", "--db", "/s/shop.db", "--lang=he"]
    assert start_again_command(argv, "/venv/python", frozen=False) == (
        "/venv/python",
        ["-m", "shopcards", "--db", "/s/shop.db"],
    )
    assert start_again_command(["C:/shopcards.exe", "--lang=fi"], "C:/shopcards.exe", True) == (
        "C:/shopcards.exe",
        [],
    )


def test_a_finnish_window_speaks_finnish(qtbot: QtBot, shop: Session) -> None:
    catalogues.start("fi")
    window = show_window(qtbot, shop)
    assert window.new_button.text() == "Uusi kortti"
    assert window.new_button.accessibleName() == "Uusi kortti"
    titles = [a.text() for a in window.menuBar().actions()]
    assert titles[:2] == ["&Tiedosto", "&Kortit"]
    assert window.count_label.text() == "7 korttia"
    assert window.role_label.text() == "Omistajatila"


def test_a_hebrew_window_reads_right_to_left_with_numbers_kept_whole(
    qtbot: QtBot, qapp: QApplication, dressed: None, shop: Session
) -> None:
    catalogues.start("he")
    dress_application(qapp)
    window = show_window(qtbot, shop)
    assert window.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert window.menuBar().layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert window.count_label.text() == "\u20687\u2069 כרטיסים"
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
    assert buttons.button(QDialogButtonBox.StandardButton.Cancel).text() == "ביטול"
    # a phone in the list is drawn left to right ("050 1877499" came out "1877499 050")
    option = QStyleOptionViewItem()
    window.list.initViewItemOption(option)
    phones = [window.model.index(row, COL_PHONE) for row in range(window.model.rowCount())]
    qtbot.waitUntil(lambda: any(index.data() for index in phones))  # read after the names
    phone = next(index for index in phones if index.data())
    window.list.itemDelegateForColumn(COL_PHONE).initStyleOption(option, phone)
    assert option.text == f"\u2066{phone.data()}\u2069"


def test_romanian_qt_words_come_from_our_catalogue(
    qtbot: QtBot, qapp: QApplication, dressed: None
) -> None:
    """PySide6 ships no qtbase_ro: OK/Cancel and the text menu's Copy are ours (Qt calls the
    Python translator from C++)."""
    catalogues.start("ro")
    dress_application(qapp)
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
    )
    qtbot.addWidget(buttons)
    ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
    cancel = buttons.button(QDialogButtonBox.StandardButton.Cancel)
    assert (ok.text(), cancel.text()) == ("OK", "Anulează")
    field = QLineEdit()
    qtbot.addWidget(field)
    menu = field.createStandardContextMenu()
    said = [a.text() for a in menu.actions()]
    # the key names come through too (a word the catalogue lacks is left to Qt, not blanked)
    assert {"&Copiază\tCtrl+C", "&Lipește\tCtrl+V"} <= set(said)


def test_a_long_finnish_intro_is_never_cut_in_the_pin_dialog(qtbot: QtBot, owner: Session) -> None:
    """The dialog is at most so wide; its height follows the intro wrapped at that width."""
    from shopcards.ui.settings.pin_dialog import SetPinDialog

    catalogues.start("fi")
    dialog = SetPinDialog(owner)
    qtbot.addWidget(dialog)
    dialog.setMaximumWidth(420)
    hint = dialog.sizeHint()
    layout = dialog.layout()
    assert layout is not None
    assert hint.width() <= 420
    assert hint.height() >= layout.totalHeightForWidth(hint.width())
    dialog.show()
    intro = next(label for label in dialog.findChildren(QLabel) if "PIN-koodi" in label.text())
    assert intro.height() >= intro.heightForWidth(intro.width())
