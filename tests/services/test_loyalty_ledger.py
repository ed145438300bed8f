"""Hand-worked cash-back ledgers: earn, partial return, void, spend, expiry on its last day.

The shop: 5% cash-back (500 basis points), 12 months' expiry, today 2026-11-23 (FIXED_NOW).
"""

from __future__ import annotations

import pytest

from shopcards.core.errors import NotFound, PermissionDenied, ShopError, ValidationError
from shopcards.services import cards, loyalty, purchases
from shopcards.services.opening import open_session
from shopcards.services.session import Session
from shopcards.services.settings import update_settings
from shopcards.store.stores import Location
from tests.services.loyalty_shop import (
    earned_by,
    give_back,
    kinds,
    ledger_sum,
    new_card,
    on_day,
    scheme_on,
    sell,
)


@pytest.fixture
def anna(owner: Session) -> int:
    scheme_on(owner)
    return new_card(owner)


def test_a_new_card_file_has_the_scheme_off_and_a_sale_earns_nothing(owner: Session) -> None:
    card = new_card(owner)
    sell(owner, card, "20,00")
    assert loyalty.ledger(owner, card) == []
    assert not loyalty.for_till(owner, card).shown


def test_a_sale_earns_its_rate_with_the_rate_and_last_day_on_the_row(
    clerk: Session, anna: int
) -> None:
    sell(clerk, anna, "20,00")
    (row,) = loyalty.ledger(clerk, anna)
    assert (row.kind.value, row.amount, row.rate_bp, row.expires_on) == (
        "earn",
        100,
        500,
        "2027-11-23",
    )
    assert row.created_by == "clerk"
    till = loyalty.for_till(clerk, anna)
    assert till.shown and till.earning
    assert till.balance_text == "1,00\u00a0€"


def test_changing_the_rate_never_rewrites_what_was_earned(owner: Session, anna: int) -> None:
    sell(owner, anna, "20,00")
    update_settings(owner, cashback_rate_bp=1000)
    sell(owner, anna, "20,00")
    update_settings(owner, cashback_on=False)
    sell(owner, anna, "20,00")
    assert [(r.amount, r.rate_bp) for r in loyalty.ledger(owner, anna)] == [(100, 500), (200, 1000)]
    assert loyalty.balance(owner, anna) == 300


def test_a_return_in_three_parts_takes_back_exactly_what_the_sale_earned(
    owner: Session, anna: int
) -> None:
    """20,10 € earns 100,5 → 101 cents (half up). Returned 7 + 7 + 6,10 €: the cumulative
    share rounded down is 35, 70, 101, so the rows take 35, 35 and 31."""
    sale = sell(owner, anna, "20,10")
    assert earned_by(owner, sale) == 101
    for part in ("7,00", "7,00", "6,10"):
        give_back(owner, sale, part)
    assert kinds(owner, anna) == [("earn", 101, 0), ("reverse", -35, 0), ("reverse", -35, 0),
                                  ("reverse", -31, 0)]  # fmt: skip
    assert loyalty.balance(owner, anna) == 0


def test_voiding_a_sale_reverses_all_it_earned(owner: Session, anna: int) -> None:
    sale = sell(owner, anna, "20,00")
    purchases.void_purchase(owner, sale, "typed on the wrong card")
    assert kinds(owner, anna) == [("earn", 100, 0), ("undo", -100, 0)]
    assert loyalty.balance(owner, anna) == 0


def test_voiding_a_return_gives_back_what_it_took(owner: Session, anna: int) -> None:
    sale = sell(owner, anna, "20,00")
    back = give_back(owner, sale, "5,00")
    purchases.void_purchase(owner, back, "customer kept it")
    assert kinds(owner, anna) == [("earn", 100, 0), ("reverse", -25, 0), ("undo", 25, 0)]
    purchases.void_purchase(owner, sale)
    assert loyalty.balance(owner, anna) == 0


def test_spending_pays_part_of_a_sale_and_earns_only_on_the_money_paid(
    clerk: Session, anna: int
) -> None:
    sell(clerk, anna, "20,00")
    sale = sell(clerk, anna, "10,00", cashback="0,60")
    assert kinds(clerk, anna) == [("earn", 100, 0), ("spend", -60, 0), ("earn", 47, 0)]
    assert loyalty.balance(clerk, anna) == 87
    back = give_back(clerk, sale, "10,00")
    assert [(r.kind.value, r.amount) for r in loyalty.of_purchase(clerk, back.id)] == [
        ("reverse", -47),
        ("refund", 60),
    ]
    assert loyalty.balance(clerk, anna) == 100


