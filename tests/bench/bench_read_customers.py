"""How long reading a big customer file takes (the preview's first step; the issue gives the
whole preview 10 s for 100,000 customers), and in how much memory.

    PYTHONPATH=. .venv/bin/python tests/bench/bench_read_customers.py [--rows 100000]
    PYTHONPATH=. .venv/bin/python tests/bench/bench_read_customers.py --rows 500000 --kinds csv

(the second: a 50 MB CSV)

Writes a CSV (UTF-8, ``;``) and an .xlsx (xlsxwriter) of ROWS customers in /tmp, in the five
languages, then reads each through ``services.customer_files.read_customer_file``. Prints the
file's size, the time, rows per second, the CPU time (the figure to trust on a busy machine)
and the peak memory of the process that read it.
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import time
from pathlib import Path

from shopcards.services.customer_files import read_customer_file
from tests.customer_files import CUSTOMERS, write_csv, write_xlsx

HEADINGS = (
    "Card number", "Given name", "Family name", "Address", "Postcode", "City", "Phone",
    "Birthday", "E-mail", "Interests", "Notes",
)  # fmt: skip


def rows(count: int) -> list[tuple[object, ...]]:
    """``count`` customers, each a little different from the last."""
    made = []
    for number in range(count):
        given, family, street, code, city, phone, birthday = CUSTOMERS[number % len(CUSTOMERS)]
        made.append(
            (f"{number:07d}", given, f"{family}{number}", street, code, city,
             f"{phone}{number % 10}", birthday, f"customer{number}@example.com",
             "tea, porcelain", "Comes on Fridays; likes green tea")
        )  # fmt: skip
    return made


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--kinds", default="csv,xlsx", help="which files: csv, xlsx or both")
    parser.add_argument("--folder", type=Path, default=Path("/tmp/shopcards-bench-read-customers"))
    parser.add_argument("--read", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.read:
        read(args.read)
        return
    args.folder.mkdir(parents=True, exist_ok=True)
    customers = rows(args.rows)
    writers = {"csv": write_csv, "xlsx": write_xlsx}
    paths = [args.folder / f"customers-{args.rows}.{kind}" for kind in args.kinds.split(",")]
    for path in paths:
        writers[path.suffix[1:]](path, customers, HEADINGS)
    for path in paths:  # each in a process of its own, so its peak memory is the reading's
        subprocess.run([sys.executable, __file__, "--read", str(path)], check=True)


def read(path: Path) -> None:
    started, cpu = time.perf_counter(), time.process_time()
    table = read_customer_file(path)
    took, cpu = time.perf_counter() - started, time.process_time() - cpu
    count = len(table.rows)
    print(
        f"{path.name}: {path.stat().st_size / 1e6:.1f} MB, {count:,} rows read in "
        f"{took:.2f} s ({count / took:,.0f} rows/s, {cpu:.2f} s of CPU); "
        f"peak memory {_peak_mb():.0f} MB"
    )


def _peak_mb() -> float:
    """This process's peak resident memory: Linux's VmHWM, which starts afresh at exec
    (``ru_maxrss`` carries the parent's from the fork)."""
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


if __name__ == "__main__":
    main()
