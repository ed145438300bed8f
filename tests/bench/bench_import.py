"""How fast a big till export is imported, in how much memory, and how long the till waits.

    .venv/bin/python tests/bench/bench_import.py [--rows 1000000] [--customers 20000]

Builds a card file of CUSTOMERS cards and a till export of ROWS sales (in /tmp), then imports
it through ``services.purchase_import`` while a clerk records a sale every 50 ms at the till
on a connection of their own. Prints rows per second, the process's peak memory (resident
set) before and after the import, the longest time the card file's write lock was held (each
``CardFile.write`` transaction, timed), the till's longest save, and any sale that failed.
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlite_utils import Database

from shopcards.core.roles import Role
from shopcards.services import purchase_import
from shopcards.services.opening import open_session
from shopcards.store.cardfile import CardFile
from tests.import_load import Till, build_cards, write_export

sys.setrecursionlimit(10_000)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--customers", type=int, default=20_000)
    parser.add_argument("--folder", type=Path, default=Path("/tmp/shopcards-bench-import"))
    args = parser.parse_args()
    args.folder.mkdir(parents=True, exist_ok=True)
    db, export = args.folder / "shop.db", args.folder / f"till-{args.rows}.csv"
    for old in (db, Path(f"{db}-wal"), Path(f"{db}-shm")):
        old.unlink(missing_ok=True)
    build_cards(db, args.customers)
    if not export.exists():
        write_export(export, args.rows, args.customers)
    print(f"{export}: {args.rows:,} rows, {export.stat().st_size / 1e6:.0f} MB")
    held = _time_write_locks()
    before = _peak_mb()
    session = open_session(db, Role.OWNER)
    with Till(db, args.customers) as till:
        started = time.perf_counter()
        report = purchase_import.import_purchases(session, export)
        took = time.perf_counter() - started
    session.close()
    assert report.imported, report.problems[:5]
    print(f"imported {report.matched_count:,} rows in {took:.1f} s: {args.rows / took:,.0f} rows/s")
    print(f"peak memory: {before:.0f} MB before the import, {_peak_mb():.0f} MB after")
    print(f"longest write lock: {max(held) * 1000:.0f} ms ({len(held):,} write transactions)")
    print(
        f"till: {len(till.saved):,} sales saved, {len(till.failed)} failed, "
        f"longest save {till.longest * 1000:.0f} ms"
    )
    for failure in till.failed[:3]:
        print(f"  {failure}")


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _time_write_locks() -> list[float]:
    """Every CardFile.write transaction's duration, from BEGIN IMMEDIATE to COMMIT."""
    held: list[float] = []
    plain = CardFile.write

    @contextmanager
    def timed(self: CardFile) -> Iterator[Database]:
        started = time.perf_counter()
        with plain(self) as db:
            yield db
        held.append(time.perf_counter() - started)

    CardFile.write = timed  # type: ignore[method-assign]
    return held


if __name__ == "__main__":
    main()
