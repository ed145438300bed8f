"""Letters in the card file: the owner's templates, printed batches, who was sent what, and the
look-ups that choose recipients (birthdays in a range, a greeting preference, chosen cards)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from shopcards.core.mailing import Sent
from shopcards.store.dialect import inserted_id
from shopcards.store.handle import Database

CHUNK = 500
"""Ids per ``IN (...)`` list: well under SQLite's limit on parameters."""
_LIVE = "archived_at IS NULL AND erased_at IS NULL"


# Templates ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class StoredTemplate:
    """A template the owner wrote or edited, as kept in the card file."""

    key: str
    text: str
    updated_at: str
    updated_by: str
    version: int
    """1 when first stored, one more at each save: a save names the version it started from."""


NOT_STORED = 0
"""The version of a template with no row: a built-in as it came, or one deleted."""
_TEMPLATE_COLUMNS = "key, text, updated_at, updated_by, version"


def stored_templates(db: Database) -> list[StoredTemplate]:
    rows = db.execute(f"SELECT {_TEMPLATE_COLUMNS} FROM templates ORDER BY key")
    return [StoredTemplate(*row) for row in rows.fetchall()]


def stored_template(db: Database, key: str) -> StoredTemplate | None:
    row = db.execute(f"SELECT {_TEMPLATE_COLUMNS} FROM templates WHERE key = ?", [key]).fetchone()
    return None if row is None else StoredTemplate(*row)


def save_template(
    db: Database, key: str, text: str, base_version: int, actor: str, now: str
) -> bool:
    """Store ``text`` as ``key`` if the stored version is still ``base_version`` (NOT_STORED:
    no row yet); False, with nothing written, when another desk saved or deleted it since."""
    if base_version == NOT_STORED:
        cursor = db.execute(
            "INSERT INTO templates (key, text, updated_at, updated_by, version) "
            "VALUES (?, ?, ?, ?, 1) ON CONFLICT(key) DO NOTHING",
            [key, text, now, actor],
        )
    else:
        cursor = db.execute(
            "UPDATE templates SET text = ?, updated_at = ?, updated_by = ?, version = version + 1 "
            "WHERE key = ? AND version = ?",
            [text, now, actor, key, base_version],
        )
    return cursor.rowcount == 1


def delete_template(db: Database, key: str, base_version: int) -> bool:
    """Remove the stored text of ``key`` if it is still ``base_version``; False otherwise."""
    cursor = db.execute("DELETE FROM templates WHERE key = ? AND version = ?", [key, base_version])
    return cursor.rowcount > 0


# Batches and sends --------------------------------------------------------------------------


@dataclass(frozen=True)
class BatchRow:
    """One printed batch, as written to ``letter_batches``."""

    created_at: str
    created_by: str
    template: str
    template_key: str
    kind: str
    selection: str
    households: bool
    holdout_share: float
    pieces: int
    excluded: int


def insert_batch(
    db: Database, batch: BatchRow, sent: Iterable[int], held_out: Iterable[int]
) -> int:
    """Write the batch and one ``letters_sent`` row per customer; returns the batch's id."""
    batch_id = inserted_id(
        db,
        "INSERT INTO letter_batches (created_at, created_by, template, template_key, kind, "
        "selection, households, holdout_share, pieces, excluded) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            batch.created_at,
            batch.created_by,
            batch.template,
            batch.template_key,
            batch.kind,
            batch.selection,
            int(batch.households),
            batch.holdout_share,
            batch.pieces,
            batch.excluded,
        ],
    )
    rows = [
        (batch_id, customer_id, batch.template, batch.kind, batch.created_at, flag)
        for flag, ids in ((0, sent), (1, held_out))
        for customer_id in ids
    ]
    db.conn.executemany(
        "INSERT INTO letters_sent (batch_id, customer_id, template, kind, sent_at, held_out) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        rows,
    )
    return batch_id


def last_sent(db: Database, customer_id: int, kind: str) -> Sent | None:
    """The latest letter (or card) that went to the customer; held-back ones do not count."""
    row = db.execute(
        "SELECT sent_at, template, kind, batch_id FROM letters_sent "
        "WHERE customer_id = ? AND kind = ? AND held_out = 0 ORDER BY sent_at DESC, id DESC "
        "LIMIT 1",
        [customer_id, kind],
    ).fetchone()
    return None if row is None else Sent(row[0], row[1], row[2], int(row[3]))


# Choosing recipients ------------------------------------------------------------------------


def _ids(db: Database, sql: str, params: Sequence[Any] = ()) -> list[int]:
    return [int(row[0]) for row in db.execute(sql, list(params)).fetchall()]


def everyone(db: Database) -> list[int]:
    """Every card in the cabinet (not archived), in alphabetical order."""
    return _ids(db, f"SELECT id FROM customers WHERE {_LIVE} ORDER BY sort_key, id")


def existing(db: Database, ids: Sequence[int]) -> list[int]:
    """Those of ``ids`` that are cards (archived too: the caller says why they get nothing),
    in the order given."""
    found: set[int] = set()
    for start in range(0, len(ids), CHUNK):
        chunk = list(ids[start : start + CHUNK])
        marks = ", ".join("?" * len(chunk))
        found |= set(_ids(db, f"SELECT id FROM customers WHERE id IN ({marks})", chunk))
    return [card_id for card_id in ids if card_id in found]


def by_card_no(db: Database, card_nos: Sequence[str]) -> dict[str, int]:
    """Card number -> id for those numbers that are cards."""
    found: dict[str, int] = {}
    for start in range(0, len(card_nos), CHUNK):
        chunk = list(card_nos[start : start + CHUNK])
        marks = ", ".join("?" * len(chunk))
        rows = db.execute(f"SELECT card_no, id FROM customers WHERE card_no IN ({marks})", chunk)
        found.update({str(no): int(card_id) for no, card_id in rows.fetchall()})
    return found


def with_month_day(
    db: Database, column: str, spans: Sequence[tuple[str, str]]
) -> list[tuple[int, str]]:
    """(id, "MM-DD") of the cards whose birthday or anniversary falls in one of the spans."""
    day = {
        "birthday": "birthday_md",
        "anniversary": "CASE WHEN anniversary != '' THEN substr(anniversary, 6, 5) END",
    }[column]
    where = " OR ".join(f"({day}) BETWEEN ? AND ?" for _ in spans)
    params = [value for span in spans for value in span]
    rows = db.execute(
        f"SELECT id, {day} FROM customers WHERE {_LIVE} AND ({where}) ORDER BY sort_key, id",
        params,
    ).fetchall()
    return [(int(card_id), str(month_day)) for card_id, month_day in rows]


def with_greeting(db: Database, greeting: str) -> list[int]:
    """Cards that asked for this holiday card, in alphabetical order."""
    return _ids(
        db,
        f"SELECT id FROM customers WHERE {_LIVE} AND greeting = ? ORDER BY sort_key, id",
        [greeting],
    )


def last_visits(db: Database, ids: Sequence[int]) -> dict[int, str]:
    """Customer id -> the date of their latest sale that stands (not voided, not a return)."""
    visits: dict[int, str] = {}
    for start in range(0, len(ids), CHUNK):
        chunk = list(ids[start : start + CHUNK])
        marks = ", ".join("?" * len(chunk))
        rows = db.execute(
            "SELECT customer_id, max(date) FROM purchases WHERE voided_at IS NULL "
            f"AND amount > 0 AND customer_id IN ({marks}) GROUP BY customer_id",
            chunk,
        ).fetchall()
        visits.update({int(card_id): str(date) for card_id, date in rows})
    return visits
