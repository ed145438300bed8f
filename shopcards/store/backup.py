"""Copies of the card file: the daily automatic backup, backups on demand, restore and check.

Copies are made with SQLite's online backup API, so they are consistent even while another
desk is writing, and are written to a temporary name first so a copy is whole or absent.
"""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
import tempfile
from dataclasses import dataclass
from pathlib import Path

from sqlite_utils import Database

from shopcards import paths
from shopcards.core.errors import CardFileError

KEEP_DAILY = 7
KEEP_WEEKLY = 4


@dataclass(frozen=True)
class CheckReport:
    """What `shopcards check` found; ``ok`` only when SQLite found nothing wrong."""

    path: Path
    problems: list[str]
    schema_steps: int
    customers: int
    purchases: int

    @property
    def ok(self) -> bool:
        return not self.problems


def copy_to(conn: sqlite3.Connection, dest: Path) -> Path:
    """Copy the open card file to ``dest`` (whole or not at all), readable by this user alone."""
    if not dest.parent.exists() or paths.owned_by_shopcards(dest.parent):
        paths.private_folder(dest.parent)
    # a name of its own (two desks may back up at once), created 0600 by mkstemp
    handle, name = tempfile.mkstemp(prefix=dest.name + ".", suffix=".partial", dir=dest.parent)
    os.close(handle)
    partial = Path(name)
    try:
        target = sqlite3.connect(str(partial))
        try:
            conn.backup(target)
            target.execute("PRAGMA journal_mode = DELETE")
        finally:
            target.close()
        partial.replace(dest)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return dest


def auto_backup(conn: sqlite3.Connection, db_path: Path, today: dt.date) -> Path | None:
    """Today's backup if there is none yet; keeps the last 7 daily and the last 4 weekly."""
    folder = paths.backups_dir(db_path)
    daily = folder / "daily" / f"{today.isoformat()}.db"
    if daily.exists():
        return None
    copy_to(conn, daily)
    year, week, _ = today.isocalendar()
    weekly = folder / "weekly" / f"{year}-W{week:02d}.db"
    if not weekly.exists():
        copy_to(conn, weekly)
    _prune(folder / "daily", KEEP_DAILY)
    _prune(folder / "weekly", KEEP_WEEKLY)
    return daily


def backup_before_migration(db: Database, db_path: Path) -> Path:
    """Keep the file as it was before a newer shopcards changes its schema."""
    stamp = dt.datetime.now().strftime("%Y-%m-%dT%H%M%S")
    return copy_to(db.conn, paths.backups_dir(db_path) / f"before-upgrade-{stamp}.db")


def check(path: Path) -> CheckReport:
    """SQLite's integrity and foreign-key checks, and what the file holds."""
    conn = _open_read_only(path)
    try:
        problems = [row[0] for row in conn.execute("PRAGMA integrity_check").fetchall()
                    if row[0] != "ok"]
        problems += [f"purchase or card row {row[1]} in {row[0]} points at a missing row"
                     for row in conn.execute("PRAGMA foreign_key_check").fetchall()]
        tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}
        if "customers" not in tables:
            problems.append("this is not a shopcards card file (no customers table)")
            return CheckReport(path, problems, 0, 0, 0)
        steps = conn.execute("SELECT count(*) FROM _sqlite_migrations").fetchone()[0]
        customers = conn.execute("SELECT count(*) FROM customers").fetchone()[0]
        purchases = conn.execute("SELECT count(*) FROM purchases").fetchone()[0]
        return CheckReport(path, problems, steps, customers, purchases)
    except sqlite3.DatabaseError as exc:
        return CheckReport(path, [f"the file is damaged: {exc}"], 0, 0, 0)
    finally:
        conn.close()


def restore(source: Path, conn: sqlite3.Connection) -> None:
    """Replace the open card file's content with ``source``, which must pass the check.

    The caller takes a backup of the current content first.
    """
    report = check(source)
    if not report.ok:
        raise CardFileError(
            f"{source} cannot be restored: " + "; ".join(report.problems[:3])
            + ". The card file was not changed."
        )
    src = _open_read_only(source)
    try:
        src.backup(conn)
    finally:
        src.close()


def _open_read_only(path: Path) -> sqlite3.Connection:
    if not path.is_file():
        raise CardFileError(f"There is no file at {path}")
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.DatabaseError as exc:
        raise CardFileError(f"{path} is not an SQLite card file or is damaged ({exc})") from exc
    return conn


def _prune(folder: Path, keep: int) -> None:
    for old in sorted(folder.glob("*.db"))[:-keep]:
        old.unlink()
