"""The rules behind insights, on figures small enough to check by hand."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from shopcards.core.calls import CallInput, Outcome, validate_call
from shopcards.core.errors import ValidationError
from shopcards.core.insights import (
    BatchResult,
    CustomerFigures,
    Kind,
    Response,
    declining_customers,
    due_list,
    group_sizes,
    lapsed_customers,
    pareto_split,
    quarter_start,
    shares_of,
    yearly_spend,
)
from shopcards.core.insights_text import csv_value, format_value
from shopcards.core.rfm import RfmPopulation
from shopcards.core.segments import Segment, segment_customers

TODAY = dt.date(2026, 11, 23)


def figures(
    card: int,
    last: str | None = None,
    *,
    first: str | None = None,
    lifetime: int = 0,
    spend_12: int = 0,
    visits_12: int = 0,
    spend_6: int = 0,
) -> CustomerFigures:
    return CustomerFigures(card, first or last, last, lifetime, spend_12, visits_12, spend_6)


# The 80/20 split ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("customers", "sizes"),
    [
        (0, (0, 0)),
        (1, (1, 0)),
        (5, (1, 2)),
        (7, (2, 3)),
        (10, (2, 4)),
        (100_000, (20_000, 40_000)),
    ],
)
def test_top_20_and_next_40_percent_round_up(customers: int, sizes: tuple[int, int]) -> None:
    assert group_sizes(customers) == sizes


def test_pareto_of_ten_customers_by_hand() -> None:
    ranked = [(card, (11 - card) * 100) for card in range(1, 11)]  # 1000, 900, … 100
    split = pareto_split(ranked, "2026-01-01", "2026-12-31")
    assert split.customers == 10
    assert split.total == 5500
    assert list(split.top.ids) == [1, 2]
    assert list(split.next.ids) == [3, 4, 5, 6]
    assert split.top_share == pytest.approx(1900 / 5500)
    assert split.next_share == pytest.approx(2600 / 5500)
    assert split.rest_share == pytest.approx(1000 / 5500)
    assert split.next.row(0) == pytest.approx((3, 800, 800 / 5500, 2700 / 5500))
    assert split.curve[0] == (0.0, 0.0)
    assert split.curve[-1] == (1.0, 1.0)
    marks = {x: y for x, y in split.curve if x in (0.2, 0.6)}
    assert marks == pytest.approx({0.2: 1900 / 5500, 0.6: 4500 / 5500})


def test_pareto_curve_is_thinned_for_many_customers_but_keeps_the_marks() -> None:
    ranked = [(card, 1_000_000 - card) for card in range(1, 10_004)]
    split = pareto_split(ranked, "2026-01-01", "2026-12-31")
    assert len(split.curve) <= 403
    xs = [x for x, _ in split.curve]
    assert xs == sorted(xs)
    assert split.top.row(len(split.top) - 1)[0] in {round(x * 10_003) for x in xs}
    assert split.curve[-1] == (1.0, 1.0)


def test_a_tie_at_the_edge_of_either_group_takes_the_tied_in() -> None:
    spends = [900, 700, 700, 700, 500, 400, 400, 300, 200, 100]  # cards 1 to 10
    split = pareto_split(list(enumerate(spends, start=1)), "2026-01-01", "2026-12-31")
    assert list(split.top.ids) == [1, 2, 3, 4]  # 20% of ten is two; cards 3 and 4 tie with 2
    assert list(split.next.ids) == [5, 6, 7]  # the top 60% ends at card 6; card 7 ties with it
    assert split.tied == (2, 0)
    assert [split.top.row(i)[0] for i in range(4)] == [1, 2, 2, 2]
    assert split.top_share == pytest.approx(3000 / 4900)
    assert split.next_share == pytest.approx(1300 / 4900)
    assert (0.4, pytest.approx(3000 / 4900)) in split.curve
    assert "the top 20% holds 4 customers" in split.tie_note


def test_no_tie_no_note() -> None:
    split = pareto_split([(1, 300), (2, 200), (3, 100)], "2026-01-01", "2026-12-31")
    assert split.tied == (0, 0) and split.tie_note == ""


@pytest.mark.parametrize(
    ("amounts", "shares"),
    [
        ([1, 1, 1], [0.334, 0.333, 0.333]),
        ([2, 2, 2, 2, 1], [0.223, 0.222, 0.222, 0.222, 0.111]),
        ([0, 5], [0.0, 1.0]),
        ([0, 0], [0.0, 0.0]),
        ([], []),
    ],
)
def test_shares_are_rounded_to_add_up_to_100_percent(
    amounts: list[int], shares: list[float]
) -> None:
    assert shares_of(amounts) == shares


@given(st.lists(st.integers(min_value=0, max_value=10**9), min_size=1, max_size=30))
def test_any_shares_add_up_to_exactly_100_percent(amounts: list[int]) -> None:
    parts = [round(share * 1000) for share in shares_of(amounts)]
    assert sum(parts) == (1000 if sum(amounts) else 0)
    assert all(
        abs(part - amount * 1000 / (sum(amounts) or 1)) < 1
        for part, amount in zip(parts, amounts, strict=True)
    )


def test_pareto_of_nobody() -> None:
    split = pareto_split([], "2026-01-01", "2026-12-31")
    assert (split.customers, split.total, len(split.top), len(split.next)) == (0, 0, 0, 0)
    assert split.top_share == split.next_share == split.rest_share == 0
    assert split.curve == ((0.0, 0.0),)


# Segments -------------------------------------------------------------------------------------


def ten_customers() -> list[CustomerFigures]:
    """Eight active customers (visits 12…1, spends chosen), one former, one who never bought."""
    rows = [  # card, visits, spend in 12 months, last sale
        (1, 12, 120_000, "2026-11-05"),
        (2, 10, 80_000, "2026-10-01"),
        (3, 8, 16_000, "2026-09-03"),
        (4, 6, 6_000, "2026-11-10"),
        (5, 2, 40_000, "2026-09-15"),
        (6, 2, 30_000, "2026-04-20"),
        (7, 1, 3_000, "2026-11-01"),
        (8, 1, 2_000, "2026-07-07"),
    ]
    active = [
        figures(card, last, lifetime=spend, spend_12=spend, visits_12=visits)
        for card, visits, spend, last in rows
    ]
    return [*active, figures(9, "2024-06-01", lifetime=5_000)]


def test_segments_split_at_the_medians() -> None:
    split = segment_customers(ten_customers(), TODAY, former_months=12)
    assert split.thresholds.visits == 4  # median of 12, 10, 8, 6, 2, 2, 1, 1
    assert split.thresholds.spend == 23_000  # median of the eight spends
    members = {g.segment: sorted(g.customers.ids) for g in split.groups}
    assert members == {
        Segment.REGULAR_HEAVY: [1, 2],
        Segment.REGULAR_LIGHT: [3, 4],
        Segment.INFREQUENT_HEAVY: [5, 6],
        Segment.INFREQUENT_LIGHT: [7, 8],
        Segment.FORMER: [9],
    }
    assert split.total == 297_000
    assert split.group(Segment.REGULAR_HEAVY).share == 0.673  # 200,000 / 297,000, as shown
    assert split.group(Segment.INFREQUENT_LIGHT).spend == 5_000
    assert sum(round(g.share * 1000) for g in split.groups) == 1000
    assert list(split.group(Segment.REGULAR_HEAVY).customers.ids) == [1, 2]  # biggest first


def test_segments_with_the_owners_thresholds_and_six_months_to_former() -> None:
    split = segment_customers(
        ten_customers(), TODAY, former_months=6, regular_visits=1, heavy_spend=10_000
    )
    assert not split.thresholds.visits_is_median
    members = {g.segment: sorted(g.customers.ids) for g in split.groups}
    assert members[Segment.FORMER] == [6, 9]  # card 6 last bought on 20 April
    assert members[Segment.REGULAR_HEAVY] == [1, 2, 3, 5]
    assert members[Segment.REGULAR_LIGHT] == [4]
    assert members[Segment.INFREQUENT_LIGHT] == [7, 8]


def test_a_customer_who_returned_more_than_they_bought_counts_as_spending_nothing() -> None:
    rows = [*ten_customers(), figures(10, "2025-06-01", lifetime=0, spend_12=-90_000)]
    split = segment_customers(rows, TODAY, former_months=12)
    former = split.group(Segment.FORMER)
    assert list(former.customers.ids) == [9, 10]
    assert (former.spend, former.share) == (0, 0.0)
    assert split.total == 297_000
    assert split.group(Segment.REGULAR_HEAVY).share == 0.673


# Lapsed, declining, due -----------------------------------------------------------------------


def test_yearly_spend_counts_a_short_customer_as_one_year() -> None:
    assert yearly_spend(figures(1, "2026-03-01", first="2026-01-01", lifetime=9_000)) == 9_000
    two_years = figures(1, "2026-01-01", first="2024-01-01", lifetime=10_000)
    assert yearly_spend(two_years) == round(10_000 / (731 / 365.25))
    assert yearly_spend(figures(1)) == 0


def test_lapsed_are_ranked_by_what_the_shop_stands_to_lose() -> None:
    rows = [
        figures(1, "2026-05-23", first="2025-05-23", lifetime=1_000),  # exactly 6 months ago
        figures(2, "2026-05-24", lifetime=99_000),  # bought within the 6 months
        figures(3, "2025-01-01", first="2024-01-01", lifetime=50_000),
        figures(4, "2026-02-01", lifetime=50_000),  # archived
        figures(5, None),  # never bought
    ]
    found = lapsed_customers(rows, TODAY, 6, leave_out=frozenset({4}))
    assert list(found.ids) == [3, 1]
    assert [c.header for c in found.columns] == ["Yearly spend", "Last purchase", "Lifetime spend"]
    assert found.row(1) == (1_000, "2026-05-23", 1_000)


def test_declining_means_down_by_at_least_half() -> None:
    rows = [
        figures(1, "2026-10-01", lifetime=3_000, spend_12=3_000, spend_6=1_000),  # 2000 -> 1000
        figures(2, "2026-10-01", lifetime=3_002, spend_12=3_002, spend_6=1_001),  # 2001 -> 1001
        figures(3, "2026-01-01", lifetime=8_000, spend_12=8_000, spend_6=0),  # 8000 -> 0
        figures(4, "2026-10-01", lifetime=500, spend_12=500, spend_6=500),  # new customer
    ]
    found = declining_customers(rows)
    assert list(found.ids) == [3, 1]
    assert found.row(1)[1:4] == (1_000, 2_000, -0.5)


def test_due_list_puts_the_valuable_first_then_the_never_contacted() -> None:
    by_id = {1: figures(1, "2026-11-01", lifetime=500), 2: figures(2, "2026-11-01", lifetime=9_000)}
    found = due_list("Due", [(3, "2026-01-05T10:00:00"), (1, None), (2, None), (4, None)], by_id)
    assert list(found.ids) == [2, 1, 4, 3]
    assert found.row(3) == (0, "2026-01-05", None)


@pytest.mark.parametrize(
    ("day", "start"),
    [
        ("2026-01-01", "2026-01-01"),
        ("2026-03-31", "2026-01-01"),
        ("2026-04-01", "2026-04-01"),
        ("2026-11-23", "2026-10-01"),
        ("2026-12-31", "2026-10-01"),
    ],
)
def test_quarter_start(day: str, start: str) -> None:
    assert quarter_start(dt.date.fromisoformat(day)).isoformat() == start


# RFM ------------------------------------------------------------------------------------------


def test_rfm_scores_are_fifths_with_ties_scored_alike() -> None:
    population = RfmPopulation(ten_customers())
    assert len(population) == 9
    one = population.score(ten_customers()[0])
    assert one is not None
    assert (one.recency, one.frequency, one.money) == (4, 5, 5)  # card 4 bought later
    assert one.code == "455"
    former = population.score(ten_customers()[8])
    assert former is not None and former.code == "111"
    twice = [population.score(f) for f in ten_customers() if f.customer_id in (5, 6)]
    assert [s.frequency for s in twice if s] == [2, 2]  # 3 of 9 made fewer visits: 1 + 15 // 9
    assert population.score(figures(10)) is None


def test_rfm_of_a_customer_above_everyone_known_is_five() -> None:
    population = RfmPopulation(ten_customers())
    newcomer = figures(11, "2026-11-23", lifetime=10**9, spend_12=10**9, visits_12=300)
    score = population.score(newcomer)
    assert score is not None and score.code == "555"


# Did it work ----------------------------------------------------------------------------------


def test_uplift_is_mailed_rate_minus_held_out_rate() -> None:
    batch = BatchResult(
        1, "2026-09-01", "We miss you", "", Response(5, 3, 4), Response(2, 1, 1), days_since=45
    )
    assert batch.mailed.rate(30) == pytest.approx(0.6)
    assert batch.uplift(30) == pytest.approx(0.1)
    assert batch.uplift(60) == pytest.approx(0.3)
    assert batch.complete(30) and not batch.complete(60)
    without = BatchResult(2, "2026-09-01", "Letter", "", Response(5, 3, 4), Response(0, 0, 0), 90)
    assert without.uplift(30) is None


# Values as written ----------------------------------------------------------------------------


def test_values_for_people_and_for_spreadsheets() -> None:
    assert format_value(Kind.MONEY, 123456, "fi_FI", "EUR") == "1\xa0234,56\xa0€"
    assert format_value(Kind.PERCENT, 0.3453, "en_GB", "EUR") == "34.5%"
    assert format_value(Kind.DATE, "2026-03-05", "en_GB", "EUR") == "5 Mar 2026"
    assert format_value(Kind.DATE, None, "en_GB", "EUR") == ""
    assert csv_value(Kind.MONEY, -1250, "EUR") == "-12.50"
    assert csv_value(Kind.MONEY, 1250, "JPY") == "1250"
    assert csv_value(Kind.PERCENT, 0.3453, "EUR") == "34.5"


# Calls ----------------------------------------------------------------------------------------


def test_a_call_as_typed() -> None:
    entry = validate_call(
        CallInput("left_message", "2026-11-20", "  Wants the new catalogue ", True, "2026-12-01"),
        TODAY,
    )
    assert entry.outcome is Outcome.LEFT_MESSAGE
    assert entry.reason == "Wants the new catalogue"
    assert (entry.called_on, entry.follow_up_on, entry.complaint) == (
        "2026-11-20",
        "2026-12-01",
        True,
    )
    assert validate_call(CallInput("reached"), TODAY).called_on == "2026-11-23"


def test_a_wrong_call_names_every_wrong_field() -> None:
    with pytest.raises(ValidationError) as caught:
        validate_call(CallInput("maybe", "2026-11-30", "x" * 501, False, "2026-11-01"), TODAY)
    assert set(caught.value.fields) == {"outcome", "called_on", "reason", "follow_up_on"}


@given(st.text(max_size=20), st.text(max_size=20), st.text(max_size=40), st.text(max_size=20))
def test_any_typing_gives_a_call_or_a_validation_error(
    outcome: str, called: str, reason: str, follow: str
) -> None:
    try:
        entry = validate_call(CallInput(outcome, called, reason, False, follow), TODAY)
    except ValidationError as exc:
        assert exc.fields
    else:
        assert entry.called_on <= TODAY.isoformat()
