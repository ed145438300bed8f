"""The cabinet's part in forgetting customers: the open card's “Forget this customer…”, the
Shop menu's “Customers past retention…”, and a note in the status bar while something is due.

The note says, first, that a wipe is not finished (another desk was reading when a customer
was forgotten: services/erasure.py), and a timer tries to finish it every half minute until it
is; else, to the owner, how many customers are past retention.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QLabel, QMainWindow

from shopcards.core.errors import ShopError
from shopcards.core.i18n import _
from shopcards.core.progress import CancelToken
from shopcards.core.roles import Role
from shopcards.services import erasure, retention
from shopcards.services.session import Session
from shopcards.ui.kit.background import BackgroundTask, run_in_background
from shopcards.ui.kit.theme import MARGIN

RETRY_MS = 30_000
"""How often a pending wipe is tried again while the window is open."""


class PrivacyTools(QObject):
    """Wired by ui/cabinet/shop_tools.py: ``owner_mode`` asks the clerk for the PIN (True when
    the owner is at the desk), ``keep`` keeps an open screen as shop_tools keeps its own."""

    def __init__(
        self,
        window: QMainWindow,
        session: Session,
        owner_mode: Callable[[], bool],
        keep: Callable[[str, Any], None],
    ) -> None:
        super().__init__(window)
        self.window = window
        self.session = session
        self.owner_mode = owner_mode
        self.keep = keep
        self.note = QLabel()
        self.note.setAccessibleName(_("Privacy note"))

        self.note.setWordWrap(True)
        self.note.setVisible(False)
        self.note.setContentsMargins(MARGIN, 0, MARGIN, 0)
        window.statusBar().addWidget(self.note, 1)
        self.wiping: BackgroundTask[None] | None = None
        self.timer = QTimer(self)
        self.timer.setInterval(RETRY_MS)
        self.timer.timeout.connect(self.try_wipe)
        self.show_note()

    def forget_card(self) -> None:
        """The open card's “Forget this customer…” (owner: the PIN is asked for first)."""
        from shopcards.ui.card.forget_dialog import ForgetDialog

        card = getattr(self.window, "current_card", None)
        if card is None or not self.owner_mode():
            return
        dialog = ForgetDialog(self.session, card, self.window)
        dialog.forgotten.connect(self._forgotten)
        self.keep("forget", dialog)
        dialog.open()

    def open_retention(self) -> None:
        """Shop ▸ Customers past retention… (owner: the PIN is asked for first)."""
        from shopcards.ui.retention.screen import RetentionWindow

        if not self.owner_mode():
            return
        screen = RetentionWindow(self.session, self.window)
        screen.forgotten.connect(self._forgotten)
        self.keep("retention", screen)
        screen.show()

    def _forgotten(self, told: str) -> None:
        refresh = getattr(self.window, "refresh", None)
        if callable(refresh):
            refresh()
        self.window.statusBar().showMessage(told, 8000)
        self.show_note()

    def try_wipe(self) -> BackgroundTask[None] | None:
        """Finish a pending wipe if the other desk has stopped reading; keep trying if not.

        On a worker thread with a connection of its own: on a shared card file the wipe
        rewrites the tables the customer was in (store/erasure_server.py), seconds on a big
        shop, which the window must not stand still for. None while a try is under way."""
        if self.wiping is not None:
            return None

        def wipe(_token: CancelToken) -> None:
            own = self.session.twin()  # opened on the worker's thread, which owns it
            try:
                with contextlib.suppress(ShopError):  # busy saving at another desk: next try
                    erasure.finish_wipe(own, merge=False)
            finally:
                own.close()

        self.wiping = run_in_background(
            self.window,
            _("Forgetting the customer"),
            wipe,
            self._tried,
            self._tried,  # the server away: said by the cabinet already; tried again later
            cancellable=False,
        )
        return self.wiping

    def _tried(self, _outcome: object) -> None:
        self.wiping = None
        self.show_note()

    def show_note(self) -> None:
        """The wipe's note, else the owner's retention reminder, else nothing."""
        text = erasure.wipe_note(self.session)
        if text:
            self.timer.start()
        else:
            self.timer.stop()
            if self.session.role is Role.OWNER:
                text = retention.reminder(self.session)
        self.note.setText(text)
        self.note.setVisible(bool(text))
