"""What a read needs of the card file: ``execute``, which both the plain ``sqlite3``
connection and sqlite-utils' ``Database`` have.

A read the cabinet makes before its first paint takes a :class:`Reads`, so the start can pass
the plain connection and never import sqlite-utils, which with click, dateutil and pluggy
costs ~0.1 s (issue 12); every other caller passes its ``Database`` as before.
"""

from __future__ import annotations

from typing import Any, Protocol

from shopcards.store.handle import Cursor


class Reads(Protocol):
    """An open card file to read from: ``sqlite3.Connection``, ``sqlite_utils.Database``, or a
    shared card file's connection."""

    def execute(self, sql: str, parameters: Any = ..., /) -> Cursor: ...
