"""The purchase history on a card, read and corrected as a person would."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QModelIndex, Qt, QTimer
from PySide6.QtWidgets import QLabel, QLineEdit, QPushButton, QTableView, QWidget
from pytestqt.qtbot import QtBot

from shopcards.core.purchase import PurchaseEntry, PurchaseInput
from shopcards.services import auth, cards, purchases
from shopcards.services.session import Session
from shopcards.store import purchases as purchase_store
from shopcards.ui.history.model import COL_AMOUNT, COL_DATE, COL_NOTE, PAGE_SIZE
from shopcards.ui.history.pane import ChangesPane, HistoryPane
from tests.ui.conftest import ModalAnswers, find, type_text

EARLIER = "2026-11-20T09:00:00"


def anna_id(session: Session) -> int:
    return cards.list_cards(session, cards.CardQuery(text="Virtanen"))[0].id


def add(
    session: Session, customer_id: int, date: str, amount: int, items: str = "", at: str = EARLIER
) -> None:
    """A purchase recorded at ``at`` (before today unless told), straight into the file."""
    with session.card_file.write() as db:
        purchase_store.insert(
            db, customer_id, PurchaseEntry(date, amount, items, "", ""), None, "owner", at
        )


@pytest.fixture
def pane(qtbot: QtBot, shop: Session, clerk: Session) -> HistoryPane:
    customer_id = anna_id(shop)
    for date, amount, items in [
        ("2025-03-01", 4000, "hamper"),
        ("2026-06-01", 2000, "tea"),
        ("2026-10-05", 3000, "cheese"),
    ]:
        add(shop, customer_id, date, amount, items)
    widget = HistoryPane(clerk)
    qtbot.addWidget(widget)
    widget.resize(800, 600)
    widget.show()
    qtbot.waitExposed(widget)
    widget.show_customer(customer_id)
    return widget


def column(table: QTableView, col: int) -> list[str]:
    model = table.model()
    return [model.index(row, col).data() for row in range(model.rowCount())]


def figure(pane: HistoryPane, caption: str) -> str:
    return find(pane, QLabel, caption).text()


def test_the_figures_and_the_list_newest_first(pane: HistoryPane) -> None:
    assert figure(pane, "Lifetime spend") == "€90.00"
    assert figure(pane, "Last 12 months") == "€50.00"
    assert figure(pane, "Visits") == "3"
    assert figure(pane, "Average basket") == "€30.00"
    assert figure(pane, "First visit") == "1 Mar 2025"
    assert figure(pane, "Last visit") == "5 Oct 2026"
    assert figure(pane, "Trend, 12 months") == "▲ 25% (€50.00 against €40.00)"  # Babel: en_GB
    assert figure(pane, "Trend, 6 months") == "new (€50.00 against €0.00)"
    table = find(pane, QTableView, "Purchases")
    assert column(table, COL_DATE) == ["5 Oct 2026", "1 Jun 2026", "1 Mar 2025"]
    assert (
        find(pane, QWidget, "Spend per month")
        .accessibleDescription()
        .endswith("most in Mar 2025: €40.00")
    )


def test_clicking_a_heading_sorts_by_it(pane: HistoryPane, qtbot: QtBot) -> None:
    table = find(pane, QTableView, "Purchases")
    header = table.horizontalHeader()
    qtbot.mouseClick(
        header.viewport(),
        Qt.MouseButton.LeftButton,
        pos=header.viewport().rect().topLeft()
        + header.rect().topLeft().__class__(header.sectionViewportPosition(COL_AMOUNT) + 5, 5),
    )
    amounts = column(table, COL_AMOUNT)
    assert amounts in (["€20.00", "€30.00", "€40.00"], ["€40.00", "€30.00", "€20.00"])


def test_a_long_history_is_fetched_as_it_is_scrolled(
    qtbot: QtBot, shop: Session, clerk: Session
) -> None:
    customer_id = anna_id(shop)
    with shop.card_file.write() as db:
        for n in range(PAGE_SIZE * 2 + 10):
            day = dt.date(2020, 1, 1) + dt.timedelta(days=n)
            purchase_store.insert(
                db,
                customer_id,
                PurchaseEntry(day.isoformat(), 100, "", "", ""),
                None,
                "owner",
                EARLIER,
            )
    widget = HistoryPane(clerk)
    qtbot.addWidget(widget)
    widget.show()
    widget.show_customer(customer_id)
    model = widget.model
    assert model.rowCount() == PAGE_SIZE
    while model.canFetchMore(QModelIndex()):
        model.fetchMore(QModelIndex())
    assert model.rowCount() == PAGE_SIZE * 2 + 10
    assert find(widget, QLabel, "Purchases").text() == f"{PAGE_SIZE * 2 + 10} purchases"


def test_a_voided_purchase_stays_struck_through_with_who_and_when(
    pane: HistoryPane, qtbot: QtBot, clerk: Session, modals: ModalAnswers
) -> None:
    purchases.record_purchase(clerk, anna_id(clerk), PurchaseInput("9.99", "wrong"))
    pane.refresh()
    table = find(pane, QTableView, "Purchases")
    table.selectRow(0)
    modals.then(
        lambda dialog: (
            type_text(find(dialog, QLineEdit, "Reason"), "typed twice"),
            find(dialog, QPushButton, "Void purchase").click(),
        )
    )
    find(pane, QPushButton, "Void purchase").click()
    assert pane.model.index(0, COL_NOTE).data() == (
        "Voided by the clerk, 23 Nov 2026 10:30: typed twice"
    )
    assert pane.model.index(0, COL_AMOUNT).data(Qt.ItemDataRole.FontRole).strikeOut()
    assert figure(pane, "Lifetime spend") == "€90.00"
    assert find(pane, QLabel, "Message").text().startswith("Purchase voided")


def test_the_clerk_cannot_change_an_older_purchase(pane: HistoryPane) -> None:
    find(pane, QTableView, "Purchases").selectRow(0)
    assert not find(pane, QPushButton, "Edit purchase").isEnabled()
    assert not find(pane, QPushButton, "Void purchase").isEnabled()
    assert find(pane, QLabel, "Message").text() == (
        "Only the owner may change a purchase recorded before today."
    )


def test_the_owner_edits_a_purchase(
    pane: HistoryPane, qtbot: QtBot, clerk: Session, modals: ModalAnswers
) -> None:
    auth.become_owner(clerk, "")
    find(pane, QTableView, "Purchases").selectRow(0)

    def change_amount(dialog: QWidget) -> None:
        amount = find(dialog, QLineEdit, "Amount")
        assert amount.text() == "30.00"
        amount.clear()
        type_text(amount, "35,50")
        find(dialog, QPushButton, "Save").click()

    modals.then(change_amount)
    find(pane, QPushButton, "Edit purchase").click()
    assert pane.model.index(0, COL_AMOUNT).data() == "€35.50"
    assert figure(pane, "Lifetime spend") == "€95.50"


def test_an_edit_after_another_desk_saved_is_told_and_can_reload(
    pane: HistoryPane, qtbot: QtBot, shop: Session, clerk: Session, modals: ModalAnswers
) -> None:
    auth.become_owner(clerk, "")
    find(pane, QTableView, "Purchases").selectRow(0)
    shown = pane.selected_purchase()
    assert shown is not None

    def edit_while_the_office_saves(dialog: QWidget) -> None:
        purchases.edit_purchase(
            shop,
            purchases.get_purchase(shop, shown.id),
            PurchaseInput("31", "cheese and wine", date=shown.date),
        )
        amount = find(dialog, QLineEdit, "Amount")
        amount.clear()
        type_text(amount, "99")
        find(dialog, QPushButton, "Save").click()

    seen_after_reload: list[str] = []

    def reload_theirs(box: QWidget) -> None:
        assert "Changed there: Amount, Items" in box.text()  # type: ignore[attr-defined]
        edit_dialog = box.parent()
        assert isinstance(edit_dialog, QWidget)
        find(box, QPushButton, "Reload theirs").click()
        QTimer.singleShot(0, lambda: read_theirs_and_cancel(edit_dialog))

    def read_theirs_and_cancel(dialog: QWidget) -> None:
        seen_after_reload.extend(
            find(dialog, QLineEdit, name).text() for name in ("Amount", "Items")
        )
        find(dialog, QPushButton, "Cancel").click()

    modals.then(edit_while_the_office_saves).then(reload_theirs)
    find(pane, QPushButton, "Edit purchase").click()
    qtbot.waitUntil(modals.all_answered)
    assert seen_after_reload == ["31.00", "cheese and wine"]
    assert purchases.get_purchase(clerk, shown.id).amount == 3100


def test_the_changes_tab_says_who_did_what(qtbot: QtBot, shop: Session, clerk: Session) -> None:
    customer_id = anna_id(shop)
    sale = purchases.record_purchase(clerk, customer_id, PurchaseInput("12.50"))
    purchases.void_purchase(clerk, sale, "mistake")
    widget = ChangesPane(clerk)
    qtbot.addWidget(widget)
    widget.show_customer(customer_id)
    items = [widget.list.topLevelItem(i) for i in range(widget.list.topLevelItemCount())]
    lines = [" | ".join(item.text(c) for c in range(3)) for item in items if item]
    assert lines == [
        "23 Nov 2026 10:30 | Clerk | Purchase of €12.50 on 23 Nov 2026 voided",
        "23 Nov 2026 10:30 | Clerk | Purchase of €12.50 on 23 Nov 2026 recorded",
        "23 Nov 2026 10:30 | Owner | Card added",
    ]
