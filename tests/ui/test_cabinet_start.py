"""The cabinet's first moments on a card file too big for one page: the list is painted, and
the window gets its first rest, before the cards are counted (issue 12: counting a million
cards held up the list that was already on screen)."""

from __future__ import annotations

import time

import pytest
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from shopcards.core.card import CardQuery
from shopcards.services import cards
from shopcards.services.session import Session
from shopcards.ui.cabinet import list_model
from shopcards.ui.cabinet.main_window import COUNT_AFTER_MS, MainWindow
from tests.conftest import card_input


class FirstPaint(QObject):
    """Notes the list's first paint, and the first rest after it, in ``seen``."""

    def __init__(self, seen: list[str]) -> None:
        super().__init__()
        self.seen = seen

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and "painted" not in self.seen:
            self.seen.append("painted")
            QTimer.singleShot(0, lambda: self.seen.append("rest"))
        return False


def test_a_big_card_file_is_counted_after_its_first_page_is_on_screen(
    qtbot: QtBot, owner: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(list_model, "PAGE_SIZE", 4)  # more cards than the list shows at once
    for n in range(80):
        cards.add_card(owner, card_input(f"Given{n:02d}", "Same"))
    seen: list[str] = []
    count_cards = cards.count_cards

    def counted(session: Session, query: CardQuery) -> int:
        seen.append("counted")
        return count_cards(session, query)

    monkeypatch.setattr(cards, "count_cards", counted)
    win = MainWindow(owner)
    qtbot.addWidget(win)
    watcher = FirstPaint(seen)
    win.list.viewport().installEventFilter(watcher)
    win.resize(1024, 768)
    win.show()
    # a slow PC: by the time the event loop runs, a count timer started with the window
    # would be overdue, and would run before the window's first rest
    time.sleep(2 * COUNT_AFTER_MS / 1000)
    QApplication.processEvents()
    qtbot.waitUntil(lambda: "counted" in seen)
    assert seen[:3] == ["painted", "rest", "counted"]
    qtbot.waitUntil(lambda: win.count_label.text() == "80 cards")


def test_a_cabinet_closed_before_its_count_asks_its_closed_card_file_nothing(
    qtbot: QtBot, owner: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Closing the window, then its card file, before the deferred count ran raised "Cannot
    operate on a closed database" from the event loop (opening another card file does this)."""
    monkeypatch.setattr(list_model, "FIRST_PAGE", 3)  # more cards than the first read
    monkeypatch.setattr(list_model, "PAGE_SIZE", 4)
    for n in range(20):
        cards.add_card(owner, card_input(f"Given{n:02d}", "Same"))
    win = MainWindow(owner)
    qtbot.addWidget(win)
    win.show()
    win.close()
    owner.close()
    qtbot.wait(3 * COUNT_AFTER_MS)  # an exception in the event loop fails the test
    assert win.count_label.text() != "20 cards"
