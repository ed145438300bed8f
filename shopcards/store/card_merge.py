"""Moving everything of one card onto another, in SQL, when two cards are one person.

What moves, and what stays, is decided here once:

- every row of any table that points at the card through a foreign key to ``customers``
  (purchases with their returns and sale discounts, calls, letters sent, cash-back ledger rows
  and open lots, tier placements, and whatever table later joins them) moves to the kept card;
- the card's own rows (phones, interests) do not move: the kept card's are written from the
  owner's choices, the other's go with the card;
- prize-drawing entries of a month that is still open move, one entry per month (when both
  cards entered, the kept card's entry stays and the other's goes). A month whose notice is
  published or that is drawn is frozen: its entry list, hash and chain records hold the other
  card's id and are not touched (that id still resolves to the kept card through
  ``merged_cards``), and the other card's live entry rows of such months go with the card, so
  the kept card's own entries of frozen months stay exactly as they were;
- tier placements: when the kept card has a running automatic placement, the other's running
  one ends on the day of the merge (one customer is in one tier); the next recompute places
  the person by the spend of both;
- the change history of the other card moves to the kept card;
- the other card's number is recorded in ``merged_cards``, with the numbers merged into it
  before, so every old number finds the kept card.
"""

from __future__ import annotations

import sqlite3

from shopcards.core.errors import ShopError
from shopcards.core.i18n import _
from shopcards.store import search_index
from shopcards.store.dialect import is_postgres
from shopcards.store.handle import Connection, Database

_NOT_MOVED = frozenset(
    {"phones", "customer_tags", "not_duplicates", "merged_cards", "drawing_entries"}
)
"""Tables pointing at a card that a plain move does not carry (see the module's docstring)."""
_FROZEN_MONTHS = "SELECT month FROM drawing_notices UNION SELECT month FROM drawings"


def move_everything(db: Database, keep_id: int, other_id: int, today: str) -> dict[str, int]:
    """Move the other card's records to the kept card; how many rows moved, per table."""
    moved = {"drawing_entries": _move_drawing_entries(db, keep_id, other_id)}
    _end_second_tier(db, keep_id, other_id, today)
    for table, column in references(db):
        if table in _NOT_MOVED:
            continue
        moved[table] = moved.get(table, 0) + _move(db, table, column, keep_id, other_id)
    moved["changes"] = int(
        db.execute(
            "UPDATE changes SET entity_id = ? WHERE entity = 'customer' AND entity_id = ?",
            [keep_id, other_id],
        ).rowcount
    )
    return {table: count for table, count in moved.items() if count}


def retire(db: Database, keep_id: int, other_id: int, card_no: str, at: str, by: str) -> None:
    """Record the other card as merged into the kept one, then remove its row (its phones and
    interests with it) and its words in the index; the high-water mark keeps its id from reuse.
    Unlike an erasure the index is not rewritten whole (2 s at 100,000 cards): the person is
    still a customer, on the kept card."""
    db.execute("UPDATE merged_cards SET merged_into = ? WHERE merged_into = ?", [keep_id, other_id])
    db.execute(
        "INSERT INTO merged_cards (card_no, merged_into, merged_at, by) VALUES (?, ?, ?, ?)",
        [card_no, keep_id, at, by],
    )
    search_index.drop_card(db, other_id)
    db.execute("DELETE FROM customers WHERE id = ?", [other_id])


def merged_into(db: Database, card_no: str) -> int | None:
    """The card a merged card's number now finds, or None when it is no merged card's."""
    row = db.execute(
        "SELECT merged_into FROM merged_cards WHERE card_no = ?", [card_no.strip()]
    ).fetchone()
    return None if row is None else int(row[0])


def merged_numbers(db: Database, card_id: int) -> list[str]:
    """The numbers of the cards merged into ``card_id``."""
    rows = db.execute(
        "SELECT card_no FROM merged_cards WHERE merged_into = ? ORDER BY merged_at, card_no",
        [card_id],
    ).fetchall()
    return [str(no) for (no,) in rows]


_REFERENCES = (
    'SELECT m.name, f."from" FROM sqlite_master m, pragma_foreign_key_list(m.name) f '
    "WHERE m.type = 'table' AND f.\"table\" = 'customers' ORDER BY m.name"
)
_SHARED_REFERENCES = (
    "SELECT t.relname, a.attname FROM pg_constraint k JOIN pg_class t ON t.oid = k.conrelid "
    "JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = ANY(k.conkey) "
    "WHERE k.contype = 'f' AND k.confrelid = 'customers'::regclass ORDER BY t.relname"
)


def references(db: Database | Connection) -> list[tuple[str, str]]:
    """Every (table, column) with a foreign key to ``customers``, as the file has them now
    (SQLite's table list and pragma, or PostgreSQL's catalogue of constraints)."""
    rows = db.execute(_SHARED_REFERENCES if is_postgres(db) else _REFERENCES).fetchall()
    return [(str(table), str(column)) for table, column in rows]


def _move(db: Database, table: str, column: str, keep_id: int, other_id: int) -> int:
    try:
        cursor = db.execute(
            f'UPDATE "{table}" SET "{column}" = ? WHERE "{column}" = ?', [keep_id, other_id]
        )
    except sqlite3.IntegrityError as exc:
        raise ShopError(
            _(
                "The two cards cannot be merged: their rows in {table} clash ({problem}). "
                "Nothing was changed.",
                table=table,
                problem=exc,
            )
        ) from exc
    return int(cursor.rowcount)


def _move_drawing_entries(db: Database, keep_id: int, other_id: int) -> int:
    """The other card's entries of open months move; where both entered, the kept one's stays."""
    moved = db.execute(
        "INSERT OR IGNORE INTO drawing_entries (month, customer_id, entered_at, entered_by) "
        f"SELECT month, ?, entered_at, entered_by FROM drawing_entries "
        f"WHERE customer_id = ? AND month NOT IN ({_FROZEN_MONTHS})",
        [keep_id, other_id],
    ).rowcount
    db.execute(
        f"DELETE FROM drawing_entries WHERE customer_id = ? AND month NOT IN ({_FROZEN_MONTHS})",
        [other_id],
    )
    return int(moved)


def _end_second_tier(db: Database, keep_id: int, other_id: int, today: str) -> None:
    running = "customer_id = ? AND to_date IS NULL AND rule != 'manual'"
    if db.execute(f"SELECT 1 FROM loyalty_placements WHERE {running}", [keep_id]).fetchone():
        db.execute(f"UPDATE loyalty_placements SET to_date = ? WHERE {running}", [today, other_id])
