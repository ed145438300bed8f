"""Insights on a shop whose figures are known by construction: ten customers, each bought
what the table in :func:`build_known_shop` says, so every group, share and rank is checked
against numbers worked out by hand."""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest

from shopcards.core.calls import CallInput
from shopcards.core.errors import PermissionDenied, ValidationError
from shopcards.core.insights import CustomerList
from shopcards.core.purchase import PurchaseInput
from shopcards.core.segments import Segment
from shopcards.services import calls, cards, insights, purchases
from shopcards.services.session import Session
from shopcards.store import insights as insights_store
from shopcards.store.dialect import inserted_id
from tests.conftest import card_input

# name, card fields, [(date, euros)] (a negative amount returns part of the sale before it)
KNOWN_SHOP: list[tuple[str, dict[str, object], list[tuple[str, str]]]] = [
    (
        "Anna",
        {"consent_post": "yes", "address": "Kauppakatu 1", "city": "Turku"},
        [("2024-11-10", "100")]
        + [(f"{y}-{m:02d}-05", "100") for y, m in [(2025, 12)] + [(2026, n) for n in range(1, 12)]],
    ),
    (
        "Bo",
        {"consent_post": "yes", "address": "Rantatie 2", "city": "Oulu"},
        [
            (d, "80")
            for d in (
                "2025-12-01",
                "2025-12-15",
                "2026-01-10",
                "2026-02-10",
                "2026-03-10",
                "2026-04-10",
                "2026-05-01",
                "2026-05-20",
                "2026-08-01",
                "2026-10-01",
            )
        ],
    ),
    (
        "Cai",
        {"consent_post": "yes", "address": "Puistokatu 3", "city": "Vaasa"},
        [(f"2026-{m:02d}-03", "20") for m in (1, 2, 3, 4, 6, 7, 8, 9)],
    ),
    (
        "Dana",
        {"consent_phone": "yes", "phones": [("mobile", "+358 40 111 1111")]},
        [(f"2026-{m:02d}-10", "10") for m in (6, 7, 8, 9, 10, 11)],
    ),
    (
        "Eli",
        {"consent_phone": "yes", "phones": [("mobile", "+358 40 222 2222")]},
        [("2026-03-15", "200"), ("2026-09-15", "200")],
    ),
    ("Fay", {"consent_phone": "yes"}, [("2026-01-20", "150"), ("2026-04-20", "150")]),
    (
        "Gus",
        {"consent_phone": "yes", "phones": [("mobile", "+358 40 333 3333")]},
        [("2026-11-01", "30")],
    ),
    ("Hal", {}, [("2026-07-07", "30"), ("2026-07-20", "-10")]),
    ("Ida", {"consent_post": "no", "address": "Kuja 9", "city": "Pori"}, [("2024-06-01", "50")]),
    ("Jon", {"consent_post": "yes", "address": "Tie 10", "city": "Lahti"}, []),
]
"""Today is 2026-11-23. In the last 12 months Anna bought 12 times, Bo 10 (8 of them more
than 6 months ago), Cai 8, Dana 6, Eli and Fay twice (Fay not since April), Gus and Hal once;
Ida last bought in 2024, Jon never. Hal also has a voided 500 € purchase that must not count."""


def build_known_shop(owner: Session) -> dict[str, int]:
    """The shop of KNOWN_SHOP; returns card id by given name."""
    ids: dict[str, int] = {}
    for given, fields, bought in KNOWN_SHOP:
        card = cards.add_card(owner, card_input(given, "Known", **fields))
        assert card.id is not None
        ids[given] = card.id
        sale = None
        for date, euros in bought:
            if euros.startswith("-"):
                assert sale is not None
                purchases.record_return(owner, sale.id, PurchaseInput(euros[1:], date=date))
            else:
                sale = purchases.record_purchase(owner, card.id, PurchaseInput(euros, date=date))
    voided = purchases.record_purchase(owner, ids["Hal"], PurchaseInput("500", date="2026-08-08"))
    purchases.void_purchase(owner, voided, "typed on the wrong card")
    return ids


def send_batch(
    owner: Session,
    created_at: str,
    mailed: list[int],
    held_out: list[int],
    template: str = "We miss you",
) -> int:
    """A letter batch as the letters service records it."""
    with owner.card_file.write() as db:
        batch = inserted_id(
            db,
            "INSERT INTO letter_batches (created_at, created_by, template, kind, selection, "
            "holdout_share) VALUES (?, 'owner', ?, 'letter', 'chosen cards', ?)",
            [created_at, template, len(held_out) / (len(mailed) + len(held_out))],
        )
        db.conn.executemany(
            "INSERT INTO letters_sent (batch_id, customer_id, template, kind, sent_at, held_out) "
            "VALUES (?, ?, ?, 'letter', ?, ?)",
            [
                (batch, card, template, created_at, flag)
                for flag, group in ((0, mailed), (1, held_out))
                for card in group
            ],
        )
    return batch


@pytest.fixture
def shop(owner: Session) -> dict[str, int]:
    return build_known_shop(owner)


