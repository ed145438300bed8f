"""The cash-back ledger in and out of ``cashback_ledger`` and ``cashback_takes``.

Rows are only ever inserted (core/loyalty.py has the rules). A balance is a ``SUM`` over the
index ``(customer_id, amount)``; what is left of a lot is its amount less what
``cashback_takes`` says was taken from it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from shopcards.core.loyalty import Kind, Lot, Movement, allocate
from shopcards.core.purchase import Purchase
from shopcards.store.changes import this_desk
from shopcards.store.dialect import inserted_id
from shopcards.store.handle import Database

_LEFT = "l.amount - coalesce((SELECT sum(t.amount) FROM cashback_takes t WHERE t.lot_id = l.id), 0)"
_MOVEMENT = (
    "l.id, l.customer_id, l.kind, l.amount, l.shortfall, l.purchase_id, l.rate_bp, "
    f"l.expires_on, l.on_date, l.reason, l.created_at, l.created_by, "
    f"CASE WHEN l.amount > 0 THEN {_LEFT} ELSE 0 END"
)


@dataclass(frozen=True)
class Stamp:
    """Who writes a row and when: the shop's date, the moment, and the role."""

    on_date: str
    now: str
    actor: str


def balance(db: Database, customer_id: int) -> int:
    row = db.execute(
        "SELECT coalesce(sum(amount), 0) FROM cashback_ledger WHERE customer_id = ?",
        [customer_id],
    ).fetchone()
    return int(row[0])


def give(
    db: Database,
    customer_id: int,
    kind: Kind,
    amount: int,
    expires_on: str | None,
    stamp: Stamp,
    *,
    purchase_id: int | None = None,
    rate_bp: int | None = None,
    reason: str = "",
) -> int:
    """Write a lot (a positive row); its id."""
    assert amount > 0, "a lot holds more than nothing"
    lot_id = _insert(
        db, customer_id, kind, amount, 0, purchase_id, rate_bp, expires_on, reason, stamp
    )
    db.execute(
        "INSERT INTO cashback_open_lots (lot_id, customer_id, expires_on) VALUES (?, ?, ?)",
        [lot_id, customer_id, expires_on],
    )
    return lot_id


def take(
    db: Database,
    customer_id: int,
    kind: Kind,
    wanted: int,
    stamp: Stamp,
    *,
    purchase_id: int | None = None,
    first: int | None = None,
    reason: str = "",
) -> tuple[int, int, int]:
    """Take up to ``wanted`` from the customer's lots (nearest expiry first, lot ``first``
    before all) as one negative row, and what is not there as its shortfall.

    Returns (row id, taken, shortfall); writes nothing (row id 0) when ``wanted`` is 0. The
    caller decides whether a shortfall is allowed (a reversal) or refused beforehand (a spend).
    """
    seen: dict[int, int] = {}
    parts = allocate(_remembered(spending_order(db, customer_id, first), seen), wanted)
    taken = sum(amount for _, amount in parts)
    shortfall = wanted - taken
    row_id = 0
    if taken or shortfall:
        row_id = _insert(
            db, customer_id, kind, -taken, shortfall, purchase_id, None, None, reason, stamp
        )
        db.conn.executemany(
            "INSERT INTO cashback_takes (movement_id, lot_id, amount) VALUES (?, ?, ?)",
            [(row_id, lot_id, amount) for lot_id, amount in parts],
        )
        db.conn.executemany(
            "DELETE FROM cashback_open_lots WHERE lot_id = ?",
            [(lot_id,) for lot_id, amount in parts if amount == seen[lot_id]],
        )
    return row_id, taken, shortfall


