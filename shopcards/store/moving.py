"""Moving a card file into a shared store, and a shared store back into a card file.

Each way is one transaction on the side being filled: a move that fails or is cancelled
leaves that side as it was (an empty shared store, or no card file), and the side it reads
from is never written. Rows go table by table in the order their foreign keys need.

Into the server, rows travel by ``COPY … FROM STDIN`` (one statement per slice of rows: a
statement per row would take 15 minutes for 2,000,000 purchases over the network) as CSV lines
that SQLite writes itself, and the indexes and foreign keys are added once the rows are in
(each built or checked over all rows at once); out of it, by
``COPY … TO STDOUT`` as text, put into the card file a slice at a time as it comes, so a big
store never sits in memory. The new card file is written without SQLite's log under a name of
its own, and renamed into place once whole.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Collection, Sequence
from pathlib import Path

from shopcards.core.errors import Cancelled
from shopcards.core.i18n import N_, _
from shopcards.core.progress import Report, tell
from shopcards.store.cardfile import CardFile
from shopcards.store.customer_import import roomy_cache
from shopcards.store.pg_connection import PgConnection
from shopcards.store.pg_schema import Table, from_card_file
from shopcards.store.reads import Reads
from shopcards.store.shared_file import SharedCardFile

MOVING_OUT = N_("Moving the cards back into a card file on this PC…")
INDEXES_BUILT_IN_S = 1800.0
"""How long an index build over a moved card file may take (the words' trigram index over
1,000,000 cards takes well over the connection's usual 10 s on a slow PC)."""
SLICE = 20_000
"""Rows per COPY and per fetch: large enough to cross the network in few trips."""
WORDS = ("id", "c0")
"""Each card's words, read from FTS5's content table (``customer_search_content``)."""


def into_server(
    card_file: CardFile, shared: SharedCardFile, report: Report | None, replace: bool = False
) -> int:
    """Make the shared store a copy of ``card_file``; the number of rows copied. An empty
    database is given the tables first and their indexes after the rows; with ``replace``,
    the shared store's tables are emptied instead (a backup restored into it)."""
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
        words = card_file.conn.execute(
            f"SELECT {_csv_line(WORDS)} FROM customer_search_content ORDER BY id"
        )
        done = _copy_in(conn, "customer_search", ("id", "words"), words, done, total, report)
        with conn.unhurried(INDEXES_BUILT_IN_S):
            for statement in () if replace else schema.indexes + schema.foreign_keys:
                conn.execute_simple(statement)  # over the rows, at once
        for table in schema.tables:
            if table.identity:
                _follow_ids(conn, table)
    _settled(shared.conn)
    return done


def _settled(conn: PgConnection) -> None:
    """The moved rows made ready to read, now rather than when autovacuum next looks (up to a
    minute later): the planner's figures of them (a search planned on an empty table's took
    1.5 s, not 8 ms) and the map of pages all visible, without which a report's index-only
    reads visit every row's page (the overview's server time 1.9 s, not 0.7 s). After the
    commit: VACUUM runs outside a transaction."""
    with conn.unhurried(INDEXES_BUILT_IN_S):
        conn.execute_simple("VACUUM (ANALYZE)")


def _copy_table_in(
    source: sqlite3.Connection,
    conn: PgConnection,
    table: Table,
    done: int,
    total: int,
    report: Report | None,
) -> int:
    binary = {
        row[1]
        for row in source.execute(f'PRAGMA table_info("{table.name}")')
        if row[2].upper() == "BLOB"
    }
    lines = source.execute(f'SELECT {_csv_line(table.columns, binary)} FROM "{table.name}"')
    return _copy_in(conn, table.name, table.columns, lines, done, total, report)


def _copy_in(
    conn: PgConnection,
    name: str,
    columns: Sequence[str],
    lines: sqlite3.Cursor,
    done: int,
    total: int,
    report: Report | None,
) -> int:
    """``lines`` (each row as one line of CSV) into table ``name``, one COPY per slice,
    sent as one message: between slices a cancel can stop the move."""
    sql = f'COPY "{name}" ({_quoted(columns)}) FROM STDIN {COPY_CSV}'
    while batch := lines.fetchmany(SLICE):
        conn.copy_in(sql, ["".join([line for (line,) in batch]).encode("utf-8")])
        done += len(batch)
        tell(report, done, total, _("Moving the cards into the shared card file…"))
    return done


COPY_CSV = "(FORMAT csv, QUOTE '''', NULL 'NULL')"
"""COPY's CSV as SQLite's ``quote`` writes a value: text between single quotes (doubled
inside), numbers as they are, NULL bare (a quoted 'NULL' is text)."""


def _csv_line(columns: Sequence[str], binary: Collection[str] = ()) -> str:
    """The SQLite expression of a row as a line of ``COPY_CSV``. SQLite writes it itself:
    formatting 2,000,000 purchases' 16 values in Python took a quarter of the move in, and
    ``quote`` writes a REAL so that it reads back the same number. A BLOB goes as bytea's
    hex text (``quote`` would write X'…')."""
    values = (_hex(column) if column in binary else f'quote("{column}")' for column in columns)
    return " || ',' || ".join(values) + " || char(10)"


def _hex(column: str) -> str:
    return f'quote(CASE WHEN "{column}" IS NOT NULL THEN \'\\x\' || hex("{column}") END)'


def _follow_ids(conn: PgConnection, table: Table) -> None:
    """The identity goes on from the highest copied id, as SQLite's rowid would."""
    conn.execute(
        f"SELECT setval(pg_get_serial_sequence('{table.name}', '{table.identity}'), "
        f'coalesce((SELECT max("{table.identity}") FROM "{table.name}"), 0) + 1, false)'
    )


def out_of_server(shared: SharedCardFile, card_file: CardFile, report: Report | None) -> int:
    """Fill ``card_file`` (new, empty, of this version) with the shared store's content: one
    state of it (a snapshot), read without its write lock, so the till's sales are saved
    while a backup is taken (and wait for the next one)."""
    schema = from_card_file(card_file.conn)
    total = _row_total(shared.conn, schema.tables)
    done = 0
    with roomy_cache(card_file.db), card_file.write() as db, shared.conn.snapshot():
        for table in reversed(schema.tables):
            db.execute(f'DELETE FROM "{table.name}"')
        indexes = _set_aside_indexes(db.conn)
        for table in schema.tables:
            done = _copy_table_out(shared.conn, db.conn, table, done, total, report)
        for sql in indexes:  # over the rows, at once
            db.execute(sql)
        db.execute("DELETE FROM customer_search")
        words = _RowsOut(db.conn, "INSERT INTO customer_search (rowid, words) VALUES (?, ?)")
        shared.conn.copy_out("COPY (SELECT id, words FROM customer_search) TO STDOUT", words)
        words.finish()
    return done


def _set_aside_indexes(conn: sqlite3.Connection) -> list[str]:
    """The card file's own indexes dropped, to be made again once the rows are in (the
    statements that make them): inserting 2,000,000 purchases into their indexes row by row
    is slower than one build each (the word index, FTS5, is filled as ever)."""
    found = conn.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL"
    ).fetchall()
    for name, _sql in found:
        conn.execute(f'DROP INDEX "{name}"')
    return [sql for _name, sql in found]


