"""Loyalty at the till's sale screen, by keys: a scan opens a Gold customer whose tier and
cash-back show under the name, the price less the discount follows the amount typed, cash-back
is spent in the same sale, and what the sale saved and earned is said after it."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from shopcards.core.loyalty import Kind
from shopcards.core.loyalty_tiers import Rule, Tier
from shopcards.core.purchase import PurchaseInput
from shopcards.services import loyalty, loyalty_tiers, purchases
from shopcards.services.session import Session
from shopcards.services.settings import update_settings
from shopcards.ui.till.window import TillWindow
from tests.ui.conftest import find
from tests.ui.test_till import anna, focused_name, message, press, till, typed
from tests.ui.test_till_scan import customer, errors_shown, scan, smith

__all__ = ["till"]

GOLD = Tier("Gold", 1500, Rule.SPEND, threshold=50_000)


@pytest.fixture
def scheme(shop: Session) -> Session:
    """Tiers and cash-back on (5%, 12 months); Anna placed in Gold by hand and holding
    €12.40, €3.10 of it from a lot that lapses within two months."""
    update_settings(shop, tiers_on=True, cashback_on=True, cashback_expiry_months=2)
    loyalty_tiers.save_tiers(shop, [GOLD])
    anna_id = anna(shop)[0]
    loyalty_tiers.place_by_hand(shop, anna_id, "Gold", "2027-06-30", "helps at the stall")
    loyalty.adjust(shop, anna_id, "3.10", "a lot that lapses soon")
    update_settings(shop, cashback_expiry_months=12)
    loyalty.adjust(shop, anna_id, "9.30", "welcome gift")
    return shop


@pytest.fixture
def loyal_till(scheme: Session, till: TillWindow) -> TillWindow:
    """The till opened after the owner switched the scheme on (the clerk's desk reads the
    settings when the till opens)."""
    return till


def loyalty_line(till: TillWindow) -> str:
    return find(till, QLabel, "Loyalty").text()


def price_line(till: TillWindow) -> str:
    return find(till, QLabel, "Price to pay").text()


def shown(till: TillWindow, name: str) -> bool:
    return any(w.isVisible() for w in till.findChildren(QWidget) if w.accessibleName() == name)


def cashback_field(till: TillWindow) -> QLineEdit:
    return find(till, QLineEdit, "Cash-back to spend")


def test_with_the_scheme_off_the_sale_screen_shows_no_loyalty(
    till: TillWindow, qtbot: QtBot, clerk: Session
) -> None:
    scan(till, anna(clerk)[1])
    assert customer(till) == "Anna Virtanen"
    assert not shown(till, "Loyalty") and not shown(till, "Price to pay")
    assert not shown(till, "Cash-back to spend")
    typed("12.50")
    press(qtbot, Qt.Key.Key_Tab)
    assert focused_name() == "Items"
    press(qtbot, Qt.Key.Key_Return)
    assert message(till) == "Saved €12.50 for Anna Virtanen (card 0000018)."


def test_a_scanned_gold_customer_shows_tier_discount_and_balance(
    loyal_till: TillWindow, clerk: Session
) -> None:
    scan(loyal_till, anna(clerk)[1])
    assert loyalty_line(loyal_till) == (
        "Gold · 15% off  ·  Cash-back €12.40 to spend  ·  €3.10 of it expires 23 Jan 2027"
    )
    assert cashback_field(loyal_till).isEnabled()
    assert focused_name() == "Amount"


def test_the_amount_typed_shows_the_discounted_price_live(
    loyal_till: TillWindow, qtbot: QtBot, clerk: Session
) -> None:
    scan(loyal_till, anna(clerk)[1])
    typed("20.00")
    assert price_line(loyal_till) == "Price €20.00 − 15% = €17.00 to pay  ·  earns €0.85"
    press(qtbot, Qt.Key.Key_Tab)
    assert focused_name() == "Cash-back to spend"
    typed("5")
    assert price_line(loyal_till) == (
        "Price €20.00 − 15% = €17.00 − €5.00 cash-back = €12.00 to pay  ·  earns €0.60"
    )


def test_spending_cash_back_saves_one_sale_with_its_discount_and_cash_back(
    loyal_till: TillWindow, qtbot: QtBot, clerk: Session
) -> None:
    anna_id, card_no = anna(clerk)
    scan(loyal_till, card_no)
    typed("20.00")
    press(qtbot, Qt.Key.Key_Tab)
    typed("5")
    press(qtbot, Qt.Key.Key_Tab)
    assert focused_name() == "Items"
    typed("scones")
    press(qtbot, Qt.Key.Key_Return)
    assert focused_name() == "Find customer"
    assert message(loyal_till) == (
        "Saved €17.00 for Anna Virtanen (card 0000018). Gold 15% off: the customer saved €3.00. "
        "Cash-back: spent €5.00, earned €0.60, now €8.00."
    )
    [sale] = purchases.list_purchases(clerk, anna_id)
    assert (sale.amount, sale.items) == (1700, "scones")
    assert loyalty_tiers.sale_discount(clerk, sale.id) == loyalty_tiers.SaleDiscount(
        "Gold", 1500, 300
    )
    moved = {(m.kind, m.amount) for m in loyalty.of_purchase(clerk, sale.id)}
    assert moved == {(Kind.SPEND, -500), (Kind.EARN, 60)}
    assert loyalty.balance(clerk, anna_id) == 800


@pytest.mark.parametrize(
    ("amount", "spend", "said"),
    [
        ("20.00", "13", "the balance is €12.40: €13.00 cannot be spent"),
        ("10.00", "9", "more than the sale (€8.50) cannot be paid with it"),
    ],
)
def test_spending_more_than_the_balance_or_the_price_is_refused_under_the_field(
    loyal_till: TillWindow, qtbot: QtBot, clerk: Session, amount: str, spend: str, said: str
) -> None:
    anna_id, card_no = anna(clerk)
    scan(loyal_till, card_no)
    typed(amount)
    press(qtbot, Qt.Key.Key_Tab)
    typed(spend)
    press(qtbot, Qt.Key.Key_Return)
    assert errors_shown(loyal_till) == [said]
    assert find(loyal_till, QLabel, "Cash-back to spend error").text() == said
    assert "the cash-back typed is more than" in price_line(loyal_till)
    assert focused_name() == "Cash-back to spend"
    assert purchases.count_purchases(clerk, anna_id) == 0
    assert loyalty.balance(clerk, anna_id) == 1240


def test_without_a_balance_the_field_is_off_and_tab_goes_on_to_the_items(
    loyal_till: TillWindow, qtbot: QtBot, clerk: Session
) -> None:
    scan(loyal_till, smith(clerk)[1])
    assert loyalty_line(loyal_till) == "Cash-back €0.00 to spend"
    assert not cashback_field(loyal_till).isEnabled()
    typed("10.00")
    assert price_line(loyal_till) == "Price €10.00 to pay  ·  earns €0.50"
    press(qtbot, Qt.Key.Key_Tab)
    assert focused_name() == "Items"


def test_a_return_takes_no_discount_and_spends_nothing(
    loyal_till: TillWindow, qtbot: QtBot, clerk: Session
) -> None:
    card_no = anna(clerk)[1]
    scan(loyal_till, card_no)
    typed("20.00")
    press(qtbot, Qt.Key.Key_Return)
    scan(loyal_till, card_no)
    press(qtbot, Qt.Key.Key_F6)
    press(qtbot, Qt.Key.Key_Return)
    assert focused_name() == "Amount returned"
    assert not cashback_field(loyal_till).isEnabled() and price_line(loyal_till) == ""
    press(qtbot, Qt.Key.Key_Return)
    assert message(loyal_till).startswith("Return of €17.00 for Anna Virtanen (card 0000018).")
    assert "Cash-back: taken back €0.85" in message(loyal_till)


def test_category_suggestions_come_when_the_field_is_reached_and_learn_a_new_one(
    till: TillWindow, qtbot: QtBot, clerk: Session
) -> None:
    """Read at the first focus (not at each scan, which must stay fast on a big file)."""
    smith_id = smith(clerk)[0]
    for category in ("tea", "tea", "books"):
        purchases.record_purchase(clerk, smith_id, PurchaseInput("5.00", category=category))
    scan(till, anna(clerk)[1])
    typed("12.50")
    press(qtbot, Qt.Key.Key_Tab)
    press(qtbot, Qt.Key.Key_Tab)
    assert focused_name() == "Category"
    typed("t")
    completer = till.sale_page.categories
    assert completer.popup().isVisible() and completer.currentCompletion() == "tea"
    typed("oys")
    assert not completer.popup().isVisible()
    press(qtbot, Qt.Key.Key_Return)
    assert message(till) == "Saved €12.50 for Anna Virtanen (card 0000018)."
    scan(till, smith(clerk)[1])
    typed("3.00")
    press(qtbot, Qt.Key.Key_Tab)
    press(qtbot, Qt.Key.Key_Tab)
    typed("to")
    assert completer.currentCompletion() == "toys"
