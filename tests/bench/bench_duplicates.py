"""How long finding duplicate cards takes over a big card file, and how many pairs it finds.

    PYTHONPATH=$PWD .venv/bin/python tests/bench/bench_duplicates.py [DB]

DB defaults to /tmp/search-100k.db (100,000 cards); it is copied first and the copy is used,
so the file itself is never changed (opening a file may migrate it). Without it, a demo shop
of 100,000 cards is made. Prints the seconds of reading the cards and of the search itself,
and the pairs found by each rule, and the CPU time of the whole search (the wall time on a
machine busy with other work is longer). The issue asks for 10 s at 100,000 cards.
"""

from __future__ import annotations

import collections
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from shopcards.core.duplicates import find_pairs
from shopcards.core.roles import Role
from shopcards.services import duplicates
from shopcards.services.opening import open_session
from shopcards.store import duplicates as store

DEFAULT_DB = Path("/tmp/search-100k.db")


def copy_of(source: Path, folder: Path) -> Path:
    target = folder / "bench.db"
    if source.exists():
        shutil.copyfile(source, target)
        return target
    print(f"{source} is missing: making a demo shop of 100,000 cards…", flush=True)
    subprocess.run(
        [
            sys.executable,
            "-m",
            "shopcards",
            "demo",
            "--customers",
            "100000",
            "--no-purchases",
            "--db",
            str(target),
        ],
        check=True,
    )
    return target


def main() -> None:
    source = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_DB
    with tempfile.TemporaryDirectory() as folder:
        session = open_session(copy_of(source, Path(folder)), Role.OWNER)
        start = time.perf_counter()
        people = store.people(session.db)
        read = time.perf_counter() - start
        start = time.perf_counter()
        pairs = find_pairs(people, store.not_same(session.db))
        search = time.perf_counter() - start
        start, cpu = time.perf_counter(), time.process_time()
        listed = duplicates.find_duplicates(session)
        whole, whole_cpu = time.perf_counter() - start, time.process_time() - cpu
        kinds = collections.Counter(reason.kind for pair in pairs for reason in pair.reasons)
        print(f"cards: {len(people):,}")
        print(f"reading the cards: {read:.2f} s; the search: {search:.2f} s")
        print(
            f"find_duplicates (service, all of it): {whole:.2f} s ({whole_cpu:.2f} s of CPU: "
            f"the time on a core of its own) for {len(listed):,} pairs"
        )
        print("pairs by rule: " + ", ".join(f"{k} {n:,}" for k, n in sorted(kinds.items())))
        for duplicate in listed[:3]:
            print(
                f"  {duplicate.first.display_name} / {duplicate.second.display_name}: "
                f"{duplicate.why}"
            )
        session.close()


if __name__ == "__main__":
    main()
