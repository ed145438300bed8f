"""Backing up, restoring and checking the card file."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from shopcards import paths
from shopcards.services.session import Session, require_owner
from shopcards.store import backup, changes
from shopcards.store.cardfile import migrate
from shopcards.store.verdict import Verdict


@dataclass(frozen=True)
class Restored:
    """What restore did: where the content it replaced is kept, and a warning to show (a
    backup without a checksum), or ''."""

    safety_copy: Path
    warning: str


def daily_backup(session: Session) -> Path | None:
    """Taken when the app opens, at most once a day; returns the new file or None."""
    return backup.auto_backup(session.card_file.conn, session.card_file.path, session.today())


def backup_now(session: Session, dest: Path | None = None) -> Path:
    """A copy of the card file at ``dest`` (a folder or a file), or in the backups folder."""
    stamp = session.clock().strftime("%Y-%m-%dT%H%M%S")
    name = f"{session.card_file.path.stem}-{stamp}.db"
    if dest is None:
        dest = backup.unused_name(paths.backups_dir(session.card_file.path) / name)
    elif dest.is_dir():
        dest = backup.unused_name(dest / name)
    return backup.copy_to(session.card_file.conn, dest)


def restore_from(session: Session, source: Path) -> Restored:
    """Replace the card file with a backup (owner only); the current content is kept aside.

    Only a backup whose checksum, integrity and schema are sound is restored; one from an
    older shopcards is upgraded as opening it would.
    """
    require_owner(session, "restore a backup")
    warning = backup.verify(source)  # raises before anything is copied
    safety = backup_now(session)
    backup.restore(source, session.card_file.conn)
    migrate(session.card_file.db, session.card_file.path)
    session.forget_settings()
    with session.card_file.write() as db:
        changes.record(
            db,
            session.actor,
            session.now(),
            "card_file",
            0,
            "restored",
            {
                "from": str(source),
                "previous_content_kept_in": str(safety),
                "checksum": "none" if warning else "matched",
            },
        )
    backup.prune_stamped(paths.backups_dir(session.card_file.path), session.today())
    return Restored(safety, warning)


def check_file(path: Path) -> Verdict:
    return backup.check(path)