def spending_order(db: Database, customer_id: int, first: int | None = None) -> Iterator[Lot]:
    """The customer's lots with money left, in the order money is taken from them: lot
    ``first`` before all (a return takes back from its own sale's earnings first), then the
    nearest to expiry, never-expiring last, the oldest first among equals. What is left of
    each is read only when the caller gets that far."""
    rows = db.execute(
        "SELECT lot_id, expires_on FROM cashback_open_lots WHERE customer_id = ? "
        "ORDER BY lot_id != ?, expires_on IS NULL, expires_on, lot_id",
        [customer_id, first if first is not None else -1],
    )
    for lot_id, expires_on in rows:
        yield Lot(int(lot_id), _left_of(db, int(lot_id)), expires_on)


def _left_of(db: Database, lot_id: int) -> int:
    row = db.execute(f"SELECT {_LEFT} FROM cashback_ledger l WHERE l.id = ?", [lot_id]).fetchone()
    return int(row[0])


def _remembered(lots: Iterator[Lot], seen: dict[int, int]) -> Iterator[Lot]:
    """``lots`` as they are, noting in ``seen`` what each held when it was read."""
    for lot in lots:
        seen[lot.id] = lot.left
        yield lot


def latest_last_day(db: Database, movement_id: int) -> str | None:
    """The latest last day of the lots a negative row took from (None: one never expires,
    or it took nothing): what money given back from it keeps."""
    row = db.execute(
        "SELECT count(*) - count(l.expires_on), max(l.expires_on), count(*) FROM cashback_takes t "
        "JOIN cashback_ledger l ON l.id = t.lot_id WHERE t.movement_id = ?",
        [movement_id],
    ).fetchone()
    never, latest, count = row
    return None if not count or never else str(latest)


def of_purchase(db: Database, purchase_id: int) -> list[Movement]:
    """The movements written for one purchase, oldest first."""
    return _movements(db, "l.purchase_id = ? ORDER BY l.id", [purchase_id])


def page(db: Database, customer_id: int, limit: int = 200, offset: int = 0) -> list[Movement]:
    """A customer's ledger, oldest first."""
    return _movements(
        db, "l.customer_id = ? ORDER BY l.id LIMIT ? OFFSET ?", [customer_id, limit, offset]
    )


def sale_returned_rows(db: Database, sale_id: int, kind: Kind) -> tuple[int, int]:
    """(amount, shortfall) summed over the ``kind`` rows of the sale's returns not voided:
    how much of the sale's earnings its returns have taken back (and could not), or how much
    cash-back they gave back."""
    row = db.execute(
        "SELECT coalesce(sum(l.amount), 0), coalesce(sum(l.shortfall), 0) "
        "FROM cashback_ledger l JOIN purchases p ON p.id = l.purchase_id "
        "WHERE p.returns_id = ? AND p.voided_at IS NULL AND l.kind = ?",
        [sale_id, kind.value],
    ).fetchone()
    return int(row[0]), int(row[1])


def due_lots(db: Database, today: str) -> list[tuple[int, int]]:
    """(customer id, lot id) of lots with money left whose last day is before ``today``."""
    rows = db.execute(
        "SELECT customer_id, lot_id FROM cashback_open_lots WHERE expires_on < ? ORDER BY lot_id",
        [today],
    ).fetchall()
    return [(int(customer_id), int(lot_id)) for customer_id, lot_id in rows]


def expired_on(db: Database, day: str) -> tuple[int, int]:
    """(lots, amount) that expiry took on ``day``."""
    row = db.execute(
        "SELECT count(*), coalesce(-sum(amount), 0) FROM cashback_ledger "
        "WHERE kind = 'expire' AND on_date = ?",
        [day],
    ).fetchone()
    return int(row[0]), int(row[1])


def expiring(
    db: Database, customer_ids: Iterable[int], until: str
) -> dict[int, tuple[int, int, str | None]]:
    """Per customer: (balance, left in lots whose last day is on or before ``until``, the
    first such last day)."""
    ids = list(customer_ids)
    found: dict[int, tuple[int, int, str | None]] = {c: (0, 0, None) for c in ids}
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        marks = ", ".join("?" * len(chunk))
        lots = db.execute(
            f"SELECT o.customer_id, sum({_LEFT}), min(o.expires_on) FROM cashback_open_lots o "
            "JOIN cashback_ledger l ON l.id = o.lot_id "
            f"WHERE o.customer_id IN ({marks}) AND o.expires_on <= ? GROUP BY o.customer_id",
            [*chunk, until],
        ).fetchall()
        found.update({c: (balance(db, c), 0, None) for c in chunk})  # one SUM each: fastest
        for customer_id, soon, soon_on in lots:
            found[int(customer_id)] = (found[int(customer_id)][0], int(soon), soon_on)
    return found


