"""The loyalty tiers in the card file: the tier table, the placements (who was in which tier
from when to when) and the discount recorded on each sale.

A placement runs from ``from_date`` (included) to ``to_date`` (not included; NULL: still
running). The recompute keeps one running placement by rule per customer and writes only
when it changes; a placement by hand is a row of its own that ends on its end date, and wins
over the rule's while it runs.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence

from shopcards.core.loyalty_tiers import Rule, Tier, Why
from shopcards.store.dialect import inserted_id
from shopcards.store.handle import Database
from shopcards.store.insights import CHUNK
from shopcards.store.loyalty_due import RECOMPUTED_KEY

"""Settings row holding the day of the last whole-file recompute (not a setting people see)."""

_TIER_COLUMNS = "name, rate_bp, rule, threshold, top_bp, id"


def load_tiers(db: Database) -> list[Tier]:
    """The tier table in the owner's order."""
    rows = db.execute(f"SELECT {_TIER_COLUMNS} FROM loyalty_tiers ORDER BY position").fetchall()
    return [
        Tier(name, rate, Rule(rule), threshold, top, tid)
        for name, rate, rule, threshold, top, tid in rows
    ]


def replace_tiers(db: Database, tiers: Sequence[Tier]) -> list[Tier]:
    """Make the table ``tiers``: a tier whose name is already there keeps its id (and so its
    customers' placements), a tier left out is deleted, a new one added."""
    existing = {tier.name.casefold(): tier.id for tier in load_tiers(db)}
    wanted = {tier.name.casefold() for tier in tiers}
    for name, tier_id in existing.items():
        if name not in wanted:
            db.execute("DELETE FROM loyalty_tiers WHERE id = ?", [tier_id])
    saved = []
    for position, tier in enumerate(tiers):
        values = [tier.name, tier.rate_bp, tier.rule.value, tier.threshold, tier.top_bp, position]
        tier_id = existing.get(tier.name.casefold())
        if tier_id is None:
            new_id = inserted_id(
                db,
                "INSERT INTO loyalty_tiers (name, rate_bp, rule, threshold, top_bp, position) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                values,
            )
            tier_id = new_id
        else:
            db.execute(
                "UPDATE loyalty_tiers SET name = ?, rate_bp = ?, rule = ?, threshold = ?, "
                "top_bp = ?, position = ? WHERE id = ?",
                [*values, tier_id],
            )
        saved.append(Tier(tier.name, tier.rate_bp, tier.rule, tier.threshold, tier.top_bp, tier_id))
    return saved


# Placements -----------------------------------------------------------------------------------


def running_by_rule(db: Database) -> dict[int, int]:
    """customer id -> tier id of every running placement by rule (0: its tier was deleted)."""
    return dict(
        db.execute(
            "SELECT customer_id, coalesce(tier_id, 0) FROM loyalty_placements "
            "WHERE to_date IS NULL AND rule != 'manual'"
        ).fetchall()
    )


def end_placements(db: Database, customer_ids: Iterable[int], day: str) -> None:
    """End the running placement by rule of each customer on ``day``."""
    db.conn.executemany(
        "UPDATE loyalty_placements SET to_date = ? WHERE customer_id = ? AND to_date IS NULL "
        "AND rule != 'manual'",
        ((day, customer_id) for customer_id in customer_ids),
    )


PlacedRow = tuple[int, int, str, str, int, int]
"""(customer id, tier id, tier name, rule, spend, bar) of a placement by rule."""


def start_placements(
    db: Database, rows: Iterable[PlacedRow], day: str, now: str, actor: str
) -> None:
    """A running placement by rule from ``day`` for each row."""
    db.conn.executemany(
        "INSERT INTO loyalty_placements (customer_id, tier_id, tier_name, rule, spend, bar, "
        "from_date, placed_at, placed_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        ((*row, day, now, actor) for row in rows),
    )


def place_by_hand(
    db: Database,
    customer_id: int,
    tier: Tier,
    day: str,
    ends_on: str,
    note: str,
    now: str,
    actor: str,
) -> None:
    """The owner's placement from ``day`` to ``ends_on``; one still running ends today."""
    db.execute(
        "UPDATE loyalty_placements SET to_date = ? WHERE customer_id = ? AND rule = 'manual' "
        "AND to_date > ?",
        [day, customer_id, day],
    )
    db.execute(
        "INSERT INTO loyalty_placements (customer_id, tier_id, tier_name, rule, from_date, "
        "to_date, note, placed_at, placed_by) VALUES (?, ?, ?, 'manual', ?, ?, ?, ?, ?)",
        [customer_id, tier.id, tier.name, day, ends_on, note, now, actor],
    )