def card_file_copy(shared: SharedCardFile, dest: Path, report: Report | None = None) -> None:
    """A new card file at ``dest`` (an empty or missing file) holding the shared store's
    content: its backup, or the card file it goes back to (``unshare``).

    It is written under a name of its own and renamed to ``dest`` once whole, so it is
    written without SQLite's log (``journal_mode = OFF``): a failed or cancelled copy is
    thrown away rather than rolled back, and the rows are not written twice (log, then
    file). Nor are its foreign keys checked row by row (a third of the inserts' time): the
    server's rows were kept by the same keys. It is a card file like any other (in WAL, its
    keys checked from then on, as on every connection) by the time it is at ``dest``."""
    from shopcards.store.cardfile import open_card_file

    building = dest.with_name(dest.name + ".moving")
    _remove(building)  # left by a copy the PC was switched off in
    card_file = open_card_file(building)
    try:
        card_file.conn.execute("PRAGMA journal_mode = OFF")
        card_file.conn.execute("PRAGMA foreign_keys = OFF")
        out_of_server(shared, card_file, report)
        card_file.conn.execute("PRAGMA journal_mode = WAL")
    except BaseException:
        card_file.close()
        _remove(building)
        raise
    card_file.close()
    building.replace(dest)


def _remove(path: Path) -> None:
    """A card file and its log, if they are there."""
    for left in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        left.unlink(missing_ok=True)


