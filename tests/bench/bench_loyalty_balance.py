"""How fast a customer's cash-back is read when their ledger holds 10,000 rows.

    .venv/bin/python tests/bench/bench_loyalty_balance.py [--db PATH] [--rows 10000]
        [--others 100000] [--repeat 200]

Builds (once; reused while its size matches) a card file with cash-back on (5%, 12 months):
one customer whose ledger grows to ROWS rows through the real services (sales, some paid
partly with cash-back, some partly returned), and OTHERS rows for 1,000 other customers
written raw, so the index holds more than the one customer. Then prints median, 95th
percentile and max of:
- the balance (``services.loyalty.balance``: a SUM over the index ``(customer_id, amount)``);
- the balance and what expires soon (``cashback``: the lots and what is left of each);
- the till's whole cash-back view after a scan (``for_till``, with its expiry check);
- a sale that spends cash-back (its check, the lots it uses and its insert, one transaction).
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import time
from collections.abc import Callable
from pathlib import Path

from shopcards.core.purchase import PurchaseInput
from shopcards.core.roles import Role
from shopcards.core.validation import CardInput
from shopcards.services import cards, loyalty, purchases
from shopcards.services.opening import open_session
from shopcards.services.session import Session
from shopcards.services.settings import update_settings
from shopcards.store.cardfile import open_card_file

START = dt.datetime(2026, 1, 5, 10, 0)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, default=Path("/tmp/shopcards-bench-loyalty.db"))
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--others", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=200)
    args = parser.parse_args()
    card = build(args.db, args.rows, args.others)
    session = open_session(args.db, Role.CLERK)
    session.clock = lambda: START + dt.timedelta(days=200)
    try:
        rows = loyalty_rows(session, card)
        print(f"customer {card}: {rows:,} ledger rows, balance {loyalty.balance(session, card)}")
        timed("balance", args.repeat, lambda: loyalty.balance(session, card))
        timed("balance + expiring soon", args.repeat, lambda: loyalty.cashback(session, card))
        timed("till view after a scan", args.repeat, lambda: loyalty.for_till(session, card))
        timed("sale spending 0,10 €", 50, lambda: spend(session, card))
    finally:
        session.close()


def build(path: Path, rows: int, others: int) -> int:
    """The card file, made or reused; the id of the customer with the long ledger."""
    if path.exists():
        with open_card_file(path) as card_file:
            found = card_file.db.execute(
                "SELECT customer_id, count(*) FROM cashback_ledger GROUP BY customer_id "
                "ORDER BY 2 DESC LIMIT 1"
            ).fetchone()
        if found and found[1] >= rows:
            return int(found[0])
        path.unlink()
    session = open_session(path, Role.OWNER)
    day = [START]
    session.clock = lambda: day[0]
    update_settings(session, cashback_on=True, cashback_rate_bp=500, cashback_expiry_months=12)
    card = cards.add_card(session, CardInput(given_name="Long", family_name="Ledger")).id
    assert card is not None
    others_written = _others(session, others)
    sale_no = 0
    while loyalty_rows(session, card) < rows:
        sale_no += 1
        day[0] = START + dt.timedelta(minutes=sale_no)
        pay = "0,50" if sale_no % 3 == 0 else ""
        sale = purchases.record_purchase(session, card, PurchaseInput("20,00", cashback=pay))
        if sale_no % 5 == 0:
            purchases.record_return(session, sale.id, PurchaseInput("5,00"))
    print(f"built {path}: {sale_no:,} sales for the long ledger, {others_written:,} other rows")
    session.close()
    return card


def _others(session: Session, rows: int) -> int:
    """``rows`` earn rows for 1,000 other customers, written raw."""
    with session.card_file.write() as db:
        first = db.execute("SELECT coalesce(max(id), 0) + 1 FROM customers").fetchone()[0]
        db.conn.executemany(
            "INSERT INTO customers (id, created_at, created_by, updated_at, updated_by, "
            "sort_key, drawer) VALUES (?, '2026-01-01', 'owner', '2026-01-01', 'owner', 'x', 'X')",
            [(first + i,) for i in range(1000)],
        )
        db.conn.executemany(
            "INSERT INTO cashback_ledger (customer_id, kind, amount, rate_bp, expires_on, "
            "on_date, created_at, created_by) VALUES (?, 'earn', 25, 500, '2027-01-05', "
            "'2026-01-05', '2026-01-05T10:00:00', 'clerk')",
            [(first + i % 1000,) for i in range(rows)],
        )
    return rows


def loyalty_rows(session: Session, card: int) -> int:
    return int(
        session.db.execute(
            "SELECT count(*) FROM cashback_ledger WHERE customer_id = ?", [card]
        ).fetchone()[0]
    )


def spend(session: Session, card: int) -> None:
    purchases.record_purchase(session, card, PurchaseInput("1,00", cashback="0,10"))


def timed(what: str, repeat: int, run: Callable[[], object]) -> None:
    run()  # warm the cache once
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    p95 = times[int(len(times) * 0.95) - 1]
    print(
        f"{what:<26} median {statistics.median(times):7.2f} ms   p95 {p95:7.2f} ms   "
        f"max {times[-1]:7.2f} ms"
    )


if __name__ == "__main__":
    main()
