"""The cabinet window used as a person would: search, drawers, opening, adding, archiving."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QToolButton,
    QWidget,
)
from pytestqt.qtbot import QtBot

from shopcards.core.card import CardQuery
from shopcards.services import cards
from shopcards.services.opening import open_session
from shopcards.services.session import Session
from shopcards.services.settings import update_settings
from shopcards.ui.cabinet import demo_offer
from shopcards.ui.cabinet.list_model import COL_NAME
from shopcards.ui.cabinet.main_window import MainWindow
from tests.conftest import card_input
from tests.ui.conftest import ModalAnswers, find, show_window, type_text


def listed(win: MainWindow) -> list[str]:
    return [win.model.index(r, COL_NAME).data() for r in range(win.model.rowCount())]


def count_text(win: MainWindow, qtbot: QtBot) -> str:
    qtbot.waitUntil(lambda: win.count_label.text() != "…")
    return win.count_label.text()


def test_the_window_shows_every_card_and_how_many(window: MainWindow, qtbot: QtBot) -> None:
    assert len(listed(window)) == 7
    assert count_text(window, qtbot) == "7 cards"
    assert find(window, QToolButton, "All").isChecked()
    labels = [b.accessibleName() for b in window.drawers.findChildren(QToolButton)]
    assert labels[:4] == ["All", "O", "S", "V"]  # only the drawers that hold cards
    assert len(labels) == 6  # and one each for the Armenian and the Hebrew names


def test_typing_narrows_the_list_and_the_count(window: MainWindow, qtbot: QtBot) -> None:
    search = find(window, QLineEdit, "Search")
    qtbot.keyClicks(search, "s")
    assert listed(window) == ["Smith, John", "Söderberg, Erik", "Ștefănescu, Ioana"]
    assert count_text(window, qtbot) == "3 cards"
    qtbot.keyClicks(search, "te")
    assert listed(window) == ["Ștefănescu, Ioana"]
    assert count_text(window, qtbot) == "1 card"
    qtbot.waitUntil(lambda: window.current_card is not None)
    assert find(window, QLabel, "Card name").text() == "Ioana Ștefănescu"
    qtbot.keyClicks(search, "x")
    assert listed(window) == []
    assert count_text(window, qtbot) == "No card matches “stex”"
    qtbot.waitUntil(lambda: window.current_card is None)  # not the card "ste" found
    assert find(window, QLabel, "No card open").isVisible()


def test_a_phone_number_finds_its_card_however_it_is_typed(
    window: MainWindow, qtbot: QtBot
) -> None:
    search = find(window, QLineEdit, "Search")
    for typed in ("+44 20 7946 0018", "(020) 7946-0018", "02079460018"):
        search.clear()
        qtbot.keyClicks(search, typed)
        assert listed(window) == ["Smith, John"], typed


def test_clicking_a_drawer_shows_its_cards_and_clears_the_search(
    window: MainWindow, qtbot: QtBot
) -> None:
    search = find(window, QLineEdit, "Search")
    qtbot.keyClicks(search, "anna")
    qtbot.mouseClick(find(window, QToolButton, "S"), Qt.MouseButton.LeftButton)
    assert search.text() == ""
    assert listed(window) == ["Smith, John", "Söderberg, Erik", "Ștefănescu, Ioana"]
    assert count_text(window, qtbot) == "3 cards"
    qtbot.mouseClick(find(window, QToolButton, "א–ת"), Qt.MouseButton.LeftButton)
    assert listed(window) == ["כהן, דוד"]


def test_typing_a_search_switches_to_all_so_nothing_is_hidden(
    window: MainWindow, qtbot: QtBot
) -> None:
    qtbot.mouseClick(find(window, QToolButton, "S"), Qt.MouseButton.LeftButton)
    qtbot.keyClicks(find(window, QLineEdit, "Search"), "virtanen")
    assert find(window, QToolButton, "All").isChecked()
    assert listed(window) == ["Virtanen, Anna"]


def test_keyboard_ctrl_f_searches_esc_clears_ctrl_pgdown_steps_drawers(
    window: MainWindow, qtbot: QtBot
) -> None:
    window.list.setFocus()
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    search = find(window, QLineEdit, "Search")
    assert search.hasFocus()
    qtbot.keyClicks(search, "cork")
    assert listed(window) == ["O'Brien, Siobhán"]
    qtbot.keyClick(search, Qt.Key.Key_Escape)
    assert search.text() == "" and len(listed(window)) == 7
    qtbot.keyClick(search, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    assert find(window, QToolButton, "O").isChecked()  # the first drawer that holds cards
    assert listed(window) == ["O'Brien, Siobhán"]


def test_clicking_a_row_opens_the_card_beside_the_list(window: MainWindow, qtbot: QtBot) -> None:
    row = listed(window).index("Virtanen, Anna")
    rect = window.list.visualRect(window.model.index(row, COL_NAME))
    qtbot.mouseClick(window.list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert find(window, QLabel, "Card name").text() == "Anna Virtanen"
    assert find(window, QLabel, "E-mail").text() == "anna.v@example.fi"
    assert find(window, QLabel, "Phones").text() == "+358 40 1234567  (mobile)"


def test_enter_in_the_search_opens_the_best_match_in_the_form(
    window: MainWindow, qtbot: QtBot, modals: ModalAnswers
) -> None:
    search = find(window, QLineEdit, "Search")
    qtbot.keyClicks(search, "smith")
    qtbot.waitUntil(lambda: window.current_card is not None)
    titles: list[str] = []

    def read_and_cancel(dialog: QWidget) -> None:
        titles.append(dialog.windowTitle())
        titles.append(find(dialog, QLineEdit, "Family name").text())
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)

    modals.then(read_and_cancel)
    qtbot.keyClick(search, Qt.Key.Key_Return)
    assert titles == ["Edit card — Smith, John", "Smith"]


def test_a_new_card_from_the_keyboard_alone(
    window: MainWindow, qtbot: QtBot, modals: ModalAnswers, clerk: Session
) -> None:
    def fill_in(dialog: QWidget) -> None:
        focused = dialog.focusWidget()
        assert focused is find(dialog, QLineEdit, "Given name")
        qtbot.keyClicks(focused, "Maija")
        qtbot.keyClick(focused, Qt.Key.Key_Tab)
        type_text(dialog.focusWidget(), "Meikäläinen")
        for _ in range(8):  # title, salutation, address, postcode, city, country, label, number
            qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Tab)
        assert dialog.focusWidget() is find(dialog, QLineEdit, "Phone number")
        qtbot.keyClicks(dialog.focusWidget(), "07700 900123")
        qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Return)

    modals.then(fill_in)
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert "Meikäläinen, Maija" in listed(window)
    assert find(window, QLabel, "Card name").text() == "Maija Meikäläinen"
    assert count_text(window, qtbot) == "8 cards"
    stored = cards.list_cards(clerk, CardQuery(text="meikalainen"))
    assert [s.phone for s in stored] == ["+447700900123"]


def test_archiving_is_refused_to_the_clerk_with_the_reason(
    window: MainWindow, qtbot: QtBot, modals: ModalAnswers
) -> None:
    window.search.setText("smith")
    qtbot.waitUntil(lambda: window.current_card is not None)
    said: list[str] = []

    def read(dialog: QWidget) -> None:
        assert isinstance(dialog, QMessageBox)
        said.append(dialog.text())
        dialog.accept()

    modals.then(read)
    qtbot.mouseClick(find(window, QPushButton, "Archive"), Qt.MouseButton.LeftButton)
    assert said and said[0].startswith("Only the owner may archive")
    assert listed(window) == ["Smith, John"]


def test_the_owner_archives_and_finds_the_card_under_show_archived(
    owner_window: MainWindow, qtbot: QtBot
) -> None:
    win = owner_window
    win.search.setText("smith")
    qtbot.waitUntil(lambda: win.current_card is not None)
    qtbot.mouseClick(find(win, QPushButton, "Archive"), Qt.MouseButton.LeftButton)
    assert find(win, QPushButton, "Unarchive").isVisible()
    assert listed(win) == []
    win.show_archived_action.trigger()
    assert listed(win) == ["Smith, John"]
    assert count_text(win, qtbot) == "1 archived card"
    qtbot.mouseClick(find(win, QPushButton, "Unarchive"), Qt.MouseButton.LeftButton)
    assert listed(win) == []
    win.show_archived_action.trigger()
    assert listed(win) == ["Smith, John"]


def test_an_empty_card_file_offers_a_demo_shop(
    qtbot: QtBot, tmp_path: Path, monkeypatch: object
) -> None:
    monkeypatch.setattr(demo_offer, "DEMO_CUSTOMERS", 40)  # type: ignore[attr-defined]
    session = open_session(tmp_path / "empty.db")
    win = show_window(qtbot, session)
    assert win.list_stack.currentWidget() is win.empty_panel
    with qtbot.waitSignal(win.cardFileRequested, timeout=20_000) as opened:
        qtbot.mouseClick(find(win, QPushButton, "Open a demo shop"), Qt.MouseButton.LeftButton)
    demo_path = opened.args[0]
    assert demo_path == tmp_path / "demo-shop.db"
    assert cards.count_cards(session, CardQuery()) == 0  # the shop's own file stays empty
    demo = open_session(demo_path)
    assert cards.count_cards(demo, CardQuery()) == 40
    demo.close()
    session.close()


def test_every_input_and_button_is_named_as_it_reads(window: MainWindow) -> None:
    kinds = (QLineEdit, QComboBox, QPushButton, QToolButton, QCheckBox, QPlainTextEdit)
    for kind in kinds:
        for widget in window.findChildren(kind):
            if not widget.isVisible() or widget.objectName().startswith("qt_"):
                continue
            assert widget.accessibleName(), f"unnamed {kind.__name__}"
            text = getattr(widget, "text", lambda: "")().replace("&", "")
            if isinstance(widget, QPushButton | QToolButton) and text:
                assert widget.accessibleName() == text


def test_menus_hold_the_actions_and_add_tool_makes_room_for_more(window: MainWindow) -> None:
    titles = [a.text().replace("&", "") for a in window.menuBar().actions()]
    assert titles == ["File", "Cards", "View", "Help"]
    window.add_tool("Tools", QAction("Till mode", window))
    tools = window.add_tool("Tools", QAction("Letters", window))
    titles = [a.text().replace("&", "") for a in window.menuBar().actions()]
    assert titles == ["File", "Cards", "View", "Tools", "Help"]
    assert [a.text() for a in tools.actions()] == ["Till mode", "Letters"]
    cards_menu = window.menuBar().actions()[1].menu()
    assert isinstance(cards_menu, QMenu)
    assert [a.text().replace("&", "") for a in cards_menu.actions() if a.text()] == [
        "New card",
        "Edit",
        "Archive",
        "Find a card",
        "Show archived",
    ]


def test_refresh_follows_new_shop_settings(window: MainWindow, shop: Session, qtbot: QtBot) -> None:
    cards.add_card(shop, card_input("Anders", "Åberg"))
    window.refresh()
    assert "A" in _drawer_labels(window) and "Å" not in _drawer_labels(window)
    qtbot.mouseClick(find(window, QToolButton, "S"), Qt.MouseButton.LeftButton)
    update_settings(shop, locale="fi_FI", region="FI")
    window.refresh()
    labels = _drawer_labels(window)
    assert "A" not in labels and labels.index("Å") == labels.index("V") + 1  # Å after Z
    assert find(window, QToolButton, "S").isChecked()
    assert listed(window) == ["Smith, John", "Söderberg, Erik", "Ștefănescu, Ioana"]
    window.search.setText("smith")
    qtbot.waitUntil(lambda: window.current_card is not None)
    assert find(window, QLabel, "Phones").text() == "+44 20 7946 0018  (mobile)"


def _drawer_labels(window: MainWindow) -> list[str]:
    return [
        b.accessibleName()
        for b in window.drawers.findChildren(QToolButton)
        if b.isVisibleTo(window)
    ]


def test_enter_on_a_row_opens_that_card_in_the_form(
    window: MainWindow, qtbot: QtBot, modals: ModalAnswers
) -> None:
    window.list.setFocus()
    window.list.setCurrentIndex(window.model.index(listed(window).index("Virtanen, Anna"), 0))
    titles: list[str] = []

    def read_and_cancel(dialog: QWidget) -> None:
        titles.append(dialog.windowTitle())
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)

    modals.then(read_and_cancel)
    qtbot.keyClick(window.list, Qt.Key.Key_Return)
    assert titles == ["Edit card — Virtanen, Anna"]


def test_help_about_shows_version_and_licences(
    window: MainWindow, qtbot: QtBot, modals: ModalAnswers
) -> None:
    modals.then(lambda dialog: dialog.close())
    window.about_action.trigger()
    assert modals.seen == ["About shopcards"]


def test_back_up_now_copies_the_card_file_and_says_where(
    owner_window: MainWindow, qtbot: QtBot, modals: ModalAnswers
) -> None:
    told: list[str] = []

    def read_and_close(box: QWidget) -> None:
        told.append(box.findChild(QLabel, "qt_msgbox_label").text())
        box.close()

    modals.then(read_and_close)
    owner_window.back_up_now()
    qtbot.waitUntil(modals.all_answered, timeout=10000)
    copy = Path(told[0].split("\n")[-1])
    assert copy.exists() and copy.stat().st_size > 0
