"""The aggregates behind "does the loyalty scheme pay": who is in which tier on a day, the
visits and spend of a group around each member's own pivot day, and the discounts given.

Voided sales never count; a discount counts with its sale.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from shopcards.core.loyalty_insights import Change
from shopcards.store.handle import Database

_MEMBERS = """
    SELECT customer_id, tier_id, from_date FROM (
        SELECT customer_id, tier_id, from_date, row_number() OVER (
            PARTITION BY customer_id ORDER BY rule = 'manual' DESC, id DESC) AS n
        FROM loyalty_placements
        WHERE tier_id IS NOT NULL AND from_date <= :day AND (to_date IS NULL OR to_date > :day)
    ) WHERE n = 1
"""


def members(db: Database, day: str) -> list[tuple[int, int, str]]:
    """(customer id, tier id, in it since) of everyone in a tier on ``day``, by the same rule
    as a single card: a placement by hand while it runs, else the one by rule."""
    return db.execute(_MEMBERS, {"day": day}).fetchall()


_CHANGE = """
    WITH pivots AS (
        SELECT value ->> 0 AS customer_id, value ->> 1 AS pivot,
            min(date(value ->> 1, '+12 months'), :stop) AS stop
        FROM json_each(:pivots)
    ), windows AS (
        SELECT customer_id, pivot, stop,
            date(pivot, printf('-%d days', julianday(stop) - julianday(pivot))) AS start
        FROM pivots
    )
    SELECT
        coalesce(sum(p.amount) FILTER (WHERE p.date < w.pivot), 0),
        coalesce(sum(p.amount) FILTER (WHERE p.date >= w.pivot), 0),
        count(DISTINCT p.customer_id || ' ' || p.date)
            FILTER (WHERE p.amount > 0 AND p.date < w.pivot),
        count(DISTINCT p.customer_id || ' ' || p.date)
            FILTER (WHERE p.amount > 0 AND p.date >= w.pivot)
    FROM windows w JOIN purchases p ON p.customer_id = w.customer_id
    WHERE p.voided_at IS NULL AND p.date >= w.start AND p.date < w.stop
"""


def change(db: Database, pivots: Sequence[tuple[int, str]], stop: str) -> Change:
    """The visits and net spend of (customer id, pivot day) pairs: from each pivot for 12
    months (ending before ``stop`` at the latest, i.e. up to today) against as many days
    just before the pivot."""
    if not pivots:
        return Change(0, 0, 0, 0, 0)
    row = db.execute(_CHANGE, {"pivots": json.dumps(list(pivots)), "stop": stop}).fetchone()
    spend_before, spend_after, visits_before, visits_after = row
    return Change(len(pivots), visits_before, visits_after, spend_before, spend_after)


def discounts_by_tier(db: Database, start: str, end: str) -> dict[str, int]:
    """Tier name (as recorded on the sale) -> discounts given on sales from ``start`` to
    ``end`` (both included) that stand."""
    rows = db.execute(
        "SELECT d.tier_name, sum(d.discount) FROM sale_discounts d "
        "JOIN purchases p ON p.id = d.purchase_id "
        "WHERE p.voided_at IS NULL AND p.date >= ? AND p.date <= ? GROUP BY d.tier_name",
        [start, end],
    ).fetchall()
    return {name.casefold(): int(total) for name, total in rows}


def discounts_by_month(db: Database, start: str, end: str) -> dict[str, int]:
    """YYYY-MM -> discounts given on sales that stand, from ``start`` to ``end``."""
    rows = db.execute(
        "SELECT substr(p.date, 1, 7), sum(d.discount) FROM sale_discounts d "
        "JOIN purchases p ON p.id = d.purchase_id "
        "WHERE p.voided_at IS NULL AND p.date >= ? AND p.date <= ? GROUP BY 1",
        [start, end],
    ).fetchall()
    return {month: int(total) for month, total in rows}
