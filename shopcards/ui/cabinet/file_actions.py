"""The File menu's card-file actions: which file to start or to open, and a backup now."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMainWindow, QMessageBox, QWidget

from shopcards.services.session import Session

CARD_FILE_FILTER = "Card files (*.db);;All files (*)"


def ask_new_card_file(parent: QWidget, folder: Path) -> Path | None:
    """Where to start a new card file; None when cancelled or when a file is already there
    (the person is told to open it instead, so no file is ever overwritten)."""
    name, _ = QFileDialog.getSaveFileName(parent, "New card file", str(folder), CARD_FILE_FILTER)
    if not name:
        return None
    path = Path(name)
    if path.exists():
        QMessageBox.information(
            parent,
            "New card file",
            f"There is already a file at {path}. To use it, choose File ▸ Open card file…",
        )
        return None
    return path


def ask_card_file_to_open(parent: QWidget, folder: Path) -> Path | None:
    name, _ = QFileDialog.getOpenFileName(parent, "Open card file", str(folder), CARD_FILE_FILTER)
    return Path(name) if name else None


def back_up_now(window: QMainWindow, session: Session) -> None:
    """Copy the card file to the backups folder now (on a worker thread) and say where."""
    from shopcards.services import backup  # on first use, not at start (issue 12)
    from shopcards.ui.kit.background import run_in_background

    def backed_up(path: Path) -> None:
        window.statusBar().showMessage(f"Backed up to {path}", 10000)
        QMessageBox.information(window, "Backed up", f"A copy of the card file is now at\n{path}")

    def copy(_progress: object) -> Path:
        own = session.twin()  # the worker's own connection: the window keeps reading on its
        try:
            return backup.backup_now(own)
        finally:
            own.close()

    run_in_background(window, "Backing up the card file…", copy, backed_up, cancellable=False)