_STANDING = """
    SELECT t.name, t.rate_bp, p.rule, p.spend, p.bar, p.placed_at, p.placed_by, p.to_date,
        p.note, p.from_date
    FROM loyalty_placements p JOIN loyalty_tiers t ON t.id = p.tier_id
    WHERE p.customer_id = ? AND p.from_date <= ? AND (p.to_date IS NULL OR p.to_date > ?)
    ORDER BY p.rule = 'manual' DESC, p.id DESC LIMIT 1
"""


def standing(db: Database, customer_id: int, day: str) -> tuple[str, int, Why, str] | None:
    """(tier name, rate, why, since) of the placement that counts on ``day``: one by hand
    while it runs, else the running one by rule; None outside every tier."""
    row = db.execute(_STANDING, [customer_id, day, day]).fetchone()
    if row is None:
        return None
    name, rate, rule, spend, bar, placed_at, placed_by, to_date, note, since = row
    why = Why(
        Rule(rule), spend, bar, placed_at, placed_by, to_date if rule == "manual" else None, note
    )
    return name, rate, why, since


def tier_by_name(db: Database, name: str) -> Tier | None:
    row = db.execute(f"SELECT {_TIER_COLUMNS} FROM loyalty_tiers WHERE name = ?", [name]).fetchone()
    return None if row is None else Tier(row[0], row[1], Rule(row[2]), row[3], row[4], row[5])


def mark_recomputed(db: Database, day: str) -> None:
    db.execute(
        "INSERT INTO settings (key, value) VALUES (?, ?) "
        "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        [RECOMPUTED_KEY, json.dumps(day)],
    )


OUTSIDE_EVERY_TIER = (
    "SELECT c.id FROM customers c WHERE c.archived_at IS NULL AND NOT c.is_staff "
    "AND NOT EXISTS (SELECT 1 FROM loyalty_placements p WHERE p.customer_id = c.id) ORDER BY c.id"
)
"""Cards never placed in a tier (the demo puts two of them in one by hand)."""


def demo_discounts(db: Database) -> None:
    """The demo's sales in a tier get the discount they would have had: its amounts are what
    was paid, so the discount is worked back from the price (paid × rate / (100% - rate)).
    A sale that has its discount (a second demo on the same file) keeps it."""
    db.execute(
        "INSERT OR IGNORE INTO sale_discounts (purchase_id, tier_id, tier_name, rate_bp, discount) "
        "SELECT p.id, t.id, t.name, t.rate_bp, "
        "(p.amount * t.rate_bp + (10000 - t.rate_bp) / 2) / (10000 - t.rate_bp) "
        "FROM purchases p JOIN loyalty_placements l ON l.customer_id = p.customer_id "
        "AND p.date >= l.from_date AND (l.to_date IS NULL OR p.date < l.to_date) "
        "JOIN loyalty_tiers t ON t.id = l.tier_id "
        "WHERE p.amount > 0 AND p.voided_at IS NULL AND t.rate_bp < 10000 "
        "AND l.id = (SELECT l2.id FROM loyalty_placements l2 WHERE l2.customer_id = p.customer_id "
        "AND p.date >= l2.from_date AND (l2.to_date IS NULL OR p.date < l2.to_date) "
        "ORDER BY l2.rule = 'manual' DESC, l2.id DESC LIMIT 1)"
    )


# Discounts on sales ---------------------------------------------------------------------------


def record_discount(
    db: Database, purchase_id: int, tier_id: int | None, tier: str, rate_bp: int, given: int
) -> None:
    db.execute(
        "INSERT INTO sale_discounts (purchase_id, tier_id, tier_name, rate_bp, discount) "
        "VALUES (?, ?, ?, ?, ?)",
        [purchase_id, tier_id, tier, rate_bp, given],
    )


def discounts_of(db: Database, purchase_ids: Sequence[int]) -> dict[int, tuple[str, int, int]]:
    """Purchase id -> (tier name, rate, discount) recorded on it, for those that have one."""
    found: dict[int, tuple[str, int, int]] = {}
    for start in range(0, len(purchase_ids), CHUNK):
        chunk = list(purchase_ids[start : start + CHUNK])
        rows = db.execute(
            "SELECT purchase_id, tier_name, rate_bp, discount FROM sale_discounts "
            f"WHERE purchase_id IN ({', '.join('?' * len(chunk))})",
            chunk,
        ).fetchall()
        found.update({pid: (name, rate, given) for pid, name, rate, given in rows})
    return found
