"""A shared card file made by an older shopcards is upgraded by the newer one that opens it,
once, with its rows kept; one from a newer shopcards is refused (store/shared_upgrade.py).

An older shared store is made as an older release made it: a card file of that release's
schema (today's migrations stopped before a step) moved into an empty database.
"""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

import pytest
from sqlite_utils import Database

from shopcards import paths
from shopcards.core.errors import CardFileError
from shopcards.core.shared_address import SharedAddress
from shopcards.store import backup, data_steps, moving, schema
from shopcards.store.cardfile import CardFile
from shopcards.store.shared_file import SharedCardFile, open_shared
from shopcards.store.stores import open_store
from tests.shared_store import ServerForTests

FIRST_TRIED = "m018_erasure_log"
"""The first release that could share a card file had every step up to m019, so no shared
store is older than that; every step since must reach an older one. m018 and m019 are tried
too: the same mechanism, on steps that make tables, partial indexes, rows and a column."""
STEPS_TRIED = schema.known_names()[schema.known_names().index(FIRST_TRIED) :]
PEOPLE = [("Ada", "Lovelace", "yes"), ("Émile", "Zola", "no"), ("王", "芳", "not_asked")]
COLUMNS = ("given_name", "family_name", "consent_post")

SCHEMA_SQL = {
    "columns": "SELECT table_name, ordinal_position, column_name, data_type, is_nullable, "
    "column_default, is_identity FROM information_schema.columns "
    "WHERE table_schema = current_schema() ORDER BY 1, 2",
    "indexes": "SELECT tablename, indexname, indexdef FROM pg_indexes "
    "WHERE schemaname = current_schema() ORDER BY 1, 2",
    "constraints": "SELECT conrelid::regclass::text, pg_get_constraintdef(oid) FROM pg_constraint "
    "WHERE connamespace = current_schema()::regnamespace ORDER BY 1, 2",
}


def _older_store(server: ServerForTests, folder: Path, stop_before: str) -> SharedAddress:
    """A shared store as the release before ``stop_before`` made it, with three cards."""
    path = folder / "older.db"
    db = Database(path)
    schema.migrations.apply(db, stop_before=stop_before)
    data_steps.data_steps.apply(db)
    for given, family, post in PEOPLE:
        db.execute(
            "INSERT INTO customers (given_name, family_name, consent_post, created_at, "
            "created_by, updated_at, updated_by, sort_key, drawer) "
            "VALUES (?, ?, ?, '2026-01-02T10:00:00', 'owner', '2026-01-02T10:00:00', 'owner', "
            "?, 'A')",
            [given, family, post, family.lower()],
        )
    address = server.empty()
    shared = open_shared(address, None)
    try:
        moving.into_server(CardFile(path, db.conn), shared, None)
    finally:
        shared.close()
        db.close()
    return address


def _steps(shared: SharedCardFile) -> list[tuple[str, str]]:
    return shared.conn.execute(
        "SELECT migration_set, name FROM _sqlite_migrations ORDER BY id"
    ).fetchall()


def _shape(shared: SharedCardFile) -> dict[str, list[tuple[object, ...]]]:
    return {what: shared.conn.execute(sql).fetchall() for what, sql in SCHEMA_SQL.items()}


@pytest.mark.parametrize("step", STEPS_TRIED)
def test_an_older_shared_store_is_upgraded_to_the_shape_a_new_one_has(
    pg_server: ServerForTests, tmp_path: Path, step: str
) -> None:
    address = _older_store(pg_server, tmp_path, step)
    with open_store(address) as shared:
        assert isinstance(shared, SharedCardFile)
        assert shared.schema_version() == len(schema.known_names())
        assert not data_steps.data_steps.pending(shared.conn)
        upgraded = _shape(shared)
        names = shared.conn.execute(
            f"SELECT {', '.join(COLUMNS)} FROM customers ORDER BY id"
        ).fetchall()
    with open_shared(pg_server.fresh(), None) as new:
        assert upgraded == _shape(new)
    assert names == PEOPLE


def test_the_rows_a_step_makes_from_older_rows_are_made_on_the_server(
    pg_server: ServerForTests, tmp_path: Path
) -> None:
    """m019 gives each consent a card had an event of its own, and calls a new column."""
    address = _older_store(pg_server, tmp_path, "m019_consent_events")
    with open_store(address) as shared:
        events = shared.conn.execute(
            "SELECT c.family_name, e.channel, e.value, e.how FROM consent_events e "
            "JOIN customers c ON c.id = e.customer_id ORDER BY e.id"
        ).fetchall()
        shared.conn.execute("SELECT incoming FROM calls").fetchall()
    assert events == [("Lovelace", "post", "yes", "unknown"), ("Zola", "post", "no", "unknown")]


def test_the_store_as_it_was_is_kept_as_a_card_file_of_its_own_steps(
    pg_server: ServerForTests, tmp_path: Path
) -> None:
    address = _older_store(pg_server, tmp_path, "m019_consent_events")
    with open_store(address) as shared:
        (kept,) = paths.backups_dir(shared.path).glob("before-upgrade-*.db")
    assert backup.verify(kept) == ""  # its checksum matches, and SQLite finds it sound
    conn = sqlite3.connect(kept)
    try:
        steps = schema.migrations.applied(conn)
        names = conn.execute(f"SELECT {', '.join(COLUMNS)} FROM customers ORDER BY id").fetchall()
    finally:
        conn.close()
    assert steps == schema.known_names()[: schema.known_names().index("m019_consent_events")]
    assert names == PEOPLE


def test_two_pcs_opening_an_older_store_at_once_upgrade_it_once(
    pg_server: ServerForTests, tmp_path: Path
) -> None:
    address = _older_store(pg_server, tmp_path, FIRST_TRIED)
    start = threading.Barrier(2)
    opened: list[SharedCardFile] = []
    failed: list[BaseException] = []

    def open_at_once() -> None:
        start.wait()
        try:
            store = open_store(address)
            assert isinstance(store, SharedCardFile)
            opened.append(store)
        except BaseException as exc:
            failed.append(exc)

    desks = [threading.Thread(target=open_at_once) for _desk in range(2)]
    for desk in desks:
        desk.start()
    for desk in desks:
        desk.join()
    assert not failed and len(opened) == 2
    steps = _steps(opened[0])
    for store in opened:
        store.close()
    assert len(steps) == len(set(steps))
    assert [name for kind, name in steps if kind == schema.MIGRATION_SET] == schema.known_names()


def test_a_shared_store_from_a_newer_shopcards_is_refused_and_left_alone(
    pg_server: ServerForTests,
) -> None:
    address = pg_server.fresh()
    with open_shared(address, None) as shared:
        shared.conn.execute(
            "INSERT INTO _sqlite_migrations (id, migration_set, name, applied_at) "
            "VALUES (1000, 'shopcards', 'm999_from_the_future', 'x')"
        )
        before = _steps(shared)
    with pytest.raises(CardFileError, match="written by a newer version of shopcards") as told:
        open_store(address)
    assert "m999_from_the_future" in told.value.message
    with open_shared(address, None) as shared:
        assert _steps(shared) == before
