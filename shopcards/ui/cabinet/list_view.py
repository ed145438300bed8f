"""The list of cards: a table view tuned for a million rows.

A QTableView with fixed row heights keeps no per-row layout (a QTreeView re-lays out every
loaded row when a page arrives, which costs ~0.1 s per page at 80,000 rows).

Hebrew names need no help here: the model right-aligns them, and Qt's bidi layout keeps
"כהן, דוד" in reading order.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QKeyEvent, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QWidget,
)

from shopcards.core.i18n import _
from shopcards.ui.cabinet.list_model import COL_CITY, COL_NAME, COL_PHONE

_OPEN_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
NAME_CHARS = 24
"""The name column gets room for this many average letters before city and phone get any."""
SIDE_WIDTH, SIDE_MIN = 170, 100
"""City and phone like 170 px each; narrower than 100 px the phone goes, then the city."""


class LeftToRightCells(QStyledItemDelegate):
    """A phone number keeps its order in a right-to-left list: "050 1877499" came out as
    "1877499 050" in Hebrew (its runs of digits laid out right to left). The text is set
    apart as left-to-right (U+2066 … U+2069) where it is drawn; the model's text is untouched."""

    def initStyleOption(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        super().initStyleOption(option, index)
        if option.text and option.direction == Qt.LayoutDirection.RightToLeft:
            option.text = f"\u2066{option.text}\u2069"


class CardListView(QTableView):
    """Rows of the card list model; Enter or a double click asks to open the current card."""

    openRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("cardList")
        self.setAccessibleName(_("Cards"))

        self.setShowGrid(False)
        self.setWordWrap(False)
        self.setAlternatingRowColors(True)
        self.setCornerButtonEnabled(False)
        self.setTabKeyNavigation(False)  # Tab leaves the list, as everywhere else
        rows = self.verticalHeader()
        rows.hide()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)  # never measured row by row
        rows.setDefaultSectionSize(self.fontMetrics().height() + 12)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.doubleClicked.connect(lambda _index: self.openRequested.emit())
        self.setItemDelegateForColumn(COL_PHONE, LeftToRightCells(self))

    def setModel(self, model: QAbstractItemModel | None) -> None:
        super().setModel(model)
        header = self.horizontalHeader()
        header.setHighlightSections(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setStretchLastSection(False)
        header.setSectionResizeMode(COL_NAME, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(COL_CITY, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(COL_PHONE, QHeaderView.ResizeMode.Interactive)
        self._share_width()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._share_width()

    def _share_width(self) -> None:
        """The name first: city and phone shrink, then hide, in a narrow list (issue 10:
        at 1024×768 the names were cut to "Virt…")."""
        header = self.horizontalHeader()
        if self.model() is None or header.count() <= COL_PHONE:
            return
        spare = self.viewport().width() - self.fontMetrics().averageCharWidth() * NAME_CHARS
        shown = 2 if spare >= 2 * SIDE_MIN else 1 if spare >= SIDE_MIN else 0
        for column in (COL_CITY, COL_PHONE)[:shown]:
            header.setSectionHidden(column, False)
            header.resizeSection(column, min(SIDE_WIDTH, spare // shown))
        for column in (COL_CITY, COL_PHONE)[shown:]:
            header.setSectionHidden(column, True)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in _OPEN_KEYS and self.currentIndex().isValid():
            self.openRequested.emit()
            return
        super().keyPressEvent(event)
