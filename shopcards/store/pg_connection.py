"""A shared card file's connection: PostgreSQL through pg8000, shaped as the store uses SQLite.

The store speaks to a card file through ``db.execute(sql, params)`` and ``db.conn.execute`` /
``executemany``, and reads rows as tuples. :class:`PgConnection` offers the same to a
PostgreSQL server, rewriting each statement once through :mod:`shopcards.store.dialect`, so
a store module runs unchanged on both stores wherever its SQL is common.

Why pg8000 and not psycopg: it is pure Python (0.5 MB with its two small dependencies, where
psycopg's binary wheel is 11 MB and the installer is 2.7 MB under its limit), speaks
scram-sha-256, and the speed it gives is well inside issue 16's figures (a statement costs
~0.4 ms over a local socket).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, BinaryIO

from shopcards.store.dialect import POSTGRESQL, for_postgres

if TYPE_CHECKING:
    import pg8000.native

NUMERIC_OID = 1700
"""PostgreSQL's ``numeric``: what ``sum`` of integers gives there (SQLite gives an integer)."""

UNIQUE_OR_KEY_VIOLATIONS = ("23505", "23503", "23502", "23514")
"""SQLSTATE codes told as :class:`Conflict`: unique, foreign key, not null, check."""


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
    """

    dialect = POSTGRESQL

    @property
    def conn(self) -> PgConnection:
        """The store reaches the connection as ``db.conn``: on a shared store they are one."""
        return self

    def __init__(self, native: pg8000.native.Connection) -> None:
        self._native = native
        self._native.register_in_adapter(NUMERIC_OID, _numeric)
        self.in_transaction = False
        self.total_changes = 0
        """Rows this connection changed: with the store's write count, how a list knows
        its file changed (``file_state``)."""

    def execute(
        self, sql: str, parameters: Sequence[Any] | Mapping[str, Any] | None = None, /
    ) -> PgCursor:
        statement = for_postgres(sql)
        try:
            context = self._native.execute_unnamed(statement.sql, statement.values(parameters))
        except Exception as exc:
            raise _told(exc, statement.sql) from exc
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

    def copy_in(self, sql: str, stream: BinaryIO) -> None:
        """``COPY … FROM STDIN`` with ``stream``'s bytes (store/moving.py)."""
        try:
            self._native.execute_unnamed(sql, stream=stream)
        except Exception as exc:
            raise _told(exc, sql) from exc

    def execute_simple(self, sql: str) -> None:
        """A statement with no parameters, as it is (transaction control, set-up)."""
        try:
            self._native.execute_simple(sql)
        except Exception as exc:
            raise _told(exc, sql) from exc

    @contextmanager
    def snapshot(self) -> Iterator[None]:
        """Several reads from one state of the store (a report's figures must add up while
        the till sells): one REPEATABLE READ READ ONLY transaction, where each statement
        outside a transaction would see the latest commit. It changes nothing, so it ends
        with a rollback, which also ends it cleanly after an error."""
        self.execute_simple("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
        self.in_transaction = True
        try:
            yield
        finally:
            self.in_transaction = False
            self.execute_simple("ROLLBACK")

    def close(self) -> None:
        try:
            self._native.close()
        except Exception:  # already cut off: nothing to close
            return


def _told(exc: Exception, sql: str) -> Exception:
    """A constraint's refusal as :class:`Conflict`; anything else as it came."""
    details = exc.args[0] if exc.args and isinstance(exc.args[0], dict) else {}
    if details.get("C") in UNIQUE_OR_KEY_VIOLATIONS:
        return Conflict(f"{details.get('M', exc)} ({sql})")
    exc.add_note(f"in: {sql}")
    return exc
