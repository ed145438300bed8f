"""File ▸ Share this card file with other PCs… (owner): this PC becomes the one that holds
the shop's cards, and the other PCs are told what to type to reach them.

It says first what will happen, then runs services.sharing.share on a worker thread with a
progress bar (the server is set up, the card file's content moved in, all or nothing), and
shows what the other PCs need: the address and the password, each with a Copy button, and
the steps of starting the server with the PC that could not be done here. The card file on
this PC stays as it was; "Open the shared card file" moves this window onto the shared one.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from shopcards.core.i18n import N_, _
from shopcards.core.progress import CancelToken
from shopcards.services import sharing
from shopcards.services.server_setup import SharedServer
from shopcards.services.session import Session
from shopcards.ui.kit.background import run_in_background
from shopcards.ui.kit.error_dialog import show_error
from shopcards.ui.kit.theme import MARGIN, SPACING
from shopcards.ui.kit.widgets import paragraph

TITLE = N_("Share this card file with other PCs")


class ShareDialog(QDialog):
    """Shares the card file of ``session``; ``open_shared`` gives the shared card file's
    address when the owner chooses to work on it from now on."""

    open_shared = Signal(object)

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.server: SharedServer | None = None
        self.setWindowTitle(_(TITLE))
        self.setAccessibleName(_(TITLE))
        self.setMinimumSize(560, 240)  # room for the address and password it shows after
        self.about = paragraph(
            _(
                "This PC becomes the one that holds the shop's cards: a database server is "
                "set up on it, starts with the PC and answers only the shop's own network. "
                "The card file's cards, sales and history are copied into it, all or nothing; "
                "the card file itself stays as it is. Keep this PC on while the shop works: "
                "the till is the natural choice."
            ),
            _("What sharing does"),
        )
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.share_button = QPushButton(_("&Share"))
        self.share_button.setDefault(True)
        self.share_button.clicked.connect(self.share)
        self.buttons.addButton(self.share_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.rejected.connect(self.reject)
        self.result_box = QWidget()
        self.result_box.setVisible(False)
        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(MARGIN * 2, MARGIN * 2, MARGIN * 2, MARGIN * 2)
        self.layout_.setSpacing(SPACING * 2)
        self.layout_.addWidget(self.about)
        self.layout_.addWidget(self.result_box)
        self.layout_.addStretch()  # the words at the top, the buttons at the foot
        self.layout_.addWidget(self.buttons)
        self.share_button.setFocus()

    def share(self) -> None:
        """Set the server up and move the card file in, on a worker thread."""
        session = self.session

        def op(token: CancelToken) -> SharedServer:
            own = session.twin()  # the worker's own connection: it belongs to its thread
            try:
                return sharing.share(own, token)
            finally:
                own.close()

        self.share_button.setEnabled(False)
        self.task = run_in_background(
            self,
            _("Sharing the card file…"),
            op,
            self._shared,
            self._failed,
            cancelling=_("Cancelling… the server is being taken away again."),
        )

    def _shared(self, server: SharedServer) -> None:
        self.server = server
        self.about.setVisible(False)
        self._show_result(server)
        self.buttons.clear()
        open_button = QPushButton(_("&Open the shared card file"))
        open_button.setDefault(True)
        open_button.clicked.connect(self._open)
        self.buttons.addButton(open_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        open_button.setFocus()

    def _show_result(self, server: SharedServer) -> None:
        done = paragraph(
            _(
                "The card file is shared. On each other PC, choose File ▸ Connect to a shared "
                "card file… and type this address and password. Write the password down now: "
                "it is not shown again."
            ),
            _("Shared"),
        )
        opens = paragraph(_(sharing.OPENS_SHARED), _(sharing.OPENS_SHARED))
        form = QFormLayout()
        form.addRow(_("Address:"), _copyable(server.address.short, _("Address")))
        form.addRow(_("Password:"), _copyable(server.password, _("Password")))
        box = QVBoxLayout(self.result_box)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(done)
        box.addLayout(form)
        box.addWidget(opens)
        undone = [outcome.not_done() for outcome in server.autostart if not outcome.done]
        if undone:
            box.addWidget(
                paragraph(
                    _("Starting the server with this PC could not be set up in full:")
                    + "\n"
                    + "\n".join(undone),
                    _("Not done"),
                )
            )
        self.result_box.setVisible(True)

    def _failed(self, exc: BaseException) -> None:
        self.share_button.setEnabled(True)
        show_error(self, exc)

    def _open(self) -> None:
        assert self.server is not None
        self.open_shared.emit(self.server.address)
        self.accept()


def _copyable(text: str, name: str) -> QWidget:
    """``text`` to read out or copy: a read-only field and a Copy button beside it."""
    row = QWidget()
    line = QHBoxLayout(row)
    line.setContentsMargins(0, 0, 0, 0)
    field = QLineEdit(text)
    field.setReadOnly(True)
    field.setAccessibleName(name)
    copy = QPushButton(_("Copy"))
    copy.setAccessibleName(_("Copy {what}", what=name))
    copy.setAutoDefault(False)
    copy.clicked.connect(lambda: QGuiApplication.clipboard().setText(text))
    line.addWidget(field, 1)
    line.addWidget(copy)
    return row
