"""The tier rules as plain Python: the discount's rounding, placement by threshold and top
share (ties, exact boundaries), and the checks of a tier table and of a placement by hand."""

from __future__ import annotations

import datetime as dt

import pytest

from shopcards.core.errors import ValidationError
from shopcards.core.insights import top_count
from shopcards.core.loyalty_tiers import Rule, Tier, check_manual, discount, format_rate, moves

CARD = Tier("Card", 500, Rule.SPEND, threshold=0, id=1)
GOLD = Tier("Gold", 1500, Rule.SPEND, threshold=1000, id=2)
VIP = Tier("VIP", 2500, Rule.TOP, top_bp=2500, id=3)


def place(ranked: list[tuple[int, int]], tiers: list[Tier]) -> dict[int, int | None]:
    """Customer id -> tier id, for a file where nobody was in a tier yet."""
    found, placed = moves(ranked, {}, tiers)
    assert placed == sum(tier is not None for *_, tier in found)
    return {cid: tier and tier.id for cid, _, _, tier in found}


@pytest.mark.parametrize(
    ("amount", "rate_bp", "expected"),
    [
        (105, 1000, 11),  # 10.5 rounds up
        (104, 1000, 10),  # 10.4 rounds down
        (5, 1000, 1),  # 0.5 rounds up
        (4, 1000, 0),
        (1999, 1500, 300),  # 299.85
        (10_000, 10_000, 10_000),
        (10_000, 0, 0),
        (0, 1500, 0),
        (-5000, 1500, 0),  # a return gets no discount
    ],
)
def test_the_discount_is_round_half_up_of_amount_times_rate(
    amount: int, rate_bp: int, expected: int
) -> None:
    assert discount(amount, rate_bp) == expected


def test_rates_are_written_the_shops_way() -> None:
    assert format_rate(1500, "en_GB") == "15%"
    assert format_rate(1250, "en_GB") == "12.5%"
    assert format_rate(1250, "fi_FI") == "12,5%"


def test_a_threshold_met_exactly_places_the_customer() -> None:
    ranked = [(10, 1001), (11, 1000), (12, 999), (13, 1)]
    assert place(ranked, [CARD, GOLD]) == {10: 2, 11: 2, 12: 1, 13: 1}


def test_the_top_share_rounds_up_and_takes_in_ties() -> None:
    ranked = [(1, 900), (2, 800), (3, 800), (4, 800), (5, 50), (6, 40), (7, 30), (8, 20)]
    assert top_count([spend for _, spend in ranked], 2500) == 4  # 2 of 8, then the tie of 800
    assert top_count([spend for _, spend in ranked], 1) == 1  # 0.01% of 8 rounds up to one
    placed = place(ranked, [CARD, GOLD, VIP])
    assert placed == {1: 3, 2: 3, 3: 3, 4: 3, 5: 1, 6: 1, 7: 1, 8: 1}


def test_the_best_discount_wins_whatever_the_tables_order() -> None:
    ranked = [(1, 5000), (2, 1500), (3, 10)]
    stingy_top = Tier("Top", 200, Rule.TOP, top_bp=10_000, id=4)
    assert place(ranked, [stingy_top, GOLD]) == {1: 2, 2: 2, 3: 4}


def test_nobody_ranked_nobody_placed() -> None:
    assert place([], [CARD, GOLD, VIP]) == {}


def test_only_who_changes_tier_moves() -> None:
    ranked = [(1, 5000), (2, 1200), (3, 500), (4, 10)]
    running = {1: 2, 2: 1, 3: 1, 5: 1, 6: 0}  # 5 spent nothing any more; 6's tier was deleted
    assert moves(ranked, running, [CARD, GOLD]) == (
        [(2, 1200, 1, GOLD), (4, 10, None, CARD), (5, 0, 1, None), (6, 0, 0, None)],
        4,
    )


TODAY = dt.date(2026, 11, 23)


def test_a_placement_by_hand_keeps_its_reason_tidy() -> None:
    assert (
        check_manual("gold", "2026-11-24", "  a  good\nfriend ", ["Gold"], TODAY) == "a good friend"
    )


def test_a_placement_by_hand_names_every_problem() -> None:
    with pytest.raises(ValidationError) as caught:
        check_manual("Platinum", "2026-11-23", "", ["Card", "Gold"], TODAY)
    assert caught.value.fields == {
        "tier": "“Platinum” is not a tier (the tiers: Card, Gold)",
        "ends on": "the end date 2026-11-23 must be after today (2026-11-23)",
        "reason": "say why the customer is put in this tier by hand",
    }


def test_below_every_tier_a_running_placement_ends_even_of_a_deleted_tier() -> None:
    ranked = [(1, 5000), (2, 10), (3, 5)]
    assert moves(ranked, {2: 0, 3: 1}, [GOLD]) == (
        [(1, 5000, None, GOLD), (2, 10, 0, None), (3, 5, 1, None)],
        1,
    )
