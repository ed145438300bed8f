"""How fast the till's sale screen shows a scanned customer with their tier and cash-back.

    QT_QPA_PLATFORM=offscreen .venv/bin/python tests/bench/bench_till_scan.py
        [--source /tmp/tiers-100k.db] [--db PATH] [--customers 200] [--runs 3]

Copies SOURCE (the 100,000-card / 2,000,000-purchase file; it is never written) to DB once,
switches the scheme on there as the owner (tiers Card 5% / Gold 15% / VIP 25%, cash-back 5%),
gives a sample of CUSTOMERS cash-back by hand, opens the real till window (offscreen) and
times, for each of them, from the scan (the card number handed to the till as the scanner
reports it) to the sale screen painted with the tier and balance line. Prints the median,
95th percentile and max over all runs, then the same for each service the scan calls, so a
slow one is named (and, once, the category suggestions, which are read later).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import shutil
import sqlite3
import statistics
import time
from collections.abc import Callable
from pathlib import Path

from shopcards.core.card_numbers import is_card_number
from shopcards.core.roles import Role
from shopcards.services import cards, loyalty, loyalty_tiers, purchases
from shopcards.services.opening import open_session
from shopcards.services.session import Session
from shopcards.services.settings import update_settings
from tests.bench.bench_insights import TODAY
from tests.bench.bench_loyalty_tiers import TABLE


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, default=Path("/tmp/tiers-100k.db"))
    parser.add_argument("--db", type=Path, default=Path("/tmp/shopcards-bench-till-scan.db"))
    parser.add_argument("--customers", type=int, default=200)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    fresh = not args.db.exists()
    if fresh:
        shutil.copyfile(args.source, args.db)
    sample = _sample(args.db, args.customers)
    session = open_session(args.db, Role.OWNER)
    session.clock = lambda: dt.datetime.combine(TODAY, dt.time(10))
    if fresh:
        _switch_scheme_on(session, sample)
    _time_the_services(session, sample)
    _time_the_window(session, sample, args.runs)
    session.close()


def _sample(path: Path, size: int) -> list[tuple[int, str]]:
    """(id, card number) of ``size`` customers picked at random, the same ones each run.

    The bench file numbers its cards 0000001, 0000002, … without a check digit, so only the
    one card in ten whose last digit happens to be right scans: those are sampled."""
    with sqlite3.connect(path) as db:
        rows = db.execute("SELECT id, card_no FROM customers ORDER BY id").fetchall()
    scannable = [(cid, no) for cid, no in rows if is_card_number(no)]
    return random.Random(13).sample(scannable, size)


def _switch_scheme_on(session: Session, sample: list[tuple[int, str]]) -> None:
    started = time.perf_counter()
    update_settings(session, tiers_on=True, cashback_on=True, cashback_rate_bp=500)
    loyalty_tiers.save_tiers(session, TABLE)
    for customer_id, _ in sample:
        loyalty.adjust(session, customer_id, "12.40", "bench")
    print(
        f"scheme switched on, {len(sample)} balances given: {time.perf_counter() - started:.1f} s"
    )


def _time_the_window(session: Session, sample: list[tuple[int, str]], runs: int) -> None:
    from PySide6.QtWidgets import QApplication

    from shopcards.ui.kit.qt_compat import keep_singletons_alive
    from shopcards.ui.till.window import TillWindow

    keep_singletons_alive()  # as the program does: many scans crash PySide6 6.12 on 3.11
    app = QApplication.instance() or QApplication([])
    till = TillWindow(session)
    till.show()
    app.processEvents()
    took: list[float] = []
    with_tier = 0
    for run in range(runs + 1):  # the first run warms the caches up and is not counted
        for _, card_no in sample:
            till.show_find()
            app.processEvents()
            started = time.perf_counter()
            till.card_scanned(card_no)
            till.repaint()
            elapsed = time.perf_counter() - started
            assert till.pages.currentWidget() is till.sale_page
            assert till.sale_page.loyalty.summary.isVisible()
            if run:
                took.append(elapsed)
                with_tier += " off" in till.sale_page.loyalty.summary.text()
    print(
        f"scan -> sale screen painted with tier and balance ({len(took)} scans, "
        f"{with_tier} with a tier): {_figures(took)}"
    )
    print(f"  e.g. {till.sale_page.loyalty.summary.text()!r}")
    till.close()


def _time_the_services(session: Session, sample: list[tuple[int, str]]) -> None:
    """Each call the scan makes, on its own, over the same sample."""
    calls: dict[str, Callable[[int, str], object]] = {
        "cards.card_at_till": lambda _, no: cards.card_at_till(session, no),
        "cards.get_card": lambda cid, _: cards.get_card(session, cid),
        "purchases.purchase_figures": lambda cid, _: purchases.purchase_figures(session, cid),
        "purchases.list_purchases": lambda cid, _: purchases.list_purchases(session, cid, limit=6),
        "loyalty_tiers.tier_of": lambda cid, _: loyalty_tiers.tier_of(session, cid),
        "loyalty.for_till": lambda cid, _: loyalty.for_till(session, cid),
    }
    for name, call in calls.items():
        took = []
        for customer_id, card_no in sample:
            started = time.perf_counter()
            call(customer_id, card_no)
            took.append(time.perf_counter() - started)
        print(f"  {name}: {_figures(took)}")
    started = time.perf_counter()
    purchases.categories(session)
    print(
        f"  (not at a scan: purchases.categories, read when the Category field first takes "
        f"the focus: {(time.perf_counter() - started) * 1000:.0f} ms)"
    )


def _figures(seconds: list[float]) -> str:
    ms = sorted(s * 1000 for s in seconds)
    p95 = ms[min(len(ms) - 1, round(len(ms) * 0.95))]
    return f"median {statistics.median(ms):.1f} ms, p95 {p95:.1f} ms, max {ms[-1]:.1f} ms"


if __name__ == "__main__":
    main()
