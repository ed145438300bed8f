"""How long exporting 100,000 cards takes as CSV, .xlsx and vCard, and in how much memory.

    .venv/bin/python tests/bench/bench_export.py [--source /tmp/search-100k.db] [--cards 100000]

Copies SOURCE (a big card file, never changed) into FOLDER, or, when there is none, builds a
demo shop of CARDS cards without purchases there; then exports every card through
``services.customer_export`` once per format. Prints, per format, the seconds on the clock and
of CPU (the machine may be shared: CPU seconds are what the export itself cost; with
``--repeat`` the run with the least), the file's size and the process's peak memory (resident
set) after it, and the load average at the start and the end (a busy machine's wall
seconds say little).
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import time
from pathlib import Path

from shopcards.core.roles import Role
from shopcards.services import demo
from shopcards.services.customer_export import export_customers
from shopcards.services.opening import open_session
from shopcards.services.session import Session


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, default=Path("/tmp/search-100k.db"))
    parser.add_argument("--cards", type=int, default=100_000)
    parser.add_argument("--folder", type=Path, default=Path("/tmp/shopcards-bench-export"))
    parser.add_argument("--formats", nargs="+", default=["csv", "xlsx", "vcf"])
    parser.add_argument(
        "--repeat", type=int, default=1, help="export each format this many times; the best"
    )
    args = parser.parse_args()
    args.folder.mkdir(parents=True, exist_ok=True)
    db = args.folder / "shop.db"
    for old in (db, Path(f"{db}-wal"), Path(f"{db}-shm")):
        old.unlink(missing_ok=True)
    session = _card_file(args.source, db, args.cards)
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    for kind in args.formats:
        out = args.folder / f"cards.{kind}"
        runs = [_timed(session, out) for _ in range(args.repeat)]
        count, wall, cpu = min(runs, key=lambda run: run[2])
        print(
            f"{kind:>4}: {count:,} cards in {wall:.1f} s ({cpu:.1f} s of CPU), "
            f"{out.stat().st_size / 1e6:.0f} MB, peak memory {_peak_mb():.0f} MB"
        )
    print(f"load average {os.getloadavg()[0]:.1f} at the end")
    session.close()


def _timed(session: Session, out: Path) -> tuple[int, float, float]:
    """(cards, seconds on the clock, seconds of CPU) of one export of every card to ``out``."""
    wall, cpu = time.perf_counter(), time.process_time()
    count = export_customers(session, out)
    return count, time.perf_counter() - wall, time.process_time() - cpu


def _card_file(source: Path, db: Path, cards: int) -> Session:
    """The owner's session on a copy of ``source``, or on a new demo shop of ``cards``."""
    if source.exists():
        shutil.copyfile(source, db)
        return open_session(db, Role.OWNER)
    session = open_session(db, Role.OWNER)
    started = time.perf_counter()
    demo.build_demo(session, cards, with_purchases=False)
    print(f"built {cards:,} demo cards in {time.perf_counter() - started:.0f} s")
    return session


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


if __name__ == "__main__":
    main()
