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
- the trigger that keeps the highest card id given out is a PL/pgSQL function;
- the foreign keys are added by ``ALTER TABLE`` once a move has filled the tables (the same
  constraints: a move checks them in one join each, not row by row).
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
    foreign_keys: tuple[str, ...]
    """The foreign keys, added once the tables are filled: checked in one join each, where
    checking each of 2,000,000 copied purchases took two thirds of their COPY."""


def from_card_file(conn: sqlite3.Connection) -> Schema:
    """The shared store's schema for the card file (current, migrated) open on ``conn``."""
    statements = ["CREATE EXTENSION IF NOT EXISTS citext", STORE_WRITES]
    statements.append("INSERT INTO store_writes (one, n) VALUES (1, 0)")
    rows = conn.execute(
        "SELECT type, name, tbl_name, sql FROM sqlite_master WHERE sql IS NOT NULL "
        "ORDER BY type = 'table' DESC, rowid"
    ).fetchall()
    tables, indexes, foreign_keys = [], [WORD_INDEX], []
    for kind, name, table, sql in rows:
        if FTS_TABLES.match(table) or kind == "trigger":
            continue
        if kind == "table":
            tables.append(_table(conn, name))
            sql, later = _keys_apart(conn, name, sql)
            foreign_keys.extend(later)
        (indexes if kind == "index" else statements).append(postgres_ddl(sql))
    statements.extend(WORD_TABLE)
    statements.extend(HIGH_WATER_TRIGGER)
    return Schema(
        tuple(statements),
        tuple(_in_fill_order(conn, tables)),
        tuple(indexes),
        tuple(foreign_keys),
    )


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


def _keys_apart(conn: sqlite3.Connection, table: str, sql: str) -> tuple[str, list[str]]:
    """``CREATE TABLE`` without its foreign keys, and the ``ALTER TABLE`` statements that add
    them (the same constraints, under the same names). A table whose keys are written in a
    way not taken apart here keeps them in its ``CREATE TABLE``: slower to fill, as sound."""
    bare = INLINE_REFERENCE.sub("", sql)
    if KEY_LEFT.search(bare):
        return sql, []
    keys: dict[int, list[tuple[str, ...]]] = {}
    for key, _seq, *columns in conn.execute(f'PRAGMA foreign_key_list("{table}")'):
        keys.setdefault(key, []).append(tuple(columns))
    return bare, [_add_key(table, columns) for columns in keys.values()]


INLINE_REFERENCE = re.compile(
    r"\s+REFERENCES\s+\w+\s*\(\s*\w+\s*\)"
    r"(\s+ON\s+(DELETE|UPDATE)\s+(SET\s+NULL|SET\s+DEFAULT|CASCADE|RESTRICT|NO\s+ACTION))*",
    re.IGNORECASE,
)
"""A column's foreign key as the migrations write it: ``REFERENCES customers(id) ON DELETE
CASCADE``."""
KEY_LEFT = re.compile(
    r"\b(REFERENCES|FOREIGN\s+KEY|ON\s+DELETE|ON\s+UPDATE|DEFERRABLE|MATCH)\b", re.IGNORECASE
)
"""Any part of a foreign key still there: written some other way, it is left whole."""


def _add_key(table: str, columns: list[tuple[str, ...]]) -> str:
    """``ALTER TABLE … ADD FOREIGN KEY`` for one key: the pragma's rows of its columns, each
    (table it points at, column, column pointed at, on update, on delete, match)."""
    target, _column, _to, on_update, on_delete, _match = columns[0]
    sources = ", ".join(f'"{column[1]}"' for column in columns)
    targets = ", ".join(f'"{column[2]}"' for column in columns)
    return (
        f'ALTER TABLE "{table}" ADD FOREIGN KEY ({sources}) REFERENCES "{target}" ({targets}) '
        f"ON UPDATE {on_update} ON DELETE {on_delete}"
    )


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
