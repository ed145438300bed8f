"""“Forget this customer…”: the confirmation before a customer is erased at their request.

It says what goes and what stays, and asks for the family name (or the given name, for a
card without one) to be typed: the button that forgets cannot be pressed by a slip of Enter.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from shopcards.core.card import Card
from shopcards.core.i18n import N_, _
from shopcards.core.progress import CancelToken
from shopcards.services import erasure
from shopcards.services.session import Session
from shopcards.ui.kit.background import run_in_background
from shopcards.ui.kit.error_dialog import show_error
from shopcards.ui.kit.theme import MARGIN, SPACING
from shopcards.ui.kit.widgets import paragraph

FORGET = N_("Forget this customer")
CANCEL = N_("Cancel")


class ForgetDialog(QDialog):
    """Asks, then forgets ``card`` through services/erasure.py; ``forgotten`` tells the window
    what was done."""

    forgotten = Signal(str)

    def __init__(self, session: Session, card: Card, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.card = card
        self.setWindowTitle(_(FORGET))
        self.setAccessibleName(_(FORGET))
        self.setMinimumWidth(560)
        self.word = card.family_name or card.given_name
        question = _(
            "Forget {name} (card {number}) for good?",
            name=card.full_name,
            number=card.card_no,
        )
        heading = QLabel(f"<b>{question}</b>")
        heading.setAccessibleName(_("Forget"))
        goes = paragraph(_(erasure.WHAT_GOES), _("What goes"))
        stays = paragraph(_(erasure.WHAT_STAYS), _("What stays"))
        undo = paragraph(
            _("This cannot be undone, and restoring a backup will not bring the customer back."),
            _("Cannot be undone"),
        )
        self.typed = QLineEdit()
        label = _("Type “{word}” to confirm", word=self.word)
        self.typed.setAccessibleName(label)
        self.typed.textChanged.connect(self._check)
        form = QFormLayout()
        form.addRow(label, self.typed)
        buttons = QDialogButtonBox()
        self.forget_button = QPushButton(_(FORGET))
        self.forget_button.setAccessibleName(_(FORGET))
        self.forget_button.setEnabled(False)
        self.forget_button.setAutoDefault(False)
        self.forget_button.clicked.connect(self._forget)
        cancel = QPushButton(_(CANCEL))
        cancel.setAccessibleName(_(CANCEL))
        cancel.clicked.connect(self.reject)
        buttons.addButton(self.forget_button, QDialogButtonBox.ButtonRole.DestructiveRole)
        buttons.addButton(cancel, QDialogButtonBox.ButtonRole.RejectRole)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(MARGIN * 2, MARGIN * 2, MARGIN * 2, MARGIN * 2)
        layout.setSpacing(SPACING * 2)
        for widget in (heading, goes, stays, undo):
            layout.addWidget(widget)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.typed.setFocus()

    def _check(self, text: str) -> None:
        self.forget_button.setEnabled(text.strip().casefold() == self.word.strip().casefold())

    def _forget(self) -> None:
        """On a worker thread: the search index's merge takes seconds on a big card file."""
        card_id = self.card.id
        assert card_id is not None
        session = self.session

        def op(_token: CancelToken) -> None:
            own = session.twin()
            try:
                erasure.forget_customer(own, card_id)
            finally:
                own.close()

        self.forget_button.setEnabled(False)
        self.task = run_in_background(
            self, _("Forgetting the customer"), op, self._done, self._failed, cancellable=False
        )

    def _done(self, _result: None) -> None:
        self.forgotten.emit(
            _("Forgot card {number}: it is gone for good.", number=self.card.card_no)
        )
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.forget_button.setEnabled(True)
        show_error(self, exc)
