"""A list or table that, while it has no rows, gives its place to one friendly line.

An empty table with headers looks broken, or at least says nothing; "No purchases yet — record
one at the till (F9)" says what is (not) there and how it gets there.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QLabel, QStackedWidget, QWidget


class TableOrNote(QStackedWidget):
    """``view`` while it has rows, otherwise a quiet centred note (see :meth:`show_rows`)."""

    def __init__(self, view: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.view = view
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.note.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.note.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.addWidget(view)
        self.addWidget(self.note)

    def show_rows(self, count: int, empty_text: str) -> None:
        """The view when ``count`` rows are in it, else ``empty_text`` in its place."""
        if count:
            self.setCurrentWidget(self.view)
            return
        self.note.setText(empty_text)
        self.note.setAccessibleName(empty_text)
        self.setCurrentWidget(self.note)