def _copy_table_out(
    source: PgConnection,
    target: sqlite3.Connection,
    table: Table,
    done: int,
    total: int,
    report: Report | None,
) -> int:
    """The rows of ``table`` through ``COPY … TO STDOUT``: read as text a slice at a time,
    which the card file's column types take back as numbers (booleans are sent as 0 and 1);
    pg8000 reading each row as a result row took most of the move out."""
    booleans = {name for (name,) in source.execute(BOOLEANS_SQL, [table.name]).fetchall()}
    sent = ", ".join(f'"{c}"::int' if c in booleans else f'"{c}"' for c in table.columns)
    marks = ", ".join("?" for _column in table.columns)
    insert = f'INSERT INTO "{table.name}" ({_quoted(table.columns)}) VALUES ({marks})'
    rows = _RowsOut(target, insert, report, done, total)
    source.copy_out(f'COPY (SELECT {sent} FROM "{table.name}") TO STDOUT', rows)
    return rows.finish()


BOOLEANS_SQL = (
    "SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() "
    "AND table_name = ? AND data_type = 'boolean'"
)
_ESCAPED = re.compile(r"\\(.)")
_UNESCAPED = {"n": "\n", "t": "\t", "r": "\r", "b": "\b", "f": "\f", "v": "\v"}


class _RowsOut:
    """COPY's text rows as the server sends them, inserted into the card file ``SLICE`` at a
    time. A cancel (``report`` raising Cancelled) is kept until the copy has ended: the
    server's rows are read to their end, so the connection stays in step, and none of them
    is written after it."""

    def __init__(
        self,
        target: sqlite3.Connection,
        insert: str,
        report: Report | None = None,
        done: int = 0,
        total: int = 0,
    ) -> None:
        self._target, self._insert, self._report = target, insert, report
        self.done, self._total = done, total
        self._pending: list[bytes] = []
        self._cancelled: Cancelled | None = None

    def write(self, data: bytes) -> None:
        if self._cancelled is None:
            self._pending.append(data)
            if len(self._pending) >= SLICE:
                self._flush()

    def finish(self) -> int:
        """The rows copied so far in all (Cancelled if the copy was cancelled)."""
        if self._cancelled is None:
            self._flush()
        if self._cancelled is not None:
            raise self._cancelled
        return self.done

    def _flush(self) -> None:
        text = b"".join(self._pending).decode("utf-8")
        self._pending.clear()
        rows = [_copied_row(line) for line in text.split("\n")[:-1]]
        self._target.executemany(self._insert, rows)
        self.done += len(rows)
        try:
            tell(self._report, self.done, self._total, _(MOVING_OUT))
        except Cancelled as cancelled:
            self._cancelled = cancelled


def _copied_row(line: str) -> Sequence[str | None]:
    """A row as COPY's text format writes it. Nearly every line's only backslashes are
    NULL's ``\\N``: when each backslash starts one, no value has an escape (a backslash of
    the data comes doubled), so only the rare line with an escape has each value looked at
    by :func:`_copied_value`."""
    values = line.split("\t")
    if "\\" not in line:
        return values
    if line.count("\\") == line.count("\\N"):
        return [None if value == "\\N" else value for value in values]
    return [_copied_value(value) for value in values]


def _copied_value(text: str) -> str | None:
    """A value as COPY's text format writes it: ``\\N`` for NULL, escapes for the rest."""
    if "\\" not in text:
        return text
    if text == "\\N":
        return None
    return _ESCAPED.sub(lambda found: _UNESCAPED.get(found[1], found[1]), text)


def _row_total(conn: Reads, tables: Sequence[Table]) -> int:
    return sum(_count(conn, table.name) for table in tables)


def _count(conn: Reads, name: str) -> int:
    """The rows of table ``name``, on either store."""
    (count,) = conn.execute(f'SELECT count(*) FROM "{name}"').fetchone()
    return int(count)


def _quoted(columns: Sequence[str]) -> str:
    return ", ".join(f'"{column}"' for column in columns)
