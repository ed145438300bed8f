"""The purchase history on a card: the figures, spend per month, and every purchase.

The main window puts :class:`HistoryPane` (and :class:`ChangesPane`, the card's change
history) beside the open card and calls :meth:`HistoryPane.show_customer` when another card is
opened. Edit and Void go through the services, which also decide what the clerk may change;
the buttons only grey out what would be refused anyway.
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelection, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from shopcards.core.i18n import _, format_locale, ngettext
from shopcards.core.purchase import Purchase
from shopcards.services import purchases
from shopcards.services.session import Session
from shopcards.ui.history import edit as purchase_edit
from shopcards.ui.history.changes import ChangesPane
from shopcards.ui.history.chart import SpendChart
from shopcards.ui.history.figures import FiguresPanel
from shopcards.ui.history.model import COL_DATE, PurchaseTableModel
from shopcards.ui.kit.empty_note import TableOrNote
from shopcards.ui.kit.theme import SPACING
from shopcards.ui.kit.widgets import MessageLabel, button

__all__ = ["ChangesPane", "HistoryPane"]


class HistoryPane(QWidget):
    """Figures and chart on top, the purchases below, Edit and Void under them."""

    purchaseChanged = Signal(int)
    """Emitted with the customer's id after a purchase was edited or voided here."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setAccessibleName(_("Purchase history"))
        self.model = PurchaseTableModel(session, self)
        self._build()
        self.show_customer(None)

    @property
    def customer_id(self) -> int | None:
        return self.model.customer_id

    def show_customer(self, customer_id: int | None) -> None:
        """Show the history of card ``customer_id`` (None: no card open)."""
        self.message.clear()
        self.model.set_customer(customer_id)
        self._show_figures()

    def refresh(self) -> None:
        """Read it all again: after a purchase at the till, or a switch of owner/clerk mode."""
        self.session.forget_settings()
        self.model.refresh()
        self._show_figures()

    def selected_purchase(self) -> Purchase | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.purchase_at(rows[0].row()) if rows else None

    def edit_selected(self) -> None:
        purchase = self.selected_purchase()
        if purchase is not None and purchase_edit.edit_purchase(self.session, purchase, self):
            self._changed(_("Purchase saved."))

    def void_selected(self) -> None:
        purchase = self.selected_purchase()
        if purchase is not None and purchase_edit.void_purchase(self.session, purchase, self):
            self._changed(
                _("Purchase voided: it stays listed, struck through, and no longer counts.")
            )

    # Building --------------------------------------------------------------------------------

    def _build(self) -> None:
        settings = self.session.settings

        def money(minor: int) -> str:
            return purchases.money(self.session, minor)

        self.figures = FiguresPanel(settings.locale, money)
        self.chart = SpendChart(settings.locale, money)
        self.count_label = QLabel()
        self.count_label.setAccessibleName(_("Purchases"))
        self.table = QTableView()
        self.table.setAccessibleName(_("Purchases"))
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.table.horizontalHeader().setSortIndicator(COL_DATE, Qt.SortOrder.DescendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for column, width in enumerate((100, 90, 150, 90, 90)):
            self.table.setColumnWidth(column, width)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.table.doubleClicked.connect(lambda _index: self.edit_selected())
        self.model.modelReset.connect(self._selection_changed)
        self.edit_button = button(_("Edit purchase…"), _("Edit purchase"))
        self.edit_button.clicked.connect(self.edit_selected)
        self.void_button = button(_("Void purchase…"), _("Void purchase"))
        self.void_button.clicked.connect(self.void_selected)
        self.message = MessageLabel()
        actions = QHBoxLayout()
        actions.addWidget(self.edit_button)
        actions.addWidget(self.void_button)
        actions.addWidget(self.message, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(SPACING, SPACING, SPACING, SPACING)
        layout.setSpacing(SPACING)
        # figures above the chart, not beside it: side by side they held the open card at
        # 670 px, wider than a 1024-pixel screen leaves beside the card list
        layout.addWidget(self.figures)
        layout.addWidget(self.chart)
        layout.addWidget(self.count_label)
        self.rows = TableOrNote(self.table)
        layout.addWidget(self.rows, 1)
        layout.addLayout(actions)

    # Reacting --------------------------------------------------------------------------------

    def _show_figures(self) -> None:
        customer_id = self.model.customer_id
        if customer_id is None:
            self.figures.show_figures(None)
            self.chart.set_months([])
            self.count_label.setText(_("No card open."))
            self.rows.show_rows(0, _("No card open."))
            return
        figures = purchases.purchase_figures(self.session, customer_id)
        self.figures.show_figures(figures)
        self.chart.set_months(figures.monthly)
        total = self.model.total
        self.count_label.setText(self._count_text(total))
        self.rows.show_rows(total, _("No purchases yet — record one at the till (F9)."))

    def _count_text(self, total: int) -> str:
        from babel.numbers import format_decimal

        if total == 0:
            return ""
        count = format_decimal(total, locale=format_locale(self.session.settings.locale))
        return ngettext("{count} purchase", "{count} purchases", total, count=count)

    def _selection_changed(self, *_selection: QItemSelection) -> None:
        purchase = self.selected_purchase()
        can = (
            purchase is not None
            and not purchase.is_voided
            and purchases.may_change(self.session, purchase)
        )
        self.edit_button.setEnabled(can)
        self.void_button.setEnabled(can)
        if purchase is not None and not purchase.is_voided and not can:
            self.message.error(_("Only the owner may change a purchase recorded before today."))
        else:
            self.message.clear()

    def _changed(self, text: str) -> None:
        self.refresh()
        self.message.done(text)
        if self.model.customer_id is not None:
            self.purchaseChanged.emit(self.model.customer_id)
