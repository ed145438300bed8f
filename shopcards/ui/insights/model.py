"""A customer list from insights as a Qt table: name, card, phone, then the list's figures.

The list itself (card ids and figures, column by column) is in memory already; names, card
numbers and phones are read 200 rows at a time, for the rows the view actually shows, so the
top 20% of a shop of 100,000 opens at once.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from shopcards.core.card import CardSummary
from shopcards.core.i18n import N_, _, format_locale
from shopcards.core.insights import CustomerList, Kind
from shopcards.core.insights_text import format_value
from shopcards.services import insights
from shopcards.services.session import Session
from shopcards.ui.cabinet.list_model import CARD_ID_ROLE, display_phone

PAGE_SIZE = 200
NAME_COLUMNS = (N_("Name"), N_("Card"), N_("Phone"))
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_Index = QModelIndex | QPersistentModelIndex

__all__ = ["CARD_ID_ROLE", "CustomerListModel"]


class CustomerListModel(QAbstractTableModel):
    """Rows of one :class:`CustomerList`, in its order."""

    def __init__(self, session: Session, parent: Any = None) -> None:
        super().__init__(parent)
        self._session = session
        self._list = CustomerList("", ())
        self._pages: dict[int, dict[int, CardSummary]] = {}

    @property
    def customers(self) -> CustomerList:
        return self._list

    def set_list(self, customers: CustomerList) -> None:
        self.beginResetModel()
        self._list = customers
        self._pages = {}
        self.endResetModel()

    def card_id(self, row: int) -> int:
        return int(self._list.ids[row])

    def summary(self, row: int) -> CardSummary | None:
        """The card of ``row`` (None if it was erased since the list was made)."""
        page = row // PAGE_SIZE
        if page not in self._pages:
            ids = list(self._list.ids[page * PAGE_SIZE : (page + 1) * PAGE_SIZE])
            self._pages[page] = insights.summaries(self._session, ids)
        return self._pages[page].get(self.card_id(row))

    # Qt's model interface ---------------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._list)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(NAME_COLUMNS) + len(self._list.columns)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        if section < len(NAME_COLUMNS):
            return _(NAME_COLUMNS[section])
        return self._list.columns[section - len(NAME_COLUMNS)].header

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.text(index.row(), index.column())
        if role == CARD_ID_ROLE:
            return self.card_id(index.row())
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == 0:
            return self.text(index.row(), 0)
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() >= len(NAME_COLUMNS):
            column = self._list.columns[index.column() - len(NAME_COLUMNS)]
            return None if column.kind is Kind.TEXT else _RIGHT
        return None

    def text(self, row: int, column: int) -> str:
        """What the cell shows, as a person reads it."""
        if column >= len(NAME_COLUMNS):
            figures = self._list.columns[column - len(NAME_COLUMNS)]
            settings = self._session.settings
            return format_value(
                figures.kind, figures.values[row], format_locale(settings.locale), settings.currency
            )
        card = self.summary(row)
        if card is None:
            return _("(erased)") if column == 0 else ""
        if column == 0:
            if card.archived:
                return _("{name} (archived)", name=card.display_name)
            return card.display_name
        if column == 1:
            return card.card_no
        # a number reads left to right in a right-to-left window too ("+972 52-…", not "…-52 972+")
        return f"\u2066{display_phone(card.phone, self._session.settings.region)}\u2069"
