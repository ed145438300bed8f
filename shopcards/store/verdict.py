"""Can this shopcards open this file? The one place that decides, for open, check and restore.

The file is only read here (SQLite's read-only mode), so asking never changes it: a file
that turns out to be another program's database keeps its journal mode and its tables.
"""

from __future__ import annotations

import enum
import os
import sqlite3
import stat
from dataclasses import dataclass, replace
from pathlib import Path

from shopcards.core.errors import CardFileError
from shopcards.core.i18n import N_, _
from shopcards.store import schema
from shopcards.store.network_share import NetworkShare, network_share

BUSY_TIMEOUT_MS = 15_000


class Standing(enum.Enum):
    """What a file is, as far as this shopcards is concerned."""

    NEW = "new"  # no file yet, or an empty one: opening makes it a card file
    CURRENT = "current"  # a card file of this program's schema
    OLDER = "older"  # a card file from an older shopcards: opening upgrades it
    NEWER = "newer"  # from a newer shopcards: never opened, never restored
    FOREIGN = "foreign"  # SQLite, but not a card file: left as it is
    DAMAGED = "damaged"  # not SQLite at all, or SQLite's checks find damage
    BUSY = "busy"  # another program holds it locked
    UNREADABLE = "unreadable"  # a folder, or no permission to read it


@dataclass(frozen=True)
class Verdict:
    """The answer of :func:`examine`; ``problems`` says what is wrong, for a person.

    ``share`` names the shared network folder the file is in: such a file is read-only to
    shopcards (SQLite's locking does not hold over a network), so it can be checked and read
    but never opened for saving, nor made there."""

    path: Path
    standing: Standing
    read_only: bool = False
    schema_steps: int = 0
    problems: tuple[str, ...] = ()
    customers: int = 0
    purchases: int = 0
    share: NetworkShare | None = None

    @property
    def opens(self) -> bool:
        """This shopcards can open it (making or upgrading it if need be)."""
        return self.standing in (Standing.NEW, Standing.CURRENT, Standing.OLDER)

    @property
    def ok(self) -> bool:
        """A card file this shopcards can use, with nothing wrong found."""
        return self.standing in (Standing.CURRENT, Standing.OLDER) and not self.problems

    @property
    def damaged(self) -> bool:
        return self.standing is Standing.DAMAGED

    @property
    def heading(self) -> str:
        """One line for `shopcards check`."""
        return _(_HEADINGS.get(self.standing, OK if self.ok else PROBLEMS_FOUND))

    def refusal(self) -> CardFileError:
        """The error that says why the file cannot be used, and that it was not changed."""
        told = " ".join(self.problems) or _("{path} cannot be used.", path=self.path)
        if self.damaged:
            told = _(
                "{problems} Restore a backup with `shopcards restore`; the file was not changed.",
                problems=told,
            )
        return CardFileError(told)


_OTHER_PROGRAMS_MARKS = ("application_id", "user_version")
"""shopcards sets neither; an empty SQLite file that has one belongs to another program."""

OK = N_("OK")
PROBLEMS_FOUND = N_("PROBLEMS FOUND")
_HEADINGS = {
    Standing.NEW: N_("NO CARD FILE"),
    Standing.NEWER: N_("FROM A NEWER SHOPCARDS"),
    Standing.FOREIGN: N_("NOT A CARD FILE"),
    Standing.DAMAGED: PROBLEMS_FOUND,
    Standing.BUSY: N_("BUSY"),
    Standing.UNREADABLE: N_("CANNOT BE READ"),
}


def examine(path: Path, integrity: bool = False) -> Verdict:
    """What ``path`` is. With ``integrity``, also SQLite's integrity and foreign-key checks and
    the counts `shopcards check` shows; opening leaves them out, as they read the whole file."""
    path = Path(path)
    share = network_share(path)
    read_only = share is not None or is_read_only(path)
    if path.is_dir():
        return _refused(
            path, Standing.UNREADABLE, _("{path} is a folder, not a card file.", path=path)
        )
    if not path.exists() or path.stat().st_size == 0:
        return Verdict(path, Standing.NEW, read_only, share=share)
    try:
        conn = _connect_read_only(path, read_only)
    except sqlite3.Error as exc:
        return _from_error(path, exc)
    try:
        found = _inspect(conn, path, read_only, integrity)
    except sqlite3.Error as exc:
        return _from_error(path, exc)
    finally:
        conn.close()
    return replace(found, share=share) if share is not None and found.opens else found


def written_by_newer(where: Path | str, unknown: list[str]) -> str:
    """Why a card file (or a shared card file, ``where`` it lives) that a newer shopcards has
    upgraded is not opened: the last of the schema steps this one does not know."""
    return _(
        "{path} was written by a newer version of shopcards (schema step “{step}”). "
        "Update shopcards to open it; the file was not changed.",
        path=where,
        step=unknown[-1],
    )


def is_read_only(path: Path) -> bool:
    """True when shopcards may not write the file or the folder it is in (WAL writes files
    beside it). A file with no write permission for anyone counts as read-only even for an
    administrator, who could write it but has been told not to."""
    target = path if path.exists() else _existing_parent(path)
    folder = target if target.is_dir() else target.parent
    for place in {target, folder}:
        mode = place.stat().st_mode
        if not os.access(place, os.W_OK) or not stat.S_IMODE(mode) & 0o222:
            return True
    return False


