"""The figures on a card, from a customer's purchases, with known answers."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from shopcards.core.history import MONTHS_CHARTED, counted, figures, months_back
from shopcards.core.purchase import Purchase

TODAY = dt.date(2026, 11, 23)


def test_nothing_bought_yet() -> None:
    f = figures([], TODAY)
    assert (f.lifetime_spend, f.last_12_months, f.visits) == (0, 0, 0)
    assert f.average_basket is None and f.first_visit is None and f.last_visit is None
    assert f.trend_12.change is None
    assert len(f.monthly) == MONTHS_CHARTED and all(v == 0 for _, v in f.monthly)


def test_figures_of_a_known_customer() -> None:
    purchases = [
        ("2023-05-01", 10000),  # more than 24 months ago: lifetime only
        ("2025-01-10", 4000),  # 12-24 months ago
        ("2025-11-23", 1000),  # exactly 12 months ago: belongs to the year before
        ("2026-03-01", 2000),  # 6-12 months ago
        ("2026-03-01", 500),  # same day: still one visit
        ("2026-10-05", 3000),  # last 6 months
        ("2026-10-06", -1000),  # a return: takes off, is no visit
    ]
    f = figures(purchases, TODAY)
    assert f.lifetime_spend == 19500
    assert f.last_12_months == 4500
    assert f.visits == 5
    assert f.average_basket == 3900
    assert (f.first_visit, f.last_visit) == ("2023-05-01", "2026-10-05")
    assert (f.trend_12.recent, f.trend_12.before) == (4500, 5000)
    assert f.trend_12.change == -0.1
    assert (f.trend_6.recent, f.trend_6.before) == (2000, 2500)
    assert f.trend_6.change == -0.2
    monthly = dict(f.monthly)
    assert monthly["2026-10"] == 2000 and monthly["2026-03"] == 2500
    assert f.monthly[0][0] == "2024-12" and f.monthly[-1][0] == "2026-11"
    assert "2023-05" not in monthly


def test_voided_purchases_do_not_count() -> None:
    sale = Purchase(id=1, customer_id=1, date="2026-11-01", amount=5000)
    voided = Purchase(
        id=2,
        customer_id=1,
        date="2026-11-02",
        amount=7000,
        voided_at="2026-11-02T10:00:00",
        voided_by="owner",
    )
    assert figures(counted([sale, voided]), TODAY).lifetime_spend == 5000


def test_months_back_keeps_to_real_days() -> None:
    assert months_back(dt.date(2026, 3, 31), 1) == dt.date(2026, 2, 28)
    assert months_back(dt.date(2024, 3, 31), 1) == dt.date(2024, 2, 29)
    assert months_back(dt.date(2026, 1, 15), 13) == dt.date(2024, 12, 15)


days = st.dates(min_value=dt.date(2020, 1, 1), max_value=TODAY).map(dt.date.isoformat)


@given(st.lists(st.tuples(days, st.integers(-(10**6), 10**6)), max_size=60))
def test_the_figures_add_up(purchases: list[tuple[str, int]]) -> None:
    f = figures(purchases, TODAY)
    assert f.lifetime_spend == sum(a for _, a in purchases)
    last_two_years = sum(a for d, a in purchases if d > "2024-11-23")
    assert f.trend_12.recent + f.trend_12.before == last_two_years
    assert f.trend_6.recent + f.trend_6.before == f.last_12_months
    assert sum(v for _, v in f.monthly) == sum(a for d, a in purchases if d >= "2024-12")
    if f.average_basket is not None:
        assert abs(f.average_basket * f.visits - f.lifetime_spend) <= f.visits
