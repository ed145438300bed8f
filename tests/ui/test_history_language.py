"""The purchase history in the window's language: captions, the chart's months and the
purchase count in Finnish; in Hebrew a mirrored pane whose amounts keep their digits in order."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget
from pytestqt.qtbot import QtBot

from shopcards.core.purchase import PurchaseEntry
from shopcards.services import cards
from shopcards.services.purchases import money
from shopcards.services.session import Session
from shopcards.store import purchases as purchase_store
from shopcards.ui.history.model import COL_AMOUNT
from shopcards.ui.history.pane import HistoryPane
from tests.ui.conftest import find
from tests.ui.speaking import speaking

FSI, PDI = "\u2068", "\u2069"


def history_of_anna(qtbot: QtBot, shop: Session, clerk: Session) -> HistoryPane:
    customer_id = cards.list_cards(shop, cards.CardQuery(text="Virtanen"))[0].id
    with shop.card_file.write() as db:
        for date, amount in (("2025-03-01", 4000), ("2026-06-01", 2000), ("2026-10-05", 3000)):
            entry = PurchaseEntry(date, amount, "", "", "")
            purchase_store.insert(db, customer_id, entry, None, "owner", "2026-11-20T09:00:00")
    pane = HistoryPane(clerk)
    qtbot.addWidget(pane)
    pane.resize(800, 600)
    pane.show()
    pane.show_customer(customer_id)
    return pane


def test_the_history_speaks_finnish(qtbot: QtBot, shop: Session, clerk: Session) -> None:
    with speaking("fi"):
        pane = history_of_anna(qtbot, shop, clerk)
        assert pane.accessibleName() == "Ostohistoria"
        assert find(pane, QLabel, "Käynnit").text() == "3"
        assert find(pane, QLabel, "Ostot").text() == "3 ostoa"
        assert find(pane, QLabel, "Viimeisin käynti").text() == "5.10.2026"
        chart = find(pane, QWidget, "Ostot kuukausittain")
        description = chart.accessibleDescription()
        assert description == "24 kuukautta alkaen joulu 2024; eniten maalis 2025: 40,00\xa0€"


def test_the_history_in_hebrew_is_mirrored_with_amounts_in_order(
    qtbot: QtBot, shop: Session, clerk: Session
) -> None:
    with speaking("he"):
        pane = history_of_anna(qtbot, shop, clerk)
        assert pane.layoutDirection() == Qt.LayoutDirection.RightToLeft
        trend = find(pane, QLabel, "מגמה, 12 חודשים").text()
        amount = {n: money(shop, n * 100) for n in (30, 40, 50)}  # as Hebrew writes money
        assert "50.00" in amount[50]
        amounts = f"({FSI}{amount[50]}{PDI} לעומת {FSI}{amount[40]}{PDI})"
        assert trend == f"{FSI}▲{PDI} {FSI}25%{PDI} {amounts}"
        newest = pane.model.index(0, COL_AMOUNT).data()
        assert newest == f"{FSI}{amount[30]}{PDI}"  # isolated: never reversed in the mirror
