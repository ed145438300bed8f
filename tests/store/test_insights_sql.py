"""The aggregates behind insights, on rows written straight into a card file."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from shopcards.core.insights import CustomerFigures
from shopcards.store import insights as store
from shopcards.store.cardfile import CardFile, open_card_file

TODAY = dt.date(2026, 11, 23)
NOW = "2026-11-23T10:00:00"


@pytest.fixture
def card_file(tmp_path: Path) -> CardFile:
    opened = open_card_file(tmp_path / "shop.db")
    with opened.write() as db:
        db.conn.executemany(
            "INSERT INTO customers (id, given_name, consent_post, address, city, consent_phone, "
            "created_at, created_by, updated_at, updated_by, sort_key, drawer) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, 'owner', ?, 'owner', ?, 'A')",
            [
                (i, f"C{i}", "yes", "Street 1", "Town", "yes", NOW, NOW, f"c{i}")
                for i in range(1, 6)
            ],
        )
    return opened


def buy(
    card_file: CardFile, customer: int | None, date: str, amount: int, voided: bool = False
) -> None:
    with card_file.write() as db:
        db.execute(
            "INSERT INTO purchases (customer_id, date, amount, voided_at, created_at, created_by, "
            "updated_at, updated_by) VALUES (?, ?, ?, ?, ?, 'owner', ?, 'owner')",
            [customer, date, amount, NOW if voided else None, NOW, NOW],
        )


def test_figures_count_only_what_stands(card_file: CardFile) -> None:
    buy(card_file, 1, "2024-02-01", 5_000)
    buy(card_file, 1, "2026-03-01", 2_000)
    buy(card_file, 1, "2026-03-01", 1_000)  # the same day: one visit
    buy(card_file, 1, "2026-06-01", 4_000)
    buy(card_file, 1, "2026-06-10", -500)  # a return: spend, not a visit
    buy(card_file, 1, "2026-07-01", 90_000, voided=True)
    buy(card_file, 1, "2026-12-01", 7_000)  # after today (a typing slip): not yet
    buy(card_file, None, "2026-05-01", 3_000)  # an erased customer's purchase
    assert store.customer_figures(card_file.db, TODAY) == [
        CustomerFigures(1, "2024-02-01", "2026-06-01", 11_500, 6_500, 2, 3_500)
    ]
    assert (
        store.one_customer_figures(card_file.db, 1, TODAY)
        == store.customer_figures(card_file.db, TODAY)[0]
    )
    assert store.one_customer_figures(card_file.db, 2, TODAY) is None


def test_figures_are_read_from_an_index_not_the_purchase_rows(card_file: CardFile) -> None:
    sql, params = store.figures_sql(TODAY)
    plan = " ".join(row[-1] for row in card_file.db.execute("EXPLAIN QUERY PLAN " + sql, params))
    assert "USING" in plan and "INDEX" in plan and "SCAN purchases" not in plan


@pytest.mark.parametrize(
    ("start", "index"),
    [
        ("2026-11-01", "purchases_date"),  # a month of three years: the date index
        ("2023-01-01", "purchases_list"),  # all of it: by customer, no sorting
    ],
)
def test_spend_in_a_period_either_way_gives_the_same_ranking(
    card_file: CardFile, start: str, index: str
) -> None:
    buy(card_file, 1, "2023-06-01", 10_000)
    for customer, amount in ((1, 1_000), (2, 3_000), (3, 2_000), (4, -500)):
        buy(card_file, customer, "2026-11-10", amount)
    sql, params = store.ranked_spend_sql(card_file.db, start, "2026-11-23")
    plan = " ".join(row[-1] for row in card_file.db.execute("EXPLAIN QUERY PLAN " + sql, params))
    assert ("purchases_date" in plan) == (index == "purchases_date")
    ranked = store.ranked_spend(card_file.db, start, "2026-11-23")
    if start.startswith("2026"):
        assert ranked == [(2, 3_000), (3, 2_000), (1, 1_000)]  # nobody with nothing net
    else:
        assert ranked == [(1, 11_000), (2, 3_000), (3, 2_000)]


def send(
    card_file: CardFile, at: str, mailed: list[int], held: list[int], kind: str = "letter"
) -> None:
    with card_file.write() as db:
        batch = db.execute(
            "INSERT INTO letter_batches (created_at, created_by, template, kind, selection) "
            "VALUES (?, 'owner', 'Hello', ?, '')",
            [at, kind],
        ).lastrowid
        db.conn.executemany(
            "INSERT INTO letters_sent (batch_id, customer_id, template, kind, sent_at, held_out) "
            "VALUES (?, ?, 'Hello', ?, ?, ?)",
            [(batch, c, kind, at, flag) for flag, group in ((0, mailed), (1, held)) for c in group],
        )


def test_response_counts_days_after_the_letter(card_file: CardFile) -> None:
    send(card_file, "2026-09-01T17:00:00", [1, 2, 3, 4], [5])
    buy(card_file, 1, "2026-09-01", 1_000)  # the day it was posted: not an answer
    buy(card_file, 2, "2026-10-01", 1_000)  # day 30
    buy(card_file, 3, "2026-10-02", 1_000)  # day 31
    buy(card_file, 4, "2026-09-05", -1_000)  # a return is no answer
    buy(card_file, 5, "2026-10-31", 1_000)  # day 60
    [(_, created, template, _, mailed, held)] = store.batch_responses(card_file.db, (30, 60))
    assert (created, template) == ("2026-09-01T17:00:00", "Hello")
    assert (mailed.recipients, mailed.bought_30, mailed.bought_60) == (4, 1, 2)
    assert (held.recipients, held.bought_30, held.bought_60) == (1, 0, 1)


def test_due_for_a_letter_counts_held_back_letters_but_not_cards(card_file: CardFile) -> None:
    send(card_file, "2026-10-02T09:00:00", [1], [2])
    send(card_file, "2026-11-01T09:00:00", [3], [], kind="card")
    send(card_file, "2026-09-30T09:00:00", [4], [])  # last quarter
    with card_file.write() as db:
        db.execute("UPDATE customers SET archived_at = ? WHERE id = 5", [NOW])
    assert sorted(store.due_for_letter(card_file.db, "2026-10-01")) == [
        (3, None),
        (4, "2026-09-30T09:00:00"),
    ]
    assert store.left_out(card_file.db) == frozenset({5})


def test_due_for_a_call_needs_a_phone_number(card_file: CardFile) -> None:
    with card_file.write() as db:
        db.conn.executemany(
            "INSERT INTO phones (customer_id, number) VALUES (?, ?)",
            [(1, "+358401"), (2, "+358402"), (3, "+358403")],
        )
        db.conn.executemany(
            "INSERT INTO calls (customer_id, called_on, outcome, created_at, created_by) "
            "VALUES (?, ?, 'reached', ?, 'owner')",
            [(1, "2026-05-24", NOW), (2, "2026-05-23", NOW)],
        )
    assert sorted(store.due_for_call(card_file.db, "2026-05-23")) == [(2, "2026-05-23"), (3, None)]


def test_snapshot_inside_a_write_is_the_write(card_file: CardFile) -> None:
    with card_file.write() as db, store.snapshot(db):
        buy(card_file, 1, "2026-01-01", 100)
    assert store.customer_figures(card_file.db, TODAY)[0].lifetime == 100
    with store.snapshot(card_file.db):
        assert card_file.conn.in_transaction
    assert not card_file.conn.in_transaction
