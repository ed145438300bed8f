"""One customer list of the insights screen: its title and count, the table, and what to do
with a row (open the card, log a call) or with the whole list (export it, write to them)."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from shopcards.core.consent import may_call
from shopcards.core.errors import ShopError
from shopcards.core.i18n import _, format_locale, ngettext
from shopcards.core.insights import CustomerList, Kind
from shopcards.core.insights_text import format_value
from shopcards.services import insights
from shopcards.services.session import Session
from shopcards.ui.cabinet.list_view import NAME_CHARS
from shopcards.ui.card.call_dialog import CallDialog
from shopcards.ui.insights.model import CustomerListModel
from shopcards.ui.kit.button_flow import ButtonFlow
from shopcards.ui.kit.save_as import ask_save_path
from shopcards.ui.kit.theme import SPACING
from shopcards.ui.kit.widgets import MessageLabel, button

SAMPLE_ROWS = 50
CELL_PADDING = 20


class CustomerListPanel(QWidget):
    """A titled list of customers with Open card, Call… and Export CSV…; optionally "Letter
    batch…" for the whole list. Its accessible name is its title."""

    openCardRequested = Signal(int)
    letterBatchRequested = Signal(list)
    """The card ids of the whole list, for a letter batch to them."""

    def __init__(
        self, session: Session, title: str, letters: bool = False, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.title = title
        self.setAccessibleName(title)
        self.model = CustomerListModel(session, self)
        self.heading = QLabel(title)
        self.heading.setAccessibleName(_count_name(title))
        self.heading.setStyleSheet("font-weight: bold;")
        self.table = _ListView(title)
        self.table.setModel(self.model)
        self.table.openRequested.connect(self.open_selected)
        self.table.resized.connect(self._fit_name)
        self.open_button = button(_("Open card"))
        self.open_button.clicked.connect(self.open_selected)
        self.call_button = button(_("Call…"))
        self.call_button.clicked.connect(self.call_selected)
        self.export_button = button(_("Export CSV…"))
        self.export_button.clicked.connect(lambda: self.export())
        self.letter_button = button(_("Letter batch…")) if letters else None
        if self.letter_button is not None:
            self.letter_button.clicked.connect(
                lambda: self.letterBatchRequested.emit(list(self.model.customers.ids))
            )
        self.message = MessageLabel()
        self._layout()
        self.table.selectionModel().selectionChanged.connect(self._enable)
        self.model.modelReset.connect(self._enable)
        self._enable()

    def rename(self, title: str) -> None:
        """Another title (the segments page shows one segment after another)."""
        self.title = title
        self.setAccessibleName(title)
        self.table.setAccessibleName(title)
        self.heading.setAccessibleName(_count_name(title))

    def set_list(self, customers: CustomerList) -> None:
        self.model.set_list(customers)
        self.message.clear()
        count = len(customers)
        self.heading.setText(
            ngettext(
                "{list}: {count} customer",
                "{list}: {count} customers",
                count,
                list=self.title,
                count=self._count(count),
            )
        )
        self._size_columns()

    def selected_id(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.card_id(rows[0].row()) if rows else None

    def open_selected(self) -> None:
        card_id = self.selected_id()
        if card_id is not None:
            self.openCardRequested.emit(card_id)

    def call_selected(self) -> None:
        card_id = self.selected_id()
        if card_id is None:
            return
        dialog = CallDialog(self.session, card_id, self)
        if dialog.exec():
            self.message.done(_("Call to {name} logged.", name=dialog.customer_name))

    def export(self, path: Path | None = None) -> None:
        """Write the list to a CSV file (asks where, unless ``path`` is given)."""
        path = path or ask_save_path(
            self,
            _("Export “{list}”", list=self.title),
            f"{_file_stem(self.title)}.csv",
            _("CSV files (*.csv)"),
        )
        if path is None:
            return
        try:
            rows = insights.export_csv(self.session, self.model.customers, path)
        except ShopError as exc:
            self.message.error(exc.message)
            return
        except OSError as exc:
            self.message.error(
                _("Could not write {path}: {reason}", path=path, reason=exc.strerror or exc)
            )
            return
        self.message.done(
            ngettext(
                "Saved {count} row to {path}.",
                "Saved {count} rows to {path}.",
                rows,
                count=self._count(rows),
                path=path,
            )
        )

    def _count(self, n: int) -> str:
        """A number as the language in use writes it in the shop's country."""
        return format_value(Kind.NUMBER, n, format_locale(self.session.settings.locale), "")

    def _may_call(self) -> bool:
        """No "Call…" where the list's Contact column says the customer may not be called."""
        rows = self.table.selectionModel().selectedRows()
        contact = [c for c in self.model.customers.columns if c.header == _(insights.CONTACT)]
        return not (rows and contact) or may_call(contact[0].values[rows[0].row()])

    def _size_columns(self) -> None:
        """Each column as wide as its header and the first rows need (the longest amounts
        are at the top of a ranking, and those rows are read to be shown anyway); the name
        takes what is left."""
        metrics = self.table.fontMetrics()
        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)
        header.setMinimumSectionSize(metrics.horizontalAdvance("0000") + CELL_PADDING)
        samples = range(min(SAMPLE_ROWS, self.model.rowCount()))
        for column in range(1, self.model.columnCount()):
            texts = [
                str(self.model.headerData(column, Qt.Orientation.Horizontal)),
                *(self.model.text(row, column) for row in samples),
            ]
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            self.table.setColumnWidth(
                column, max(metrics.horizontalAdvance(t) for t in texts) + CELL_PADDING
            )
        self._fit_name()

    def _fit_name(self) -> None:
        """The name column takes what the others leave, but never less than NAME_CHARS
        letters (issue 10: "Salon…", "King, Os…"): a narrow list scrolls sideways instead."""
        header = self.table.horizontalHeader()
        others = sum(header.sectionSize(c) for c in range(1, header.count()))
        left = self.table.viewport().width() - others
        need = self.table.fontMetrics().averageCharWidth() * NAME_CHARS
        stretch = left >= need
        mode = QHeaderView.ResizeMode.Stretch if stretch else QHeaderView.ResizeMode.Interactive
        header.setSectionResizeMode(0, mode)
        if not stretch:
            header.resizeSection(0, need)

    def _layout(self) -> None:
        actions = ButtonFlow(SPACING)  # two lists side by side: long words wrap the buttons
        for widget in (self.open_button, self.call_button, self.export_button, self.letter_button):
            if widget is not None:
                actions.addWidget(widget)
        self.message.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(SPACING)
        layout.addWidget(self.heading)
        layout.addWidget(self.table, 1)
        layout.addLayout(actions)
        layout.addWidget(self.message)

    def _enable(self, *_args: object) -> None:
        chosen = self.selected_id() is not None
        self.open_button.setEnabled(chosen)
        self.call_button.setEnabled(chosen and self._may_call())
        has_rows = self.model.rowCount() > 0
        self.export_button.setEnabled(has_rows)
        if self.letter_button is not None:
            self.letter_button.setEnabled(has_rows)


class _ListView(QTableView):
    """A fixed-row-height table (no per-row layout for 20,000 rows); Enter opens the card."""

    openRequested = Signal()
    resized = Signal()

    def __init__(self, name: str) -> None:
        super().__init__()
        self.setAccessibleName(name)
        self.setObjectName("cardList")
        self.setShowGrid(False)
        self.setWordWrap(False)
        self.setAlternatingRowColors(True)
        self.setTabKeyNavigation(False)
        rows = self.verticalHeader()
        rows.hide()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(self.fontMetrics().height() + 10)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.horizontalHeader().setDefaultAlignment(
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
        )
        self.horizontalHeader().setHighlightSections(False)
        self.doubleClicked.connect(lambda _index: self.openRequested.emit())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.resized.emit()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self.openRequested.emit()
            return
        super().keyPressEvent(event)


def _count_name(title: str) -> str:
    """The accessible name of a list's heading (its title and how many are on it)."""
    return _("{list}: count", list=title)


def _file_stem(title: str) -> str:
    return re.sub(r"[^\w]+", "-", title.lower()).strip("-") or "customers"
