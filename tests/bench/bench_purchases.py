"""How fast a purchase is saved, and a long purchase history shown, on a big card file.

    QT_QPA_PLATFORM=offscreen .venv/bin/python tests/bench/bench_purchases.py [--db PATH]
        [--customers 100000] [--purchases 2000000] [--saves 500]

Builds (once; reused while its size matches) a card file of CUSTOMERS cards and PURCHASES
purchases with raw ``executemany``, one of the cards holding 5,000 of them. Then prints:
- saving a purchase through ``services.purchases.record_purchase`` (one transaction with its
  change-history line), SAVES times on random cards: median, 95th percentile, max;
- the purchase history pane for the card with 5,000 purchases: from ``show_customer`` until
  it has painted (figures, chart, first page of the table), first and repeated;
- the parts of it: the figures, the first page of the list.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import time
from collections.abc import Callable, Iterator
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from shopcards.core.purchase import PurchaseInput
from shopcards.core.roles import Role
from shopcards.services import purchases
from shopcards.services.opening import open_session
from shopcards.services.session import Session
from shopcards.store.cardfile import open_card_file

BIG_HISTORY = 5000
NOW = "2026-01-01T09:00:00"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, default=Path("/tmp/shopcards-bench-purchases.db"))
    parser.add_argument("--customers", type=int, default=100_000)
    parser.add_argument("--purchases", type=int, default=2_000_000)
    parser.add_argument("--saves", type=int, default=500)
    args = parser.parse_args()
    build(args.db, args.customers, args.purchases)
    session = open_session(args.db, Role.CLERK)
    try:
        bench_saves(session, args.customers, args.saves)
        bench_history(session)
    finally:
        session.close()


def build(path: Path, customers: int, purchase_count: int) -> None:
    """A card file of the asked size, made with raw executemany (seconds, not minutes)."""
    if path.exists():
        with open_card_file(path) as card_file:
            have = card_file.db.execute(
                "SELECT (SELECT count(*) FROM customers), (SELECT count(*) FROM purchases)"
            ).fetchone()
        if have[0] == customers and have[1] >= purchase_count:  # earlier runs' saves stay
            print(f"Using {path}: {have[0]:,} cards, {have[1]:,} purchases")
            return
        path.unlink()
        for extra in ("-wal", "-shm"):
            Path(f"{path}{extra}").unlink(missing_ok=True)
    started = time.perf_counter()
    with open_card_file(path) as card_file, card_file.write() as db:
        db.conn.executemany(
            "INSERT INTO customers (id, card_no, given_name, family_name, created_at, created_by,"
            " updated_at, updated_by, sort_key, drawer) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                (
                    i,
                    f"{i:07d}",
                    f"Given{i}",
                    f"Family{i}",
                    NOW,
                    "owner",
                    NOW,
                    "owner",
                    f"family{i:07d}",
                    "F",
                )
                for i in range(1, customers + 1)
            ),
        )
        db.conn.executemany(
            "INSERT INTO purchases (customer_id, date, amount, items, category, receipt_no, "
            "created_at, created_by, updated_at, updated_by) "
            "VALUES (?, ?, ?, ?, '', ?, ?, ?, ?, ?)",
            _purchase_rows(customers, purchase_count),
        )
    print(
        f"Built {path}: {customers:,} cards, {purchase_count:,} purchases in "
        f"{time.perf_counter() - started:.1f} s"
    )


def _purchase_rows(customers: int, count: int) -> Iterator[tuple[object, ...]]:
    rnd = random.Random(7)
    for n in range(count):
        customer = 1 if n < BIG_HISTORY else rnd.randint(2, customers)
        day = f"20{rnd.randint(16, 25)}-{rnd.randint(1, 12):02d}-{rnd.randint(1, 28):02d}"
        yield (customer, day, rnd.randint(100, 20000), "goods", f"R{n}", NOW, "clerk", NOW, "clerk")


def bench_saves(session: Session, customers: int, saves: int) -> None:
    rnd = random.Random(11)
    times: list[float] = []
    for n in range(saves):
        customer = rnd.randint(2, customers)
        typed = PurchaseInput(
            f"{rnd.randint(1, 300)},{rnd.randint(0, 99):02d}", "bench", "", f"B{n}"
        )
        started = time.perf_counter()
        purchases.record_purchase(session, customer, typed)
        times.append(time.perf_counter() - started)
    times.sort()
    print(
        f"Saving a purchase ({saves} saves): median {ms(statistics.median(times))}, "
        f"95th percentile {ms(times[int(len(times) * 0.95)])}, max {ms(times[-1])}"
    )


def bench_history(session: Session) -> None:
    from PySide6.QtWidgets import QApplication

    from shopcards.ui.history.pane import HistoryPane
    from shopcards.ui.kit.qt_compat import keep_singletons_alive
    from shopcards.ui.kit.theme import load_fonts

    keep_singletons_alive()
    app = QApplication.instance() or QApplication([])
    assert isinstance(app, QApplication)
    load_fonts(app)
    pane = HistoryPane(session)
    pane.resize(800, 600)
    pane.show()
    app.processEvents()

    def shown() -> None:
        pane.show_customer(1)
        pane.repaint()
        app.processEvents()

    first = timed(shown)
    again = []
    for _ in range(20):
        pane.show_customer(None)
        app.processEvents()
        again.append(timed(shown))
    print(
        f"History pane, {pane.model.total:,} purchases: first {ms(first)}, "
        f"then median {ms(statistics.median(again))}, max {ms(max(again))}"
    )
    figures = [timed(lambda: purchases.purchase_figures(session, 1)) for _ in range(20)]
    page = [timed(lambda: purchases.list_purchases(session, 1, limit=100)) for _ in range(20)]
    print(
        f"  of which figures {ms(statistics.median(figures))}, "
        f"first page of the list {ms(statistics.median(page))}"
    )


def timed(work: Callable[[], object]) -> float:
    started = time.perf_counter()
    work()
    return time.perf_counter() - started


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms"


if __name__ == "__main__":
    main()
