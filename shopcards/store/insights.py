"""The aggregates behind insights: every customer's purchases added up in one pass, spend per
customer in a period, who is due a letter or a call, and how letter batches were answered.

The per-customer sums are read straight off the purchase indexes (customer, date, amount),
so SQLite never touches the purchase rows themselves; Python then only sees one row per
customer.

Staff cards are left out of every figure here (what the shop's own people buy says nothing
about its customers); archived cards are counted, as their purchases were real sales.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from shopcards.core.card import CardSummary
from shopcards.core.insights import CustomerFigures, Response, Windows
from shopcards.store.dialect import many_rows
from shopcards.store.handle import Database
from shopcards.store.pg_connection import PgConnection

CHUNK = 500
"""Ids per ``IN (...)`` list: well under SQLite's limit on parameters."""
DATE_INDEX_BELOW = 1 / 3
"""A period shorter than this share of the shop's history is summed through the date index;
a longer one through the customer index, which needs no sorting to group by customer."""
_LIVE = "c.archived_at IS NULL AND c.erased_at IS NULL"
_CUSTOMER = "customer_id NOT IN (SELECT id FROM customers WHERE is_staff)"
"""A purchase by a customer, not by one of the shop's staff (the staff's ids are read once)."""
_ONE_CUSTOMER = "NOT EXISTS (SELECT 1 FROM customers WHERE id = :customer_id AND is_staff)"
"""The same for one card: one look-up by id, not a pass over every card."""

_FIGURES = """
    SELECT customer_id,
        min(date) FILTER (WHERE amount > 0),
        max(date) FILTER (WHERE amount > 0),
        CAST(sum(amount) AS BIGINT),
        CAST(coalesce(sum(amount) FILTER (WHERE date > :since_12), 0) AS BIGINT),
        count(DISTINCT date) FILTER (WHERE date > :since_12 AND amount > 0),
        CAST(coalesce(sum(amount) FILTER (WHERE date > :since_6), 0) AS BIGINT)
    FROM purchases
    WHERE voided_at IS NULL AND customer_id {who} AND date <= :today AND {customer}
    GROUP BY customer_id
    ORDER BY 5 DESC, 1
"""
"""Every sum is cast to a whole number, which it is: SQLite's already is; PostgreSQL's
``sum`` of integers is a ``numeric``, and sorting 100,000 customers by one cost its server
0.2 s of CPU, against 0.03 s by a ``bigint``."""


@contextmanager
def snapshot(db: Database) -> Iterator[Database]:
    """Read several queries from one state of the file, while another desk may be writing:
    a read transaction on a card file, a read-only snapshot on a shared one."""
    conn = db.conn
    if conn.in_transaction:
        yield db
        return
    if isinstance(conn, PgConnection):
        with conn.snapshot():
            yield db
        return
    db.conn.execute("BEGIN")
    try:
        yield db
    finally:
        db.conn.execute("COMMIT")


def figures_sql(today: dt.date, customer_id: int | None = None) -> tuple[str, dict[str, Any]]:
    """The one aggregate of every customer's purchases (or one customer's), and its values."""
    windows = Windows(today)
    params: dict[str, Any] = {
        "today": today.isoformat(),
        "since_12": windows.since(12),
        "since_6": windows.since(6),
    }
    if customer_id is None:
        return _FIGURES.format(who="IS NOT NULL", customer=_CUSTOMER), params
    sql = _FIGURES.format(who="= :customer_id", customer=_ONE_CUSTOMER)
    return sql, params | {"customer_id": customer_id}


def customer_figures(db: Database, today: dt.date) -> list[CustomerFigures]:
    """Every customer's purchases up to ``today``, added up: one row per customer who has any,
    the biggest spenders of the last 12 months first."""
    sql, params = figures_sql(today)
    return list(map(CustomerFigures._make, many_rows(db, sql, params)))


def one_customer_figures(db: Database, customer_id: int, today: dt.date) -> CustomerFigures | None:
    sql, params = figures_sql(today, customer_id)
    row = db.execute(sql, params).fetchone()
    return None if row is None else CustomerFigures._make(row)


def ranked_spend_sql(db: Database, start: str, end: str) -> tuple[str, list[str]]:
    """Spend per customer from ``start`` to ``end`` (ISO, both included), highest first, only
    customers who spent something; with the index that reads it fastest (the sum sorted as
    a whole number: see _FIGURES)."""
    first = db.execute("SELECT min(date) FROM purchases WHERE voided_at IS NULL").fetchone()[0]
    history = _days(first, end) if first else 0
    date = "date" if _days(start, end) < history * DATE_INDEX_BELOW else "+date"
    sql = (
        "SELECT customer_id, CAST(sum(amount) AS BIGINT) AS spend FROM purchases "
        f"WHERE voided_at IS NULL AND customer_id IS NOT NULL AND {_CUSTOMER} AND {date} >= ? "
        f"AND {date} <= ? GROUP BY customer_id HAVING sum(amount) > 0 "
        "ORDER BY spend DESC, customer_id"
    )
    return sql, [start, end]


