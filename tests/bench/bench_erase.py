"""How long forgetting customers takes on a big card file, and what each part costs.

    .venv/bin/python -m shopcards demo --customers 100000 --db /tmp/shopcards-bench-erase.db
    .venv/bin/python tests/bench/bench_erase.py [--db PATH] [--repeat 5] [--many 1000]
        [--vacuum]

Works on a copy of the card file (the demo file is left as it is). Prints:
- forgetting one customer through the service (``services.erasure.forget_customer``), each
  time, and its parts timed apart on the next card: the rows and their commit (the card is
  gone, and no longer found, from then on), the search index's merge in steps of their own
  (it rewrites the whole index; the longest step is how long another desk may wait to save)
  and the checkpoint that empties the write-ahead log;
- forgetting MANY customers in one step (one transaction, one merge), and its parts;
- with --vacuum, what a VACUUM would cost on top (not done by shopcards: secure_delete and the
  merge leave no trace, tests/services/test_erasure.py reads the bytes).
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from shopcards.core.roles import Role
from shopcards.services import erasure
from shopcards.services.opening import open_session
from shopcards.services.session import Session
from shopcards.store import erasure as store
from shopcards.store import search_index


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, default=Path("/tmp/shopcards-bench-erase.db"))
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--many", type=int, default=1_000)
    parser.add_argument("--vacuum", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        copy = Path(folder) / "bench.db"
        shutil.copy(args.db, copy)
        session = open_session(copy, Role.OWNER)
        try:
            describe(session)
            ids = iter(card_ids(session))
            times = [
                timed(lambda: erasure.forget_customer(session, next(ids)))
                for _ in range(args.repeat)
            ]
            print(f"forget one customer (service, all parts): {summary(times)}")
            parts(session, [next(ids)])
            many = [next(ids) for _ in range(args.many)]
            took = timed(lambda: erasure.forget_customers(session, many))
            print(f"forget {args.many:,} customers in one step (service): {took:.2f} s")
            parts(session, [next(ids) for _ in range(args.many)])
            if args.vacuum:
                print(f"VACUUM: {timed(lambda: session.db.execute('VACUUM')):.2f} s")
        finally:
            session.close()


def describe(session: Session) -> None:
    cards = session.db.execute("SELECT count(*) FROM customers").fetchone()[0]
    pages = session.db.execute(
        "SELECT sum(pgsize) FROM dbstat WHERE name LIKE 'customer_search%'"
    ).fetchone()[0]
    size = session.card_file.path.stat().st_size
    print(f"{cards:,} cards; file {size / 1e6:.0f} MB, search index {pages / 1e6:.1f} MB")


def card_ids(session: Session) -> list[int]:
    rows = session.db.execute("SELECT id FROM customers ORDER BY random()").fetchall()
    return [int(row[0]) for row in rows]


def parts(session: Session, card_ids: list[int]) -> None:
    """The erasure of ``card_ids`` again, each part timed on its own: the rows (one
    transaction), the index's merge (steps of their own, the longest is what the till may
    wait), the checkpoint."""
    conn = session.card_file.conn
    today = session.today().isoformat()
    conn.execute("BEGIN IMMEDIATE")
    rows = timed(lambda: [store.forget(session.db, card_id, today) for card_id in card_ids])
    rows += timed(lambda: conn.execute("COMMIT"))
    steps: list[float] = []
    more = [True]

    def step() -> None:
        with session.card_file.write() as db:
            more[0] = search_index.merge_step(db)

    while more[0]:
        steps.append(timed(step))
    wal = session.card_file.path.with_name(session.card_file.path.name + "-wal")
    wal_mb = wal.stat().st_size / 1e6 if wal.exists() else 0.0
    flush = timed(lambda: store.checkpoint(conn))
    print(
        f"  its parts for {len(card_ids):,}: rows and commit {rows * 1000:.0f} ms; index "
        f"merge {sum(steps):.1f} s in {len(steps)} steps (longest {max(steps) * 1000:.0f} ms); "
        f"checkpoint of a {wal_mb:.0f} MB log {flush * 1000:.0f} ms"
    )


def timed(work: Callable[[], object]) -> float:
    start = time.perf_counter()
    work()
    return time.perf_counter() - start


def summary(times: list[float]) -> str:
    return (
        f"median {statistics.median(times) * 1000:.0f} ms, max {max(times) * 1000:.0f} ms "
        f"({len(times)} runs)"
    )


if __name__ == "__main__":
    main()
