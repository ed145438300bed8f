"""Asking where to save a file the shop keeps (a letter batch, a report, a list, a notice):
suggested in the user's Documents folder, under a name that says what it is."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QFileDialog, QWidget


def documents_folder() -> Path:
    """The user's Documents folder, or their home folder on a system that has none."""
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(folder or Path.home())


def ask_save_path(parent: QWidget, title: str, file_name: str, file_filter: str) -> Path | None:
    """Where to save, suggesting ``file_name`` in Documents; None when the person cancels."""
    chosen, _ = QFileDialog.getSaveFileName(
        parent, title, str(documents_folder() / file_name), file_filter
    )
    return Path(chosen) if chosen else None
