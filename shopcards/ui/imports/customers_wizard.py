"""Importing the shop's customer list from the window, as `shopcards import-customers` does.

Three steps in one window: the file's columns, each with the field it was taken for (a combo
to change it; a mapping saved for the same headings is offered, and this one can be saved);
the preview of every row (new, update, possible duplicate, refused), filtered by status, with
a decision per duplicate or one for all; then the save, on a worker thread with a progress bar
and Cancel (which keeps nothing), and what was done, with "Undo this import". Owner only.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QScrollArea,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from shopcards.core.customer_headings import Field
from shopcards.core.customer_table import CustomerTable
from shopcards.core.errors import ShopError
from shopcards.core.i18n import N_, _, isolated, ngettext, pgettext
from shopcards.core.progress import CancelToken
from shopcards.services import customer_files, customer_import, customer_mappings
from shopcards.services.customer_import import Decision, Preview, Saved, Status
from shopcards.services.customer_import_undo import undo_import
from shopcards.services.session import Session, require_owner
from shopcards.ui.imports import customers_said as said
from shopcards.ui.imports.customers_compare import compare_row
from shopcards.ui.imports.customers_fields import FIELD_TEXT, NOT_IMPORTED
from shopcards.ui.imports.customers_preview import (
    COL_DECISION,
    COL_WHY,
    DECISION_TEXT,
    STATUS_TEXT,
    DecisionDelegate,
    PreviewModel,
    StatusFilter,
)
from shopcards.ui.kit.background import run_in_background
from shopcards.ui.kit.error_dialog import show_error
from shopcards.ui.kit.theme import MARGIN, SPACING
from shopcards.ui.kit.widgets import MessageLabel, button, line_edit
from shopcards.ui.kit.window_fit import fit_to_screen

ALL_ROWS = N_("All rows")
EACH_ROW = N_("As chosen in each row")


class CustomerImportWizard(QDialog):
    """Import one customer file; ``imported`` fires after a save or an undo."""

    imported = Signal()

    def __init__(self, session: Session, path: Path, parent: QWidget | None = None) -> None:
        require_owner(session, _("import customers"))
        super().__init__(parent)
        self.session = session
        self.path = path
        self.table: CustomerTable | None = None
        self.model: PreviewModel | None = None
        self.saved: Saved | None = None
        self.added_anyway = ""
        """What the message says after the save of rows added though like a stored card."""
        self.task: Any = None
        self.setWindowTitle(_("Import customers — {file}", file=path.name))
        self.setAccessibleName(_("Import customers"))
        self.message = MessageLabel(_("Summary"))
        self.pages = QStackedWidget()
        self.pages.addWidget(self._columns_page())
        self.pages.addWidget(self._preview_page())
        self.pages.addWidget(self._done_page())
        self.close_button = button(_("Close"))
        self.close_button.clicked.connect(self.reject)
        self._lay_out()
        fit_to_screen(self, 980, 680)
        self._run(_("Reading the file…"), self._read, self._show_columns)

    # the three pages -------------------------------------------------------------------------

    def _columns_page(self) -> QWidget:
        page = QWidget()
        self.file_line = QLabel(str(self.path))
        self.file_line.setAccessibleName(_("File"))
        self.file_line.setWordWrap(True)
        self.columns = QScrollArea()
        self.columns.setAccessibleName(_("Columns"))
        self.columns.setWidgetResizable(True)
        self.field_combos: list[QComboBox] = []
        self.mapping_name = line_edit(_("Save this mapping as"), _("e.g. Old till"))
        self.save_mapping_button = button(_("Save mapping"))
        self.save_mapping_button.clicked.connect(self.save_mapping)
        self.preview_button = button(_("Preview"))
        self.preview_button.clicked.connect(self.check)
        save_row = QHBoxLayout()
        caption = QLabel(_("Save this mapping as"))
        caption.setBuddy(self.mapping_name)
        save_row.addWidget(caption)
        save_row.addWidget(self.mapping_name, 1)
        save_row.addWidget(self.save_mapping_button)
        save_row.addStretch(1)
        save_row.addWidget(self.preview_button)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.file_line)
        layout.addWidget(self.columns, 1)
        layout.addLayout(save_row)
        return page

    def _preview_page(self) -> QWidget:
        page = QWidget()
        self.show_combo = self._combo(
            _("Show"), [_(text) for text in (ALL_ROWS, *STATUS_TEXT.values())]
        )
        self.show_combo.currentIndexChanged.connect(self._filter)
        self.for_all = self._combo(
            _("Possible duplicates"), [_(text) for text in (EACH_ROW, *DECISION_TEXT.values())]
        )
        self.for_all.currentIndexChanged.connect(self._decide_all)
        self.rows = QTableView()
        self.rows.setAccessibleName(_("Rows"))
        self.rows.setItemDelegateForColumn(COL_DECISION, DecisionDelegate(self.rows))
        self.rows.verticalHeader().hide()
        self.rows.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.rows.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.SelectedClicked
        )
        self.row_detail = QLabel()
        self.row_detail.setAccessibleName(_("Selected row"))
        self.row_detail.setWordWrap(True)
        self.back_button = button(_("Back to the columns"))
        self.back_button.clicked.connect(lambda: self._page(0))
        self.compare_button = button(_("Compare…"))
        self.compare_button.clicked.connect(self.compare)
        self.compare_button.setEnabled(False)
        self.import_button = button(pgettext("verb", "Import"))
        self.import_button.clicked.connect(self.save)
        choices = QHBoxLayout()
        for combo in (self.show_combo, self.for_all):
            caption = QLabel(combo.accessibleName())
            caption.setBuddy(combo)
            choices.addWidget(caption)
            choices.addWidget(combo)
            choices.addSpacing(SPACING * 2)
        choices.addStretch(1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.back_button)
        buttons.addWidget(self.compare_button)
        buttons.addStretch(1)
        buttons.addWidget(self.import_button)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(choices)
        layout.addWidget(self.rows, 1)
        layout.addWidget(self.row_detail)
        layout.addLayout(buttons)
        return page

    def _done_page(self) -> QWidget:
        page = QWidget()
        self.undo_button = button(_("Undo this import"))
        self.undo_button.clicked.connect(self.undo)
        row = QHBoxLayout()
        row.addWidget(self.undo_button)
        row.addStretch(1)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addStretch(1)
        return page

    def _combo(self, name: str, texts: list[str]) -> QComboBox:
        combo = QComboBox()
        combo.setAccessibleName(name)
        combo.addItems(texts)
        return combo

    def _lay_out(self) -> None:
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        bottom.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(MARGIN * 2, MARGIN, MARGIN * 2, MARGIN)
        layout.setSpacing(SPACING * 2)
        layout.addWidget(self.message)
        layout.addWidget(self.pages, 1)
        layout.addLayout(bottom)

    def _page(self, number: int) -> None:
        self.pages.setCurrentIndex(number)
        if number == 0:
            self.message.done(_("Check the field of each column, then Preview."))

    # step 1: the columns ---------------------------------------------------------------------

    def _read(self, _own: Session, progress: CancelToken) -> CustomerTable:
        return customer_files.read_customer_file(self.path, progress=progress, cancel=progress)

    def _show_columns(self, table: CustomerTable) -> None:
        self.table = table
        headings = table.headings
        found = customer_mappings.matching(self.session, headings)
        mapping = found[1] if found else customer_mappings.suggested(headings)
        first = table.rows[0] if table.rows else ()
        self.columns.setWidget(self._column_grid(headings, first, mapping))
        rows = said.rows_read(table, self.session.settings.locale)
        self.file_line.setText(f"{isolated(self.path)}\n{rows}")
        self._page(0)
        if found:
            self.message.done(
                _(
                    "Using the column mapping saved as “{name}”; check it, then Preview.",
                    name=found[0],
                )
            )
            self.mapping_name.setText(found[0])

    def _number(self, n: int) -> str:
        return said.number(n, self.session.settings.locale)

    def _column_grid(
        self, headings: tuple[str, ...], first: tuple[str, ...], mapping: dict[int, Field]
    ) -> QWidget:
        """A line per column: its heading (the label of its combo), what its first row
        holds, and the field it goes to; Tab goes from combo to combo."""
        grid_widget = QWidget()
        grid = QGridLayout(grid_widget)
        grid.setHorizontalSpacing(SPACING * 3)
        for place, title in enumerate((_("Column"), _("First row"), _("Field"))):
            grid.addWidget(QLabel(f"<b>{title}</b>"), 0, place)
        self.field_combos = []
        for index, heading in enumerate(headings):
            combo = self._combo(heading, [_(text) for text in (NOT_IMPORTED, *FIELD_TEXT.values())])
            field = mapping.get(index)
            combo.setCurrentText(_(FIELD_TEXT[field]) if field else _(NOT_IMPORTED))
            caption = QLabel(heading)
            caption.setBuddy(combo)
            sample = QLabel(first[index][:80] if index < len(first) else "")
            sample.setTextFormat(Qt.TextFormat.PlainText)
            grid.addWidget(caption, index + 1, 0)
            grid.addWidget(sample, index + 1, 1)
            grid.addWidget(combo, index + 1, 2)
            self.field_combos.append(combo)
        grid.setColumnStretch(1, 1)
        grid.setRowStretch(len(headings) + 1, 1)
        return grid_widget

    def chosen_mapping(self) -> dict[int, Field]:
        by_text = {_(text): field for field, text in FIELD_TEXT.items()}
        chosen: dict[int, Field] = {}
        for index, combo in enumerate(self.field_combos):
            if combo.currentText() in by_text:
                chosen[index] = by_text[combo.currentText()]
        return chosen

    def save_mapping(self) -> None:
        assert self.table is not None
        name = self.mapping_name.text().strip()
        try:
            customer_mappings.save_mapping(
                self.session, name, self.table.headings, self.chosen_mapping()
            )
        except ShopError as exc:
            self.message.error(exc.message)
            return
        self.message.done(_("Column mapping saved as “{name}”.", name=name))

    # step 2: the preview ---------------------------------------------------------------------

    def check(self) -> None:
        table, mapping = self.table, self.chosen_mapping()
        assert table is not None

        def work(own: Session, progress: CancelToken) -> Preview:
            return customer_import.preview(own, table, mapping, progress)

        self._run(_("Checking the rows…"), work, self.show_preview)

    def show_preview(self, result: Preview) -> None:
        self.model = PreviewModel(result, self.session.settings.region)
        self.proxy = StatusFilter(self.model)
        self.rows.setModel(self.proxy)
        self.rows.selectionModel().currentRowChanged.connect(self._show_row)
        self.row_detail.clear()
        header = self.rows.horizontalHeader()
        header.setSectionResizeMode(COL_WHY, QHeaderView.ResizeMode.Stretch)
        for column, width in enumerate((50, 120, 160, 130, 160, 0, 130)):
            if width:
                self.rows.setColumnWidth(column, width)
        self.for_all.setCurrentIndex(0)
        self._filter()
        counts = {status: result.count(status) for status in Status}
        counted = ", ".join(
            _("{status}: {count}", status=_(STATUS_TEXT[s]).lower(), count=self._number(n))
            for s, n in counts.items()
        )
        adds = counts[Status.NEW] + counts[Status.UPDATE]
        if counts[Status.REFUSED]:
            self.message.error(
                _(
                    "{counts}. Nothing can be imported while rows are refused: fix them in the "
                    "file (or choose their columns) and read it again.",
                    counts=counted,
                )
            )
        elif adds + counts[Status.DUPLICATE]:
            self.message.done(
                _("{counts}. Possible duplicates are skipped unless you choose.", counts=counted)
            )
        else:
            self.message.error(_("There is no customer in the file."))
        self.import_button.setEnabled(
            not counts[Status.REFUSED] and bool(adds + counts[Status.DUPLICATE])
        )
        n = len(result.rows) - counts[Status.REFUSED]
        self._import_label(
            ngettext("Import {count} row", "Import {count} rows", n, count=self._number(n))
        )
        self._page(1)

    def _show_row(self, current: QModelIndex) -> None:
        """The whole of the current row's reason, which its cell may cut short."""
        if self.model is None or not current.isValid():
            self.row_detail.clear()
            self.compare_button.setEnabled(False)
            return
        source = self.proxy.mapToSource(current)
        row = self.model.row_at(source)
        self.compare_button.setEnabled(row.status is Status.DUPLICATE and row.target is not None)
        self.row_detail.setText(
            _(
                "Row {row} ({status}): {why}",
                row=row.row,
                status=_(STATUS_TEXT[row.status]).lower(),
                why=self.model.why(source),
            )
        )

    def compare(self) -> None:
        """The current possible duplicate beside the card it resembles; its decision is the
        one the owner picks there."""
        current = self.rows.currentIndex()
        if self.model is None or not current.isValid():
            return
        source = self.proxy.mapToSource(current)
        decision = compare_row(self, self.session, self.model.row_at(source))
        if decision is not None:
            self.model.setData(source.siblingAtColumn(COL_DECISION), decision.value)

    def _filter(self) -> None:
        if self.model is None:
            return
        statuses = [None, *STATUS_TEXT]
        self.proxy.show_status(statuses[self.show_combo.currentIndex()])

    def _decide_all(self) -> None:
        decisions = [None, *DECISION_TEXT]
        decision = decisions[self.for_all.currentIndex()]
        if self.model is not None and decision is not None:
            self.model.decide_all(decision)

    def _import_label(self, text: str) -> None:
        self.import_button.setText(text)
        self.import_button.setAccessibleName(text)

    # step 3: saving, and undoing -------------------------------------------------------------

    def save(self) -> None:
        assert self.model is not None
        result, decisions = self.model.preview, dict(self.model.decisions)
        self.added_anyway = added_anyway(result, decisions)

        def work(own: Session, progress: CancelToken) -> Saved:
            return customer_import.save(own, result, decisions, progress=progress)

        self.import_button.setEnabled(False)
        self._run(_("Saving the cards…"), work, self._saved)

    def _saved(self, saved: Saved) -> None:
        self.saved = saved
        done = said.saved_text(saved, self.session.settings.locale)
        self.message.done(f"{done} {self.added_anyway}".strip())
        self.undo_button.setEnabled(True)
        self._page(2)
        self.imported.emit()

    def undo(self) -> None:
        assert self.saved is not None
        try:
            undone = undo_import(self.session, self.saved.batch)
        except ShopError as exc:
            self.message.error(exc.message)
            return
        self.undo_button.setEnabled(False)
        self.message.done(said.undone_text(undone, self.session.settings.locale))
        self.imported.emit()

    # the worker ------------------------------------------------------------------------------

    def _run(
        self,
        label: str,
        work: Callable[[Session, CancelToken], Any],
        done: Callable[[Any], None],
    ) -> None:
        session = self.session

        def op(progress: CancelToken) -> Any:
            own = session.twin()  # opened on the worker's thread, which owns the connection
            try:
                return work(own, progress)
            finally:
                own.close()

        self.task = run_in_background(
            self, label, op, done, self._failed, on_cancelled=self._cancelled
        )

    def _cancelled(self) -> None:
        self.message.error(_("Cancelled: nothing was imported."))
        self.import_button.setEnabled(self.model is not None)

    def _failed(self, exc: BaseException) -> None:
        if isinstance(exc, ShopError):
            self.message.error(exc.message)
            self.import_button.setEnabled(self.model is not None)
        else:
            show_error(self, exc)


