"""Whether the day's loyalty chores are due: asked at every opening of the card file, so it
lives apart from store/loyalty.py and store/loyalty_tiers.py, whose rules (core/loyalty.py,
core/loyalty_tiers.py and what they import) cost ~55 ms of imports that a start with nothing
due need not pay (issue 12)."""

from __future__ import annotations

import json

from shopcards.store.reads import Reads

RECOMPUTED_KEY = "loyalty_tiers_recomputed_on"
"""The settings row holding the day the tiers were last placed."""


def nothing_due(db: Reads, today: str) -> bool:
    """Whether no lot with money left is past its last day (one index lookup)."""
    row = db.execute(
        "SELECT 1 FROM cashback_open_lots WHERE expires_on < ? LIMIT 1", [today]
    ).fetchone()
    return row is None


def recomputed_on(db: Reads) -> str | None:
    """The day (ISO) everyone was last placed in the discount tiers; None: never."""
    row = db.execute("SELECT value FROM settings WHERE key = ?", [RECOMPUTED_KEY]).fetchone()
    return None if row is None else str(json.loads(row[0]))
