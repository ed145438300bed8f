"""The cards past retention (core/retention.py): no purchase and no change since a day."""

from __future__ import annotations

from shopcards.core.retention import PastRetention
from shopcards.store.handle import Database

_PAST = """FROM customers c
    WHERE NOT c.is_staff AND c.created_at < :before AND c.updated_at < :before
    AND NOT EXISTS (SELECT 1 FROM purchases p
        WHERE p.customer_id = c.id AND p.voided_at IS NULL AND p.date >= :before)"""
"""A card made and last changed before ``before``, with no (unvoided) purchase since."""


def past(db: Database, before: str, limit: int = -1) -> list[PastRetention]:
    """The cards past retention in the cabinet's order, with their last purchase (the first
    ``limit``; all for a negative one)."""
    rows = db.execute(
        "SELECT c.id, c.card_no, c.given_name, c.family_name, "
        "coalesce((SELECT max(p.date) FROM purchases p WHERE p.customer_id = c.id "
        "AND p.voided_at IS NULL), ''), substr(c.created_at, 1, 10), "
        f"substr(c.updated_at, 1, 10) {_PAST} ORDER BY c.sort_key, c.id"
        + (" LIMIT :limit" if limit >= 0 else ""),
        {"before": before, "limit": limit},
    ).fetchall()
    return [PastRetention(int(row[0]), *row[1:]) for row in rows]


def count_past(db: Database, before: str) -> int:
    return int(db.execute(f"SELECT count(*) {_PAST}", {"before": before}).fetchone()[0])
