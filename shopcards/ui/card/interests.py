"""Interests as comma-separated tags, completing the word being typed from the shop's known tags.

"wine, cheese, ch" offers "chocolate" and makes it "wine, cheese, chocolate".
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QStringListModel, Qt
from PySide6.QtWidgets import QCompleter, QLineEdit, QWidget

from shopcards.core.i18n import _


class _LastTagCompleter(QCompleter):
    """Completes only the text after the last comma, keeping the tags before it."""

    def splitPath(self, path: str) -> list[str]:
        return [path.rpartition(",")[2].strip()]

    def pathFromIndex(self, index: QModelIndex | QPersistentModelIndex) -> str:
        completion = str(index.data())
        widget: Any = self.widget()
        head = widget.text().rpartition(",")[0].strip() if widget is not None else ""
        return f"{head}, {completion}" if head else completion


class InterestsEdit(QLineEdit):
    """A line of tags separated by commas."""

    def __init__(self, suggestions: Sequence[str] = (), parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPlaceholderText(_("e.g. wine, cheese, gifts"))
        known = QStringListModel(sorted(suggestions, key=str.casefold), self)
        completer = _LastTagCompleter(known, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.setCompleter(completer)

    def tags(self) -> list[str]:
        return [tag.strip() for tag in self.text().split(",") if tag.strip()]

    def set_tags(self, tags: Sequence[str]) -> None:
        self.setText(", ".join(tags))
