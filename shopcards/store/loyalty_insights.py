"""The aggregates behind "does the loyalty scheme pay": who is in which tier on a day, the
visits and spend of a group around each member's own pivot day, and the discounts given.

Voided sales never count; a discount counts with its sale.
"""

from __future__ import annotations

import datetime as dt
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
    WITH windows AS (
        SELECT CAST(value ->> 0 AS INTEGER) AS customer_id, value ->> 1 AS pivot,
            value ->> 2 AS start, value ->> 3 AS stop
        FROM json_each(:windows)
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
    windows = [_window(customer_id, pivot, stop) for customer_id, pivot in pivots]
    row = db.execute(_CHANGE, {"windows": json.dumps(windows)}).fetchone()
    spend_before, spend_after, visits_before, visits_after = row
    return Change(len(pivots), visits_before, visits_after, spend_before, spend_after)


def _window(customer_id: int, pivot: str, stop: str) -> tuple[int, str, str, str]:
    """(customer, pivot, first day, day after the last) of one pivot's two windows. Days are
    counted here, not in SQL, so that both stores take the same ones: a year after
    29 February is 1 March, as SQLite's ``date(day, '+12 months')`` has it (PostgreSQL's
    interval stops at 28 February)."""
    day = dt.date.fromisoformat(pivot)
    try:
        year_later = day.replace(year=day.year + 1)
    except ValueError:  # 29 February
        year_later = dt.date(day.year + 1, 3, 1)
    end = min(year_later.isoformat(), stop)
    length = dt.date.fromisoformat(end) - day
    return customer_id, pivot, (day - length).isoformat(), end


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
