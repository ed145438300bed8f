"""Opening the card file: pragmas, the schema check, migrations, and write transactions.

Two desks (the till and the back office) may have the same file open. WAL lets one write while
the other reads; every write starts with ``BEGIN IMMEDIATE`` so two writers queue on the busy
timeout instead of failing half-way with "database is locked".
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from shopcards import paths
from shopcards.core.errors import CardFileError, DiskFull
from shopcards.core.i18n import _
from shopcards.store import data_steps, schema
from shopcards.store.verdict import (
    BUSY_TIMEOUT_MS,
    examine,
    network_share_error,
    read_only_error,
)

if TYPE_CHECKING:
    from sqlite_utils import Database


class CardFile:
    """One open card file. Use :func:`open_card_file`; close it when done (or use ``with``).

    ``conn`` is the plain connection; ``db`` wraps it in sqlite-utils when first asked for: the
    cabinet's first page reads through ``conn`` (issue 12: sqlite-utils and what it imports
    cost ~0.1 s of the start), writes go through ``db``.
    """

    def __init__(self, path: Path, conn: sqlite3.Connection) -> None:
        self.path = path
        self.conn = conn
        self._db: Database | None = None

    def __enter__(self) -> CardFile:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.conn.close()

    def where(self) -> str:
        """Where the card file lives, as a person reads it."""
        return str(self.path)

    def short_name(self) -> str:
        """The card file's name, for the window's title."""
        return self.path.name

    def reopen(self) -> CardFile:
        """A connection of its own to the same file (a SQLite connection belongs to the
        thread that opened it)."""
        return open_card_file(self.path)

    @property
    def db(self) -> Database:
        if self._db is None:
            from sqlite_utils import Database

            # no sqlite-utils plugins: shopcards uses none, and looking for them read the
            # metadata of every installed package (issue 12)
            self._db = Database(self.conn, execute_plugins=False)
        return self._db

    @contextmanager
    def write(self) -> Iterator[Database]:
        """One transaction for one user action: all of it is saved, or none of it.

        Nested calls become savepoints inside the outer transaction.
        """
        if self.conn.in_transaction:
            with self.db.atomic():
                yield self.db
            return
        try:
            self.conn.execute("BEGIN IMMEDIATE")
            try:
                yield self.db
                self.conn.execute("COMMIT")
            except BaseException:
                self.db.rollback()
                raise
        except sqlite3.OperationalError as exc:
            error = self._write_error(exc)
            if error is None:
                raise
            raise error from exc

    def _write_error(self, exc: sqlite3.OperationalError) -> CardFileError | None:
        """Busy, read-only and a full disk are told as such (by SQLite's error code);
        anything else is a bug and goes on as it is."""
        code = getattr(exc, "sqlite_errorcode", 0) & 0xFF  # 0: raised by hand, not by SQLite
        if code == sqlite3.SQLITE_BUSY:
            return CardFileError(
                _(
                    "The card file {path} is busy: another desk has been saving for over "
                    "{seconds} seconds. Try again in a moment.",
                    path=self.path,
                    seconds=BUSY_TIMEOUT_MS // 1000,
                ),
                str(exc),
            )
        if code == sqlite3.SQLITE_READONLY:
            return read_only_error(self.path)
        if code == sqlite3.SQLITE_FULL:
            return DiskFull(
                _(
                    "The disk that holds {path} is full: nothing was saved. Free some space and "
                    "try again.",
                    path=self.path,
                ),
                str(exc),
            )
        return None

    def flush_log(self) -> None:
        """Move everything from the write-ahead log into the file and empty the log, so that
        deleted data does not linger in it (after an erasure)."""
        self.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    def schema_version(self) -> int:
        return len(schema.migrations.applied(self.conn))


def open_card_file(path: Path, create: bool = True) -> CardFile:
    """Open (and if needed create or migrate) the card file at ``path``.

    Raises CardFileError when :func:`~shopcards.store.verdict.examine` says the file cannot be
    opened (not a card file, damaged, busy, from a newer shopcards) or may not be written
    (read-only, or in a shared network folder); the file is then left exactly as it was.
    """
    path = Path(path)
    if not path.exists() and not create:
        raise CardFileError(_("There is no card file at {path}", path=path))
    verdict = examine(path)
    if not verdict.opens:
        raise verdict.refusal()
    if verdict.share is not None:
        raise network_share_error(verdict)
    if verdict.read_only:
        raise read_only_error(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    _make_private(path)
    card_file = CardFile(path, _connect(path))
    try:
        migrate(card_file)
    except BaseException:
        card_file.close()
        raise
    return card_file


def _make_private(path: Path) -> None:
    """The card file (and so its -wal and -shm, which SQLite creates with the main file's
    permissions) readable by this user alone; its folder too when shopcards owns it."""
    if not path.parent.exists() or paths.owned_by_shopcards(path.parent):
        paths.private_folder(path.parent)
    paths.private_file(path)
    for journal in (path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        if journal.exists():
            paths.private_file(journal)


def _connect(path: Path) -> sqlite3.Connection:
    try:
        conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False)
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA secure_delete = ON")
        conn.execute("PRAGMA synchronous = NORMAL")
        conn.execute("PRAGMA cache_size = -32768")  # 32 MiB: the list pages through indexes
        conn.execute("PRAGMA recursive_triggers = ON")  # as sqlite-utils' Database sets it
    except sqlite3.DatabaseError as exc:
        verdict = examine(path)
        if not verdict.opens:
            raise verdict.refusal() from exc
        raise CardFileError(
            _("{path} could not be opened for saving ({problem}).", path=path, problem=exc),
            str(exc),
        ) from exc
    return conn


def migrate(card_file: CardFile) -> None:
    """Apply pending migrations, then pending data steps, in one transaction, after copying
    an existing file aside (a restored backup from an older shopcards comes through here too).

    The write lock is taken first, so two desks opening a new file at once migrate it once.
    """
    conn = card_file.conn
    if not schema.migrations.pending(conn) and not data_steps.data_steps.pending(conn):
        return
    db, path = card_file.db, card_file.path
    if schema.migrations.applied(conn):
        from shopcards.store.backup import backup_before_migration

        backup_before_migration(db, path)
    db.conn.execute("BEGIN IMMEDIATE")
    try:
        schema.migrations.apply(db)
        data_steps.data_steps.apply(db)
    except BaseException:
        db.rollback()
        raise
    db.conn.execute("COMMIT")
