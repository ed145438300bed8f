"""Asking where to save a file the shop keeps (a letter batch, a report, a list, a notice):
suggested in the user's Documents folder, under a name that says what it is."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QFileDialog, QWidget

from shopcards.core.i18n import unmarked


def documents_folder() -> Path:
    """The user's Documents folder, or their home folder on a system that has none."""
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(folder or Path.home())


def ask_save_path(parent: QWidget, title: str, file_name: str, file_filter: str) -> Path | None:
    """Where to save, suggesting ``file_name`` in Documents; None when the person cancels.

    A name made from a Hebrew message ("loyalty card {number}.pdf") carries bidi isolates
    around its values: they are taken out, as a file name is no place for invisible marks."""
    suggested = documents_folder() / unmarked(file_name)
    chosen, _ = QFileDialog.getSaveFileName(parent, title, str(suggested), file_filter)
    return Path(chosen) if chosen else None