def test_spending_more_than_the_balance_is_refused_with_the_balance_and_saves_nothing(
    clerk: Session, anna: int
) -> None:
    sell(clerk, anna, "20,00")
    with pytest.raises(ValidationError) as caught:
        sell(clerk, anna, "10,00", cashback="1,01")
    assert caught.value.fields["cashback"] == (
        "the balance is 1,00\u00a0€: 1,01\u00a0€ cannot be spent"
    )
    assert purchases.count_purchases(clerk, anna) == 1
    assert loyalty.balance(clerk, anna) == 100


@pytest.mark.parametrize(
    ("typed", "says"),
    [("0", "must be more than zero"), ("-1,00", "must be more than zero"),
     ("20,01", "more than the sale"), ("abc", "")],
)  # fmt: skip
def test_a_spend_of_nothing_a_negative_or_more_than_the_sale_is_refused(
    clerk: Session, anna: int, typed: str, says: str
) -> None:
    sell(clerk, anna, "50,00")
    with pytest.raises(ValidationError) as caught:
        sell(clerk, anna, "20,00", cashback=typed)
    assert says in caught.value.fields["cashback"]
    assert purchases.count_purchases(clerk, anna) == 1


def test_a_reversal_beyond_the_balance_stops_at_zero_and_logs_the_shortfall(
    owner: Session, anna: int
) -> None:
    sale = sell(owner, anna, "20,00")
    sell(owner, anna, "1,00", cashback="1,00")  # all of it spent; 0 paid in money earns 0
    purchases.void_purchase(owner, sale)
    assert kinds(owner, anna) == [("earn", 100, 0), ("spend", -100, 0), ("undo", 0, 100)]
    assert loyalty.balance(owner, anna) == 0
    changed = purchases.customer_changes(owner, anna)[0]
    assert changed.details["cashback_shortfall"] == 100


def test_spending_uses_the_money_nearest_to_expiry_first(owner: Session, anna: int) -> None:
    late = sell(owner, anna, "20,00")  # last day 2027-11-23
    early = sell(owner, anna, "10,00", date="2026-01-10")  # last day 2027-01-10
    sell(owner, anna, "0,30", cashback="0,30")
    lots = {row.purchase_id: row.left for row in loyalty.ledger(owner, anna) if row.amount > 0}
    assert lots == {late.id: 100, early.id: 20}


def test_expiry_takes_what_is_left_the_day_after_the_last_day_and_only_once(
    owner: Session, anna: int
) -> None:
    """The last day (expires_on) is the last day the money can be spent."""
    sell(owner, anna, "20,00")  # 1,00 € to spend up to 2027-11-23
    on_day(owner, "2027-11-23")
    assert loyalty.expire(owner).amount == 0
    sell(owner, anna, "0,30", cashback="0,30")  # still spendable on the last day
    on_day(owner, "2027-11-24")
    with pytest.raises(ValidationError, match="the balance is 0,00"):
        sell(owner, anna, "0,10", cashback="0,10")  # a spend runs expiry first
    assert loyalty.expire(owner) == loyalty.Expired(lots=1, amount=70)
    assert loyalty.expire(owner) == loyalty.Expired()
    on_day(owner, "2027-12-30")
    assert loyalty.expire(owner) == loyalty.Expired()
    assert loyalty.balance(owner, anna) == ledger_sum(owner, anna) == 0


def test_expiry_runs_when_the_file_opens(owner: Session, anna: int, location: Location) -> None:
    on_day(owner, "2024-05-02")
    sell(owner, anna, "20,00")  # last day 2025-05-02, long past by the real clock
    again = open_session(location)
    try:
        assert loyalty.balance(again, anna) == 0
        assert [row.kind.value for row in loyalty.ledger(again, anna)] == ["earn", "expire"]
    finally:
        again.close()


def test_an_adjustment_needs_the_owner_and_a_reason_and_is_in_the_change_log(
    owner: Session, clerk: Session, anna: int
) -> None:
    with pytest.raises(PermissionDenied):
        loyalty.adjust(clerk, anna, "5,00", "goodwill")
    with pytest.raises(ValidationError) as caught:
        loyalty.adjust(owner, anna, "5,00", "  ")
    assert "reason" in caught.value.fields
    row = loyalty.adjust(owner, anna, "5,00", "sorry for the wait")
    assert (row.kind.value, row.amount, row.reason, row.expires_on) == (
        "adjust", 500, "sorry for the wait", "2027-11-23")  # fmt: skip
    with pytest.raises(ValidationError) as caught:
        loyalty.adjust(owner, anna, "-6,00", "typo")
    assert "the balance is 5,00" in caught.value.fields["cashback"]
    loyalty.adjust(owner, anna, "-2,00", "typo")
    assert loyalty.balance(owner, anna) == 300
    logged = cards.card_history(owner, anna)[0]
    assert (logged.action, logged.details["amount"]) == ("cashback adjusted", -200)


