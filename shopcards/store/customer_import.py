"""The rows of a customer import: what the file already knows (read in bulk for the preview),
the import's batch and its cards, and the owner's saved column mappings."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from shopcards.store import search_index
from shopcards.store.changes import this_desk
from shopcards.store.dialect import among, inserted_id, is_postgres
from shopcards.store.handle import Database

KnownCard = tuple[int, str, str, str, str, str, str]
"""(id, card_no, given name, family name, postcode, e-mail, birthday ISO or '')"""
_RECORDS = ("purchases", "calls", "letters_sent", "drawing_entries", "cashback_ledger")
"""What can be recorded on a card after it came in, which an undo must not take with it."""


IMPORT_CACHE_KIB = 262_144
"""The page cache while an import is saved (the card file's own is 32 MiB)."""


@contextmanager
def roomy_cache(db: Database) -> Iterator[None]:
    """A bigger page cache around an import's transaction: 100,000 new cards touch more pages
    of the cards' indexes and both word indexes than the usual cache holds, and SQLite wrote
    them to the log again and again before the commit (about a third of the save's time).
    Memory only: the log, its syncing and the one transaction stay as they are. Run outside
    the transaction, so the usual size is back after its commit. A shared card file's server
    keeps its own cache: nothing to do there."""
    if is_postgres(db):
        yield
        return
    (before,) = db.execute("PRAGMA cache_size").fetchone()
    db.execute(f"PRAGMA cache_size = -{IMPORT_CACHE_KIB}")
    try:
        yield
    finally:
        db.execute(f"PRAGMA cache_size = {int(before)}")


def known_cards(db: Database) -> Iterator[KnownCard]:
    """Every card not erased, with what the duplicate rules compare, in one pass."""
    yield from db.execute(
        "SELECT id, coalesce(card_no, ''), given_name, family_name, postcode, email, "
        "coalesce(birthday, '') FROM customers WHERE erased_at IS NULL"
    )


def known_phones(db: Database) -> Iterator[tuple[int, str]]:
    """(card id, E.164 number) of every phone on a card."""
    yield from db.execute("SELECT customer_id, number FROM phones")


@dataclass(frozen=True)
class Batch:
    id: int
    at: str
    actor: str
    file: str
    added: int
    updated: int
    skipped: int
    undone_at: str | None


def start_batch(db: Database, actor: str, now: str, file_name: str) -> int:
    return inserted_id(
        db,
        "INSERT INTO customer_import_batches (at, actor, desk, file) VALUES (?, ?, ?, ?)",
        [now, actor, this_desk(), file_name],
    )


def finish_batch(db: Database, batch: int, added: int, updated: int, skipped: int) -> None:
    db.execute(
        "UPDATE customer_import_batches SET added = ?, updated = ?, skipped = ? WHERE id = ?",
        [added, updated, skipped, batch],
    )


def note_cards(db: Database, batch: int, kind: str, cards: list[tuple[int, int, int]]) -> None:
    """The batch's cards of one ``kind`` ('added' or 'updated'): (card id, file row, version)."""
    db.conn.executemany(
        "INSERT INTO customer_import_cards (batch_id, customer_id, kind, row, version) "
        "VALUES (?, ?, ?, ?, ?) ON CONFLICT (batch_id, customer_id) DO UPDATE SET "
        "kind = excluded.kind, row = excluded.row, version = excluded.version",
        [(batch, card_id, kind, row, version) for card_id, row, version in cards],
    )


def record_many(
    db: Database, actor: str, now: str, action: str, lines: list[tuple[int, dict[str, Any]]]
) -> None:
    """One line of history per card, (card id, details), in one statement."""
    desk = this_desk()
    db.conn.executemany(
        "INSERT INTO changes (at, actor, entity, entity_id, action, details, desk) "
        "VALUES (?, ?, 'customer', ?, ?, ?, ?)",
        [
            (now, actor, card_id, action, json.dumps(details, ensure_ascii=False), desk)
            for card_id, details in lines
        ],
    )


def batch(db: Database, batch_id: int) -> Batch | None:
    row = db.execute(
        "SELECT id, at, actor, file, added, updated, skipped, undone_at "
        "FROM customer_import_batches WHERE id = ?",
        [batch_id],
    ).fetchone()
    return None if row is None else Batch(*row)


def batch_cards(db: Database, batch_id: int) -> list[tuple[int, str, int, int, str]]:
    """(card id, kind, row, version after the import, card number) of the batch's cards."""
    return [
        (int(card_id), str(kind), int(row), int(version), str(card_no or ""))
        for card_id, kind, row, version, card_no in db.execute(
            "SELECT b.customer_id, b.kind, b.row, b.version, c.card_no "
            "FROM customer_import_cards b JOIN customers c ON c.id = b.customer_id "
            "WHERE b.batch_id = ? ORDER BY b.row",
            [batch_id],
        )
    ]


def versions(db: Database, ids: list[int]) -> dict[int, int]:
    """The current version of each card in ``ids`` (in one statement per 10,000 cards)."""
    found: dict[int, int] = {}
    for start in range(0, len(ids), 10_000):
        clause, part = among(db, "id", ids[start : start + 10_000])
        rows = db.execute(f"SELECT id, version FROM customers WHERE {clause}", [part])
        found.update((int(card_id), int(version)) for card_id, version in rows)
    return found


def with_records(db: Database, ids: list[int]) -> set[int]:
    """The cards among ``ids`` that something (a purchase, a call, a letter, a drawing entry,
    a loyalty movement) has been recorded on."""
    clause, given = among(db, "customer_id", ids)
    union = " UNION ".join(f"SELECT customer_id FROM {table} WHERE {clause}" for table in _RECORDS)
    return {int(card_id) for (card_id,) in db.execute(union, [given] * len(_RECORDS))}


def updated_values(db: Database, batch_id: int, card_id: int) -> list[dict[str, Any]]:
    """The values each of the batch's updates of ``card_id`` replaced, the latest first."""
    rows = db.execute(
        "SELECT json_extract(details, '$.values.before') FROM changes WHERE entity = 'customer' "
        "AND entity_id = ? AND action = 'import_updated' AND json_extract(details, '$.batch') = ? "
        "ORDER BY id DESC",
        [card_id, batch_id],
    ).fetchall()
    return [json.loads(before) for (before,) in rows if before]


def delete_cards(db: Database, ids: list[int]) -> None:
    """Take away cards an import added (nothing recorded on them), and their index words."""
    for card_id in ids:
        search_index.drop_card(db, card_id)
    clause, given = among(db, "id", ids)
    db.execute(f"DELETE FROM customers WHERE {clause}", [given])


def mark_undone(db: Database, batch_id: int, actor: str, now: str) -> None:
    db.execute(
        "UPDATE customer_import_batches SET undone_at = ?, undone_by = ? WHERE id = ?",
        [now, actor, batch_id],
    )


def save_mapping(db: Database, name: str, columns: dict[str, str], actor: str, now: str) -> None:
    """Keep a mapping (heading -> field) under ``name``, replacing one of the same name."""
    db.execute(
        "INSERT INTO customer_import_mappings (name, columns, saved_at, saved_by) "
        "VALUES (?, ?, ?, ?) ON CONFLICT (name) DO UPDATE SET columns = excluded.columns, "
        "saved_at = excluded.saved_at, saved_by = excluded.saved_by",
        [name, json.dumps(columns, ensure_ascii=False), now, actor],
    )


def mappings(db: Database) -> dict[str, dict[str, str]]:
    """Every saved mapping by name: heading -> field."""
    return {
        str(name): json.loads(columns)
        for name, columns in db.execute(
            "SELECT name, columns FROM customer_import_mappings ORDER BY name"
        )
    }
