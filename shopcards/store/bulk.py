"""Many purchase rows or drawing entries at once, for a demo shop or a large import: one
statement, not thousands."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from shopcards.core.errors import DiskFull
from shopcards.core.files import CannotWrite
from shopcards.core.i18n import _
from shopcards.store.dialect import inserted_id
from shopcards.store.handle import Database

PurchaseRow = tuple[int, str, int, str, str, str]
"""(customer_id, date, amount in minor units, items, category, receipt_no)"""


def insert_purchases(db: Database, rows: Iterable[PurchaseRow], actor: str, now: str) -> int:
    """Insert the rows inside the caller's transaction; returns how many were written."""
    cursor = db.conn.executemany(
        "INSERT INTO purchases (customer_id, date, amount, items, category, receipt_no, "
        "created_at, created_by, updated_at, updated_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        ((*row, now, actor, now, actor) for row in rows),
    )
    return cursor.rowcount


EntryRow = tuple[str, int, str]
"""(month YYYY-MM, customer_id, entered_at)"""


def insert_entries(db: Database, rows: Iterable[EntryRow], actor: str) -> int:
    """Enter customers in prize drawings, inside the caller's transaction; returns how many."""
    cursor = db.conn.executemany(
        "INSERT OR IGNORE INTO drawing_entries (month, customer_id, entered_at, entered_by) "
        "VALUES (?, ?, ?, ?)",
        ((*row, actor) for row in rows),
    )
    return cursor.rowcount


StagedRow = tuple[int, int, str, int, str, str, str]
"""(row of the file, customer_id, date, amount in minor units, items, category, receipt_no)"""
StagedReturn = tuple[int, int, int, str, int, str]
"""(seq, row of the file, customer_id, date, amount, receipt_no) of a return waiting to be linked"""


@contextmanager
def full_disk_is_a_message(what: str) -> Iterator[None]:
    """SQLite's "database or disk is full" as CannotWrite saying so (``what`` was not done),
    whether it comes straight from SQLite or through :meth:`CardFile.write`."""
    try:
        yield
    except DiskFull as exc:
        raise CannotWrite(_("The disk is full: {what}.", what=what), str(exc)) from exc
    except sqlite3.OperationalError as exc:
        if getattr(exc, "sqlite_errorcode", None) != sqlite3.SQLITE_FULL:
            raise
        raise CannotWrite(_("The disk is full: {what}.", what=what), str(exc)) from exc


def start_staging(db: Database) -> None:
    """An empty staging table for an import, private to this connection (``temp``).

    Rows are checked and collected here, slice by slice, without taking the card file's write
    lock (the temp database is this connection's own), so the till saves while a big import
    is read; :func:`move_slice` then makes them purchases a slice per transaction.
    """
    end_staging(db)
    db.execute(
        "CREATE TEMP TABLE import_rows (seq INTEGER PRIMARY KEY, line INTEGER NOT NULL, "
        "customer_id INTEGER NOT NULL, date TEXT NOT NULL, amount INTEGER NOT NULL, "
        "items TEXT NOT NULL, category TEXT NOT NULL, receipt_no TEXT NOT NULL, "
        "returns_seq INTEGER, returns_id INTEGER, ord INTEGER, new_id INTEGER)"
    )


def stage(db: Database, rows: list[StagedRow]) -> None:
    """Add one slice of checked rows to the staging table, in a transaction of its own."""
    conn = db.conn
    conn.execute("BEGIN")
    try:
        conn.executemany(
            "INSERT INTO temp.import_rows (line, customer_id, date, amount, items, category, "
            "receipt_no) VALUES (?, ?, ?, ?, ?, ?, ?)",
            rows,
        )
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


def index_staging(db: Database) -> None:
    """The index the checks on the staged rows need, made once they are all in."""
    db.execute(
        "CREATE INDEX temp.import_rows_key ON import_rows(customer_id, receipt_no, date, amount)"
    )


def staged_twice(db: Database) -> Iterator[tuple[int, int]]:
    """(row, earlier row) of each staged row with a receipt that repeats an earlier one:
    same card, day, amount and receipt."""
    yield from db.execute(
        "SELECT r.line, min(s.line) FROM temp.import_rows r JOIN temp.import_rows s "
        "ON s.customer_id = r.customer_id AND s.receipt_no = r.receipt_no "
        "AND s.date = r.date AND s.amount = r.amount AND s.line < r.line "
        "WHERE r.receipt_no != '' GROUP BY r.seq ORDER BY r.line"
    )