def read_only_error(path: Path) -> CardFileError:
    return CardFileError(
        _(
            "The card file {path} is read-only: shopcards may not save to it or to its folder. "
            "Make the file and its folder writable, or copy the file to a folder where you may "
            "save and open the copy. The file was not changed.",
            path=path,
        )
    )


def network_share_error(verdict: Verdict) -> CardFileError:
    """Why a card file in a shared network folder is not opened for saving (or not made there),
    and the way that does work for two PCs: one PC holds the file and shares it."""
    share = verdict.share.place if verdict.share else ""
    if verdict.standing is Standing.NEW:
        return CardFileError(
            _(
                "A new card file cannot be made at {path}: that is a shared network folder "
                "({share}), and a card file there gets damaged when two PCs write to it. Make "
                "the card file on this PC's own disk; to use it from other PCs as well, share "
                "it from this PC with `shopcards share`. Nothing was created.",
                path=verdict.path,
                share=share,
            )
        )
    return CardFileError(
        _(
            "The card file {path} is in a shared network folder ({share}). shopcards does "
            "not save to a card file there: when two PCs write to one card file over the "
            "network, it gets damaged. To use one card file from two PCs, keep it on the till "
            "PC's own disk and share it from there: on the till PC, run `shopcards share`. To "
            "only look at this file, copy it to this PC's own disk. The file was not changed.",
            path=verdict.path,
            share=share,
        )
    )


def _inspect(conn: sqlite3.Connection, path: Path, read_only: bool, integrity: bool) -> Verdict:
    tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    marked = any(conn.execute(f"PRAGMA {mark}").fetchone()[0] for mark in _OTHER_PROGRAMS_MARKS)
    if not tables and not marked:
        return Verdict(path, Standing.NEW, read_only)
    applied = schema.migrations.applied(conn)
    known = schema.migrations.names()
    unknown = schema.migrations.unknown(applied)
    if unknown:
        return _refused(path, Standing.NEWER, written_by_newer(path, unknown), steps=len(applied))
    if not applied or "customers" not in tables:
        return _refused(
            path,
            Standing.FOREIGN,
            _(
                "{path} is an SQLite file but not a shopcards card file; it was not changed.",
                path=path,
            ),
        )
    standing = Standing.CURRENT if len(applied) == len(known) else Standing.OLDER
    if not integrity:
        return Verdict(path, standing, read_only, len(applied))
    problems = _integrity_problems(conn)
    if problems:
        return _refused(path, Standing.DAMAGED, *problems, steps=len(applied))
    customers = conn.execute("SELECT count(*) FROM customers").fetchone()[0]
    purchases = conn.execute("SELECT count(*) FROM purchases").fetchone()[0]
    return Verdict(path, standing, read_only, len(applied), (), customers, purchases)


def _integrity_problems(conn: sqlite3.Connection) -> list[str]:
    problems = [
        _("SQLite's integrity check: {problem}", problem=row[0])
        for row in conn.execute("PRAGMA integrity_check").fetchall()
        if row[0] != "ok"
    ]
    problems += [
        _("a row {row} in {table} points at a missing row", row=row[1], table=row[0])
        for row in conn.execute("PRAGMA foreign_key_check").fetchall()
    ]
    return problems


def _connect_read_only(path: Path, read_only: bool) -> sqlite3.Connection:
    # In a folder nobody may write, SQLite cannot make the -shm file a WAL file needs to be
    # read; nobody can be writing there either, so the file is read as it lies.
    options = "mode=ro&immutable=1" if read_only else "mode=ro"
    conn = sqlite3.connect(
        f"{path.resolve().as_uri()}?{options}", uri=True, timeout=BUSY_TIMEOUT_MS / 1000
    )
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.Error:
        conn.close()
        raise
    return conn


def _from_error(path: Path, exc: sqlite3.Error) -> Verdict:
    """Sort an SQLite error by its code (never by its text) into what a person is told."""
    code = getattr(exc, "sqlite_errorcode", 0) & 0xFF
    if code in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED):
        return _refused(
            path,
            Standing.BUSY,
            _(
                "The card file {path} is busy: another program or desk holds it locked. Try "
                "again in a moment; the file was not changed.",
                path=path,
            ),
        )
    if code in (sqlite3.SQLITE_CANTOPEN, sqlite3.SQLITE_PERM, sqlite3.SQLITE_AUTH):
        return _refused(
            path,
            Standing.UNREADABLE,
            _(
                "{path} cannot be read: you may not open it, or its folder is missing. Ask "
                "whoever looks after this PC to let you read it.",
                path=path,
            ),
        )
    return _refused(
        path,
        Standing.DAMAGED,
        _(
            "{path} is not a shopcards card file, or it is damaged ({problem}).",
            path=path,
            problem=exc,
        ),
    )


def _refused(path: Path, standing: Standing, *problems: str, steps: int = 0) -> Verdict:
    return Verdict(path, standing, schema_steps=steps, problems=tuple(problems))


def _existing_parent(path: Path) -> Path:
    for parent in path.absolute().parents:
        if parent.exists():
            return parent
    return Path(path.anchor or ".")
