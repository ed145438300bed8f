"""A statement of very many rows (dialect.many_rows): the same rows, in the same order, on
both stores; on a shared card file packed by the server into one JSON text."""

from __future__ import annotations

from shopcards.core.purchase import PurchaseEntry
from shopcards.services import cards
from shopcards.services.session import Session
from shopcards.store import purchases
from shopcards.store.dialect import many_rows
from tests.conftest import card_input

NOW = "2026-11-23T10:30:00"
NAME = 'O\'Brien "Bob" \\ Ä ß 北京 🙂'
NOTES = "tab\there\nnew line\r\\N"

SPEND = """
    SELECT c.id, c.given_name, c.notes, c.archived_at,
        coalesce(sum(p.amount), 0), coalesce(max(p.date), 'never'),
        count(p.id), EXISTS (SELECT 1 FROM phones f WHERE f.customer_id = c.id)
    FROM customers c LEFT JOIN purchases p ON p.customer_id = c.id AND p.date >= :since
    GROUP BY c.id, c.given_name, c.notes, c.archived_at
    ORDER BY 5 DESC, c.id DESC
"""


def _buy(owner: Session, customer_id: int, date: str, amount: int) -> None:
    entry = PurchaseEntry(date=date, amount=amount, items="", category="", receipt_no="")
    with owner.card_file.write() as db:
        purchases.insert(db, customer_id, entry, None, "owner", NOW)


def test_many_rows_are_the_statements_rows_in_its_order(owner: Session) -> None:
    tricky = cards.add_card(
        owner, card_input(given=NAME, notes=NOTES, phones=[("mobile", "+358 40 1234567")])
    ).id
    spender = cards.add_card(owner, card_input(given="Spender")).id
    idle = cards.add_card(owner, card_input(given="Idle")).id
    assert tricky is not None and spender is not None and idle is not None
    _buy(owner, spender, "2026-01-02", 9_000_000_000)  # past 32 bits: a sum stays exact
    _buy(owner, spender, "2026-03-04", 1)
    _buy(owner, tricky, "2026-02-01", 1_250)
    _buy(owner, tricky, "2025-01-01", 99_999)  # before :since

    rows = many_rows(owner.db, SPEND, {"since": "2026-01-01"})

    assert rows == [
        (spender, "Spender", "", None, 9_000_000_001, "2026-03-04", 2, False),
        (tricky, NAME, NOTES, None, 1_250, "2026-02-01", 1, True),
        (idle, "Idle", "", None, 0, "never", 0, False),
    ]
    assert [type(value) for value in rows[0][:7]] == [int, str, str, type(None), int, str, int]
    assert rows == owner.db.execute(SPEND, {"since": "2026-01-01"}).fetchall()


def test_a_statement_without_rows_gives_an_empty_list(owner: Session) -> None:
    assert many_rows(owner.db, "SELECT id, given_name FROM customers WHERE id > ?", [0]) == []