def staged_already_recorded(db: Database) -> Iterator[tuple[int, str, str, str]]:
    """(row, receipt, date, card number) of each staged row already on its card."""
    yield from db.execute(
        "SELECT r.line, r.receipt_no, r.date, c.card_no FROM temp.import_rows r "
        "JOIN main.customers c ON c.id = r.customer_id WHERE r.receipt_no != '' AND EXISTS "
        "(SELECT 1 FROM main.purchases p WHERE p.receipt_no = r.receipt_no "
        "AND p.receipt_no != '' AND p.customer_id = r.customer_id AND p.date = r.date "
        "AND p.amount = r.amount AND p.voided_at IS NULL) ORDER BY r.line"
    )


def staged_returns(db: Database) -> list[StagedReturn]:
    return [
        (int(seq), int(line), int(customer), str(date), int(amount), str(receipt))
        for seq, line, customer, date, amount, receipt in db.execute(
            "SELECT seq, line, customer_id, date, amount, receipt_no FROM temp.import_rows "
            "WHERE amount < 0 ORDER BY seq"
        )
    ]


def staged_sale(
    db: Database, customer_id: int, date: str, amount: int, receipt_no: str
) -> int | None:
    """The seq of the staged sale a return takes back: same receipt, else (when ``receipt_no``
    is empty) the latest of at least ``amount`` on or before ``date``."""
    params: list[str | int] = [customer_id, date]
    if receipt_no:
        match = "AND receipt_no = ? AND amount > 0"
        params.append(receipt_no)
    else:
        match = "AND amount >= ?"
        params.append(amount)
    row = db.execute(
        "SELECT seq FROM temp.import_rows WHERE customer_id = ? AND date <= ? "
        f"{match} ORDER BY date DESC, seq DESC LIMIT 1",
        params,
    ).fetchone()
    return None if row is None else int(row[0])


def staged_amount(db: Database, seq: int) -> int:
    return int(db.execute("SELECT amount FROM temp.import_rows WHERE seq = ?", [seq]).fetchone()[0])


def link_staged(db: Database, links: list[tuple[int | None, int | None, int]]) -> None:
    """Point staged returns at their sales: (staged sale seq, stored sale id, return seq)."""
    conn = db.conn
    conn.execute("BEGIN")
    conn.executemany(
        "UPDATE temp.import_rows SET returns_seq = ?, returns_id = ? WHERE seq = ?", links
    )
    conn.execute("COMMIT")


def order_staged(db: Database) -> int:
    """Number the staged rows in the order they become purchases, sales before returns (so a
    return's sale is always moved first), file order within each; returns how many."""
    conn = db.conn
    conn.execute("BEGIN")
    conn.execute(
        "UPDATE temp.import_rows SET ord = o.n FROM (SELECT seq, row_number() OVER "
        "(ORDER BY amount < 0, seq) AS n FROM temp.import_rows) AS o "
        "WHERE o.seq = import_rows.seq"
    )
    conn.execute("COMMIT")
    db.execute("CREATE INDEX temp.import_rows_ord ON import_rows(ord)")
    return int(db.execute("SELECT count(*) FROM temp.import_rows").fetchone()[0])


def start_batch(db: Database, actor: str, now: str, file_name: str) -> int:
    """Note in the change history that an import's rows start to be moved in; its id names
    the batch, so an import cut short (a crash) can be found and taken back."""
    new_id = inserted_id(
        db,
        "INSERT INTO changes (at, actor, entity, entity_id, action, details) "
        "VALUES (?, ?, 'card_file', 0, 'purchases_import_started', "
        "json_object('file', CAST(? AS TEXT)))",
        [now, actor, file_name],
    )
    return new_id


