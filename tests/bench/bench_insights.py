"""Insights speed: the 80/20 split and the segments, beside the raw SQL they come from.

    .venv/bin/python tests/bench/bench_insights.py [--customers 100000] [--purchases 2000000]
                                                   [--db PATH] [--runs 5]

Builds (once, then reuses) a card file of that size with raw ``executemany``: customers with a
spend that follows a Pareto law, four years of purchases, every 50th a return and every 97th
voided. It then times, as medians of ``--runs`` warm runs, taken in turn:

- raw: the store's own SQL run on a plain sqlite3 connection (execute + fetchall),
- service: services.insights.pareto() / segments(), the whole call as the window makes it,

and prints both with the ratio service/raw; then the whole screen's overview() and one card's
RFM scores (first and then cached population).
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sqlite3
import statistics
import time
from collections.abc import Callable
from pathlib import Path

from shopcards.core.roles import Role
from shopcards.services import insights
from shopcards.services.opening import open_session
from shopcards.store import insights as store
from shopcards.store.cardfile import open_card_file

TODAY = dt.date(2026, 11, 23)
NOW = "2026-11-23T10:00:00"
YEARS = 4


def build(path: Path, customers: int, purchases: int, seed: int = 7) -> None:
    if path.exists():
        return
    print(f"building {path}: {customers:,} customers, {purchases:,} purchases …", flush=True)
    started = time.perf_counter()
    open_card_file(path).close()
    rng = random.Random(seed)
    conn = sqlite3.connect(path)
    conn.execute("BEGIN")
    conn.executemany(
        "INSERT INTO customers (id, card_no, given_name, family_name, address, city, "
        "consent_post, consent_phone, created_at, created_by, updated_at, updated_by, sort_key, "
        "drawer) VALUES (?, ?, 'Anna', ?, 'Street 1', 'Town', ?, ?, ?, 'owner', ?, 'owner', ?, "
        "'C')",
        (
            (
                i,
                f"{i:07d}",
                f"Customer {i:06d}",
                rng.choice(("yes", "no", "not_asked")),
                rng.choice(("yes", "no", "not_asked")),
                NOW,
                NOW,
                f"customer {i:06d}",
            )
            for i in range(1, customers + 1)
        ),
    )
    conn.executemany(
        "INSERT INTO phones (customer_id, number) VALUES (?, ?)",
        ((i, f"+35840{i:07d}") for i in range(1, customers + 1, 2)),
    )
    weights = [rng.paretovariate(1.2) for _ in range(customers)]
    buyers = rng.choices(range(1, customers + 1), weights=weights, k=purchases)
    days = 365 * YEARS
    first = TODAY - dt.timedelta(days=days)

    def rows() -> object:
        for n, customer in enumerate(buyers):
            day = (first + dt.timedelta(days=rng.randrange(days + 1))).isoformat()
            amount = max(100, int(rng.lognormvariate(7.5, 0.8)))
            yield (
                customer,
                day,
                -amount // 3 if n % 50 == 0 else amount,
                NOW if n % 97 == 0 else None,
                NOW,
                NOW,
            )

    conn.executemany(
        "INSERT INTO purchases (customer_id, date, amount, voided_at, created_at, created_by, "
        "updated_at, updated_by) VALUES (?, ?, ?, ?, ?, 'owner', ?, 'owner')",
        rows(),  # type: ignore[arg-type]
    )
    conn.execute("COMMIT")
    conn.close()
    print(f"  built in {time.perf_counter() - started:.0f} s", flush=True)


def median_time(work: Callable[[], object], runs: int) -> float:
    return median_times([work], runs)[0]


def median_times(works: list[Callable[[], object]], runs: int) -> list[float]:
    """Median seconds of each piece of work, run in turn (so a busy moment of the machine
    falls on all of them alike), after one warm-up run each."""
    for work in works:
        work()
    times: list[list[float]] = [[] for _ in works]
    for _ in range(runs):
        for work, took in zip(works, times, strict=True):
            started = time.perf_counter()
            work()
            took.append(time.perf_counter() - started)
    return [statistics.median(took) for took in times]


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
    session.clock = lambda: dt.datetime.combine(TODAY, dt.time(10))
    raw = sqlite3.connect(path)
    raw.execute("PRAGMA cache_size = -32768")
    start, end = dt.date(2025, 11, 24), TODAY

    def raw_sql(sql: str, params: object) -> Callable[[], object]:
        return lambda: raw.execute(sql, params).fetchall()  # type: ignore[arg-type]

    pareto_sql = store.ranked_spend_sql(session.db, start.isoformat(), end.isoformat())
    whole_sql = store.ranked_spend_sql(session.db, "2000-01-01", end.isoformat())
    figures_sql = store.figures_sql(TODAY)
    cases = [
        (
            "pareto, last 12 months",
            raw_sql(*pareto_sql),
            lambda: insights.pareto(session, start, end),
        ),
        (
            "pareto, all years",
            raw_sql(*whole_sql),
            lambda: insights.pareto(session, dt.date(2000, 1, 1), end),
        ),
        ("segments", raw_sql(*figures_sql), lambda: insights.segments(session)),
    ]
    print(
        f"{args.customers:,} customers, {args.purchases:,} purchases; "
        f"SQLite {sqlite3.sqlite_version}; medians of {args.runs} runs"
    )
    print(f"{'':24s} {'raw SQL':>9s} {'service':>9s} {'ratio':>6s}")
    for name, raw_work, service_work in cases:
        raw_s, service_s = median_times([raw_work, service_work], args.runs)
        print(f"{name:24s} {raw_s:8.3f}s {service_s:8.3f}s {service_s / raw_s:6.2f}")

    overview_s = median_time(lambda: insights.overview(session, start, end), args.runs)
    print(f"{'whole screen (overview)':24s} {'':9s} {overview_s:8.3f}s")
    insights._populations.clear()
    started = time.perf_counter()
    insights.rfm_for(session, 1)
    first_rfm = time.perf_counter() - started
    cached = median_time(lambda: insights.rfm_for(session, 2), args.runs)
    print(f"{'one card RFM':24s} first {first_rfm:.3f}s, then {cached * 1000:.1f} ms")
    session.close()
    raw.close()


if __name__ == "__main__":
    main()
