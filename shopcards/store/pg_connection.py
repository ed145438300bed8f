"""A shared card file's connection: PostgreSQL through pg8000, shaped as the store uses SQLite.

The store speaks to a card file through ``db.execute(sql, params)`` and ``db.conn.execute`` /
``executemany``, and reads rows as tuples. :class:`PgConnection` offers the same to a
PostgreSQL server, rewriting each statement once through :mod:`shopcards.store.dialect`, so
a store module runs unchanged on both stores wherever its SQL is common.

Why pg8000 and not psycopg: it is pure Python (0.5 MB with its two small dependencies, where
psycopg's binary wheel is 11 MB and the installer is 2.7 MB under its limit), speaks
scram-sha-256, and the speed it gives is well inside issue 16's figures (a statement costs
~0.4 ms over a local socket).

When the network fails (issue 16) every statement says so the same way: the connection is
dropped (the server rolls back what it held open), :class:`ServerUnreachable` goes up with a
message for a person, and the next statement outside a transaction connects again by itself,
so a desk carries on once the server answers, without reopening the card file.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from shopcards.core.errors import ServerUnreachable
from shopcards.core.i18n import _
from shopcards.store.dialect import POSTGRESQL, for_postgres

if TYPE_CHECKING:
    import pg8000.native

NUMERIC_OID = 1700
"""PostgreSQL's ``numeric``: what ``sum`` of integers gives there (SQLite gives an integer)."""

UNIQUE_OR_KEY_VIOLATIONS = ("23505", "23503", "23502", "23514")
"""SQLSTATE codes told as :class:`Conflict`: unique, foreign key, not null, check."""
SERVER_GOING_AWAY = ("57P01", "57P02", "57P03")
"""The server's own word that it is shutting down, crashed, or not up yet: as unreachable as
a cut cable (codes of class 08, the connection's own failures, count too)."""
REPORT_WORK_MEM = "32MB"
"""The memory of each sort or group in a report's snapshot: 100,000 customers' figures sort in
11 MB."""

T = TypeVar("T")


def unreachable(where: str, exc: BaseException) -> ServerUnreachable:
    """What the person is told, ``where`` being the shared card file as a person reads it."""
    return ServerUnreachable(
        _(
            "The PC that holds the shared card file ({where}) cannot be reached: nothing was "
            "saved. Check that it is on and connected to the shop's network, then try again.",
            where=where,
        ),
        str(exc),
    )


def connection_lost(exc: BaseException) -> bool:
    """True when ``exc`` (pg8000's) means the server cannot be talked to, not that it refused
    a statement: a network error, or the server closing the connection."""
    import pg8000.exceptions

    if isinstance(exc, (OSError, pg8000.exceptions.InterfaceError)):
        return True
    code = str(_details(exc).get("C", ""))
    return code.startswith("08") or code in SERVER_GOING_AWAY


class Writable(Protocol):
    """Where ``COPY … TO STDOUT`` writes its bytes, a row (or a few) at a time."""

    def write(self, data: bytes, /) -> object: ...


class Conflict(sqlite3.IntegrityError):
    """A constraint refused a row on the shared store.

    A subclass of SQLite's own, so that the store's ``except sqlite3.IntegrityError`` handles
    both stores with one clause."""


def _numeric(text: str) -> int | float:
    """``sum``/``avg`` as SQLite gives them: a whole number as int, else a float."""
    return float(text) if "." in text or "e" in text.lower() else int(text)


class PgCursor:
    """The rows of one statement, read as from ``sqlite3.Cursor``: tuples, then None."""

    def __init__(self, rows: list[list[Any]] | None, columns: Any, row_count: int) -> None:
        self._rows = iter(()) if rows is None else (tuple(row) for row in rows)
        self.description = (
            None if columns is None else [(c["name"],) + (None,) * 6 for c in columns]
        )
        self.rowcount = row_count
        self.lastrowid = None  # PostgreSQL has none: the store asks for ``RETURNING id``

    def fetchone(self) -> tuple[Any, ...] | None:
        return next(self._rows, None)

    def fetchall(self) -> list[tuple[Any, ...]]:
        return list(self._rows)

    def fetchmany(self, size: int = 1) -> list[tuple[Any, ...]]:
        return [row for _row, row in zip(range(size), self._rows, strict=False)]

    def __iter__(self) -> Iterator[tuple[Any, ...]]:
        return self._rows


