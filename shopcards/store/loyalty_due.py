"""Whether any cash-back has fallen due: asked at every opening of the card file, so it lives
apart from store/loyalty.py, whose rules (core/loyalty.py and what it imports) cost ~55 ms of
imports that a start with nothing due need not pay (issue 12)."""

from __future__ import annotations

from sqlite_utils import Database


def nothing_due(db: Database, today: str) -> bool:
    """Whether no lot with money left is past its last day (one index lookup)."""
    row = db.execute(
        "SELECT 1 FROM cashback_open_lots WHERE expires_on < ? LIMIT 1", [today]
    ).fetchone()
    return row is None
