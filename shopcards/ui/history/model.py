"""A card's purchases as a Qt table model: newest first, sortable, fetched a page at a time.

A customer may have thousands of purchases; the model holds only the pages the view has
scrolled to (``canFetchMore``/``fetchMore``). Sorting asks the card file for the new order
rather than sorting in memory. A voided purchase is listed struck through and greyed, with who
voided it and when.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import QApplication

from shopcards.core.i18n import N_, _, format_locale, isolated
from shopcards.core.purchase import Purchase
from shopcards.services import purchases
from shopcards.services.session import Session
from shopcards.ui.kit.dates import iso_date_text, iso_date_time_text

PAGE_SIZE = 100
COL_DATE, COL_AMOUNT, COL_ITEMS, COL_CATEGORY, COL_RECEIPT, COL_NOTE = range(6)
HEADERS = (N_("Date"), N_("Amount"), N_("Items"), N_("Category"), N_("Receipt no."), N_("Note"))
VOIDED_BY = {
    "owner": N_("Voided by the owner, {date}"),
    "clerk": N_("Voided by the clerk, {date}"),
}
VOIDED_BY_WHY = {
    "owner": N_("Voided by the owner, {date}: {reason}"),
    "clerk": N_("Voided by the clerk, {date}: {reason}"),
}
"""Who voided a purchase, in whole sentences (the log keeps the role)."""
SORT_KEYS = {
    COL_DATE: "date",
    COL_AMOUNT: "amount",
    COL_ITEMS: "items",
    COL_CATEGORY: "category",
    COL_RECEIPT: "receipt_no",
}
PURCHASE_ROLE = Qt.ItemDataRole.UserRole + 1
"""The row's :class:`Purchase`."""
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_Index = QModelIndex | QPersistentModelIndex


class PurchaseTableModel(QAbstractTableModel):
    """The purchases of one customer (none until :meth:`set_customer`)."""

    def __init__(self, session: Session, parent: Any = None) -> None:
        super().__init__(parent)
        self._session = session
        self._customer_id: int | None = None
        self._rows: list[Purchase] = []
        self._total = 0
        self._sort = "date"
        self._descending = True

    @property
    def customer_id(self) -> int | None:
        return self._customer_id

    @property
    def total(self) -> int:
        """How many purchases the customer has in all, voided ones included."""
        return self._total

    def set_customer(self, customer_id: int | None) -> None:
        self._customer_id = customer_id
        self.refresh()

    def refresh(self) -> None:
        """Read the first page again (after a save here or at another desk)."""
        self.beginResetModel()
        self._rows = []
        self._total = 0
        if self._customer_id is not None:
            self._total = purchases.count_purchases(self._session, self._customer_id)
            self._rows = self._page(0)
        self.endResetModel()

    def purchase_at(self, row: int) -> Purchase:
        return self._rows[row]

    # Qt's model interface --------------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def canFetchMore(self, parent: _Index) -> bool:
        return not parent.isValid() and len(self._rows) < self._total

    def fetchMore(self, parent: _Index) -> None:
        if parent.isValid():
            return
        more = self._page(len(self._rows))
        if more:
            self.beginInsertRows(QModelIndex(), len(self._rows), len(self._rows) + len(more) - 1)
            self._rows.extend(more)
            self.endInsertRows()
        else:
            self._total = len(self._rows)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        key = SORT_KEYS.get(column)
        if key is None:
            return
        self._sort = key
        self._descending = order == Qt.SortOrder.DescendingOrder
        self.refresh()

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return _(HEADERS[section])
        if role == Qt.ItemDataRole.TextAlignmentRole and section == COL_AMOUNT:
            return _RIGHT
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        purchase = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(purchase, column)
        if role == Qt.ItemDataRole.ToolTipRole and purchase.is_voided:
            return self._note(purchase)
        if role == Qt.ItemDataRole.TextAlignmentRole and column == COL_AMOUNT:
            return _RIGHT
        if role == Qt.ItemDataRole.FontRole and purchase.is_voided:
            font = QFont(QApplication.font())
            font.setStrikeOut(column != COL_NOTE)
            return font
        if role == Qt.ItemDataRole.ForegroundRole and purchase.is_voided:
            return QApplication.palette().brush(
                QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text
            )
        if role == PURCHASE_ROLE:
            return purchase
        return None

    # Reading -----------------------------------------------------------------------------------

    def _page(self, offset: int) -> list[Purchase]:
        assert self._customer_id is not None
        return purchases.list_purchases(
            self._session, self._customer_id, self._sort, self._descending, offset, PAGE_SIZE
        )

    def _text(self, purchase: Purchase, column: int) -> str:
        locale = format_locale(self._session.settings.locale)
        if column == COL_DATE:
            return iso_date_text(purchase.date, locale)
        if column == COL_AMOUNT:
            return isolated(purchases.money(self._session, purchase.amount))
        if column == COL_ITEMS:
            return purchase.items
        if column == COL_CATEGORY:
            return purchase.category
        if column == COL_RECEIPT:
            return purchase.receipt_no
        return self._note(purchase)

    def _note(self, purchase: Purchase) -> str:
        locale = format_locale(self._session.settings.locale)
        if purchase.is_voided:
            assert purchase.voided_at is not None
            when = iso_date_time_text(purchase.voided_at, locale)
            who = purchase.voided_by or ""
            if purchase.void_reason:
                reason = purchase.void_reason
                if who in VOIDED_BY_WHY:
                    return _(VOIDED_BY_WHY[who], date=when, reason=reason)
                return _("Voided by {who}, {date}: {reason}", who=who, date=when, reason=reason)
            if who in VOIDED_BY:
                return _(VOIDED_BY[who], date=when)
            return _("Voided by {who}, {date}", who=who, date=when)
        if purchase.is_return:
            return _("Return")
        return ""
