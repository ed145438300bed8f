"""The figures' rules, on real card files: who is counted (staff never, archived cards in the
totals only), customers who spent the same share a group, and segment shares that are never
negative and add up to 100%."""

from __future__ import annotations

import gc

import pytest

from shopcards.core.purchase import PurchaseInput
from shopcards.core.segments import Segment
from shopcards.services import cards, insights, purchases
from shopcards.services.session import Session
from tests.conftest import card_input
from tests.services.test_insights import KNOWN_SHOP, LAST_12, build_known_shop, names


def make_staff(owner: Session, ids: dict[str, int], given: str) -> None:
    """The known shop's card of ``given``, as it was typed, now ticked "works at the shop"."""
    fields = next(fields for name, fields, _ in KNOWN_SHOP if name == given)
    card = cards.get_card(owner, ids[given])
    cards.update_card(owner, card, card_input(given, "Known", is_staff=True, **fields))


def shop_of(owner: Session, bought: list[tuple[str, list[tuple[str, str]]]]) -> dict[str, int]:
    """Cards with their sales (date, euros); a negative amount returns the sale before it."""
    ids: dict[str, int] = {}
    for given, sales in bought:
        card = cards.add_card(owner, card_input(given, "Shop"))
        assert card.id is not None
        ids[given] = card.id
        sale = None
        for date, euros in sales:
            if euros.startswith("-"):
                assert sale is not None
                purchases.record_return(owner, sale.id, PurchaseInput(euros[1:], date=date))
            else:
                sale = purchases.record_purchase(owner, card.id, PurchaseInput(euros, date=date))
    return ids


@pytest.fixture
def shop(owner: Session) -> dict[str, int]:
    return build_known_shop(owner)


def test_staff_are_in_none_of_the_figures(owner: Session, shop: dict[str, int]) -> None:
    make_staff(owner, shop, "Bo")  # 800 € in the last 12 months, spending less, due a letter
    split = insights.pareto(owner, *LAST_12)
    # Anna 1200, Eli 400, Fay 300, Cai 160, Dana 60, Gus 30, Hal 20 = 2170 €
    assert (split.customers, split.total) == (7, 217_000)
    assert names(shop, split.top) == ["Anna", "Eli"]
    assert names(shop, split.next) == ["Fay", "Cai", "Dana"]
    segmented = insights.segments(owner)
    assert shop["Bo"] not in {card for g in segmented.groups for card in g.customers.ids}
    assert segmented.total == 217_000  # the same customers; Ida bought nothing in 12 months
    assert insights.rfm_for(owner, shop["Bo"]) is None
    assert names(shop, insights.declining(owner)) == ["Fay"]
    assert "Bo" not in names(shop, insights.due_for_contact(owner).letters)
    seen = insights.overview(owner, *LAST_12)
    assert shop["Bo"] not in (*seen.pareto.top.ids, *seen.declining.ids, *seen.due_letters.ids)


def test_archived_cards_count_in_the_totals_but_are_not_listed_to_contact(
    owner: Session, shop: dict[str, int]
) -> None:
    cards.archive_card(owner, shop["Fay"])  # 300 € in the last 12 months, lapsed
    split = insights.pareto(owner, *LAST_12)
    assert (split.customers, split.total) == (8, 297_000)
    assert "Fay" in names(shop, split.next)
    assert names(shop, insights.segments(owner).group(Segment.INFREQUENT_HEAVY).customers) == [
        "Eli",
        "Fay",
    ]
    assert names(shop, insights.lapsed(owner)) == ["Ida"]


def test_customers_who_spent_the_same_share_a_group(owner: Session) -> None:
    ids = shop_of(
        owner,
        [
            ("Ada", [("2026-05-01", "500")]),
            ("Ben", [("2026-06-01", "300"), ("2026-07-01", "200")]),  # 500 € too
            ("Cid", [("2026-08-01", "300")]),
            ("Dee", [("2026-09-01", "200")]),
            ("Eve", [("2026-10-01", "100")]),
        ],
    )
    split = insights.pareto(owner, *LAST_12)
    # the top 20% of five is one customer, but Ben spent what Ada spent
    assert names(ids, split.top) == ["Ada", "Ben"]
    assert names(ids, split.next) == ["Cid"]
    assert [split.top.row(i)[0] for i in range(2)] == [1, 1]  # both ranked first
    assert split.next.row(0)[0] == 3
    assert split.top_share == pytest.approx(1000 / 1600)
    assert split.tied == (1, 0)
    assert split.tie_note == (
        "Customers who spent the same share a group, so the top 20% holds 2 customers."
    )


def test_a_former_customer_who_only_returned_lately_makes_no_share_negative(
    owner: Session,
) -> None:
    ids = shop_of(
        owner,
        [
            ("Ada", [("2026-10-01", "100")]),
            ("Ben", [("2026-09-01", "200")]),
            # bought 17 months ago, brought it back in December: -90 € in the last 12 months
            ("Fen", [("2025-06-01", "90"), ("2025-12-01", "-90")]),
        ],
    )
    split = insights.segments(owner)
    former = split.group(Segment.FORMER)
    assert names(ids, former.customers) == ["Fen"]
    assert (former.spend, former.share) == (0, 0.0)
    assert split.total == 30_000
    assert all(g.share >= 0 and g.spend >= 0 for g in split.groups)
    assert sum(round(g.share * 1000) for g in split.groups) == 1000
    assert sorted(g.share for g in split.groups if g.share) == [0.333, 0.667]
    assert sum(round(g.customer_share * 1000) for g in split.groups) == 1000
    assert former.customer_share == 0.333  # one of the three, but still counted


def test_the_overview_splits_the_last_12_months_as_their_purchases_add_up(
    owner: Session, shop: dict[str, int]
) -> None:
    """The overview reads the default period's 80/20 off every customer's figures (their 12
    months' spend, in the store's order) instead of summing the period's purchases again:
    the same split at the window's edges, with returns, voided sales, staff and ties."""
    make_staff(owner, shop, "Cai")  # 160 € in the last 12 months
    ids = shop | shop_of(
        owner,
        [
            ("Kim", [("2025-11-23", "500")]),  # the day before the 12 months
            ("Lea", [("2025-11-24", "30"), ("2026-11-23", "30")]),  # their first and last day
            ("Max", [("2026-02-02", "40"), ("2026-02-03", "-40")]),  # all brought back
        ],
    )
    seen = insights.overview(owner, *LAST_12).pareto
    assert seen == insights.pareto(owner, *LAST_12)
    # Anna 1200, Bo 800, Eli 400, Fay 300, Dana 60, Lea 60, Gus 30, Hal 20 = 2870 €
    assert (seen.customers, seen.total) == (8, 287_000)
    assert names(ids, seen.top) == ["Anna", "Bo"]
    assert names(ids, seen.next) == ["Eli", "Fay", "Dana", "Lea"]  # Lea spent what Dana did
    assert gc.isenabled()  # paused while the overview was worked out, running again after