def move_slice(
    db: Database, batch: int, start: int, size: int, actor: str, now: str, file_name: str
) -> int:
    """Make staged rows ``start`` to ``start + size - 1`` (in :func:`order_staged`'s order)
    purchases, each with its line of history, inside the caller's transaction; returns how
    many. Their ids follow the card file's last one, taken under the write lock."""
    first = int(db.execute("SELECT coalesce(max(id), 0) + 1 FROM main.purchases").fetchone()[0])
    span = {"first": first, "start": start, "end": start + size, "now": now, "actor": actor}
    db.execute(
        "UPDATE temp.import_rows SET new_id = :first + ord - :start "
        "WHERE ord >= :start AND ord < :end",
        span,
    )
    moved = db.execute(
        "INSERT INTO main.purchases (id, customer_id, date, amount, items, category, "
        "receipt_no, returns_id, created_at, created_by, updated_at, updated_by) "
        "SELECT m.new_id, m.customer_id, m.date, m.amount, m.items, m.category, m.receipt_no, "
        "coalesce(m.returns_id, (SELECT s.new_id FROM temp.import_rows s "
        "WHERE s.seq = m.returns_seq)), :now, :actor, :now, :actor "
        "FROM temp.import_rows m WHERE m.ord >= :start AND m.ord < :end ORDER BY m.ord",
        span,
    ).rowcount
    db.execute(
        "INSERT INTO main.changes (at, actor, entity, entity_id, action, details) "
        "SELECT :now, :actor, 'purchase', new_id, 'imported', "
        "json_object('file', CAST(:file AS TEXT), 'row', line, 'amount', amount) "
        "FROM temp.import_rows WHERE ord >= :start AND ord < :end ORDER BY ord",
        span | {"file": file_name},
    )
    _batch_line(
        db, batch, "purchases_import_slice", now, actor, first=first, last=first + moved - 1
    )
    return int(moved)


def finish_batch(db: Database, batch: int, actor: str, now: str, **facts: object) -> None:
    """The import's rows are all in: the last line of its batch, in the last slice's
    transaction."""
    _batch_line(db, batch, "purchases_imported", now, actor, **facts)


def unfinished_batches(db: Database) -> list[int]:
    """Imports whose rows were being moved in when they stopped (a crash, a full disk)."""
    rows = db.execute(
        "SELECT s.id FROM changes s WHERE s.entity = 'card_file' AND s.entity_id = 0 "
        "AND s.action = 'purchases_import_started' AND NOT EXISTS (SELECT 1 FROM changes d "
        "WHERE d.entity = 'card_file' AND d.entity_id = s.id "
        "AND d.action IN ('purchases_imported', 'purchases_import_undone'))"
    ).fetchall()
    return [int(batch) for (batch,) in rows]


def batch_slices(db: Database, batch: int) -> list[tuple[int, int]]:
    """(first id, last id) of each slice of ``batch`` moved in, the latest first."""
    rows = db.execute(
        "SELECT json_extract(details, '$.first'), json_extract(details, '$.last') FROM changes "
        "WHERE entity = 'card_file' AND entity_id = ? AND action = 'purchases_import_slice' "
        "ORDER BY id DESC",
        [batch],
    ).fetchall()
    return [(int(first), int(last)) for first, last in rows]


def undo_slice(db: Database, first: int, last: int) -> None:
    """Take back one slice of an import that did not finish, with its lines of history (a
    later purchase may get the same ids), inside the caller's transaction."""
    db.execute(
        "DELETE FROM changes WHERE entity = 'purchase' AND entity_id BETWEEN ? AND ? "
        "AND action = 'imported'",
        [first, last],
    )
    db.execute("DELETE FROM purchases WHERE id BETWEEN ? AND ? AND amount < 0", [first, last])
    db.execute("DELETE FROM purchases WHERE id BETWEEN ? AND ?", [first, last])


def undo_batch(db: Database, batch: int, actor: str, now: str, purchases: int) -> None:
    _batch_line(db, batch, "purchases_import_undone", now, actor, purchases=purchases)


def _batch_line(
    db: Database, batch: int, action: str, now: str, actor: str, **facts: object
) -> None:
    db.execute(
        "INSERT INTO changes (at, actor, entity, entity_id, action, details) "
        "VALUES (?, ?, 'card_file', ?, ?, ?)",
        [now, actor, batch, action, json.dumps(facts, ensure_ascii=False)],
    )


def end_staging(db: Database) -> None:
    db.execute("DROP TABLE IF EXISTS temp.import_rows")
