"""Backing up, restoring and checking the card file."""

from __future__ import annotations

import functools
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from shopcards import paths
from shopcards.core.i18n import _
from shopcards.core.retention import cutoff
from shopcards.services import erasure
from shopcards.services.exports import record_export
from shopcards.services.session import Session, require_owner
from shopcards.store import backup, card_ids, changes, moving
from shopcards.store import erasure as erasure_store
from shopcards.store.cardfile import migrate, open_card_file
from shopcards.store.shared_file import SharedCardFile
from shopcards.store.verdict import Standing, Verdict, examine


@dataclass(frozen=True)
class Restored:
    """What restore did: where the content it replaced is kept, and a warning to show (a
    backup without a checksum), or ''."""

    safety_copy: Path
    warning: str


def daily_backup(session: Session) -> Path | None:
    """Taken when the app opens, at most once a day; returns the new file or None. Copies
    older than the retention period go then too."""
    made = backup.auto_backup(_source(session), session.card_file.path, session.today())
    prune_past_retention(session)
    return made


def prune_past_retention(session: Session) -> list[Path]:
    """Delete the backups older than the retention period (none when it is off): they hold
    customers the shop must have forgotten by now."""
    months = session.settings.retention_months
    if not months:
        return []
    oldest = cutoff(session.today(), months)
    return backup.prune_before(paths.backups_dir(session.card_file.path), oldest)


def backup_now(session: Session, dest: Path | None = None) -> Path:
    """A copy of the card file at ``dest`` (a folder or a file), or in the backups folder.

    A copy to a chosen place is the owner's (it carries every customer and the PIN's hash out
    of the PC) and is in the change log; one in the backups folder is anybody's.
    """
    if dest is not None:
        require_owner(session, _("back up the card file to a chosen place"))
    stamp = session.clock().strftime("%Y-%m-%dT%H%M%S")
    name = f"{session.card_file.path.stem}-{stamp}.db"
    if dest is None:
        dest = backup.unused_name(paths.backups_dir(session.card_file.path) / name)
    else:
        dest = backup.unused_name(dest / name) if dest.is_dir() else dest
        record_export(session, "backup", dest)
    return backup.copy_to(_source(session), dest)


def restore_from(session: Session, source: Path) -> Restored:
    """Replace the card file with a backup (owner only); the current content is kept aside.

    Only a backup whose checksum, integrity and schema are sound is restored; one from an
    older shopcards is upgraded as opening it would. Cards issued since the backup was taken
    are not in it, but their numbers stay taken: no new customer gets one of them. Customers
    forgotten since are forgotten again (services/erasure.forget_again).
    """
    require_owner(session, _("restore a backup"))
    warning = backup.verify(source)  # raises before anything is copied
    safety = backup_now(session)
    issued = card_ids.highest_issued_id(session.db)
    forgotten = erasure_store.logged(session.db)
    if isinstance(session.card_file, SharedCardFile):
        _restore_shared(source, session.card_file)
    else:
        backup.restore(source, session.card_file.conn)
        migrate(session.card_file)
    session.forget_settings()
    erasure.forget_again(session, forgotten)
    with session.card_file.write() as db:
        card_ids.keep_ids_above(db, issued)
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
    prune_past_retention(session)
    return Restored(safety, warning)


def _source(session: Session) -> backup.Source:
    """What a copy is taken of: the shared store itself, or a card file's connection."""
    card_file = session.card_file
    if isinstance(card_file, SharedCardFile):
        return functools.partial(moving.card_file_copy, card_file)
    return card_file.conn


def _restore_shared(source: Path, shared: SharedCardFile) -> None:
    """A backup (a card file) into the shared store, in place of its content; an older
    backup is upgraded on a copy first, as opening it would."""
    with tempfile.TemporaryDirectory() as folder:
        staged = Path(folder) / "restoring.db"
        shutil.copyfile(source, staged)
        card_file = open_card_file(staged)
        try:
            moving.into_server(card_file, shared, None, replace=True)
        finally:
            card_file.close()


def restore_file(path: Path, source: Path, owner_session: Callable[[Path], Session]) -> Restored:
    """Restore ``source`` into the card file at ``path``, also when that file cannot be opened
    (damaged, or from a newer shopcards), which is when a backup is needed most.

    ``owner_session`` opens a file as its owner (asking the PIN). A file that opens is restored
    as :func:`restore_from` does; one that does not is replaced by the backup once the owner
    of the backup has given its PIN, and kept byte for byte in the backups folder.
    """
    verdict = examine(path)
    if verdict.opens:
        session = owner_session(path)
        try:
            return restore_from(session, source)
        finally:
            session.close()
    if verdict.standing not in (Standing.DAMAGED, Standing.NEWER):
        raise verdict.refusal()
    warning = backup.verify(source)
    staged = backup.stage(source, path)
    try:
        session = owner_session(staged)  # the backup's own PIN; upgrades an older backup
        try:
            require_owner(session, _("restore a backup"))
            erasure.forget_again(session, [], log_of=path)
            with session.card_file.write() as db:
                changes.record(
                    db,
                    session.actor,
                    session.now(),
                    "card_file",
                    0,
                    "restored",
                    {"from": str(source), "replaced": verdict.standing.value},
                )
            stamp = session.clock().strftime("%Y-%m-%dT%H%M%S")
        finally:
            session.close()
        kept = backup.replace_unopenable(path, staged, stamp)
    finally:
        staged.unlink(missing_ok=True)
    return Restored(kept, warning)


def check_file(path: Path) -> Verdict:
    return backup.check(path)
