"""The till's first screen: one find field for a name, a phone, an e-mail or a card number.

A barcode scanner types the card number and Enter: an exact card number opens that customer
at once. Otherwise Enter opens the only match, or moves to the list of matches (arrow keys and
Enter to choose). The list also follows the typing, a moment after the last key.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from shopcards.core.card import CardQuery, CardSummary
from shopcards.core.errors import ShopError
from shopcards.core.i18n import N_, _
from shopcards.services import cards
from shopcards.services.session import Session
from shopcards.ui.cabinet.list_model import display_phone
from shopcards.ui.kit.theme import SPACING, clear_button
from shopcards.ui.kit.widgets import MessageLabel, PickList, button, line_edit

MAX_SHOWN = 30
LIVE_DELAY_MS = 250
FIND_HINT = N_("Name, phone, e-mail or card number — or scan the card")
_ID_ROLE = Qt.ItemDataRole.UserRole + 1


class TillFindPage(QWidget):
    """Find the customer at the till."""

    customerChosen = Signal(int)
    newCustomerRequested = Signal(str)
    leaveRequested = Signal()
    """Esc on an empty find field: the clerk is done with the till."""
    """Emitted with what was typed in the find field (to start the new card with)."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self._live = QTimer(self)
        self._live.setSingleShot(True)
        self._live.setInterval(LIVE_DELAY_MS)
        self._live.timeout.connect(self._show_matches)
        self.find_field = line_edit(_("Find customer"), _(FIND_HINT))
        clear_button(self.find_field)
        self.find_field.textChanged.connect(lambda _text: self._live.start())
        self.results = PickList(_("Customers found"))
        self.results.picked.connect(self._chosen)
        self.message = MessageLabel()
        self.new_button = button(_("New customer (F2)"), _("New customer"))
        self.new_button.clicked.connect(self.request_new_customer)
        title = QLabel(_("Find the customer"))
        title.setObjectName("tillTitle")
        footer = QHBoxLayout()
        footer.addWidget(self.new_button)
        footer.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setSpacing(SPACING * 2)
        layout.addWidget(title)
        layout.addWidget(self.find_field)
        layout.addWidget(self.message)
        layout.addWidget(self.results, 1)
        layout.addLayout(footer)

    def start(self, message: str = "") -> None:
        """Ready for the next customer: empty field with the focus, and what was just done."""
        self.find_field.clear()
        self.results.clear()
        self._live.stop()
        if message:
            self.message.done(message)
        else:
            self.message.clear()
        self.find_field.setFocus()

    def refuse(self, text: str) -> None:
        """Say why a scanned card opens nobody; the field is as it was before the scan, and
        the matches listed for it stay, so the live list must not clear this message."""
        self._live.stop()
        self.message.error(text)

    def request_new_customer(self) -> None:
        self.newCustomerRequested.emit(self.find_field.text().strip())

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.find_field.hasFocus():
            self.open_typed()
        elif key == Qt.Key.Key_Down and self.find_field.hasFocus() and self.results.count():
            self.results.setFocus()
            self.results.setCurrentRow(0)
        elif key == Qt.Key.Key_Escape:
            if self.find_field.text() or self.results.count():
                self.start()
            else:
                self.leaveRequested.emit()
        else:
            super().keyPressEvent(event)

    def open_typed(self) -> None:
        """Enter in the find field: a card number opens at once; one match opens; many list."""
        self._live.stop()
        text = self.find_field.text().strip()
        if not text:
            return
        try:
            card = cards.card_at_till(self.session, text)
        except cards.UnknownCardNumber:
            card = None  # a name, a phone, an e-mail: searched for below
        except ShopError as exc:
            self.message.error(exc.message)
            return
        if card is not None and card.id is not None:
            self.customerChosen.emit(card.id)
            return
        matches = self._show_matches()
        if len(matches) == 1:
            self.customerChosen.emit(matches[0].id)
        elif matches:
            self.results.setFocus()
            self.results.setCurrentRow(0)

    def _show_matches(self) -> list[CardSummary]:
        text = self.find_field.text().strip()
        self.results.clear()
        if not text:
            self.message.clear()
            return []
        matches = cards.list_cards(self.session, CardQuery(text=text), limit=MAX_SHOWN)
        region = self.session.settings.region
        for summary in matches:
            parts = [
                summary.display_name,
                summary.card_no,
                display_phone(summary.phone, region),
                summary.email,
                summary.city,
            ]
            item = QListWidgetItem("  ·  ".join(part for part in parts if part))
            item.setData(_ID_ROLE, summary.id)
            self.results.addItem(item)
        if not matches:
            self.message.error(_("No card found for “{text}”. F2 makes a new card.", text=text))
        elif len(matches) == MAX_SHOWN:
            self.message.done(
                _("The first {count} matches; type more to narrow them down.", count=MAX_SHOWN)
            )
        else:
            self.message.clear()
        return matches

    def _chosen(self, item: QListWidgetItem) -> None:
        self.customerChosen.emit(int(item.data(_ID_ROLE)))
