"""The "Loyalty" tab beside Purchases and Changes, and the short loyalty block on the card.

The tab shows the open card's tier and cash-back balance on top, the owner's actions (adjust
the balance, place in a tier by hand) and printing the customer's loyalty card (a clerk may
print one), then the card's cash-back ledger, newest first. With the shop's scheme off none
of it shows; an archived card shows the ledger and says why there are no actions.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QDialog,
    QHeaderView,
    QLabel,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from shopcards.core.card import Card
from shopcards.core.errors import NotFound, ShopError
from shopcards.core.i18n import N_, _
from shopcards.core.roles import Role
from shopcards.services import cards, loyalty
from shopcards.services.session import Session
from shopcards.ui.cabinet.main_window import MainWindow
from shopcards.ui.card.loyalty_words import block_lines, movement_cells, scheme_on
from shopcards.ui.kit.button_flow import ButtonFlow
from shopcards.ui.kit.empty_note import TableOrNote
from shopcards.ui.kit.theme import SPACING
from shopcards.ui.kit.widgets import MessageLabel, button

TITLE = N_("Loyalty")
HEADERS = (N_("Date"), N_("What"), N_("Amount"), N_("Left / last day"), N_("Sale"))
SHOWN_ROWS = 500
"""The newest this many ledger rows are listed (the balance on top counts them all)."""
ARCHIVED_NOTE = N_("This card is archived: bring it back to adjust, place or print.")
NO_MOVEMENTS = N_("No cash-back movements yet.")
ALL_ROWS = 1_000_000
"""More ledger rows than any one card holds: the ledger is read whole, then the newest shown."""


class LoyaltyPane(QWidget):
    """The open card's loyalty: call :meth:`show_customer` when the card changes; ``changed``
    says the card's loyalty moved (an adjustment, a placement), for the card's block."""

    changed = Signal()

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._card: Card | None = None
        self.summary = QLabel()
        self.summary.setAccessibleName(_("Loyalty summary"))
        self.summary.setWordWrap(True)
        self.note = QLabel(_(ARCHIVED_NOTE))
        self.note.setAccessibleName(_(ARCHIVED_NOTE))
        self.note.setWordWrap(True)
        self.note.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.message = MessageLabel()
        self.adjust_button = button(_("Adjust cash-back…"))
        self.place_button = button(_("Place in a tier…"))
        self.print_button = button(_("Print loyalty card…"))
        self.adjust_button.clicked.connect(self.adjust)
        self.place_button.clicked.connect(self.place)
        self.print_button.clicked.connect(lambda: self.print_card())
        self.ledger = QTreeWidget()
        self.ledger.setAccessibleName(_("Cash-back ledger"))
        self.ledger.setHeaderLabels([_(heading) for heading in HEADERS])
        self.ledger.setRootIsDecorated(False)
        self.ledger.header().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.ledger.header().setStretchLastSection(False)
        self.table = TableOrNote(self.ledger)
        self._lay_out()

    def _lay_out(self) -> None:
        actions = ButtonFlow(SPACING)  # wraps in the narrow card pane (Armenian, Romanian)
        for widget in (self.adjust_button, self.place_button, self.print_button):
            actions.addWidget(widget)
        column = QVBoxLayout(self)
        column.setSpacing(SPACING)
        column.addWidget(self.summary)
        column.addLayout(actions)
        column.addWidget(self.note)
        column.addWidget(self.message)
        column.addWidget(self.table, 1)

    def show_customer(self, card_id: int | None) -> None:
        self._card = None
        if card_id is not None and scheme_on(self._session):
            try:
                self._card = cards.get_card(self._session, card_id)
            except NotFound:
                self._card = None
        self.message.clear()
        self.message.hide()
        self._show()

    def _show(self) -> None:
        card = self._card
        lines = block_lines(self._session, card.id) if card and card.id else []
        self.summary.setText("\n".join(lines))
        self.show_role()
        self.ledger.clear()
        if card is None or card.id is None:
            self.table.show_rows(0, _("No card open."))
            return
        rows = loyalty.ledger(self._session, card.id, limit=ALL_ROWS)
        newest = rows[::-1][:SHOWN_ROWS]
        self.ledger.addTopLevelItems([_item(movement_cells(self._session, row)) for row in newest])
        for column in (0, 2, 3, 4):
            self.ledger.resizeColumnToContents(column)
        self.table.show_rows(len(newest), _(NO_MOVEMENTS))

    def show_role(self) -> None:
        """The owner's actions for the owner only; none at all on an archived card."""
        card = self._card
        live = card is not None and not card.archived_at
        owner = self._session.role is Role.OWNER
        self.adjust_button.setVisible(live and owner and self._session.settings.cashback_on)
        self.place_button.setVisible(live and owner and self._session.settings.tiers_on)
        self.print_button.setVisible(live)
        self.note.setVisible(card is not None and not live)

    def adjust(self) -> None:
        from shopcards.ui.card.loyalty_dialogs import AdjustDialog

        self._ask(AdjustDialog)

    def place(self) -> None:
        from shopcards.ui.card.loyalty_dialogs import PlaceDialog

        self._ask(PlaceDialog)

    def _ask(self, kind: Callable[[Session, int, QWidget], QDialog]) -> None:
        """The owner's dialog for the open card; what it saved shows at once."""
        if self._card is None or self._card.id is None:
            return
        dialog = kind(self._session, self._card.id, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self._show()
            self.changed.emit()

    def print_card(self, out: Path | None = None) -> None:
        """The customer's loyalty card, one per page, to a PDF the person names."""
        from shopcards.services import loyalty_cards
        from shopcards.ui.kit.error_dialog import show_error
        from shopcards.ui.kit.save_as import ask_save_path

        card = self._card
        if card is None or card.id is None:
            return
        if out is None:
            out = ask_save_path(
                self,
                _("Print loyalty card"),
                _("loyalty card {number}.pdf", number=card.card_no),
                _("PDF (*.pdf)"),
            )
            if out is None:
                return
        request = loyalty_cards.CardRequest(customer_ids=(card.id,), sheet=loyalty_cards.SINGLE)
        try:
            outcome = loyalty_cards.print_cards(self._session, request, out)
        except ShopError as exc:
            show_error(self, exc)
            return
        self.message.done(_("{what} saved to {file}", what=outcome.plan.summary(), file=out))
        self.message.show()


def _item(cells: tuple[str, ...]) -> QTreeWidgetItem:
    """A ledger row; the whole of it as the tooltip of what happened (the column is narrow)."""
    item = QTreeWidgetItem(list(cells))
    item.setTextAlignment(2, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    item.setToolTip(1, "  ·  ".join(cell for cell in cells if cell and cell != "—"))
    return item


def add_loyalty(window: MainWindow, session: Session) -> LoyaltyPane:
    """The Loyalty tab beside the card's other tabs, and the loyalty block on the card, both
    following the open card and hidden while the shop runs no scheme."""
    pane = LoyaltyPane(session)
    window.add_card_pane(_(TITLE), pane, pane.show_customer)

    def follow(card_id: object) -> None:
        tabs = window.card_tabs
        tabs.setTabVisible(tabs.indexOf(pane), scheme_on(session))
        lines = block_lines(session, card_id) if isinstance(card_id, int) else []
        window.card_view.show_loyalty(lines)

    window.currentCardChanged.connect(follow)
    pane.changed.connect(lambda: follow(window.current_card.id if window.current_card else None))
    follow(None)
    return pane
