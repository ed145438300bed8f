"""The short show before the winner is named: entrants' names rolling by, slowing down.

Only a show: the winner was drawn and saved before it starts, so skipping it, or closing the
window half-way, changes nothing. The names rolling by are shuffled with Python's ordinary
``random`` for that reason.
"""

from __future__ import annotations

import random
from collections.abc import Sequence

from PySide6.QtCore import QElapsedTimer, Qt, QTimer, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QLabel, QWidget

from shopcards.core.i18n import _

ROLL_MS = 1500
"""How long the names roll before the winner is shown."""
_FIRST_TICK_MS = 45
_LAST_TICK_MS = 240


class NameRoll(QLabel):
    """A big centred name: rolling entrants' names, then the winner's."""

    finished = Signal()
    """Emitted once the winner's name shows (at the end of the roll, or when skipped)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(_("Winner"))
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setWordWrap(True)
        self.setMinimumHeight(84)
        font = QFont(self.font())
        font.setPointSize(max(font.pointSize(), 10) * 2 + 6)
        font.setBold(True)
        self.setFont(font)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._tick)
        self._clock = QElapsedTimer()
        self._names: list[str] = []
        self._winner = ""
        self._step = 0

    @property
    def rolling(self) -> bool:
        return self._timer.isActive()

    def roll(self, names: Sequence[str], winner: str) -> None:
        """Roll ``names`` for about :data:`ROLL_MS`, then show ``winner``."""
        self._names = [name for name in names if name != winner] or [winner]
        random.shuffle(self._names)
        self._winner = winner
        self._step = 0
        self._clock.start()
        self._tick()

    def skip(self) -> None:
        """Stop rolling and show the winner at once."""
        if self.rolling:
            self._timer.stop()
            self._land()

    def show_name(self, text: str) -> None:
        """Show ``text`` without any roll (a month drawn before, or nothing drawn yet)."""
        self._timer.stop()
        self.setText(text)

    def _tick(self) -> None:
        elapsed = self._clock.elapsed()
        if elapsed >= ROLL_MS:
            self._land()
            return
        self.setText(self._names[self._step % len(self._names)])
        self._step += 1
        share = elapsed / ROLL_MS  # the roll slows down towards the end
        self._timer.start(int(_FIRST_TICK_MS + (_LAST_TICK_MS - _FIRST_TICK_MS) * share**2))

    def _land(self) -> None:
        self.setText(self._winner)
        self.finished.emit()
