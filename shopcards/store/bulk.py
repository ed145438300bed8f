"""Many purchase rows or drawing entries at once, for a demo shop or a large import: one
statement, not thousands."""

from __future__ import annotations

from collections.abc import Iterable

from sqlite_utils import Database

PurchaseRow = tuple[int, str, int, str, str, str]
"""(customer_id, date, amount in minor units, items, category, receipt_no)"""


def insert_purchases(db: Database, rows: Iterable[PurchaseRow], actor: str, now: str) -> int:
    """Insert the rows inside the caller's transaction; returns how many were written."""
    cursor = db.conn.executemany(
        "INSERT INTO purchases (customer_id, date, amount, items, category, receipt_no, "
        "created_at, created_by, updated_at, updated_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        ((*row, now, actor, now, actor) for row in rows),
    )
    return cursor.rowcount


EntryRow = tuple[str, int, str]
"""(month YYYY-MM, customer_id, entered_at)"""


def insert_entries(db: Database, rows: Iterable[EntryRow], actor: str) -> int:
    """Enter customers in prize drawings, inside the caller's transaction; returns how many."""
    cursor = db.conn.executemany(
        "INSERT OR IGNORE INTO drawing_entries (month, customer_id, entered_at, entered_by) "
        "VALUES (?, ?, ?, ?)",
        ((*row, actor) for row in rows),
    )
    return cursor.rowcount
