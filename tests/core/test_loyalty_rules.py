"""The cash-back rules on plain numbers: last days, rounding, shares, the spending order."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from shopcards.core.errors import ValidationError
from shopcards.core.loyalty import (
    Cashback,
    Lot,
    Scheme,
    add_months,
    allocate,
    checked_reason,
    earned,
    letter_values,
    parse_positive,
    share,
)


@pytest.mark.parametrize(
    ("day", "months", "last"),
    [("2026-03-31", 12, "2027-03-31"), ("2026-01-31", 1, "2026-02-28"),
     ("2027-12-15", 2, "2028-02-15"), ("2028-02-29", 12, "2029-02-28")],
)  # fmt: skip
def test_a_last_day_is_the_same_day_months_later_or_the_months_end(
    day: str, months: int, last: str
) -> None:
    assert add_months(dt.date.fromisoformat(day), months).isoformat() == last


def test_a_lot_never_has_a_last_day_before_the_day_it_is_written() -> None:
    scheme = Scheme(on=True, expiry_months=12)
    assert scheme.last_day(dt.date(2024, 1, 5), dt.date(2026, 11, 23)) == "2026-11-23"
    assert Scheme(expiry_months=None).last_day(dt.date(2024, 1, 5), dt.date(2026, 1, 1)) is None


def test_earnings_round_half_up_and_nothing_at_zero() -> None:
    assert earned(2010, 500) == 101  # 100.5
    assert earned(2009, 500) == 100  # 100.45
    assert earned(0, 500) == earned(2000, 0) == 0


@given(st.integers(1, 10**7), st.lists(st.integers(1, 10**6), min_size=1, max_size=8))
def test_shares_of_parts_returned_never_add_up_to_more_than_the_whole(
    total: int, parts: list[int]
) -> None:
    whole = sum(parts)
    running, given_back = 0, 0
    for part in parts:
        running += part
        given_back += share(total, running, whole) - given_back
    assert given_back == total


def test_money_is_taken_from_the_lots_in_the_order_given_and_stops_when_covered() -> None:
    lots = [Lot(1, 30, "2026-01-01"), Lot(2, 50, "2026-06-01"), Lot(3, 70, None)]
    assert allocate(iter(lots), 60) == [(1, 30), (2, 30)]
    assert allocate(iter(lots), 500) == [(1, 30), (2, 50), (3, 70)]


def test_a_spend_or_an_adjustment_must_be_more_than_zero() -> None:
    assert parse_positive("12,40", "cashback", "fi_FI", "EUR") == 1240
    for typed in ("0", "-1", "x"):
        with pytest.raises(ValidationError) as caught:
            parse_positive(typed, "cashback", "fi_FI", "EUR")
        assert "cashback" in caught.value.fields


def test_an_adjustment_needs_a_reason() -> None:
    with pytest.raises(ValidationError):
        checked_reason(" \t ")
    assert checked_reason("  sorry   for the wait ") == "sorry for the wait"


def test_a_households_letter_adds_up_its_cash_back() -> None:
    held = [Cashback(1240, 1000, "2027-03-31"), Cashback(500, 240, "2027-02-28"), Cashback(0)]
    assert letter_values(held, "fi_FI", "EUR") == {
        "cashback_balance": "17,40\u00a0€",
        "cashback_expiring": "12,40\u00a0€",
        "cashback_expiring_date": "28. helmikuuta 2027",
    }
