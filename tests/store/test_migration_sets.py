"""The schema's and the data steps' sets: applied through sqlite-utils, read without it."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

import pytest
from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from shopcards.store import data_steps, schema
from shopcards.store.cardfile import open_card_file
from shopcards.store.migration_sets import MigrationSet


def test_the_plain_connection_reads_what_sqlite_utils_recorded(db_path: Path) -> None:
    open_card_file(db_path).close()
    with closing(sqlite3.connect(db_path)) as conn:
        for steps in (schema.migrations, data_steps.data_steps):
            recorded = Migrations(steps.name).applied(Database(conn))
            assert steps.applied(conn) == [step.name for step in recorded]
            assert steps.applied(conn) == steps.names()
            assert steps.pending(conn) == []


def test_a_file_without_the_record_has_every_step_pending(tmp_path: Path) -> None:
    with closing(sqlite3.connect(tmp_path / "empty.db")) as conn:
        assert schema.migrations.applied(conn) == []
        assert schema.migrations.pending(conn) == schema.known_names()


def test_apply_stops_before_the_step_named(tmp_path: Path) -> None:
    steps = MigrationSet("test")
    for name in ("one", "two", "three"):
        steps(name=name)(lambda db, name=name: db.execute(f"CREATE TABLE {name} (x)"))
    with closing(sqlite3.connect(tmp_path / "steps.db")) as conn:
        steps.apply(Database(conn), stop_before="three")
        assert steps.applied(conn) == ["one", "two"]
        assert steps.pending(conn) == ["three"]


def test_a_name_registered_twice_is_refused_at_once() -> None:
    steps = MigrationSet("test")
    steps(name="one")(lambda db: None)
    with pytest.raises(ValueError, match="'one' is already in the set 'test'"):
        steps(name="one")(lambda db: None)


def test_the_plain_connection_has_sqlite_utils_pragmas_before_the_wrapper_is_made(
    db_path: Path,
) -> None:
    open_card_file(db_path).close()  # made and migrated: through sqlite-utils
    with open_card_file(db_path) as card_file:
        assert card_file._db is None  # a current file: nothing at opening asked for it
        assert card_file.conn.execute("PRAGMA recursive_triggers").fetchone()[0] == 1
        assert card_file.db.conn is card_file.conn
