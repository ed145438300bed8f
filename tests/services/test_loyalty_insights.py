"""Whether the loyalty scheme pays, on a shop worked by hand: a customer who joined Gold half a
year ago and came more often since, one just below Gold as the comparison, the discounts
given, and the cost per month."""

from __future__ import annotations

import datetime as dt

import pytest

from shopcards.core.errors import PermissionDenied
from shopcards.core.loyalty_insights import Change
from shopcards.core.loyalty_tiers import Rule, Tier
from shopcards.core.purchase import PurchaseInput
from shopcards.services import cards, loyalty_insights, loyalty_tiers, purchases
from shopcards.services.session import Session
from shopcards.services.settings import update_settings
from shopcards.store import loyalty_insights as loyalty_store
from tests.conftest import FIXED_NOW, card_input

JOINED = dt.datetime(2026, 5, 23, 10)


def _sale(session: Session, card: int, day: str, amount: str) -> None:
    session.clock = lambda: dt.datetime.fromisoformat(day).replace(hour=12)
    purchases.record_purchase(session, card, PurchaseInput(amount))


@pytest.fixture
def shop(owner: Session) -> dict[str, int]:
    update_settings(owner, locale="fi_FI", region="FI", currency="EUR")
    ids = {name: cards.add_card(owner, card_input(name, "Test")).id or 0 for name in "GH"}
    _sale(owner, ids["G"], "2026-03-01", "100")
    _sale(owner, ids["G"], "2026-04-01", "100")
    _sale(owner, ids["H"], "2026-04-01", "130")
    owner.clock = lambda: JOINED
    update_settings(owner, tiers_on=True)
    loyalty_tiers.save_tiers(
        owner, [Tier("Card", 0, Rule.SPEND, 0), Tier("Gold", 1500, Rule.SPEND, 15_000)]
    )
    for day, amount in (("2026-06-01", "300"), ("2026-07-01", "100"), ("2026-08-01", "100")):
        _sale(owner, ids["G"], day, amount)  # 15% off each
    owner.clock = lambda: FIXED_NOW
    loyalty_tiers.recompute(owner)
    return ids


def test_each_tier_against_the_customers_just_below_it(
    owner: Session, shop: dict[str, int]
) -> None:
    card, gold = loyalty_insights.tier_insights(owner)
    assert (gold.tier, gold.customers, gold.sales, gold.discounts, gold.threshold) == (
        "Gold",
        1,
        20_000 + 25_500 + 8_500 + 8_500,
        4_500 + 1_500 + 1_500,
        15_000,
    )
    # 185 days since joining (to today) against the 185 days before
    assert gold.joined == Change(1, 2, 3, 20_000, 42_500)
    assert gold.joined.visits_change == 0.5
    assert gold.below == Change(1, 1, 0, 13_000, 0)  # H: 130 € is within 80–100% of 150 €
    assert gold.below.spend_change == -1.0
    assert (card.customers, card.sales, card.discounts) == (1, 13_000, 0)
    assert card.below == Change(0, 0, 0, 0, 0)


def test_the_cost_of_the_scheme_per_month(owner: Session, shop: dict[str, int]) -> None:
    months = loyalty_insights.scheme_cost(owner)
    assert [m.month for m in months][:2] == ["2025-12", "2026-01"] and months[-1].month == "2026-11"
    cost = {m.month: m.cost for m in months if m.cost}
    assert cost == {"2026-06": 4_500, "2026-07": 1_500, "2026-08": 1_500}


def test_a_voided_sale_gives_back_its_discount_in_the_figures(
    owner: Session, shop: dict[str, int]
) -> None:
    june = next(p for p in purchases.list_purchases(owner, shop["G"]) if p.date == "2026-06-01")
    purchases.void_purchase(owner, june, "wrong card")
    assert {m.month: m.cost for m in loyalty_insights.scheme_cost(owner) if m.cost} == {
        "2026-07": 1_500,
        "2026-08": 1_500,
    }


def test_only_the_owner_sees_whether_it_pays(clerk: Session, shop: dict[str, int]) -> None:
    with pytest.raises(PermissionDenied):
        loyalty_insights.tier_insights(clerk)
    with pytest.raises(PermissionDenied):
        loyalty_insights.scheme_cost(clerk)


def test_a_tiers_cash_back_and_the_months_spent_and_held_come_from_the_ledger(
    owner: Session, shop: dict[str, int]
) -> None:
    """Gold's 15% comes off first; cash-back (5%) is earned on what was paid and spent later."""
    update_settings(owner, cashback_on=True, cashback_rate_bp=500, cashback_expiry_months=None)
    _sale(owner, shop["G"], "2026-09-01", "100")  # 85,00 paid: 4,25 earned
    owner.clock = lambda: FIXED_NOW
    purchases.record_purchase(owner, shop["G"], PurchaseInput("20", cashback="3"))  # 17,00
    gold = loyalty_insights.tier_insights(owner)[1]
    assert gold.cashback == 425 + 70  # 5% of 14,00 paid in money after 3,00 of cash-back
    by_month = {m.month: m for m in loyalty_insights.scheme_cost(owner)}
    assert by_month["2026-09"].liability == 425
    spent_in = FIXED_NOW.date().isoformat()[:7]
    assert by_month[spent_in].cashback_spent == 300
    assert by_month[spent_in].liability == 425 - 300 + 70


def test_a_year_after_the_29th_of_february_ends_on_the_1st_of_march(owner: Session) -> None:
    """Both stores count the same days: a year after a leap day, as a card file always did."""
    anna = cards.add_card(owner, card_input()).id or 0
    for day, amount in (("2023-03-01", "10"), ("2025-02-28", "20"), ("2025-03-01", "40")):
        _sale(owner, anna, day, amount)
    owner.clock = lambda: FIXED_NOW
    assert loyalty_store.change(owner.db, [(anna, "2024-02-29")], "2026-11-24") == Change(
        1, 1, 1, 1_000, 2_000
    )
