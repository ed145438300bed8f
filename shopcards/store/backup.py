"""Copies of the card file: the daily automatic backup, backups on demand, restore and check.

Copies are made with SQLite's online backup API, so they are consistent even while another
desk is writing, and are written to a temporary name first so a copy is whole or absent.

Each copy gets a checksum beside it, ``NAME.db.sha256`` in the format of ``sha256sum`` (so an
owner can check a copy on a USB stick with tools of their own). It is a file beside the copy
rather than something inside it because a checksum inside a file cannot cover the bytes that
hold it, and a copy stays a plain card file that opens as it is. The checksum is written (and
renamed into place) before the copy is, so a copy never lies there without its checksum.
"""

from __future__ import annotations

import datetime as dt
import errno
import hashlib
import os
import re
import sqlite3
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeAlias

from sqlite_utils import Database

from shopcards import paths
from shopcards.core.errors import CardFileError, DiskFull
from shopcards.core.i18n import _
from shopcards.store.verdict import Standing, Verdict, examine, is_read_only

Source: TypeAlias = "sqlite3.Connection | Callable[[Path], None]"
"""What a copy is taken of: a card file's connection, or a function that writes a whole card
file at the path it is given (a shared card file's copy out of the server: store/moving.py)."""

KEEP_DAILY = 7
KEEP_WEEKLY = 4
CHECKSUM_SUFFIX = ".sha256"
STALE_PARTIAL_S = 600
"""A ``.partial`` copy older than this was left by a crash, not by a copy being written."""
_STAMPED = re.compile(r"(\d{4}-\d{2}-\d{2})T(\d{6})(?:-(\d+))?\.db$")
_DAY = re.compile(r"(\d{4}-\d{2}-\d{2})")
_WEEK = re.compile(r"(\d{4})-W(\d{2})")


class CopyInProgress(CardFileError):
    """Another desk (or another thread) is writing a copy to the same place right now."""


def copy_to(conn: Source, dest: Path) -> Path:
    """Copy the open card file (or shared card file) to ``dest`` with its checksum (whole or
    not at all), readable by this user alone: a shared store's copy is a card file too.

    The ``.partial`` file is created exclusively first: it is the claim on ``dest``, so two
    desks taking the same day's backup at once cannot mix one's copy with the other's checksum.
    """
    partial = dest.with_name(dest.name + ".partial")
    checksum = checksum_path(dest)
    checksum_partial = checksum.with_name(checksum.name + ".partial")
    try:
        if dest.is_dir():
            raise IsADirectoryError(errno.EISDIR, _("a folder of that name is there"), str(dest))
        if is_read_only(dest):
            raise PermissionError(errno.EACCES, _("read-only"), str(dest))
        if not dest.parent.exists() or paths.owned_by_shopcards(dest.parent):
            paths.private_folder(dest.parent)
        dest.parent.mkdir(parents=True, exist_ok=True)
        _claim(partial)
    except OSError as exc:
        raise _cannot_write(dest, exc) from exc
    try:
        _copy(conn, partial)
        checksum_partial.write_text(f"{_sha256(partial)}  {dest.name}\n", encoding="utf-8")
        checksum_partial.replace(checksum)
        try:
            partial.replace(dest)
        except OSError:
            checksum.unlink()  # it belongs to the copy that could not be put in place
            raise
    except (OSError, sqlite3.Error, DiskFull) as exc:
        for leftover in (partial, checksum_partial):
            if leftover.is_file():
                leftover.unlink()
        raise _cannot_write(dest, exc) from exc
    return dest


