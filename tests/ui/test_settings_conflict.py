"""Two settings windows on one card file (the back office and the till PC): a setting both
changed brings up the conflict dialog at the second save, and "Reload theirs" and "Keep mine"
each do what they say; the letters' and the insights' settings dialogs ask the same way."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QSpinBox,
    QWidget,
)
from pytestqt.qtbot import QtBot

from shopcards.services.session import Session
from shopcards.services.settings import current_settings, update_settings
from shopcards.ui.insights.thresholds import ThresholdsDialog
from shopcards.ui.letters.letterhead import LetterSettingsDialog
from shopcards.ui.settings.window import SettingsWindow
from tests.ui.conftest import ModalAnswers, find


def opened(qtbot: QtBot, dialog: QDialog) -> QDialog:
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def page(window: SettingsWindow, key: str) -> QWidget:
    window.tabs.setCurrentIndex(window.pages[key])
    return window.tabs.currentWidget()


def type_into(window: SettingsWindow, label: str, key: str, text: str) -> QLineEdit:
    edit = find(page(window, key), QLineEdit, label)
    edit.setText(text)
    return edit


def click(qtbot: QtBot, root: QWidget, label: str) -> None:
    qtbot.mouseClick(find(root, QAbstractButton, label), Qt.MouseButton.LeftButton)


def answer(qtbot: QtBot, choice: str, said: list[str]) -> object:
    def press(box: QWidget) -> None:
        assert isinstance(box, QMessageBox)
        said.append(box.text())
        click(qtbot, box, choice)

    return press


def test_reload_theirs_shows_the_other_desks_value_and_keeps_the_other_edits(
    qtbot: QtBot, owner: Session, other_owner: Session, modals: ModalAnswers
) -> None:
    office = opened(qtbot, SettingsWindow(owner))
    till = opened(qtbot, SettingsWindow(other_owner))
    assert isinstance(office, SettingsWindow) and isinstance(till, SettingsWindow)
    type_into(office, "Shop name", "shop_name", "Office Name")
    find(page(office, "lapsed_months"), QSpinBox, "Lapsed after").setValue(9)
    click(qtbot, office, "Save")
    assert office.result() == QDialog.DialogCode.Accepted
    name = type_into(till, "Shop name", "shop_name", "Till Name")
    signer = type_into(till, "Signed by", "signer_name", "Till Signer")
    said: list[str] = []
    modals.then(answer(qtbot, "Reload theirs", said))
    click(qtbot, till, "Save")
    qtbot.waitUntil(lambda: name.text() == "Office Name")
    assert "Changed there: Shop name." in said[0] and "“Office Name”" in said[0]
    assert till.isVisible() and signer.text() == "Till Signer"
    assert find(page(till, "lapsed_months"), QSpinBox, "Lapsed after").value() == 9
    assert current_settings(owner).signer_name == ""
    click(qtbot, till, "Save")
    assert till.result() == QDialog.DialogCode.Accepted
    stored = current_settings(owner)
    assert (stored.shop_name, stored.signer_name, stored.lapsed_months) == (
        "Office Name",
        "Till Signer",
        9,
    )


def test_keep_mine_saves_over_theirs_and_leaves_what_only_they_changed(
    qtbot: QtBot, owner: Session, other_owner: Session, modals: ModalAnswers
) -> None:
    office = opened(qtbot, SettingsWindow(owner))
    till = opened(qtbot, SettingsWindow(other_owner))
    assert isinstance(office, SettingsWindow) and isinstance(till, SettingsWindow)
    type_into(office, "Shop name", "shop_name", "Office Name")
    type_into(office, "Prize", "drawing_prize", "a hamper")
    click(qtbot, office, "Save")
    type_into(till, "Shop name", "shop_name", "Till Name")
    said: list[str] = []
    modals.then(answer(qtbot, "Keep mine", said))
    click(qtbot, till, "Save")
    qtbot.waitUntil(lambda: till.result() == QDialog.DialogCode.Accepted)
    assert modals.seen == ["Changed at another desk"]
    stored = current_settings(owner)
    assert (stored.shop_name, stored.drawing_prize) == ("Till Name", "a hamper")


def test_escape_saves_nothing_and_says_so(
    qtbot: QtBot, owner: Session, other_owner: Session, modals: ModalAnswers
) -> None:
    till = opened(qtbot, SettingsWindow(other_owner))
    assert isinstance(till, SettingsWindow)
    update_settings(owner, base=current_settings(owner), shop_name="Office Name")
    type_into(till, "Shop name", "shop_name", "Till Name")
    modals.then(lambda box: box.reject())
    click(qtbot, till, "Save")
    message = find(till, QLabel, "Message")
    qtbot.waitUntil(lambda: "nothing was saved" in message.text())
    assert till.isVisible() and current_settings(owner).shop_name == "Office Name"


def test_the_letters_and_insights_dialogs_ask_the_same_way(
    qtbot: QtBot, owner: Session, other_owner: Session, modals: ModalAnswers
) -> None:
    letters = opened(qtbot, LetterSettingsDialog(other_owner))
    thresholds = opened(qtbot, ThresholdsDialog(other_owner))
    update_settings(
        owner, base=current_settings(owner), signer_name="Office Signer", lapsed_months=9
    )
    find(letters, QLineEdit, "Signed by").setText("Till Signer")
    find(thresholds, QSpinBox, "Lapsed after").setValue(3)
    said: list[str] = []
    modals.then(answer(qtbot, "Reload theirs", said)).then(answer(qtbot, "Keep mine", said))
    click(qtbot, letters, "Save")
    qtbot.waitUntil(lambda: find(letters, QLineEdit, "Signed by").text() == "Office Signer")
    click(qtbot, thresholds, "Save")
    qtbot.waitUntil(lambda: thresholds.result() == QDialog.DialogCode.Accepted)
    assert "Changed there: Signed by." in said[0] and "Changed there: Lapsed after." in said[1]
    stored = current_settings(owner)
    assert (stored.signer_name, stored.lapsed_months) == ("Office Signer", 3)