def ranked_spend(db: Database, start: str, end: str) -> list[tuple[int, int]]:
    sql, params = ranked_spend_sql(db, start, end)
    return many_rows(db, sql, params)


def _days(start: str, end: str) -> int:
    return (dt.date.fromisoformat(end) - dt.date.fromisoformat(start)).days + 1


def left_out(db: Database) -> frozenset[int]:
    """Cards not to put on a list of people to contact: archived ones."""
    rows = db.execute("SELECT id FROM customers c WHERE NOT (" + _LIVE + ")").fetchall()
    return frozenset(int(card_id) for (card_id,) in rows)


def due_for_letter(db: Database, since: str) -> list[tuple[int, str | None]]:
    """(card, last letter or None) of the customers (not staff) with consent to post and an
    address that got no letter on or after ``since``. A letter held back from them (the
    hold-out group of a batch) counts as their letter: posting to them now would spoil the
    batch's comparison."""
    rows = many_rows(
        db,
        "SELECT c.id, (SELECT max(l.sent_at) FROM letters_sent l WHERE l.customer_id = c.id "
        "AND l.kind = 'letter' AND l.held_out = 0) "
        f"FROM customers c WHERE {_LIVE} AND NOT c.is_staff AND c.consent_post = 'yes' "
        "AND c.address != '' AND c.city != '' AND NOT EXISTS (SELECT 1 FROM letters_sent l "
        "WHERE l.customer_id = c.id AND l.kind = 'letter' AND l.sent_at >= ?)",
        [since],
    )
    return [(int(card_id), last) for card_id, last in rows]


def due_for_call(db: Database, since: str) -> list[tuple[int, str | None]]:
    """(card, last call or None) of the customers (not staff) with consent to phone and a
    number that had no call after ``since``."""
    rows = many_rows(
        db,
        "SELECT c.id, (SELECT max(k.called_on) FROM calls k WHERE k.customer_id = c.id) "
        f"FROM customers c WHERE {_LIVE} AND NOT c.is_staff AND c.consent_phone = 'yes' "
        "AND EXISTS (SELECT 1 FROM phones p WHERE p.customer_id = c.id) "
        "AND NOT EXISTS (SELECT 1 FROM calls k WHERE k.customer_id = c.id AND k.called_on > ?)",
        [since],
    )
    return [(int(card_id), last) for card_id, last in rows]


BatchRow = tuple[int, str, str, str, Response, Response]
"""(batch id, created at, template, selection, mailed, held out)"""


def batch_responses(db: Database, days: tuple[int, int]) -> list[BatchRow]:
    """Every letter batch, newest first, with how many of its mailed and held-out recipients
    bought (a sale that stands) within ``days[0]`` and ``days[1]`` days after it was sent."""
    bought = (
        "count(*) FILTER (WHERE EXISTS (SELECT 1 FROM purchases p "
        "WHERE p.customer_id = l.customer_id AND p.voided_at IS NULL AND p.amount > 0 "
        "AND p.date > substr(l.sent_at, 1, 10) AND p.date <= date(l.sent_at, ?)))"
    )
    rows = db.execute(
        f"SELECT b.id, b.created_at, b.template, b.selection, l.held_out, count(*), {bought}, "
        f"{bought} FROM letter_batches b JOIN letters_sent l ON l.batch_id = b.id "
        "GROUP BY b.id, l.held_out ORDER BY b.id DESC",
        [f"+{days[0]} days", f"+{days[1]} days"],
    ).fetchall()
    info: dict[int, tuple[str, str, str]] = {}
    groups: dict[tuple[int, int], Response] = {}
    for batch_id, created_at, template, selection, held_out, n, in_first, in_second in rows:
        info[batch_id] = (created_at, template, selection)
        groups[batch_id, held_out] = Response(int(n), int(in_first), int(in_second))
    empty = Response(0, 0, 0)
    return [
        (
            int(batch_id),
            *info[batch_id],
            groups.get((batch_id, 0), empty),
            groups.get((batch_id, 1), empty),
        )
        for batch_id in info
    ]


def summaries(db: Database, ids: Sequence[int]) -> dict[int, CardSummary]:
    """The list line (name, card number, city, first phone) of each card in ``ids``."""
    found: dict[int, CardSummary] = {}
    for start in range(0, len(ids), CHUNK):
        chunk = list(ids[start : start + CHUNK])
        marks = ", ".join("?" * len(chunk))
        rows = db.execute(
            "SELECT c.id, coalesce(c.card_no, ''), c.given_name, c.family_name, c.postcode, "
            "c.city, coalesce((SELECT number FROM phones p WHERE p.customer_id = c.id "
            "ORDER BY p.id LIMIT 1), ''), c.email, c.sort_key, c.archived_at IS NOT NULL "
            f"FROM customers c WHERE c.id IN ({marks})",
            chunk,
        ).fetchall()
        for card_id, card_no, given, family, postcode, city, phone, email, key, archived in rows:
            found[int(card_id)] = CardSummary(
                int(card_id),
                card_no,
                given,
                family,
                postcode,
                city,
                phone,
                email,
                key,
                bool(archived),
            )
    return found
