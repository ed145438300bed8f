"""The last letter and the last card sent to a customer: two lines for the open card."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QFormLayout, QLabel, QWidget

from shopcards.core.i18n import N_, _, format_locale
from shopcards.services import letters_sent
from shopcards.services.session import Session
from shopcards.ui.kit.dates import iso_date_text
from shopcards.ui.kit.theme import SPACING

if TYPE_CHECKING:
    from shopcards.core.mailing import Sent

NOTHING = N_("none sent yet")


class LastSentPane(QWidget):
    """ "Last letter: 23 Nov 2026, Welcome letter" and "Last card: …"; call :meth:`show_card`
    when the open card changes (or after a batch is printed)."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self.letter = self._value(_("Last letter"))
        self.card = self._value(_("Last card"))
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        form.setSpacing(SPACING)
        form.addRow(_("Last letter"), self.letter)
        form.addRow(_("Last card"), self.card)

    @staticmethod
    def _value(name: str) -> QLabel:
        label = QLabel(NOTHING)
        label.setAccessibleName(name)
        label.setWordWrap(True)
        return label

    def show_card(self, card_id: int | None) -> None:
        last = letters_sent.last_sent(self._session, card_id) if card_id is not None else None
        self._show(self.letter, last.letter if last else None)
        self._show(self.card, last.card if last else None)

    def _show(self, label: QLabel, sent: Sent | None) -> None:
        if sent is None:
            label.setText(_(NOTHING))
            label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
            return
        when = iso_date_text(sent.sent_at, format_locale(self._session.settings.locale))
        label.setText(_("{date}, {template}", date=when, template=sent.template))
        label.setForegroundRole(QPalette.ColorRole.WindowText)
