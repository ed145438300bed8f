"""Forgetting a customer in the card file itself: every row and every byte that names them.

A card's delete alone leaves the person in many places: an interest tag only they had, the
free text of their purchases ("gift for Anna"), the change log's old values, the search index's
old segments, and the pages SQLite freed, in the file and in its write-ahead log. This module
clears each. The connection runs with ``secure_delete`` (store/cardfile.py), so freed pages are
zeroed; the index's segments are merged after the erasure, in steps
(:func:`store.search_index.merge_step`), once for any number of cards; and :func:`checkpoint`
empties the write-ahead log into the file when no other desk is reading. Until both are done
the erasure log says the wipe is pending (:func:`unmerged`, :func:`pending`).

The erasure log (``erasure_log``, migration m015) holds the card's id and number and the day,
no name: a restored backup is forgotten again from it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from shopcards.core.errors import NotFound
from shopcards.core.i18n import _
from shopcards.core.retention import Logged
from shopcards.store import customers
from shopcards.store.dialect import is_postgres
from shopcards.store.reads import Reads

if TYPE_CHECKING:
    from shopcards.store.handle import Connection, Database
from shopcards.store.verdict import BUSY_TIMEOUT_MS

CHECKPOINT_WAIT_MS = 250
"""How long a checkpoint waits for another desk's read to end before leaving the wipe pending:
the window must not hang while the till is reading."""
_FREE_TEXT_IN_CHANGES = ("$.values", "$.reason", "$.items", "$.void_reason", "$.note")
"""What a change-log line may hold in words someone typed (the rest are dates, amounts, ids)."""


def forget(db: Database, card_id: int, today: str) -> Logged:
    """Delete the card and everything naming the person, in the caller's transaction; their
    sales stay as amounts and dates with no words, for the shop's totals. Logs the erasure."""
    row = db.execute("SELECT card_no FROM customers WHERE id = ?", [card_id]).fetchone()
    if row is None:
        raise NotFound(
            _("There is no card with id {id}; it may have been erased already", id=card_id)
        )
    _blank_sales(db, card_id)
    customers.erase(db, card_id)
    db.execute("DELETE FROM tags WHERE id NOT IN (SELECT tag_id FROM customer_tags)")
    logged = Logged(card_id, str(row[0] or customers.card_number(card_id)), today)
    log(db, [logged])
    return logged


def _blank_sales(db: Database, card_id: int) -> None:
    """The words of the person's sales, cash-back movements and their change-log lines go;
    amounts, dates, categories and receipt numbers stay (before the card's delete leaves
    the rows without it)."""
    db.execute(
        "UPDATE purchases SET items = '', void_reason = '' WHERE customer_id = ? "
        "AND (items != '' OR void_reason != '')",
        [card_id],
    )
    db.execute(
        "UPDATE cashback_ledger SET reason = '' WHERE customer_id = ? AND reason != ''", [card_id]
    )
    paths = ", ".join(f"'{path}'" for path in _FREE_TEXT_IN_CHANGES)
    db.execute(
        f"UPDATE changes SET details = json_remove(details, {paths}) "
        "WHERE (entity = 'customer' AND entity_id = ?) OR (entity = 'purchase' AND entity_id IN "
        "(SELECT id FROM purchases WHERE customer_id = ?))",
        [card_id, card_id],
    )


def anything_pending(db: Reads) -> bool:
    """Whether an erasure left its index merge or its wipe to finish: one index lookup, on
    the plain connection, at every opening of the file."""
    row = db.execute(
        "SELECT 1 FROM erasure_log WHERE index_merged = 0 OR wiped_on IS NULL LIMIT 1"
    ).fetchone()
    return row is not None


def unmerged(db: Database) -> list[int]:
    """The cards forgotten whose words the index's old segments may still hold."""
    rows = db.execute("SELECT card_id FROM erasure_log WHERE index_merged = 0").fetchall()
    return [int(row[0]) for row in rows]


def mark_merged(db: Database, card_ids: list[int]) -> None:
    db.conn.executemany(
        "UPDATE erasure_log SET index_merged = 1 WHERE card_id = ?", [(i,) for i in card_ids]
    )


def log(db: Database, lines: list[Logged], wiped: bool = False) -> None:
    """Add ``lines`` to the erasure log; a card already there keeps its first day. Unless
    ``wiped`` (lines merged from elsewhere), each line's wipe is pending until
    :func:`mark_wiped`."""
    keep = (
        "DO NOTHING"
        if wiped
        else (
            "DO UPDATE SET wiped_on = NULL, "
            "erased_on = min(erasure_log.erased_on, excluded.erased_on)"
        )
    )
    db.conn.executemany(
        "INSERT INTO erasure_log (card_id, card_no, erased_on, wiped_on) VALUES (?, ?, ?, ?) "
        f"ON CONFLICT (card_id) {keep}",
        [
            (line.card_id, line.card_no, line.erased_on, line.erased_on if wiped else None)
            for line in lines
        ],
    )


def logged(db: Database) -> list[Logged]:
    """The whole erasure log, oldest first."""
    rows = db.execute(
        "SELECT card_id, card_no, erased_on FROM erasure_log ORDER BY erased_on, card_id"
    ).fetchall()
    return [Logged(int(card_id), card_no, on) for card_id, card_no, on in rows]


def still_present(db: Database, card_ids: list[int]) -> list[int]:
    """Those of ``card_ids`` that the file holds a card for (a restored older backup does)."""
    present: list[int] = []
    for start in range(0, len(card_ids), 500):
        chunk = card_ids[start : start + 500]
        marks = ", ".join("?" * len(chunk))
        rows = db.execute(f"SELECT id FROM customers WHERE id IN ({marks})", chunk).fetchall()
        present.extend(int(row[0]) for row in rows)
    return sorted(present)


def pending(db: Database) -> list[str]:
    """Card numbers whose erasure may still be readable in the file's free space or its
    write-ahead log: the checkpoint after it found another desk reading."""
    rows = db.execute(
        "SELECT card_no FROM erasure_log WHERE wiped_on IS NULL ORDER BY card_id"
    ).fetchall()
    return [str(row[0]) for row in rows]


def mark_wiped(db: Database, today: str) -> None:
    db.execute("UPDATE erasure_log SET wiped_on = ? WHERE wiped_on IS NULL", [today])


def checkpoint(conn: Connection) -> bool:
    """Copy the write-ahead log into the file and empty it; False when another desk's read
    (or write) kept SQLite from it — the log then still holds the pages an erasure freed.

    SQLite answers busy in the first of the three numbers it returns, with no error, so it
    must be looked at. The wait for readers is short, not the usual busy timeout.

    A shared store has its own way (store/erasure_server.py): the tables that held the
    person are rewritten and the server's old log segments deleted; another desk's snapshot
    from before the erasure keeps it from that as a reader keeps SQLite from a checkpoint.
    """
    if is_postgres(conn):
        from shopcards.store import erasure_server  # the shared store's alone
        from shopcards.store.pg_connection import PgConnection

        return erasure_server.wipe(cast(PgConnection, conn))
    conn.execute(f"PRAGMA busy_timeout = {CHECKPOINT_WAIT_MS}")
    try:
        busy, _log_frames, _copied = conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
    finally:
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    return int(busy) == 0
