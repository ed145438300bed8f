"""Telling a loyalty-card scan from typing, wherever the focus is in the till.

A USB barcode scanner is a keyboard: it types the card number and a suffix (Enter, CR+LF or
Tab) far faster than a person can. The digits land in whatever field has the focus; when they
turn out to be a scan, the field is put back as it was before them and the card is reported,
so nothing of the scan is left in an items or receipt field and nothing of it is saved.

Only digits make a scan: the scanner "types" through the PC's keyboard layout, and on a French
AZERTY layout the digit row without Shift gives "&é\"'(-è_çà". A key counts as a digit by its
text, by its key code (Key_0…Key_9), or by its place on the keyboard (the digit row).
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QApplication, QLineEdit, QWidget

SCAN_KEY_GAP_MS = 40
"""The longest pause between two keys of a scan. Scanners send a key every 5–15 ms; a quick
typist's keys come 80 ms or more apart. 40 ms tells them apart with room on both sides."""

SCAN_DIGITS = range(7, 11)
"""How many digits a scanned card number has: 7 for the first million cards (six digits and
the check digit), room up to 10. A product's EAN-13 scanned by mistake is left as typed."""

_DIGIT_ROW_SCAN_CODES = {
    "linux": range(10, 20),  # X11/Wayland key codes of the keys 1…9, 0
    "win32": range(2, 12),  # PC set-1 scan codes of the same keys
}.get(sys.platform, range(0))
_ENDINGS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


def scan_digit(event: QKeyEvent) -> str | None:
    """The digit a key stands for, on any keyboard layout; None if it is not a digit key."""
    text = event.text()
    if len(text) == 1 and text.isascii() and text.isdigit():
        return text
    key = event.key()
    if Qt.Key.Key_0 <= key <= Qt.Key.Key_9:
        return str(key - Qt.Key.Key_0)
    code = event.nativeScanCode()
    if code in _DIGIT_ROW_SCAN_CODES:
        return "1234567890"[code - _DIGIT_ROW_SCAN_CODES.start]
    return None


def is_line_end(event: QKeyEvent) -> bool:
    """Enter or Return, or the line feed (Ctrl+J) some scanners send after the CR."""
    return event.key() in _ENDINGS or event.text() in ("\r", "\n")


def monotonic_ms() -> float:
    return time.monotonic() * 1000


class ScanDetector(QObject):
    """Watches the keys going to ``window``'s widgets (installed on the application while the
    window shows) and calls ``on_scan`` with the number of each card scanned.

    ``clock`` gives the time in milliseconds; a test sets its own to say "5 ms apart".
    """

    def __init__(self, window: QWidget, on_scan: Callable[[str], None]) -> None:
        super().__init__(window)
        self.clock: Callable[[], float] = monotonic_ms
        self._window = window
        self._on_scan = on_scan
        self._digits = ""
        self._field: QWidget | None = None
        self._put_back: Callable[[], None] = _nothing
        self._last_key_ms = -1e9
        self._just_scanned = False

    def watch(self, on: bool) -> None:
        """Start (the window shows) or stop (it hides) watching the keys."""
        app = QApplication.instance()
        if app is not None and on:
            app.installEventFilter(self)
        elif app is not None:
            app.removeEventFilter(self)
        self._forget()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress or not self._is_focus(watched):
            return False
        assert isinstance(event, QKeyEvent) and isinstance(watched, QWidget)
        now = self.clock()
        quick = now - self._last_key_ms <= SCAN_KEY_GAP_MS
        self._last_key_ms = now
        if self._just_scanned and quick and is_line_end(event):
            self._just_scanned = False  # the LF of a CR+LF: the scan is done with already
            return True
        self._just_scanned = False
        digit = None if event.isAutoRepeat() else scan_digit(event)  # a key held down
        if digit is not None:
            if not (quick and self._digits and watched is self._field):
                self._begin(watched)
            self._digits += digit
            return False  # the field takes it; taken back below if this was a scan
        ends = is_line_end(event) or event.key() == Qt.Key.Key_Tab
        if ends and quick and watched is self._field and len(self._digits) in SCAN_DIGITS:
            number = self._digits
            self._put_back()
            self._forget()
            self._just_scanned = True
            self._on_scan(number)
            return True
        self._forget()
        return False

    def _is_focus(self, watched: QObject) -> bool:
        """Whether the key goes to a widget of the window in the first place (the filter sees a
        key again at each parent it is passed on to)."""
        focus = QApplication.focusWidget()
        return watched is focus and focus is not None and focus.window() is self._window

    def _begin(self, field: QWidget) -> None:
        self._digits = ""
        self._field = field
        self._put_back = _keeper(field)

    def _forget(self) -> None:
        self._digits = ""
        self._field = None
        self._put_back = _nothing


def _keeper(widget: QWidget) -> Callable[[], None]:
    """A function that puts ``widget`` back as it is now, before the digits of a scan."""
    if isinstance(widget, QLineEdit):
        text, cursor = widget.text(), widget.cursorPosition()

        def put_back() -> None:
            widget.setText(text)
            widget.setCursorPosition(cursor)

        return put_back
    if isinstance(widget, QAbstractItemView):  # a digit moves a list to an item starting so
        current = QPersistentModelIndex(widget.currentIndex())
        return lambda: widget.setCurrentIndex(current)
    return _nothing


def _nothing() -> None:
    """Nothing to put back: the widget takes no text (a button, a tick box)."""
