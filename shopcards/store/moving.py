"""Moving a card file into a shared store, and a shared store back into a card file.

Each way is one transaction on the side being filled: a move that fails or is cancelled
leaves that side as it was (an empty shared store, or no card file), and the side it reads
from is never written. Rows go table by table in the order their foreign keys need.

Into the server, rows travel by ``COPY … FROM STDIN`` (one statement per slice of rows: a
statement per row would take 15 minutes for 2,000,000 purchases over the network); out of
it, through a server-side cursor, a slice at a time, so a big store never sits in memory.
The tables are analysed before the move commits: after a COPY the planner knows nothing of
what they hold until autovacuum comes round (a minute or more, and never for small tables),
and plans the first reports blind.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from io import BytesIO
from pathlib import Path
from typing import Any

from shopcards.core.i18n import _
from shopcards.core.progress import Report, tell
from shopcards.store.cardfile import CardFile
from shopcards.store.pg_connection import PgConnection
from shopcards.store.pg_schema import Table, from_card_file
from shopcards.store.reads import Reads
from shopcards.store.shared_file import SharedCardFile

SLICE = 20_000
"""Rows per COPY and per fetch: large enough to cross the network in few trips."""
WORDS_SQL = "SELECT id, c0 FROM customer_search_content ORDER BY id"


def into_server(
    card_file: CardFile, shared: SharedCardFile, report: Report | None, replace: bool = False
) -> int:
    """Make the shared store a copy of ``card_file``; the number of rows copied. An empty
    database is given the tables first; with ``replace``, the shared store's tables are
    emptied instead (a backup restored into it)."""
    schema = from_card_file(card_file.conn)
    total = _row_total(card_file.conn, schema.tables) + _count(
        card_file.conn, "customer_search_content"
    )
    done = 0
    with shared.write() as conn:
        if replace:
            for table in reversed(schema.tables):
                conn.execute_simple(f'DELETE FROM "{table.name}"')
            conn.execute_simple("DELETE FROM customer_search")
        else:
            for statement in schema.statements:
                conn.execute_simple(statement)
        for table in schema.tables:
            done = _copy_table_in(card_file.conn, conn, table, done, total, report)
        words = card_file.conn.execute(WORDS_SQL)
        done = _copy_in(conn, "customer_search", ("id", "words"), words, done, total, report)
        for table in schema.tables:
            if table.identity:
                _follow_ids(conn, table)
        names = [table.name for table in schema.tables] + ["customer_search"]
        conn.execute_simple(f"ANALYZE {_quoted(names)}")
    return done


def _copy_table_in(
    source: sqlite3.Connection,
    conn: PgConnection,
    table: Table,
    done: int,
    total: int,
    report: Report | None,
) -> int:
    columns = _quoted(table.columns)
    rows = source.execute(f'SELECT {columns} FROM "{table.name}"')
    return _copy_in(conn, table.name, table.columns, rows, done, total, report)


def _copy_in(
    conn: PgConnection,
    name: str,
    columns: Sequence[str],
    rows: sqlite3.Cursor,
    done: int,
    total: int,
    report: Report | None,
) -> int:
    sql = f'COPY "{name}" ({_quoted(columns)}) FROM STDIN'
    while batch := rows.fetchmany(SLICE):
        conn.copy_in(sql, BytesIO(_copy_text(batch)))
        done += len(batch)
        tell(report, done, total, _("Moving the cards into the shared card file…"))
    return done


def _copy_text(rows: list[tuple[Any, ...]]) -> bytes:
    """Rows in COPY's text format: tab between values, ``\\N`` for NULL, escapes."""
    return "".join("\t".join(map(_copy_value, row)) + "\n" for row in rows).encode("utf-8")


def _copy_value(value: Any) -> str:
    if value is None:
        return "\\N"
    if isinstance(value, bytes):
        return "\\\\x" + value.hex()
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return (
        str(value)
        .replace("\\", "\\\\")
        .replace("\t", "\\t")
        .replace("\n", "\\n")
        .replace("\r", "\\r")
    )


def _follow_ids(conn: PgConnection, table: Table) -> None:
    """The identity goes on from the highest copied id, as SQLite's rowid would."""
    conn.execute(
        f"SELECT setval(pg_get_serial_sequence('{table.name}', '{table.identity}'), "
        f'coalesce((SELECT max("{table.identity}") FROM "{table.name}"), 0) + 1, false)'
    )


def out_of_server(shared: SharedCardFile, card_file: CardFile, report: Report | None) -> int:
    """Fill ``card_file`` (new, empty, of this version) with the shared store's content."""
    schema = from_card_file(card_file.conn)
    total = _row_total(shared.conn, schema.tables)
    done = 0
    with card_file.write() as db, shared.write():
        for table in reversed(schema.tables):
            db.execute(f'DELETE FROM "{table.name}"')
        for table in schema.tables:
            done = _copy_table_out(shared.conn, db.conn, table, done, total, report)
        db.execute("DELETE FROM customer_search")
        for batch in _fetched(shared.conn, "SELECT id, words FROM customer_search ORDER BY id"):
            db.conn.executemany("INSERT INTO customer_search (rowid, words) VALUES (?, ?)", batch)
    return done


def card_file_copy(shared: SharedCardFile, dest: Path, report: Report | None = None) -> None:
    """A new card file at ``dest`` (an empty or missing file) holding the shared store's
    content: its backup, or the card file it goes back to (``unshare``)."""
    from shopcards.store.cardfile import open_card_file

    card_file = open_card_file(dest)
    try:
        out_of_server(shared, card_file, report)
    except BaseException:
        card_file.close()
        for left in (dest, dest.with_name(dest.name + "-wal"), dest.with_name(dest.name + "-shm")):
            left.unlink(missing_ok=True)
        raise
    card_file.close()


def _copy_table_out(
    source: PgConnection,
    target: sqlite3.Connection,
    table: Table,
    done: int,
    total: int,
    report: Report | None,
) -> int:
    columns = _quoted(table.columns)
    marks = ", ".join("?" for _column in table.columns)
    insert = f'INSERT INTO "{table.name}" ({columns}) VALUES ({marks})'
    for batch in _fetched(source, f'SELECT {columns} FROM "{table.name}"'):
        target.executemany(insert, batch)
        done += len(batch)
        tell(report, done, total, _("Moving the cards back into a card file on this PC…"))
    return done


def _fetched(conn: PgConnection, sql: str) -> Iterator[list[tuple[Any, ...]]]:
    """The rows of ``sql`` a slice at a time, through a server-side cursor (in a
    transaction: the caller's write)."""
    conn.execute_simple(f"DECLARE moving NO SCROLL CURSOR FOR {sql}")
    try:
        while batch := conn.execute(f"FETCH {SLICE} FROM moving").fetchall():
            yield batch
    finally:
        conn.execute_simple("CLOSE moving")


def _row_total(conn: Reads, tables: Sequence[Table]) -> int:
    return sum(_count(conn, table.name) for table in tables)


def _count(conn: Reads, name: str) -> int:
    """The rows of table ``name``, on either store."""
    (count,) = conn.execute(f'SELECT count(*) FROM "{name}"').fetchone()
    return int(count)


def _quoted(columns: Sequence[str]) -> str:
    return ", ".join(f'"{column}"' for column in columns)
