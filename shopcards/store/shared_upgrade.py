"""Upgrading a shared card file that an older shopcards made (issue 16): the card file's own
migrations, spelled for PostgreSQL as the shared store's schema is (store/pg_schema.py).

A card file is upgraded as it is opened (store/cardfile.migrate); so is a shared one, by the
first PC of a newer shopcards that opens it. The steps it lacks run in one transaction under
the store's write lock (store/shared_file.py): a second PC opening at the same moment waits
for the lock, then finds nothing left to do, so the upgrade runs once; a step that fails
leaves the store as it was. A schema step's statements go to the server as the step writes
them, one that makes or alters a table or an index given the shared store's types first
(``pg_schema.postgres_types``), then spelled by ``dialect.for_postgres`` as every statement
is: a step the server cannot take fails the upgrade whole, which the tests try for every
step since the first release that could share a card file (tests/store/test_shared_upgrade.py).
Data steps are today's store code, which serves both stores, and run as they are.

The store as it was is kept first, as a card file is: a card file of its own steps in this
PC's backups folder of it. A shared card file a newer shopcards has upgraded is refused, in
the card file's words.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from shopcards import paths
from shopcards.core.errors import CardFileError
from shopcards.store import data_steps, schema
from shopcards.store.migration_sets import APPLIED_TABLE, MigrationSet
from shopcards.store.pg_connection import PgConnection, PgCursor
from shopcards.store.pg_schema import postgres_types
from shopcards.store.shared_file import SharedCardFile
from shopcards.store.verdict import written_by_newer

if TYPE_CHECKING:
    from sqlite_utils import Database

SETS = (schema.migrations, data_steps.data_steps)
"""In the order a card file takes them: its schema, then the work on its data."""
SHAPE = re.compile(r"^\s*(CREATE|ALTER)\b", re.IGNORECASE)
"""A statement that makes or alters a table or an index: the shared store's types apply."""
RECORD = (
    f"INSERT INTO {APPLIED_TABLE} (id, migration_set, name, applied_at) "
    f"SELECT coalesce(max(id), 0) + 1, ?, ?, ? FROM {APPLIED_TABLE}"
)
"""A step applied, as sqlite-utils records it on a card file (its ``id`` is a plain key on
the shared store, not numbered by the server: the next one is taken under the write lock)."""


def upgrade(shared: SharedCardFile) -> None:
    """Bring the shared store to this program's schema and data steps, if it lacks any; a
    store from a newer shopcards is refused (CardFileError) and left as it is."""
    conn = shared.conn
    applied = schema.migrations.applied(conn)
    unknown = schema.migrations.unknown(applied)
    if unknown:
        raise CardFileError(written_by_newer(shared.where(), unknown))
    if not applied:
        return  # no card file at all (an empty database): nothing to upgrade
    if len(applied) == len(schema.known_names()) and not data_steps.data_steps.pending(conn):
        return  # current: what every opening but the first after an update finds
    _keep_as_it_was(shared)
    with shared.write() as locked:  # the pending steps read again, now that this PC alone may
        for steps in SETS:
            _apply(steps, locked)


def _keep_as_it_was(shared: SharedCardFile) -> None:
    """A copy of the store as it was before a newer shopcards changes its schema, in this
    PC's backups folder of it, as a card file is kept (``backup.backup_before_migration``):
    a card file of the store's own steps, which a restore upgrades as any older backup. A
    desk of this PC taking the same copy this second is left to it."""
    from shopcards.store import backup  # with sqlite-utils: only when an upgrade is due

    stamp = dt.datetime.now().strftime("%Y-%m-%dT%H%M%S")
    dest = paths.backups_dir(shared.path) / f"before-upgrade-{stamp}.db"
    with contextlib.suppress(backup.CopyInProgress):
        backup.copy_to(functools.partial(_at_its_steps, shared), backup.unused_name(dest))


def _at_its_steps(shared: SharedCardFile, dest: Path) -> None:
    """A new card file at ``dest`` with the steps the shared store has, and its rows."""
    from sqlite_utils import Database

    from shopcards.store import moving
    from shopcards.store.cardfile import CardFile

    db = Database(dest)
    try:
        for steps in SETS:
            pending = steps.pending(shared.conn)
            steps.apply(db, stop_before=pending[0] if pending else None)
        moving.out_of_server(shared, CardFile(dest, db.conn), None)
    finally:
        db.close()


def _apply(steps: MigrationSet, conn: PgConnection) -> None:
    for name, step in steps.pending_steps(conn):
        step(_as_database(steps, conn))
        applied_at = str(dt.datetime.now(dt.UTC))  # as sqlite-utils writes it
        conn.execute(RECORD, [steps.name, name, applied_at])


def _as_database(steps: MigrationSet, conn: PgConnection) -> Database:
    """What a step is given in place of a card file's sqlite-utils ``Database``: a schema step
    its statements with the shared store's types; a data step the store's own handle. Both
    have what the steps use (``execute``; a data step's store functions ``conn`` too)."""
    handle = _Spelled(conn) if steps is schema.migrations else conn
    return cast("Database", handle)


class _Spelled:
    """A schema step's way to the shared store: the statements that shape tables and indexes
    with the shared store's types, each statement then spelled as the connection spells all."""

    def __init__(self, conn: PgConnection) -> None:
        self.conn = conn

    def execute(self, sql: str, parameters: Any = None) -> PgCursor:
        return self.conn.execute(postgres_types(sql) if SHAPE.match(sql) else sql, parameters)
