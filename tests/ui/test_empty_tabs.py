"""The open card's tabs with nothing in them say so in a line, instead of a bare table."""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractItemView, QLabel, QTabBar
from pytestqt.qtbot import QtBot

from shopcards.services.session import Session
from shopcards.ui.cabinet.main_window import MainWindow
from shopcards.ui.cabinet.shop_tools import ShopTools
from tests.ui.conftest import find, show_window

EMPTY = {
    "Purchases": "No purchases yet — record one at the till (F9).",
    "Calls": "No calls logged yet — “Log a call…” keeps what a customer said on the phone.",
}


def test_each_empty_tab_says_what_is_not_there_yet(qtbot: QtBot, shop: Session) -> None:
    window: MainWindow = show_window(qtbot, shop)
    ShopTools(window, shop)
    window.search.setText("virtanen")  # no purchases, no calls (its Changes hold its making)
    qtbot.waitUntil(lambda: window.current_card is not None)
    tabs = window.card_tabs
    bar = tabs.findChild(QTabBar)
    assert bar is not None
    for tab, text in EMPTY.items():
        tabs.setCurrentIndex(next(i for i in range(bar.count()) if bar.tabText(i) == tab))
        pane = tabs.currentWidget()
        assert find(pane, QLabel, text).isVisible(), tab
        assert not [view for view in pane.findChildren(QAbstractItemView) if view.isVisible()]
