"""The cabinet by keyboard: Down from the search into the list, Enter there opens the card,
and a card added during a search is the one shown; only drawers that hold cards show."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QToolButton, QWidget
from pytestqt.qtbot import QtBot

from shopcards.ui.cabinet.main_window import MainWindow
from tests.ui.conftest import ModalAnswers, find
from tests.ui.test_cabinet import listed


def test_down_goes_into_the_list_and_enter_opens_the_card_there(
    window: MainWindow, qtbot: QtBot, modals: ModalAnswers
) -> None:
    search = find(window, QLineEdit, "Search")
    qtbot.keyClicks(search, "s")
    qtbot.keyClick(search, Qt.Key.Key_Down)
    assert QApplication.focusWidget() is window.list
    assert window.list.currentIndex().row() == 0
    qtbot.keyClick(window.list, Qt.Key.Key_Down)
    assert find(window, QLabel, "Card name").text() == "Erik Söderberg"
    titles: list[str] = []

    def read_and_close(dialog: QWidget) -> None:
        titles.append(dialog.windowTitle())
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)

    modals.then(read_and_close)
    qtbot.keyClick(window.list, Qt.Key.Key_Return)  # as a double click does
    assert titles == ["Edit card — Söderberg, Erik"]


def test_a_card_added_during_a_search_is_the_card_shown(
    window: MainWindow, qtbot: QtBot, modals: ModalAnswers
) -> None:
    qtbot.keyClicks(find(window, QLineEdit, "Search"), "smith")
    qtbot.waitUntil(lambda: window.current_card is not None)

    def fill_in(dialog: QWidget) -> None:
        qtbot.keyClicks(dialog.focusWidget(), "Liisa")
        qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Tab)
        qtbot.keyClicks(dialog.focusWidget(), "Koski")
        qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Return)

    modals.then(fill_in)
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    qtbot.wait(50)  # the list settles on its next turn of the event loop
    assert find(window, QLabel, "Card name").text() == "Liisa Koski"
    assert listed(window)[window.list.currentIndex().row()] == "Koski, Liisa"
    assert window.statusBar().currentMessage().startswith("Added Koski, Liisa")
    labels = [b.accessibleName() for b in window.drawers.findChildren(QToolButton)]
    assert "K" in labels  # its drawer, new, is there too