def added_anyway(result: Preview, decisions: dict[int, Decision]) -> str:
    """What to tell the owner after the save about rows added though they resemble a card in
    the file: the two can be merged now, field by field ("" when there are none)."""
    rows = [
        r for r in result.of(Status.DUPLICATE) if r.target and decisions.get(r.row) is Decision.ADD
    ]
    if not rows:
        return ""
    return ngettext(
        "{count} row was added though like a card already here: Shop ▸ Find duplicate cards… "
        "merges them.",
        "{count} rows were added though like a card already here: Shop ▸ Find duplicate cards… "
        "merges them.",
        len(rows),
        count=format(len(rows), ","),
    )


def open_customer_import(
    session: Session, parent: QWidget, changed: Callable[[], None], path: Path | None = None
) -> CustomerImportWizard | None:
    """Shop ▸ Import customers…: choose the file (unless given), then the wizard; ``changed``
    is called when cards were added or put back (the cabinet refreshes)."""
    if path is None:
        chosen, _filter = QFileDialog.getOpenFileName(
            parent,
            _("Import customers"),
            str(Path.home()),
            _("Customer lists (*.csv *.txt *.tsv *.xlsx *.xls *.ods *.vcf);;All files (*)"),
        )
        if not chosen:
            return None
        path = Path(chosen)
    wizard = CustomerImportWizard(session, path, parent)
    wizard.imported.connect(changed)
    wizard.show()
    return wizard