def test_an_archived_or_erased_card_cannot_spend_or_be_found(owner: Session, anna: int) -> None:
    sell(owner, anna, "20,00")
    card_no = cards.get_card(owner, anna).card_no
    cards.archive_card(owner, anna)
    with pytest.raises(ShopError, match="archived"):
        sell(owner, anna, "5,00", cashback="0,50")
    with pytest.raises(ShopError, match=f"Card {card_no} is archived"):
        loyalty.holder_of_card(owner, card_no)
    cards.erase_card(owner, anna)
    with pytest.raises(NotFound, match=f"no card number {card_no}"):
        loyalty.holder_of_card(owner, card_no)


def test_a_rate_over_100_per_cent_or_below_zero_is_refused_and_nothing_saved(
    owner: Session,
) -> None:
    for rate in (15_000, -1):
        with pytest.raises(ValidationError) as caught:
            update_settings(owner, cashback_on=True, cashback_rate_bp=rate)
        assert "from 0 to 10000" in caught.value.fields["cashback_rate_bp"]
    owner.forget_settings()
    assert not owner.settings.cashback_on


def test_the_amount_of_a_sale_that_earned_cannot_be_edited(owner: Session, anna: int) -> None:
    sale = sell(owner, anna, "20,00")
    with pytest.raises(ValidationError, match="void it and record it again"):
        purchases.edit_purchase(owner, sale, purchases.PurchaseInput("25,00"))


def test_the_slip_line_says_what_was_spent_and_earned_and_what_is_held(
    clerk: Session, anna: int
) -> None:
    sell(clerk, anna, "20,00")
    sale = sell(clerk, anna, "10,00", cashback="0,60")
    assert loyalty.slip_line(clerk, sale) == (
        "Cash-back: spent 0,60\u00a0€, earned 0,47\u00a0€, now 0,87\u00a0€"
    )
    back = give_back(clerk, sale, "10,00")
    assert loyalty.slip_line(clerk, back) == (
        "Cash-back: taken back 0,47\u00a0€, given back 0,60\u00a0€, now 1,00\u00a0€"
    )


def test_points_are_shown_as_points_with_their_worth(owner: Session, anna: int) -> None:
    update_settings(owner, cashback_kind="points")
    sell(owner, anna, "20,00")
    till = loyalty.for_till(owner, anna)
    assert till.points
    assert till.balance_text == "100 points (1,00\u00a0€)"


def test_the_clerk_may_run_expiry_which_is_automatic_anyway(
    owner: Session, clerk: Session, anna: int
) -> None:
    sell(owner, anna, "20,00")
    on_day(clerk, "2027-11-24")
    assert loyalty.expire(clerk) == loyalty.Expired(lots=1, amount=100)
    assert [row.created_by for row in loyalty.ledger(clerk, anna)] == ["owner", "clerk"]


def test_each_month_says_what_was_earned_spent_expired_and_still_held(
    owner: Session, clerk: Session, anna: int
) -> None:
    on_day(owner, "2026-10-05")
    sale = sell(owner, anna, "20,00")  # lot A: 1,00 € to spend until 2027-10-05
    update_settings(owner, cashback_expiry_months=1)
    sell(owner, anna, "40,00")  # lot B: 2,00 € until 2026-11-05
    give_back(owner, sale, "10,00")  # takes back 0,50 € from its own sale's lot A
    on_day(owner, "2026-11-04")
    sell(owner, anna, "10,00", cashback="1,00")  # spends 1,00 € of B, earns 0,45 €
    on_day(owner, "2026-11-23")
    loyalty.expire(owner)  # B's last 1,00 € expires; A's 0,50 € and the 0,45 € remain
    with pytest.raises(PermissionDenied):
        loyalty.months(clerk)
    october, november = loyalty.months(owner)
    assert october == loyalty.MonthTotals("2026-10", earned=300, taken_back=50, outstanding=250)
    assert november == loyalty.MonthTotals(
        "2026-11", earned=45, spent=100, expired=100, outstanding=95
    )


def test_voiding_a_sale_paid_with_cash_back_gives_the_cash_back_back(
    owner: Session, anna: int
) -> None:
    sell(owner, anna, "20,00")
    sale = sell(owner, anna, "10,00", cashback="0,60")
    purchases.void_purchase(owner, sale, "wrong card")
    assert [(r.kind.value, r.amount) for r in loyalty.of_purchase(owner, sale.id)] == [
        ("spend", -60), ("earn", 47), ("undo", 60), ("undo", -47)]  # fmt: skip
    assert loyalty.balance(owner, anna) == 100


def test_an_erased_customers_ledger_stays_anonymous_for_the_shops_totals(
    owner: Session, anna: int
) -> None:
    sell(owner, anna, "20,00")
    cards.erase_card(owner, anna)
    rows = owner.db.execute("SELECT customer_id, amount FROM cashback_ledger").fetchall()
    assert rows == [(None, 100)]
    assert loyalty.months(owner)[0].earned == 100
