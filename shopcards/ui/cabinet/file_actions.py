"""The File menu's card-file actions: which file to start or to open, and a backup now."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMainWindow, QMessageBox, QWidget

from shopcards.core.i18n import N_, _
from shopcards.services.session import Session

CARD_FILE_FILTER = N_("Card files (*.db);;All files (*)")


def ask_new_card_file(parent: QWidget, folder: Path) -> Path | None:
    """Where to start a new card file; None when cancelled or when a file is already there
    (the person is told to open it instead, so no file is ever overwritten)."""
    name, _filter = QFileDialog.getSaveFileName(
        parent, _("New card file"), str(folder), _(CARD_FILE_FILTER)
    )
    if not name:
        return None
    path = Path(name)
    if path.exists():
        QMessageBox.information(
            parent,
            _("New card file"),
            _(
                "There is already a file at {path}. To use it, choose File ▸ Open card file…",
                path=str(path),
            ),
        )
        return None
    return path


def ask_card_file_to_open(parent: QWidget, folder: Path) -> Path | None:
    name, _filter = QFileDialog.getOpenFileName(
        parent, _("Open card file"), str(folder), _(CARD_FILE_FILTER)
    )
    return Path(name) if name else None


def back_up_now(window: QMainWindow, session: Session) -> None:
    """Copy the card file to the backups folder now (on a worker thread) and say where."""
    from shopcards.services import backup  # on first use, not at start (issue 12)
    from shopcards.ui.kit.background import run_in_background

    def backed_up(path: Path) -> None:
        where = str(path)
        window.statusBar().showMessage(_("Backed up to {path}", path=where), 10000)
        QMessageBox.information(
            window, _("Backed up"), _("A copy of the card file is now at\n{path}", path=where)
        )

    def copy(_progress: object) -> Path:
        own = session.twin()  # the worker's own connection: the window keeps reading on its
        try:
            return backup.backup_now(own)
        finally:
            own.close()

    run_in_background(window, _("Backing up the card file…"), copy, backed_up, cancellable=False)
