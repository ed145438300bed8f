"""How fast a big customer list is imported: the preview, then the save.

    .venv/bin/python tests/bench/bench_import_customers.py [--rows 100000] [--existing 20000]

Builds a demo shop of EXISTING cards (no purchases) and a CSV of ROWS other believable
customers (names in many scripts, phones, e-mails, postcodes, birthdays, consent and
interests; in /tmp), reads it, previews it (every duplicate rule against the shop's cards and
the file's earlier rows) and saves it as one batch, adding the possible duplicates anyway.
Prints the seconds of each step (the issue asks preview ≤ 10 s, save ≤ 20 s), wall and CPU:
on a busy machine the CPU seconds say what the step costs on a shop's PC of its own.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import os
import time
from pathlib import Path

from shopcards.core.customer_headings import Field
from shopcards.core.demo_data import demo_customers
from shopcards.core.roles import Role
from shopcards.services import customer_files, customer_import
from shopcards.services.demo import build_demo
from shopcards.services.opening import open_session

HEADINGS = ("First name", "Last name", "Address", "Postcode", "City", "Phone", "E-mail",
            "Birthday", "Post OK", "Interests")  # fmt: skip
MAPPING = {
    0: Field.given_name,
    1: Field.family_name,
    2: Field.address_line_1,
    3: Field.postcode,
    4: Field.city,
    5: Field.phone,
    6: Field.email,
    7: Field.birthday,
    8: Field.consent_post,
    9: Field.interests,
}
TODAY = dt.date(2026, 11, 23)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--existing", type=int, default=20_000)
    parser.add_argument("--folder", type=Path, default=Path("/tmp/shopcards-bench-customers"))
    args = parser.parse_args()
    args.folder.mkdir(parents=True, exist_ok=True)
    db, listing = args.folder / "shop.db", args.folder / f"customers-{args.rows}.csv"
    for old in (db, Path(f"{db}-wal"), Path(f"{db}-shm")):
        old.unlink(missing_ok=True)
    session = open_session(db, Role.OWNER)
    build_demo(session, args.existing, seed=1, with_purchases=False)
    if not listing.exists():
        _write_listing(listing, args.rows)
    print(f"{listing}: {args.rows:,} rows, {listing.stat().st_size / 1e6:.1f} MB")
    started, cpu = time.perf_counter(), time.process_time()
    table = customer_files.read_customer_file(listing)
    read, read_cpu = time.perf_counter(), time.process_time()
    result = customer_import.preview(session, table, MAPPING)
    previewed, previewed_cpu = time.perf_counter(), time.process_time()
    counts = {s.value: result.count(s) for s in customer_import.Status}
    saved = customer_import.save(session, result, for_all=customer_import.Decision.ADD)
    done, done_cpu = time.perf_counter(), time.process_time()
    session.close()
    print(f"read:    {read - started:5.1f} s ({read_cpu - cpu:5.1f} s of CPU)")
    print(
        f"preview: {previewed - read:5.1f} s ({previewed_cpu - read_cpu:5.1f} s of CPU)  {counts}"
    )
    print(
        f"save:    {done - previewed:5.1f} s ({done_cpu - previewed_cpu:5.1f} s of CPU)  "
        f"{saved.added:,} added, {saved.updated:,} updated"
    )
    print(f"(load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores: wall time is shared)")


def _write_listing(path: Path, rows: int) -> None:
    """The shop's old list, as a spreadsheet saves it (UTF-8, commas)."""
    with path.open("w", encoding="utf-8", newline="") as f:
        out = csv.writer(f)
        out.writerow(HEADINGS)
        for customer in demo_customers(rows, seed=7, today=TODAY, with_purchases=False):
            c = customer.card
            out.writerow(
                (
                    c.given_name,
                    c.family_name,
                    c.address_lines[0] if c.address_lines else "",
                    c.postcode,
                    c.city,
                    c.phones[0].number if c.phones else "",
                    c.email,
                    c.birthday.iso() if c.birthday else "",
                    {"yes": "x", "no": "no"}.get(c.consent_post.value, ""),
                    "; ".join(c.interests),
                )
            )


if __name__ == "__main__":
    main()
