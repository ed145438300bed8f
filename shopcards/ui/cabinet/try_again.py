"""The cabinet's reads when the shared card file's server does not answer (issue 16).

A search typed while the till PC is off (or the cable is out) would otherwise raise at every
keystroke, each an error dialog to close. Instead the reads that failed are kept, a note in the
status bar says the PC cannot be reached, and they run again every few seconds; the
store connects again by itself once the server answers (store/pg_connection.py), the list
shows what was typed meanwhile, and the note goes.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QLabel, QStatusBar

from shopcards.core.errors import ServerUnreachable
from shopcards.core.i18n import _

TRY_AGAIN_MS = 3000
"""How often a read the server did not answer is tried again: a server coming back (a PC
restarting) takes seconds; asking more often only adds waits on a cut network."""


class TryAgain(QObject):
    """Runs the cabinet's reads; those the server did not answer are said, and tried again."""

    def __init__(self, status_bar: QStatusBar) -> None:
        super().__init__(status_bar)
        self.note = QLabel(
            _("The PC that holds the shared card file cannot be reached. Trying again…")
        )
        self.note.setAccessibleName(_("Connection"))
        self.note.setWordWrap(True)
        self.note.hide()
        status_bar.addWidget(self.note, 2)
        self._pending: dict[str, Callable[[], None]] = {}
        self._timer = QTimer(self, singleShot=True, interval=TRY_AGAIN_MS)
        self._timer.timeout.connect(self._again)

    def run(self, what: str, read: Callable[[], None]) -> bool:
        """Run ``read`` (the window's ``what``: its list, its open card…): True when it was
        answered; else False, said in the status bar, and run again later, the latest
        ``read`` of each ``what`` (an older one is out of date)."""
        self._pending.pop(what, None)
        try:
            read()
        except ServerUnreachable:
            self._pending[what] = read
            self._timer.start()
        self.note.setVisible(bool(self._pending))
        return what not in self._pending

    def stop(self) -> None:
        """The window closed: its card file closes next, so nothing more is read."""
        self._pending.clear()
        self._timer.stop()

    def _again(self) -> None:
        """Each read waiting, until one is not answered: the server is away for the others
        too (on a cut network each would wait its timeout)."""
        for what, read in list(self._pending.items()):
            if not self.run(what, read):
                return
