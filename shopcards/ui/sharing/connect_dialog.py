"""File ▸ Connect to a shared card file…: this PC opens the card file another PC shares.

The owner shared the card file on the PC that holds it (File ▸ Share… or ``shopcards share``)
and was shown its address and a password; they are typed here, checked by connecting
(services.sharing.connect), kept for this PC, and the window opens the shared card file.
Nothing is kept unless the connection worked, and a refusal is said under the fields, with
the address left as typed.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from shopcards.core.errors import ShopError
from shopcards.core.i18n import N_, _
from shopcards.core.progress import CancelToken
from shopcards.core.shared_address import SharedAddress, parse_address
from shopcards.services import sharing
from shopcards.ui.kit.background import run_in_background
from shopcards.ui.kit.error_dialog import show_error
from shopcards.ui.kit.theme import MARGIN, SPACING
from shopcards.ui.kit.widgets import MessageLabel

TITLE = N_("Connect to a shared card file")


class ConnectDialog(QDialog):
    """Asks for the address and password of a shared card file; ``connected`` gives the
    address once they worked and are kept on this PC."""

    connected = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_(TITLE))
        self.setAccessibleName(_(TITLE))
        self.setMinimumWidth(520)
        about = QLabel(
            _(
                "Type what the PC that holds the shop's card file showed when it was shared "
                "(File ▸ Share this card file with other PCs…): its address and the password."
            )
        )
        about.setWordWrap(True)
        self.address = QLineEdit()
        self.address.setAccessibleName(_("Address"))
        self.address.setPlaceholderText(_("e.g. till-pc or 192.168.1.20"))
        self.password = QLineEdit()
        self.password.setAccessibleName(_("Password"))
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        form = QFormLayout()
        form.addRow(_("&Address:"), self.address)
        form.addRow(_("&Password:"), self.password)
        self.problem = MessageLabel(_("Why it did not connect"))
        self.problem.setVisible(False)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.connect_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.connect_button.setText(_("&Connect"))
        self.buttons.accepted.connect(self.try_connect)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(MARGIN * 2, MARGIN * 2, MARGIN * 2, MARGIN * 2)
        layout.setSpacing(SPACING * 2)
        layout.addWidget(about)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self.address.setFocus()

    def try_connect(self) -> None:
        """Check the address as typed here, then connect on a worker thread (a PC that does
        not answer takes a while to say so)."""
        try:
            address = parse_address(self.address.text())
        except ShopError as exc:
            self._say(exc, self.address)
            return
        typed = self.password.text()

        def op(_token: CancelToken) -> SharedAddress:
            sharing.connect(address, typed)
            return address

        self.connect_button.setEnabled(False)
        self.task = run_in_background(
            self,
            _("Connecting to {address}…", address=address.short),
            op,
            self._done,
            self._refused,
            cancellable=False,
        )

    def _done(self, address: SharedAddress) -> None:
        self.connected.emit(address)
        self.accept()

    def _refused(self, exc: BaseException) -> None:
        self.connect_button.setEnabled(True)
        if not isinstance(exc, ShopError):
            show_error(self, exc)
            return
        self._say(exc, self.password if self.address.text().strip() else self.address)

    def _say(self, exc: ShopError, field: QLineEdit) -> None:
        """Say why under the fields and put the cursor where the fix is typed: a refused
        password is emptied (it is typed again whole), a wrong address kept to be mended."""
        self.problem.error(exc.message)
        self.problem.setVisible(True)
        if field is self.password:
            field.clear()
        field.setFocus()