def month_totals(db: Database) -> list[tuple[str, str, int]]:
    """(month "YYYY-MM", kind, signed sum) of every month's movements, by the shop's date."""
    rows = db.execute(
        "SELECT substr(on_date, 1, 7), kind, sum(amount) FROM cashback_ledger "
        "GROUP BY 1, 2 ORDER BY 1, 2"
    ).fetchall()
    return [(str(month), str(kind), int(total)) for month, kind, total in rows]


def earned_by_customer(db: Database, start: str, end: str) -> dict[int, int]:
    """Cash-back each customer earned from ``start`` to ``end`` (shop's dates, both in)."""
    rows = db.execute(
        "SELECT customer_id, sum(amount) FROM cashback_ledger WHERE kind = ? "
        "AND on_date BETWEEN ? AND ? AND customer_id IS NOT NULL GROUP BY customer_id",
        [Kind.EARN.value, start, end],
    ).fetchall()
    return {int(customer): int(total) for customer, total in rows}


def sample_sales(db: Database, start: str, sample: int) -> list[Purchase]:
    """The sales since ``start`` of every n-th card (at most ``sample`` cards), by date: the
    demo shop's cash-back is replayed from them."""
    count = int(db.execute("SELECT count(*) FROM customers").fetchone()[0])
    rows = db.execute(
        "SELECT id, customer_id, date, amount FROM purchases WHERE customer_id IN "
        "(SELECT id FROM customers WHERE id % ? = 0) AND amount > 0 AND voided_at IS NULL "
        "AND date >= ? ORDER BY date, id",
        [max(1, -(-count // sample)), start],
    ).fetchall()
    return [Purchase(int(i), int(c), str(d), int(a)) for i, c, d, a in rows]


def _movements(db: Database, where: str, params: list[object]) -> list[Movement]:
    rows = db.execute(f"SELECT {_MOVEMENT} FROM cashback_ledger l WHERE {where}", params)
    return [
        Movement(
            int(r[0]),
            None if r[1] is None else int(r[1]),
            Kind(r[2]),
            int(r[3]),
            int(r[4]),
            r[5],
            r[6],
            r[7],
            r[8],
            r[9],
            r[10],
            r[11],
            int(r[12]),
        )
        for r in rows.fetchall()
    ]


def _insert(
    db: Database,
    customer_id: int,
    kind: Kind,
    amount: int,
    shortfall: int,
    purchase_id: int | None,
    rate_bp: int | None,
    expires_on: str | None,
    reason: str,
    stamp: Stamp,
) -> int:
    new_id = inserted_id(
        db,
        "INSERT INTO cashback_ledger (customer_id, kind, amount, shortfall, purchase_id, "
        "rate_bp, expires_on, on_date, reason, created_at, created_by, desk) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            customer_id,
            kind.value,
            amount,
            shortfall,
            purchase_id,
            rate_bp,
            expires_on,
            stamp.on_date,
            reason,
            stamp.now,
            stamp.actor,
            this_desk(),
        ],
    )
    return new_id


def movement(db: Database, movement_id: int) -> Movement:
    return _movements(db, "l.id = ?", [movement_id])[0]


def holder(db: Database, customer_id: int) -> str:
    """ "" when the card may hold and spend cash-back; "archived" or "missing" otherwise."""
    row = db.execute(
        "SELECT archived_at, erased_at FROM customers WHERE id = ?", [customer_id]
    ).fetchone()
    if row is None or row[1] is not None:
        return "missing"
    return "archived" if row[0] is not None else ""
