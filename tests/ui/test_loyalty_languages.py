"""The Loyalty screen in the shop's other languages: Finnish tabs, headings and counts, and a
Hebrew screen whose cost chart reads from the right."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTableWidget, QTabWidget
from pytestqt.qtbot import QtBot

from shopcards.services import catalogues, demo
from shopcards.services.loyalty_cards import CardRequest, plan_cards
from shopcards.services.session import Session
from shopcards.ui.loyalty.screen import LoyaltyScreen
from tests.ui.conftest import find


def open_screen(qtbot: QtBot, session: Session) -> LoyaltyScreen:
    screen = LoyaltyScreen(session)
    qtbot.addWidget(screen)
    screen.resize(1024, 768)
    screen.show()
    qtbot.waitExposed(screen)
    return screen


def test_in_finnish_the_loyalty_screen_reads_finnish(qtbot: QtBot, owner: Session) -> None:
    demo.build_demo(owner, 30)
    catalogues.start("fi")
    screen = open_screen(qtbot, owner)
    tabs = find(screen, QTabWidget, "Kanta-asiakkuus")
    assert [tabs.tabText(i) for i in range(tabs.count())] == [
        "Ohjelma",
        "Kannattaako?",
        "Kortit",
    ]
    with qtbot.waitSignal(screen.pays.loaded, timeout=20000):
        tabs.setCurrentIndex(1)
    tiers = find(screen, QTableWidget, "Tasot")
    assert tiers.horizontalHeaderItem(0).text() == "Taso"
    assert tiers.horizontalHeaderItem(6).text() == "Käynnit liittymisen jälkeen"
    assert " vs " in tiers.item(0, 6).text()


def test_romanian_card_counts_take_their_three_forms(owner: Session) -> None:
    demo.build_demo(owner, 30)
    catalogues.start("ro")
    said = [
        plan_cards(owner, CardRequest(customer_ids=tuple(range(1, n + 1)))).summary()
        for n in (1, 2, 20)
    ]
    assert said == [
        "1 card de fidelitate",
        "2 carduri de fidelitate",
        "20 de carduri de fidelitate",
    ]


def test_in_hebrew_the_loyalty_screen_and_its_chart_read_from_the_right(
    qtbot: QtBot, owner: Session
) -> None:
    demo.build_demo(owner, 30)
    catalogues.start("he")
    screen = open_screen(qtbot, owner)
    assert screen.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert screen.pays.chart.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert screen.windowTitle() == "מועדון לקוחות"
