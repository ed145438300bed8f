"""The cabinet's search box: it filters the list as the clerk types, and Down goes into it."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLineEdit, QWidget

from shopcards.core.i18n import _
from shopcards.ui.kit.theme import clear_button


class SearchBox(QLineEdit):
    """A search field named "Search" whose Down key asks to move into the list (``down``)."""

    down = Signal()

    def __init__(self, hint: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("search")
        self.setAccessibleName(_("Search"))

        self.setPlaceholderText(hint)
        clear_button(self)

    def focus_all(self) -> None:
        """Ctrl+F: the focus here with the text selected, so typing replaces it."""
        self.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.selectAll()

    def clear_and_focus(self) -> None:
        """Esc: an empty search (every card), ready for the next one."""
        if self.text():
            self.clear()
        self.setFocus()

    def set_quietly(self, text: str) -> None:
        """Put ``text`` in the box without the search that typing it would start."""
        self.blockSignals(True)
        self.setText(text)
        self.blockSignals(False)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Down and not event.modifiers():
            self.down.emit()
            return
        super().keyPressEvent(event)
