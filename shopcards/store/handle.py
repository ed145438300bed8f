"""What the store needs of an open card file: a card file's or a shared card file's handle.

Store functions take ``db: Database`` and use two things: ``db.execute(sql, params)`` and
``db.conn`` (``execute``, ``executemany``, ``in_transaction``, ``total_changes``), reading rows
as tuples. sqlite-utils' ``Database`` over a card file has them, and so has
:class:`~shopcards.store.pg_connection.PgConnection` over a shared one: these protocols say
so, and let one store function serve both.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any, Protocol


class Cursor(Protocol):
    """A statement's rows, read as from ``sqlite3.Cursor``."""

    @property
    def rowcount(self) -> int: ...

    @property
    def description(self) -> Any: ...

    def fetchone(self) -> Any: ...

    def fetchall(self) -> list[Any]: ...

    def fetchmany(self, size: int = ..., /) -> list[Any]: ...

    def __iter__(self) -> Iterator[Any]: ...


class Connection(Protocol):
    """The plain connection: ``sqlite3.Connection``, or the shared store's."""

    @property
    def in_transaction(self) -> bool: ...

    @property
    def total_changes(self) -> int: ...

    def execute(self, sql: str, parameters: Any = ..., /) -> Cursor: ...

    def executemany(self, sql: str, parameters: Iterable[Any], /) -> Cursor: ...


class Database(Protocol):
    """An open store as the store's functions take it."""

    @property
    def conn(self) -> Connection: ...

    def execute(self, sql: str, parameters: Any = ..., /) -> Cursor: ...