class PgConnection:
    """One connection to the shared store, with ``sqlite3.Connection``'s ways the store uses.

    Autocommit outside a transaction, as SQLite's is: each read sees what is saved. A write
    transaction is opened by :class:`~shopcards.store.shared_file.SharedCardFile`.

    ``connect`` makes a pg8000 connection to the store (raising :class:`ServerUnreachable`
    when it cannot); it is called again after the connection was lost. ``where`` names the
    store in what the person is told.
    """

    dialect = POSTGRESQL

    @property
    def conn(self) -> PgConnection:
        """The store reaches the connection as ``db.conn``: on a shared store they are one."""
        return self

    def __init__(self, connect: Callable[[], pg8000.native.Connection], where: str) -> None:
        self._connect: Callable[[], pg8000.native.Connection] | None = connect
        self._where = where
        self._native: pg8000.native.Connection | None = None
        self.in_transaction = False
        self._reached()
        self.total_changes = 0
        """Rows this connection changed: with the store's write count, how a list knows
        its file changed (``file_state``)."""

    def execute(
        self, sql: str, parameters: Sequence[Any] | Mapping[str, Any] | None = None, /
    ) -> PgCursor:
        statement = for_postgres(sql)
        text, values = statement.sql, statement.values(parameters)
        context = self._run(lambda native: native.execute_unnamed(text, values), text)
        if context.row_count > 0 and context.columns is None:
            self.total_changes += context.row_count
        return PgCursor(context.rows, context.columns, context.row_count)

    def executemany(
        self, sql: str, seq_of_parameters: Iterable[Sequence[Any] | Mapping[str, Any]], /
    ) -> PgCursor:
        changed = 0
        for parameters in seq_of_parameters:
            changed += max(self.execute(sql, parameters).rowcount, 0)
        return PgCursor(None, None, changed)

    def copy_in(self, sql: str, chunks: Iterable[bytes]) -> None:
        """``COPY … FROM STDIN`` with ``chunks``, each sent as one message (store/moving.py):
        pg8000 sends a stream 8 KiB a message."""
        self._run(lambda native: native.execute_unnamed(sql, stream=chunks), sql)

    def copy_out(self, sql: str, stream: Writable) -> None:
        """``COPY … TO STDOUT``, its bytes written to ``stream`` as they come (store/moving.py)."""
        self._run(lambda native: native.execute_unnamed(sql, stream=stream), sql)

    def execute_simple(self, sql: str) -> None:
        """A statement with no parameters, as it is (transaction control, set-up)."""
        self._run(lambda native: native.execute_simple(sql), sql)

    def roll_back(self) -> None:
        """End the transaction saving nothing; on a lost connection there is nothing to end
        (the server rolled it back when the connection went)."""
        if self._native is None:
            return
        try:
            self.execute_simple("ROLLBACK")
        except ServerUnreachable:  # lost just now: the server rolls it back itself
            return

    def _run(self, work: Callable[[pg8000.native.Connection], T], sql: str) -> T:
        """``work`` on the connection, made again first if it was lost; a lost connection
        comes up as :class:`ServerUnreachable`, a constraint's refusal as :class:`Conflict`."""
        native = self._reached()
        try:
            return work(native)
        except Exception as exc:
            if not connection_lost(exc):
                raise _told(exc, sql) from exc
            self._native = None
            _close(native)
            raise unreachable(self._where, exc) from exc

    def _reached(self) -> pg8000.native.Connection:
        """The live connection; a new one if the last was lost, but never inside a
        transaction: that went with the connection, and its statements must not carry on
        alone on another."""
        if self._native is None:
            if self._connect is None:  # as sqlite3 says it: closed on purpose, not lost
                raise sqlite3.ProgrammingError("Cannot operate on a closed database.")
            if self.in_transaction:
                raise unreachable(self._where, ConnectionError("lost in a transaction"))
            self._native = self._connect()
            self._native.register_in_adapter(NUMERIC_OID, _numeric)
        return self._native

    @contextmanager
    def unhurried(self, seconds: float) -> Iterator[None]:
        """Statements that are minutes of the server's own work (a moved card file's indexes,
        built over all its rows): the answer is waited for ``seconds``, not the connection's
        usual timeout, which is there to notice a cut cable (pg8000 has no public way to
        change it, so its socket is told)."""
        sock = self._reached()._usock
        before = sock.gettimeout()
        sock.settimeout(seconds)
        try:
            yield
        finally:
            sock.settimeout(before)

    @contextmanager
    def snapshot(self) -> Iterator[None]:
        """Several reads from one state of the store (a report's figures must add up while
        the till sells): one REPEATABLE READ READ ONLY transaction, where each statement
        outside a transaction would see the latest commit. It changes nothing, so it ends
        with a rollback, which also ends it cleanly after an error.

        Its sorts and groups get :data:`REPORT_WORK_MEM` each: in the server's default 4 MB,
        100,000 customers' figures were sorted on disk."""
        self.execute_simple("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
        self.execute_simple(f"SET LOCAL work_mem = '{REPORT_WORK_MEM}'")
        self.in_transaction = True
        try:
            yield
        finally:
            self.roll_back()
            self.in_transaction = False

    def close(self) -> None:
        self._connect = None
        if self._native is not None:
            _close(self._native)
            self._native = None


def _close(native: pg8000.native.Connection) -> None:
    try:
        native.close()
    except Exception:  # already cut off: nothing to close
        return


def _details(exc: BaseException) -> dict[str, Any]:
    """The server's fields of a pg8000 error (``C`` its SQLSTATE code), or none."""
    return exc.args[0] if exc.args and isinstance(exc.args[0], dict) else {}


def _told(exc: Exception, sql: str) -> Exception:
    """A constraint's refusal as :class:`Conflict`; anything else as it came."""
    details = _details(exc)
    if details.get("C") in UNIQUE_OR_KEY_VIOLATIONS:
        return Conflict(f"{details.get('M', exc)} ({sql})")
    exc.add_note(f"in: {sql}")
    return exc
