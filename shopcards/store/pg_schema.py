"""The card file's schema on PostgreSQL, derived from SQLite's: one source of truth.

The migrations in ``store/schema.py`` stay the only description of the tables. A shared store
gets the tables a card file of this version has: a new card file is migrated in memory, and
each of its statements is spelled for PostgreSQL here. So a migration written for SQLite
reaches the shared store with no second copy to keep in step.

What differs, table by table, is the spelling (through :mod:`shopcards.store.dialect`) and
these choices:

- an ``id`` (or ``seq``) ``INTEGER PRIMARY KEY`` is an identity column, so that an insert
  without an id is given the next one, as SQLite gives its rowid;
- a ``COLLATE NOCASE`` column is ``citext``: compared without case, as on the card file;
- the FTS5 word index ``customer_search`` is a plain table of each card's words: the shared
  store's search finds words' beginnings in it through a trigram index (store/shared_search.py);
- the trigger that keeps the highest card id given out is a PL/pgSQL function.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass

from shopcards.store.dialect import NUMBERED_ROWS, ROW_NUMBERS, for_postgres

FTS_TABLES = re.compile(r"^customer_search(_\w+)?$")
"""The FTS5 index and its shadow tables: not copied; the shared store has its own table."""

WORD_TABLE = (
    "CREATE TABLE customer_search (id BIGINT PRIMARY KEY, words TEXT NOT NULL DEFAULT '')",
    "CREATE VIEW customer_search_content AS SELECT id, words AS c0 FROM customer_search",
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
)
"""Each card's words, under the name of FTS5's own table of them too (the store reads that)…"""
WORD_INDEX = (
    "CREATE INDEX customer_search_trigrams ON customer_search USING gin (words gin_trgm_ops)"
)
"""…and their trigrams: the search (store/shared_search.py) finds a word's beginning
through them."""
HIGH_WATER_TRIGGER = (
    """
    CREATE FUNCTION card_id_high_water_on_delete() RETURNS trigger AS $$
    BEGIN
        UPDATE card_id_high_water SET highest = greatest(highest, OLD.id) WHERE one = 1;
        RETURN OLD;
    END $$ LANGUAGE plpgsql
    """,
    """
    CREATE TRIGGER card_id_high_water_on_delete AFTER DELETE ON customers
        FOR EACH ROW EXECUTE FUNCTION card_id_high_water_on_delete()
    """,
)
STORE_WRITES = "CREATE TABLE store_writes (one INTEGER PRIMARY KEY, n BIGINT NOT NULL)"
"""Counted at every commit: how a list on another PC sees that the store changed (what
``PRAGMA data_version`` tells on a card file)."""

BOOLEAN_COLUMNS = re.compile(r"\b(is_staff)\s+INTEGER(\s+NOT\s+NULL)?\s+DEFAULT\s+0\b")
"""Integer columns the store tests as true or false (``WHERE is_staff``): PostgreSQL's
``boolean`` takes the 0 and 1 the store writes, and tests as SQLite's integer does."""

_TYPES = (
    (BOOLEAN_COLUMNS, r"\1 BOOLEAN\2 DEFAULT false"),
    (ROW_NUMBERS, NUMBERED_ROWS),
    (re.compile(r"\bINTEGER\b"), "BIGINT"),
    (re.compile(r"\bREAL\b"), "DOUBLE PRECISION"),
    (re.compile(r"\bBLOB\b"), "BYTEA"),
    (re.compile(r"\bTEXT(\s+NOT\s+NULL)?(\s+UNIQUE)?\s+COLLATE\s+NOCASE\b"), r"CITEXT\1\2"),
    (re.compile(r"\(\s*(\w+)\s+COLLATE\s+NOCASE\s*\)"), r"(lower(\1))"),
    (re.compile(r"\)\s*WITHOUT\s+ROWID\s*$"), ")"),
)


@dataclass(frozen=True)
class Table:
    """A table of the card file as the shared store has it."""

    name: str
    columns: tuple[str, ...]
    identity: str | None
    """The identity column whose sequence must follow copied ids."""


@dataclass(frozen=True)
class Schema:
    """Every statement that makes an empty shared store, and its tables in the order a copy
    fills them (a table after those it refers to)."""

    statements: tuple[str, ...]
    tables: tuple[Table, ...]
    indexes: tuple[str, ...]
    """The indexes, made after the tables are filled: building one over its rows at once is
    several times quicker than keeping it up to date row by row (moving a card file in)."""


def from_card_file(conn: sqlite3.Connection) -> Schema:
    """The shared store's schema for the card file (current, migrated) open on ``conn``."""
    statements = ["CREATE EXTENSION IF NOT EXISTS citext", STORE_WRITES]
    statements.append("INSERT INTO store_writes (one, n) VALUES (1, 0)")
    rows = conn.execute(
        "SELECT type, name, tbl_name, sql FROM sqlite_master WHERE sql IS NOT NULL "
        "ORDER BY type = 'table' DESC, rowid"
    ).fetchall()
    tables, indexes = [], [WORD_INDEX]
    for kind, name, table, sql in rows:
        if FTS_TABLES.match(table) or kind == "trigger":
            continue
        (indexes if kind == "index" else statements).append(postgres_ddl(sql))
        if kind == "table":
            tables.append(_table(conn, name))
    statements.extend(WORD_TABLE)
    statements.extend(HIGH_WATER_TRIGGER)
    return Schema(tuple(statements), tuple(_in_fill_order(conn, tables)), tuple(indexes))


def postgres_ddl(sql: str) -> str:
    """A CREATE TABLE or CREATE INDEX statement of the card file, spelled for PostgreSQL."""
    return for_postgres(postgres_types(sql)).sql


def postgres_types(sql: str) -> str:
    """A statement that makes or alters a table or index, with the shared store's types (the
    rest of its spelling is :func:`~shopcards.store.dialect.for_postgres`'s): also how a
    migration reaches an older shared store (store/shared_upgrade.py)."""
    for pattern, replacement in _TYPES:
        sql = pattern.sub(replacement, sql)
    return sql


def _table(conn: sqlite3.Connection, name: str) -> Table:
    columns = conn.execute(f'PRAGMA table_info("{name}")').fetchall()
    keys = [column[1] for column in columns if column[5]]
    identity = keys[0] if len(keys) == 1 and keys[0] in ("id", "seq") else None
    return Table(name, tuple(column[1] for column in columns), identity)


def _in_fill_order(conn: sqlite3.Connection, tables: list[Table]) -> list[Table]:
    """Each table after the tables its foreign keys point to."""
    needs = {
        table.name: {
            row[2]
            for row in conn.execute(f'PRAGMA foreign_key_list("{table.name}")')
            if row[2] != table.name
        }
        for table in tables
    }
    ordered: list[Table] = []
    waiting = list(tables)
    while waiting:
        placed = {table.name for table in ordered}
        ready = [table for table in waiting if needs[table.name] <= placed]
        if not ready:
            raise ValueError(f"foreign keys go round in a circle: {sorted(needs)}")
        ordered.extend(ready)
        waiting = [table for table in waiting if table not in ready]
    return ordered
