"""The cash-back ledger in and out of ``cashback_ledger`` and ``cashback_takes``.

Rows are only ever inserted (core/loyalty.py has the rules). A balance is a ``SUM`` over the
index ``(customer_id, amount)``; what is left of a lot is its amount less what
``cashback_takes`` says was taken from it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlite_utils import Database

from shopcards.core.loyalty import Kind, Lot, Movement, allocate
from shopcards.store.changes import this_desk

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
    return _insert(
        db, customer_id, kind, amount, 0, purchase_id, rate_bp, expires_on, reason, stamp
    )


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
    parts = allocate(open_lots(db, customer_id), wanted, first)
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
    return row_id, taken, shortfall


def open_lots(db: Database, customer_id: int) -> list[Lot]:
    """The customer's lots that still hold something."""
    rows = db.execute(
        f"SELECT id, left, expires_on FROM (SELECT l.id, {_LEFT} AS left, l.expires_on "
        "FROM cashback_ledger l WHERE l.customer_id = ? AND l.amount > 0) WHERE left > 0",
        [customer_id],
    ).fetchall()
    return [Lot(int(lot_id), int(left), expires_on) for lot_id, left, expires_on in rows]


def latest_last_day(db: Database, movement_id: int) -> str | None:
    """The latest last day of the lots a negative row took from (None: one never expires,
    or it took nothing): what money given back from it keeps."""
    row = db.execute(
        "SELECT max(l.expires_on IS NULL), max(l.expires_on), count(*) FROM cashback_takes t "
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


def last_expiry_run(db: Database) -> tuple[str, int] | None:
    """(day, last ledger row then) of the latest expiry run; None before the first."""
    row = db.execute(
        "SELECT ran_on, through_id FROM cashback_expiry_runs ORDER BY ran_on DESC LIMIT 1"
    ).fetchone()
    return None if row is None else (str(row[0]), int(row[1]))


def nothing_due(db: Database, today: str) -> bool:
    """Whether expiry already ran today and no lot written since is past its last day (one
    lookup and a short range of new rows): the cheap test when a file opens."""
    last = last_expiry_run(db)
    if last is None or last[0] < today:
        return False
    row = db.execute(
        "SELECT 1 FROM cashback_ledger WHERE id > ? AND amount > 0 AND expires_on < ? LIMIT 1",
        [last[1], today],
    ).fetchone()
    return row is None


def due_lots(db: Database, last_run: tuple[str, int] | None, today: str) -> list[tuple[int, int]]:
    """(customer id, lot id) of lots with money left whose last day is before ``today``.

    Only lots due since the last run, or written since it, are looked at: the run settled
    every lot due before it (a lot written later with an earlier last day, after the PC's
    clock was put back, is caught by its row id)."""
    since, through = last_run or ("", 0)
    rows = db.execute(
        f"SELECT l.customer_id, l.id FROM cashback_ledger l "
        f"WHERE l.amount > 0 AND l.expires_on IS NOT NULL AND l.expires_on < ? "
        f"AND (l.expires_on >= ? OR l.id > ?) AND l.customer_id IS NOT NULL AND {_LEFT} > 0 "
        f"ORDER BY l.id",
        [today, since, through],
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


def record_expiry_run(db: Database, stamp: Stamp, expired: int) -> None:
    db.execute(
        "INSERT INTO cashback_expiry_runs (ran_on, through_id, expired, at, actor) "
        "VALUES (?, (SELECT coalesce(max(id), 0) FROM cashback_ledger), ?, ?, ?) "
        "ON CONFLICT(ran_on) DO UPDATE SET expired = expired + excluded.expired, "
        "through_id = excluded.through_id",
        [stamp.on_date, expired, stamp.now, stamp.actor],
    )


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
        totals = dict(
            db.execute(
                "SELECT customer_id, sum(amount) FROM cashback_ledger "
                f"WHERE customer_id IN ({marks}) GROUP BY customer_id",
                chunk,
            ).fetchall()
        )
        lots = db.execute(
            "SELECT customer_id, sum(CASE WHEN expires_on <= :until THEN left ELSE 0 END), "
            "min(CASE WHEN expires_on <= :until THEN expires_on END) "
            f"FROM (SELECT l.customer_id, l.expires_on, {_LEFT} AS left FROM cashback_ledger l "
            f"WHERE l.customer_id IN ({_named(chunk)}) AND l.amount > 0) "
            "WHERE left > 0 GROUP BY customer_id",
            {"until": until} | {f"c{i}": c for i, c in enumerate(chunk)},
        ).fetchall()
        found.update({int(c): (int(total), 0, None) for c, total in totals.items()})
        for customer_id, soon, soon_on in lots:
            found[int(customer_id)] = (found[int(customer_id)][0], int(soon), soon_on)
    return found


def _named(ids: list[int]) -> str:
    return ", ".join(f":c{i}" for i in range(len(ids)))


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
    cursor = db.execute(
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
    return int(cursor.lastrowid or 0)


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
