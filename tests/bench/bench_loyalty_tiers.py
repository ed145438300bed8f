"""Loyalty tiers speed: recomputing every customer's tier, beside the raw SQL it rests on.

    .venv/bin/python tests/bench/bench_loyalty_tiers.py [--customers 100000]
                                                        [--purchases 2000000] [--db PATH]

Builds (once, then reuses) the card file of bench_insights.py, sets up three tiers (Card 5%
for any net spend, Gold 15% from 1 000,00, VIP 25% for the top 5%) and times, as medians of
``--runs`` warm runs taken in turn:

- raw: the net spend per customer over 12 months (store.insights.ranked_spend_sql, the one
  set-based statement) on a plain sqlite3 connection (execute + fetchall),
- recompute: services.loyalty_tiers.recompute(), the whole call (placement, comparison with
  the running placements, the transaction), when nobody's tier changed,

with the ratio recompute/raw from the same runs; then the first placement of everyone (saving
the table), a recompute a day later (the tiers people moved in or out of), the check when the
file opens once done, and a card's tier after a scan.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sqlite3
import time
from pathlib import Path

from shopcards.core.insights import last_12_months
from shopcards.core.loyalty_tiers import Rule, Tier
from shopcards.core.roles import Role
from shopcards.services import loyalty_tiers
from shopcards.services.opening import open_session
from shopcards.services.settings import update_settings
from shopcards.store import insights as store
from tests.bench.bench_insights import TODAY, build, median_time, median_times

TABLE = [
    Tier("Card", 500, Rule.SPEND, threshold=0),
    Tier("Gold", 1500, Rule.SPEND, threshold=100_000),
    Tier("VIP", 2500, Rule.TOP, top_bp=500),
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--customers", type=int, default=100_000)
    parser.add_argument("--purchases", type=int, default=2_000_000)
    parser.add_argument("--db", type=Path, default=None)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    path = args.db or Path(f"/tmp/shopcards-bench-insights-{args.customers}-{args.purchases}.db")
    build(path, args.customers, args.purchases)

    session = open_session(path, Role.OWNER)
    day = TODAY
    session.clock = lambda: dt.datetime.combine(day, dt.time(10))
    update_settings(session, tiers_on=True)
    loyalty_tiers.save_tiers(session, [])  # no tiers: everyone out, so the next save places all
    started = time.perf_counter()
    loyalty_tiers.save_tiers(session, TABLE)
    first = time.perf_counter() - started

    raw = sqlite3.connect(path)
    raw.execute("PRAGMA cache_size = -32768")
    start, end = (d.isoformat() for d in last_12_months(TODAY))
    sql, params = store.ranked_spend_sql(session.db, start, end)
    raw_s, service_s = median_times(
        [lambda: raw.execute(sql, params).fetchall(), lambda: loyalty_tiers.recompute(session)],
        args.runs,
    )
    placed = loyalty_tiers.recompute(session).placed
    print(
        f"{args.customers:,} customers, {args.purchases:,} purchases, {placed:,} placed; "
        f"SQLite {sqlite3.sqlite_version}; medians of {args.runs} runs"
    )
    print(f"{'':30s} {'raw SQL':>9s} {'service':>9s} {'ratio':>6s}")
    print(
        f"{'recompute, nothing moved':30s} {raw_s:8.3f}s {service_s:8.3f}s {service_s / raw_s:6.2f}"
    )
    print(f"{'first placement (save table)':30s} {'':9s} {first:8.3f}s")

    day = TODAY + dt.timedelta(days=1)
    started = time.perf_counter()
    moved = loyalty_tiers.recompute(session).moved
    later = time.perf_counter() - started
    print(f"{'recompute a day later':30s} {'':9s} {later:8.3f}s  ({moved:,} moved)")
    done = median_time(lambda: loyalty_tiers.recompute_if_due(session), args.runs)
    print(f"{'on opening, once done today':30s} {'':9s} {done * 1000:7.2f}ms")
    scan = median_time(lambda: loyalty_tiers.tier_of(session, 1), args.runs)
    print(f"{'a card tier after a scan':30s} {'':9s} {scan * 1000:7.2f}ms")
    session.close()
    raw.close()


if __name__ == "__main__":
    main()
