"""Many purchase rows at once, for a demo shop or a large import: one statement, not thousands."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from sqlite_utils import Database

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


StagedRow = tuple[int, int, str, int, str, str, str]
"""(row of the file, customer_id, date, amount in minor units, items, category, receipt_no)"""
StagedReturn = tuple[int, int, int, str, int, str]
"""(seq, row of the file, customer_id, date, amount, receipt_no) of a return waiting to be linked"""


def start_staging(db: Database) -> None:
    """An empty staging table for an import, private to this connection (``temp``).

    Rows are checked and collected here, slice by slice, without taking the card file's write
    lock (the temp database is this connection's own), so the till saves while a big import
    is read; :func:`move_staged` makes them purchases in one transaction at the end.
    """
    end_staging(db)
    db.execute(
        "CREATE TEMP TABLE import_rows (seq INTEGER PRIMARY KEY, line INTEGER NOT NULL, "
        "customer_id INTEGER NOT NULL, date TEXT NOT NULL, amount INTEGER NOT NULL, "
        "items TEXT NOT NULL, category TEXT NOT NULL, receipt_no TEXT NOT NULL, "
        "returns_seq INTEGER, returns_id INTEGER)"
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


def link_staged(db: Database, links: list[tuple[int | None, int | None, int]]) -> None:
    """Point staged returns at their sales: (staged sale seq, stored sale id, return seq)."""
    conn = db.conn
    conn.execute("BEGIN")
    conn.executemany(
        "UPDATE temp.import_rows SET returns_seq = ?, returns_id = ? WHERE seq = ?", links
    )
    conn.execute("COMMIT")


def move_staged(db: Database, actor: str, now: str, file_name: str) -> int:
    """Make every staged row a purchase, with a line of history each, inside the caller's
    transaction; returns how many. Ids follow the card file's last one, so a return staged
    with its sale points at the sale's id."""
    base = int(db.execute("SELECT coalesce(max(id), 0) FROM main.purchases").fetchone()[0])
    db.execute(
        "INSERT INTO main.purchases (id, customer_id, date, amount, items, category, "
        "receipt_no, returns_id, created_at, created_by, updated_at, updated_by) "
        "SELECT :base + seq, customer_id, date, amount, items, category, receipt_no, "
        "coalesce(returns_id, :base + returns_seq), :now, :actor, :now, :actor "
        "FROM temp.import_rows ORDER BY amount < 0, seq",
        {"base": base, "now": now, "actor": actor},
    )
    cursor = db.execute(
        "INSERT INTO main.changes (at, actor, entity, entity_id, action, details) "
        "SELECT :now, :actor, 'purchase', :base + seq, 'imported', "
        "json_object('file', :file, 'row', line, 'amount', amount) "
        "FROM temp.import_rows ORDER BY seq",
        {"base": base, "now": now, "actor": actor, "file": file_name},
    )
    return int(cursor.rowcount)


def end_staging(db: Database) -> None:
    db.execute("DROP TABLE IF EXISTS temp.import_rows")
