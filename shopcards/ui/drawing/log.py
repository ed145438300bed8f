"""The drawing log: every month drawn, its entries, winner, alternates used, who drew it when.

A shop draws twelve months a year, so a plain table widget filled at once is enough here.
"""

from __future__ import annotations

from babel.numbers import format_decimal
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from shopcards.core.i18n import N_, _, format_locale
from shopcards.services import drawing
from shopcards.services.session import Session
from shopcards.ui.kit.dates import iso_date_time_text

COLUMNS = (
    N_("Month"),
    N_("Entries"),
    N_("Winner"),
    N_("Not reached"),
    N_("Drawn by"),
    N_("Drawn on"),
)
COL_ENTRIES = 1
_NUMBER = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


class DrawingLog(QTableWidget):
    """One row per month drawn, newest first."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(0, len(COLUMNS), parent)
        self.session = session
        self.setAccessibleName(_("Drawing log"))
        self.setHorizontalHeaderLabels([_(heading) for heading in COLUMNS])
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setAlternatingRowColors(True)
        self.verticalHeader().setVisible(False)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)

    def refresh(self) -> None:
        lines = drawing.drawing_log(self.session)
        self.setRowCount(len(lines))
        locale = format_locale(self.session.settings.locale)
        for row, line in enumerate(lines):
            not_reached = "; ".join(
                _("{name} ({reason})", name=name, reason=reason) if reason else name
                for name, reason in line.not_reached
            )
            cells = (
                drawing.month_name(self.session, line.month),
                format_decimal(line.entries, locale=locale),
                line.winner,
                not_reached or "—",
                line.drawn_by.capitalize(),
                iso_date_time_text(line.drawn_at, locale),
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                if column == COL_ENTRIES:
                    item.setTextAlignment(_NUMBER)
                self.setItem(row, column, item)
        self.resizeRowsToContents()

    def texts(self) -> list[list[str]]:
        """The table's cells, row by row (what a person reads)."""
        return [
            [self._text(row, column) for column in range(self.columnCount())]
            for row in range(self.rowCount())
        ]

    def _text(self, row: int, column: int) -> str:
        item = self.item(row, column)
        return "" if item is None else item.text()