def names(ids: dict[str, int], listed: CustomerList) -> list[str]:
    by_id = {card: name for name, card in ids.items()}
    return [by_id[card] for card in listed.ids]


LAST_12 = (dt.date(2025, 11, 24), dt.date(2026, 11, 23))


def test_pareto_of_the_last_twelve_months(owner: Session, shop: dict[str, int]) -> None:
    split = insights.pareto(owner, *LAST_12)
    # spends: Anna 1200, Bo 800, Eli 400, Fay 300, Cai 160, Dana 60, Gus 30, Hal 20 = 2970
    assert split.customers == 8
    assert split.total == 297_000
    assert names(shop, split.top) == ["Anna", "Bo"]
    assert names(shop, split.next) == ["Eli", "Fay", "Cai"]
    assert split.top_share == pytest.approx(2000 / 2970)
    assert split.next_share == pytest.approx(860 / 2970)


def test_a_report_reads_one_state_of_the_shop_while_the_till_sells(
    owner: Session, clerk: Session, shop: dict[str, int]
) -> None:
    """A report's figures add up: a sale saved meanwhile is in the next report, not half in
    this one (a read-only snapshot on a shared card file, where each read would see it)."""
    with insights_store.snapshot(owner.db):
        before = insights.pareto(owner, *LAST_12).total
        purchases.record_purchase(clerk, shop["Gus"], PurchaseInput("70", date="2026-11-23"))
        assert insights.pareto(owner, *LAST_12).total == before
    assert insights.pareto(owner, *LAST_12).total == before + 7_000


def test_pareto_of_a_period_with_the_old_purchases(owner: Session, shop: dict[str, int]) -> None:
    split = insights.pareto(owner, dt.date(2024, 1, 1), dt.date(2024, 12, 31))
    assert names(shop, split.top) == ["Anna"]  # 100 € in November 2024 against Ida's 50 €
    assert names(shop, split.next) == ["Ida"]
    assert split.total == 15_000


def test_pareto_refuses_a_period_that_ends_before_it_starts(owner: Session) -> None:
    with pytest.raises(ValidationError):
        insights.pareto(owner, dt.date(2026, 5, 1), dt.date(2026, 4, 1))


def test_segments_of_the_known_shop(owner: Session, shop: dict[str, int]) -> None:
    split = insights.segments(owner)
    assert split.thresholds.visits == 4 and split.thresholds.spend == 23_000
    assert {g.segment: names(shop, g.customers) for g in split.groups} == {
        Segment.REGULAR_HEAVY: ["Anna", "Bo"],
        Segment.REGULAR_LIGHT: ["Cai", "Dana"],
        Segment.INFREQUENT_HEAVY: ["Eli", "Fay"],
        Segment.INFREQUENT_LIGHT: ["Gus", "Hal"],
        Segment.FORMER: ["Ida"],
    }
    assert split.group(Segment.INFREQUENT_HEAVY).share == 0.236  # 700 / 2970, as shown
    assert split.group(Segment.REGULAR_LIGHT).count == 2


def test_segments_follow_the_owners_thresholds(owner: Session, shop: dict[str, int]) -> None:
    insights.save_thresholds(
        owner,
        lapsed_months=6,
        former_months=6,
        regular_visits=1,
        heavy_spend=10_000,
        holdout_share=0.1,
    )
    split = insights.segments(owner)
    assert names(shop, split.group(Segment.FORMER).customers) == ["Fay", "Ida"]
    assert names(shop, split.group(Segment.REGULAR_HEAVY).customers) == ["Anna", "Bo", "Eli", "Cai"]


def test_thresholds_out_of_range_are_refused(owner: Session) -> None:
    with pytest.raises(ValidationError) as caught:
        insights.save_thresholds(
            owner,
            lapsed_months=0,
            former_months=9,
            regular_visits=-1,
            heavy_spend=-5,
            holdout_share=0.9,
        )
    assert set(caught.value.fields) == {
        "lapsed_months",
        "former_months",
        "regular_visits",
        "heavy_spend",
        "holdout_share",
    }


def test_lapsed_and_declining(owner: Session, shop: dict[str, int]) -> None:
    lapsed = insights.lapsed(owner)
    assert names(shop, lapsed) == ["Fay", "Ida"]  # 300 € a year against 50 €
    assert lapsed.row(0) == (30_000, "2026-04-20", 30_000, "None (no phone number)")
    declining = insights.declining(owner)
    assert names(shop, declining) == ["Bo", "Fay"]  # Bo: 640 € then 160 €; Fay: 300 € then 0
    assert declining.row(0)[:5] == (80_000, 16_000, 64_000, -0.75, "2026-10-01")


def test_archived_cards_are_not_on_the_lists_to_contact(
    owner: Session, shop: dict[str, int]
) -> None:
    cards.archive_card(owner, shop["Fay"])
    assert names(shop, insights.lapsed(owner)) == ["Ida"]
    assert names(shop, insights.declining(owner)) == ["Bo"]


