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

from sqlite_utils import Database

from shopcards.core.errors import CardFileError
from shopcards.store import schema

BUSY_TIMEOUT_MS = 15_000
# 2: words cut in Python, apostrophes and hyphens join a word (core.search).
SEARCH_WORDS_RULES = 2


class CardFile:
    """One open card file. Use :func:`open_card_file`; close it when done (or use ``with``)."""

    def __init__(self, path: Path, db: Database) -> None:
        self.path = path
        self.db = db

    def __enter__(self) -> CardFile:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.db.close()

    @property
    def conn(self) -> sqlite3.Connection:
        return self.db.conn

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
        except sqlite3.OperationalError as exc:
            raise CardFileError(
                f"The card file {self.path} is busy: another desk has been saving for over "
                f"{BUSY_TIMEOUT_MS // 1000} seconds. Try again in a moment.",
                str(exc),
            ) from exc
        try:
            yield self.db
        except BaseException:
            self.db.rollback()
            raise
        self.conn.execute("COMMIT")

    def flush_log(self) -> None:
        """Move everything from the write-ahead log into the file and empty the log, so that
        deleted data does not linger in it (after an erasure)."""
        self.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    def schema_version(self) -> int:
        return len(schema.migrations.applied(self.db))


def open_card_file(path: Path, create: bool = True) -> CardFile:
    """Open (and if needed create or migrate) the card file at ``path``.

    Raises CardFileError when the file is not a card file, is damaged, or comes from a newer
    shopcards; the file is then left exactly as it was.
    """
    path = Path(path)
    if not path.exists() and not create:
        raise CardFileError(f"There is no card file at {path}")
    path.parent.mkdir(parents=True, exist_ok=True)
    conn = _connect(path)
    db = Database(conn)
    try:
        _refuse_newer(db, path)
        _migrate(db, path)
        _rewrite_search_words(db)
    except BaseException:
        db.close()
        raise
    return CardFile(path, db)


def _connect(path: Path) -> sqlite3.Connection:
    try:
        conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False)
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA secure_delete = ON")
        conn.execute("PRAGMA synchronous = NORMAL")
        conn.execute("PRAGMA cache_size = -32768")  # 32 MiB: the list pages through indexes
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.DatabaseError as exc:
        raise CardFileError(
            f"{path} is not a shopcards card file, or it is damaged ({exc}). "
            "Restore a backup with `shopcards restore`.",
            str(exc),
        ) from exc
    return conn


def _refuse_newer(db: Database, path: Path) -> None:
    known = set(schema.known_names())
    applied = [m.name for m in schema.migrations.applied(db)]
    unknown = [name for name in applied if name not in known]
    if unknown:
        raise CardFileError(
            f"{path} was written by a newer version of shopcards (schema step "
            f"“{unknown[-1]}”). Update shopcards to open it; the file was not changed."
        )
    tables = set(db.table_names())
    if not applied and tables - {"_sqlite_migrations"}:
        raise CardFileError(
            f"{path} is an SQLite file but not a shopcards card file; it was not changed."
        )


def _migrate(db: Database, path: Path) -> None:
    """Apply pending migrations in one transaction, after copying an existing file aside.

    The write lock is taken first, so two desks opening a new file at once migrate it once.
    """
    if not schema.migrations.pending(db):
        return
    if schema.migrations.applied(db):
        from shopcards.store.backup import backup_before_migration

        backup_before_migration(db, path)
    db.conn.execute("BEGIN IMMEDIATE")
    try:
        schema.migrations.apply(db)
    except BaseException:
        db.rollback()
        raise
    db.conn.execute("COMMIT")


def _rewrite_search_words(db: Database) -> None:
    """Index every card's words again when the file's index was cut by older rules.

    A data step after the migrations: it uses the current code, which a migration must not.
    """
    if _search_words_rules(db) >= SEARCH_WORDS_RULES:
        return
    from shopcards.store.customers import reindex_all

    db.conn.execute("BEGIN IMMEDIATE")
    try:
        if _search_words_rules(db) < SEARCH_WORDS_RULES:  # another desk may have just done it
            reindex_all(db)
            db.execute("UPDATE search_words_rules SET version = ?", [SEARCH_WORDS_RULES])
    except BaseException:
        db.rollback()
        raise
    db.conn.execute("COMMIT")


def _search_words_rules(db: Database) -> int:
    return int(db.execute("SELECT max(version) FROM search_words_rules").fetchone()[0])
