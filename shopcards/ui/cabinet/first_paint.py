"""Work that waits until the cabinet is on screen (issue 12: the start is timed to the list
painted with rows, and the user can read it while the rest is built)."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget


class _FirstPaint(QObject):
    """Watches ``widgets`` until one of them is painted, then runs ``then`` once."""

    def __init__(self, widgets: Sequence[QWidget], then: Callable[[], object]) -> None:
        super().__init__(widgets[0])
        self._widgets = list(widgets)
        self._then = then
        for widget in self._widgets:
            widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            for widget in self._widgets:
                widget.removeEventFilter(self)
            # queued: the paint (and the flush to the screen) finishes first
            QTimer.singleShot(0, self._then)
            self.deleteLater()
        return False


def after_first_paint(widgets: Sequence[QWidget], then: Callable[[], object]) -> None:
    """Run ``then`` once, as soon as the first of ``widgets`` has been painted (whichever of
    them shows: the card list or the empty cabinet's welcome)."""
    _FirstPaint(widgets, then)