def _claim(partial: Path) -> None:
    """Create ``partial`` if nobody else has; one left by a crash (old) is taken over."""
    try:
        os.close(os.open(partial, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
    except FileExistsError:
        if time.time() - partial.stat().st_mtime < STALE_PARTIAL_S:
            raise CopyInProgress(
                _(
                    "A copy to {path} is being written right now (by another desk?). Try again "
                    "in a minute.",
                    path=partial.with_suffix(""),
                )
            ) from None
        partial.unlink()
        _claim(partial)


def _cannot_write(dest: Path, exc: OSError | sqlite3.Error | DiskFull) -> CardFileError:
    return CardFileError(
        _(
            "The backup could not be written to {path}: {why}. Nothing was left there; choose "
            "another place.",
            path=dest,
            why=_why(exc),
        ),
        str(exc),
    )


def unused_name(dest: Path) -> Path:
    """``dest``, or ``NAME-2.db``, ``NAME-3.db``… when a copy of that name is there: two copies
    in one second (a restore from the safety copy just made) must not overwrite each other."""
    n = 1
    candidate = dest
    while candidate.exists():
        n += 1
        candidate = dest.with_name(f"{dest.stem}-{n}{dest.suffix}")
    return candidate


def checksum_path(copy: Path) -> Path:
    return copy.with_name(copy.name + CHECKSUM_SUFFIX)


def auto_backup(conn: Source, db_path: Path, today: dt.date) -> Path | None:
    """Today's backup if there is none yet; keeps the last 7 daily and the last 4 weekly."""
    folder = paths.backups_dir(db_path)
    daily = folder / "daily" / f"{today.isoformat()}.db"
    if daily.exists():
        return None
    year, week, _day = today.isocalendar()
    weekly = folder / "weekly" / f"{year}-W{week:02d}.db"
    try:
        copy_to(conn, daily)
        if not weekly.exists():
            copy_to(conn, weekly)
    except CopyInProgress:
        return None  # another desk is taking today's backup

    _prune(sorted((folder / "daily").glob("*.db"))[:-KEEP_DAILY])
    _prune(sorted((folder / "weekly").glob("*.db"))[:-KEEP_WEEKLY])
    prune_stamped(folder, today)
    return daily


def prune_stamped(folder: Path, today: dt.date) -> None:
    """The copies the owner took, the safety copies restore left and the copies taken before
    an upgrade (all named ``…-YYYY-MM-DDTHHMMSS.db``): every one of the last 7 days is kept,
    and of older ones the newest of each of the 4 latest weeks. Other files are left alone."""
    dated = sorted(  # oldest first, by the time in the name and then -2, -3…
        (dt.date.fromisoformat(m[1]), m[2], int(m[3] or 1), copy)
        for copy in folder.glob("*.db")
        if (m := _STAMPED.search(copy.name))
    )
    old = [(day, copy) for day, _time, _n, copy in dated if (today - day).days >= KEEP_DAILY]
    newest_of_week = {day.isocalendar()[:2]: copy for day, copy in old}
    kept_weeks = sorted(newest_of_week)[-KEEP_WEEKLY:]
    keep = {newest_of_week[week] for week in kept_weeks}
    _prune([copy for _day, copy in old if copy not in keep])


def prune_before(folder: Path, oldest: dt.date) -> list[Path]:
    """Delete every copy in the backups folder (daily, weekly, the owner's, safety and
    upgrade copies) made before ``oldest``: past the retention period a copy would keep the
    customers the shop has to forget. Returns the copies deleted."""
    old = [copy for copy in sorted(folder.rglob("*.db")) if _made_on(copy) < oldest]
    _prune(old)
    return old


def _made_on(copy: Path) -> dt.date:
    """The day in a copy's name (a weekly copy's: the week's Sunday), else its file's date."""
    try:
        if day := _DAY.search(copy.name):
            return dt.date.fromisoformat(day[1])
        if week := _WEEK.search(copy.name):
            return dt.date.fromisocalendar(int(week[1]), int(week[2]), 7)
    except ValueError:  # digits that are no date ("9999-99-99"): the file's own date
        pass
    return dt.date.fromtimestamp(copy.stat().st_mtime)


def backup_before_migration(db: Database, db_path: Path) -> Path:
    """Keep the file as it was before a newer shopcards changes its schema."""
    stamp = dt.datetime.now().strftime("%Y-%m-%dT%H%M%S")
    return copy_to(db.conn, paths.backups_dir(db_path) / f"before-upgrade-{stamp}.db")


def check(path: Path) -> Verdict:
    """What `shopcards check` reports: the verdict with SQLite's integrity checks."""
    return examine(path, integrity=True)


def verify(source: Path) -> str:
    """Whether ``source`` may be restored: its checksum, its integrity and its schema.

    Returns a warning for a copy made before copies had checksums, or ''; raises
    CardFileError naming which of the three failed.
    """
    if not source.is_file():
        raise CardFileError(_("There is no file at {path}", path=source))
    checksum = checksum_path(source)
    warning = ""
    if checksum.is_file():
        if _sha256(source) != _recorded_sha256(checksum):
            raise _cannot_restore(
                source,
                _(
                    "its checksum does not match ({file}): the copy changed after it was made",
                    file=checksum.name,
                ),
            )
    else:
        warning = _(
            "{path} has no checksum (it was made by an older shopcards), so a change to it "
            "since it was made cannot be ruled out; SQLite's integrity check found nothing "
            "wrong.",
            path=source,
        )
    verdict = check(source)
    if verdict.standing is Standing.NEWER:
        raise _cannot_restore(
            source,
            _(
                "it was made by a newer version of shopcards, which this one cannot open. "
                "Update shopcards first"
            ),
        )
    if not verdict.ok:
        found = "; ".join(verdict.problems[:3])
        if verdict.standing is Standing.DAMAGED:
            found = _("the integrity check failed: {problems}", problems=found)
        raise _cannot_restore(source, found)
    return warning


def restore(source: Path, conn: sqlite3.Connection) -> None:
    """Replace the open card file's content with ``source``, which :func:`verify` passed.

    The caller takes a backup of the current content first.
    """
    src = sqlite3.connect(f"{source.resolve().as_uri()}?mode=ro", uri=True)
    try:
        src.backup(conn)
    finally:
        src.close()


def stage(source: Path, path: Path) -> Path:
    """A copy of ``source`` beside the card file at ``path``, to be made current and then put
    in its place by :func:`replace_unopenable`."""
    staged = path.with_name(path.name + ".restoring")
    try:
        _claim(staged)
        staged.write_bytes(source.read_bytes())
    except OSError as exc:
        staged.unlink(missing_ok=True)
        raise _cannot_write(staged, exc) from exc
    return staged


def replace_unopenable(path: Path, staged: Path, stamp: str) -> Path:
    """Put ``staged`` in place of a card file that cannot be opened (damaged, or from a newer
    shopcards), after copying that file byte for byte, with its -wal, to the backups folder.

    Its -wal and -shm go with it: left beside the restored file, SQLite would apply the old
    file's log to it. Returns the copy of the file that was replaced.
    """
    kept = unused_name(paths.backups_dir(path) / f"{path.stem}-{stamp}.db")
    try:
        kept.parent.mkdir(parents=True, exist_ok=True)
        kept.write_bytes(path.read_bytes())
        checksum_path(kept).write_text(f"{_sha256(kept)}  {kept.name}\n", encoding="utf-8")
        wal = path.with_name(path.name + "-wal")
        if wal.is_file() and wal.stat().st_size:
            kept.with_name(kept.name + "-wal").write_bytes(wal.read_bytes())
        for log in (wal, path.with_name(path.name + "-shm")):
            log.unlink(missing_ok=True)
        staged.replace(path)
    except OSError as exc:
        raise _cannot_write(path, exc) from exc
    return kept


def _cannot_restore(source: Path, reason: str) -> CardFileError:
    return CardFileError(
        _(
            "{path} cannot be restored: {reason}. The card file was not changed.",
            path=source,
            reason=reason.rstrip("."),
        )
    )


def _copy(source: Source, dest: Path) -> None:
    if isinstance(source, sqlite3.Connection):
        _sqlite_copy(source, dest)
    else:
        source(dest)


def _sqlite_copy(conn: sqlite3.Connection, dest: Path) -> None:
    target = sqlite3.connect(str(dest))
    try:
        conn.backup(target)
        target.execute("PRAGMA journal_mode = DELETE")
    finally:
        target.close()


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        while chunk := stream.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def _recorded_sha256(checksum: Path) -> str:
    return checksum.read_text(encoding="utf-8", errors="replace").split(" ", 1)[0].strip()


def _why(exc: OSError | sqlite3.Error | DiskFull) -> str:
    """What went wrong, told by the error's number (never by its text). A shared card file's
    copy is a card file being filled (store/moving.py), whose full disk comes as DiskFull."""
    if isinstance(exc, DiskFull):
        return _("the disk is full")
    number = exc.errno if isinstance(exc, OSError) else None
    code = getattr(exc, "sqlite_errorcode", 0) & 0xFF
    if number == errno.ENOSPC or code == sqlite3.SQLITE_FULL:
        return _("the disk is full")
    if number == errno.EISDIR:
        return _("there is a folder of that name there")
    if number in (errno.ENOTDIR, errno.EEXIST):
        return _("part of that path is a file, not a folder")
    if number in (errno.EACCES, errno.EPERM, errno.EROFS) or code in (
        sqlite3.SQLITE_CANTOPEN,
        sqlite3.SQLITE_READONLY,
        sqlite3.SQLITE_PERM,
    ):
        return _("that place is read-only, or you may not save there")
    return str(exc)


def _prune(copies: list[Path]) -> None:
    for copy in copies:
        copy.unlink()
        checksum_path(copy).unlink(missing_ok=True)
        copy.with_name(copy.name + "-wal").unlink(missing_ok=True)  # kept by a restore