def test_due_for_a_letter_and_for_a_call(owner: Session, shop: dict[str, int]) -> None:
    send_batch(owner, "2026-09-01T09:00:00", [shop["Anna"]], [])  # last quarter
    send_batch(owner, "2026-10-15T09:00:00", [shop["Bo"]], [shop["Cai"]])  # this quarter
    calls.log_call(owner, shop["Eli"], CallInput("reached", "2026-08-01"))  # within 6 months
    calls.log_call(owner, shop["Gus"], CallInput("no_answer", "2026-01-10"))
    due = insights.due_for_contact(owner)
    # consent to post with an address: Anna, Bo, Cai, Jon (Ida said no)
    assert names(shop, due.letters) == ["Anna", "Jon"]
    assert due.letters.row(0)[1] == "2026-09-01"
    # consent to phone with a number: Dana, Eli, Gus (Fay has no number)
    assert names(shop, due.calls) == ["Dana", "Gus"]
    assert due.calls.row(1)[1] == "2026-01-10"


def test_did_it_work_against_the_hold_out(owner: Session, shop: dict[str, int]) -> None:
    first = send_batch(
        owner,
        "2026-09-01T09:00:00",
        [shop[n] for n in ("Anna", "Bo", "Dana", "Hal", "Ida")],
        [shop["Cai"], shop["Gus"]],
    )
    second = send_batch(owner, "2026-10-15T09:00:00", [shop["Bo"]], [shop["Cai"]], "Autumn")
    results = {r.batch_id: r for r in insights.batch_results(owner)}
    assert list(results) == [second, first]
    one = results[first]
    # within 30 days (2 Sep – 1 Oct): Anna 5 Sep, Bo 1 Oct, Dana 10 Sep; Cai 3 Sep held out
    assert (one.mailed.recipients, one.mailed.bought_30, one.mailed.bought_60) == (5, 3, 3)
    assert (one.held_out.recipients, one.held_out.bought_30, one.held_out.bought_60) == (2, 1, 1)
    assert one.uplift(30) == pytest.approx(0.6 - 0.5)
    assert one.complete(60)
    two = results[second]
    assert (two.mailed.bought_30, two.held_out.bought_30) == (0, 0)
    assert two.complete(30) and not two.complete(60)


def test_rfm_on_a_card(owner: Session, shop: dict[str, int]) -> None:
    anna = insights.rfm_for(owner, shop["Anna"])
    assert anna is not None and anna.code == "455"  # Dana bought after her
    ida = insights.rfm_for(owner, shop["Ida"])
    assert ida is not None and ida.code == "111"
    assert insights.rfm_for(owner, shop["Jon"]) is None


def test_overview_holds_every_list(owner: Session, shop: dict[str, int]) -> None:
    seen = insights.overview(owner, *LAST_12)
    assert names(shop, seen.pareto.top) == ["Anna", "Bo"]
    assert names(shop, seen.lapsed) == ["Fay", "Ida"]
    assert names(shop, seen.declining) == ["Bo", "Fay"]
    assert seen.segments.group(Segment.FORMER).count == 1
    assert names(shop, seen.due_letters) == ["Bo", "Anna", "Cai", "Jon"]  # 800 €, 653 € a year


def test_every_list_exports_to_csv(owner: Session, shop: dict[str, int], tmp_path: Path) -> None:
    path = tmp_path / "declining.csv"
    assert insights.export_csv(owner, insights.declining(owner), path) == 2
    with path.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    assert rows[0] == [
        "Card",
        "Name",
        "City",
        "Phone",
        "Yearly spend (EUR)",
        "Last 6 months (EUR)",
        "6 months before (EUR)",
        "Change (%)",
        "Last purchase",
        "Contact",
    ]
    assert rows[1][1:] == [
        "Known, Bo",
        "Oulu",
        "",
        "800.00",
        "160.00",
        "640.00",
        "-75.0",
        "2026-10-01",
        "Letter (no phone consent)",
    ]
    assert rows[2][1] == "Known, Fay"


CLERK_REFUSED: list[Callable[[Session], object]] = [
    lambda s: insights.pareto(s, *LAST_12),
    insights.segments,
    insights.lapsed,
    insights.declining,
    insights.due_for_contact,
    insights.batch_results,
    lambda s: insights.overview(s, *LAST_12),
    lambda s: insights.rfm_for(s, 1),
    lambda s: insights.summaries(s, [1]),
    lambda s: insights.export_csv(s, CustomerList("nobody", []), Path("x")),
    lambda s: insights.save_thresholds(
        s,
        lapsed_months=6,
        former_months=12,
        regular_visits=None,
        heavy_spend=None,
        holdout_share=0.1,
    ),
    lambda s: calls.log_call(s, 1, CallInput("reached")),
    lambda s: calls.calls_for(s, 1),
]


@pytest.mark.parametrize("action", CLERK_REFUSED)
def test_the_clerk_is_refused_every_insight(
    clerk: Session, shop: dict[str, int], action: Callable[[Session], object]
) -> None:
    with pytest.raises(PermissionDenied):
        action(clerk)
