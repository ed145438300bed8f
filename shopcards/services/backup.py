"""Backing up, restoring and checking the card file."""

from __future__ import annotations

from pathlib import Path

from shopcards import paths
from shopcards.services.exports import record_export
from shopcards.services.session import Session, require_owner
from shopcards.store import backup, changes


def daily_backup(session: Session) -> Path | None:
    """Taken when the app opens, at most once a day; returns the new file or None."""
    return backup.auto_backup(session.card_file.conn, session.card_file.path, session.today())


def backup_now(session: Session, dest: Path | None = None) -> Path:
    """A copy of the card file at ``dest`` (a folder or a file), or in the backups folder.

    A copy to a chosen place is the owner's (it carries every customer and the PIN's hash out
    of the PC) and is in the change log; one in the backups folder is anybody's.
    """
    if dest is not None:
        require_owner(session, "back up the card file to a chosen place")
    stamp = session.clock().strftime("%Y-%m-%dT%H%M%S")
    name = f"{session.card_file.path.stem}-{stamp}.db"
    if dest is None:
        dest = paths.backups_dir(session.card_file.path) / name
    else:
        dest = dest / name if dest.is_dir() else dest
        record_export(session, "backup", dest)
    return backup.copy_to(session.card_file.conn, dest)


def restore_from(session: Session, source: Path) -> Path:
    """Replace the card file with a backup (owner only); the current content is kept aside.

    Returns the safety copy of what was there before.
    """
    require_owner(session, "restore a backup")
    backup.check(source)  # raises before anything is copied when the file cannot be read
    safety = backup_now(session)
    backup.restore(source, session.card_file.conn)
    session.forget_settings()
    with session.card_file.write() as db:
        changes.record(db, session.actor, session.now(), "card_file", 0, "restored",
                       {"from": str(source), "previous_content_kept_in": str(safety)})
    return safety


def check_file(path: Path) -> backup.CheckReport:
    return backup.check(path)
