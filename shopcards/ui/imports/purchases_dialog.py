"""Importing a till's purchase export from the window, as `shopcards import-purchases` does.

The owner picks the file; the dialog reads it at once without saving (a dry run) and shows
which column it took for what, every row it could not use and why, and what matched. A column
it did not recognise can be chosen by hand, then "Check again". "Import" is offered only when
every row can be used, and saves them all in one transaction on a worker thread; cancelling
saves nothing. Owner only, like the command.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from shopcards.core.errors import ShopError
from shopcards.core.i18n import N_, _, format_locale, isolated, ngettext, pgettext
from shopcards.core.progress import CancelToken, worded
from shopcards.core.purchase_dates import DateOrderUnclear
from shopcards.services import purchase_import
from shopcards.services.purchase_import import ImportReport
from shopcards.services.purchases import money
from shopcards.services.session import Session, require_owner
from shopcards.ui.kit.background import run_in_background
from shopcards.ui.kit.error_dialog import show_error
from shopcards.ui.kit.theme import ERROR_COLOUR, MARGIN, SPACING
from shopcards.ui.kit.widgets import MessageLabel, button
from shopcards.ui.kit.window_fit import fit_to_screen

FIELDS = (
    ("date", N_("Date")),
    ("amount", N_("Amount")),
    ("card_no", N_("Card number")),
    ("phone", N_("Phone")),
    ("email", N_("E-mail")),
    ("receipt_no", N_("Receipt no.")),
    ("items", N_("Items")),
    ("category", N_("Category")),
)
"""The fields of a purchase, as the column choices name them (in English: shown through ``_``)."""
NOT_IN_FILE = "—"
DATE_ORDERS = (
    (N_("As the rows show"), None),
    (N_("Day/month/year"), "dmy"),
    (N_("Month/day/year"), "mdy"),
)
"""How 03/04/2026 is read: settled by the rows unless they disagree and the owner says."""
SHOWN_ROWS = 500
"""Matched rows listed one by one; a till's month has thousands, and the count says the rest."""
_DELIMITERS = {";": N_("semicolons"), ",": N_("commas"), "\t": N_("tabs"), "|": N_("bars")}


class PurchaseImportDialog(QDialog):
    """Check and import one export; ``imported`` carries how many purchases were saved."""

    imported = Signal(int)

    def __init__(self, session: Session, path: Path, parent: QWidget | None = None) -> None:
        require_owner(session, _("import purchases"))
        super().__init__(parent)
        self.session = session
        self.path = path
        self.report: ImportReport | None = None
        self.setWindowTitle(_("Import purchases — {file}", file=path.name))
        self.setAccessibleName(_("Import purchases"))
        self.file_line = QLabel()
        self.file_line.setAccessibleName(_("File"))
        self.file_line.setWordWrap(True)
        self.columns = {name: self._column_choice(_(label)) for name, label in FIELDS}
        self.date_order = QComboBox()
        self.date_order.setAccessibleName(_("Date order"))
        for text, value in DATE_ORDERS:
            self.date_order.addItem(_(text), value)
        self.summary = MessageLabel(_("Summary"))
        self.rows = self._row_list()
        self.check_button = button(_("Check again"))
        self.check_button.clicked.connect(self.check)
        self.import_button = button(pgettext("verb", "Import"))
        self.import_button.setEnabled(False)
        self.import_button.clicked.connect(self.save)
        self.close_button = button(_("Close"))
        self.close_button.clicked.connect(self.reject)
        self._lay_out()
        fit_to_screen(self, 900, 640)
        self._offer_headings()

    # laying out ------------------------------------------------------------------------------

    def _column_choice(self, label: str) -> QComboBox:
        combo = QComboBox()
        combo.setAccessibleName(_("{field} column", field=label))
        return combo

    def _row_list(self) -> QTreeWidget:
        rows = QTreeWidget()
        rows.setAccessibleName(_("Rows"))
        rows.setRootIsDecorated(False)
        rows.setHeaderLabels([_("Row"), _("What happens"), _("Date"), _("Amount"), _("Receipt")])
        rows.header().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        for column, width in ((0, 60), (2, 100), (3, 100), (4, 100)):
            rows.setColumnWidth(column, width)
        return rows

    def _lay_out(self) -> None:
        columns = QGroupBox(_("Which column holds what"))
        grid = QGridLayout(columns)
        grid.setHorizontalSpacing(SPACING * 2)
        for index, (name, label) in enumerate(FIELDS):
            row, pair = divmod(index, 4)
            caption = QLabel(_(label))
            caption.setBuddy(self.columns[name])
            grid.addWidget(caption, row, pair * 2, Qt.AlignmentFlag.AlignRight)
            grid.addWidget(self.columns[name], row, pair * 2 + 1)
            grid.setColumnStretch(pair * 2 + 1, 1)
        caption = QLabel(_("Date order"))
        caption.setBuddy(self.date_order)
        grid.addWidget(caption, 2, 0, Qt.AlignmentFlag.AlignRight)
        grid.addWidget(self.date_order, 2, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.check_button)
        buttons.addStretch(1)
        buttons.addWidget(self.import_button)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(MARGIN * 2, MARGIN, MARGIN * 2, MARGIN)
        layout.setSpacing(SPACING * 2)
        layout.addWidget(self.file_line)
        layout.addWidget(columns)
        layout.addWidget(self.summary)
        layout.addWidget(self.rows, 1)
        layout.addLayout(buttons)

    # checking --------------------------------------------------------------------------------

    def _offer_headings(self) -> None:
        """Fill the column choices from the file's heading line, then check the file."""
        try:
            headings, found = purchase_import.headings(self.path)
        except ShopError as exc:
            self.summary.error(exc.message)
            self.check_button.setEnabled(False)
            return
        choices = [NOT_IN_FILE, *(heading for heading in headings if heading)]
        for name, combo in self.columns.items():
            combo.addItems(choices)
            combo.setCurrentText(found.get(name, NOT_IN_FILE))
        self.check()

    def chosen_columns(self) -> dict[str, str]:
        return {
            name: combo.currentText()
            for name, combo in self.columns.items()
            if combo.currentText() != NOT_IN_FILE
        }

    def check(self) -> None:
        """Read and match the whole file without saving anything (on a worker thread)."""
        columns, order = self.chosen_columns(), self.date_order.currentData()
        self._run(
            _("Checking the file…"),
            lambda own, _progress: purchase_import.import_purchases(
                own, self.path, dry_run=True, columns=columns, date_order=order
            ),
            self.show_report,
        )

    def show_report(self, report: ImportReport) -> None:
        self.report = report
        read = report.file
        order = _("day/month/year") if read.day_first else _("month/day/year")
        rows = read.row_count
        read_as = ngettext(
            "{count} row · {encoding} · fields separated by {separator} · dates read as {order}",
            "{count} rows · {encoding} · fields separated by {separator} · dates read as {order}",
            rows,
            count=self._number(rows),
            encoding=read.encoding,
            separator=_(_DELIMITERS[read.delimiter]),
            order=order,
        )
        self.file_line.setText(f"{isolated(self.path)}\n{read_as}")
        self._list_rows(report)
        count = report.matched_count
        matched = ngettext(
            "{count} row matches a card ({amount})",
            "{count} rows match cards ({amount})",
            count,
            count=self._number(count),
            amount=money(self.session, report.total),
        )
        if report.problems:
            self.summary.error(
                _(
                    "{matched}; {count} cannot be used. Nothing will be imported until the file "
                    "is fixed (or a column chosen above): see the rows in red.",
                    matched=matched,
                    count=self._number(report.problem_count),
                )
            )
        elif count:
            self.summary.done(_("{matched}. Ready to import.", matched=matched))
        else:
            self.summary.error(_("There is no purchase in the file."))
        ready = bool(count) and not report.problems
        self.import_button.setEnabled(ready)
        self._import_label(
            ngettext(
                "Import {count} purchase",
                "Import {count} purchases",
                count,
                count=self._number(count),
            )
        )

    def _number(self, n: int) -> str:
        from babel.numbers import format_decimal

        return format_decimal(n, locale=format_locale(self.session.settings.locale))

    def _import_label(self, text: str) -> None:
        self.import_button.setText(text)
        self.import_button.setAccessibleName(text)

    def _list_rows(self, report: ImportReport) -> None:
        self.rows.clear()
        red = QBrush(QColor(ERROR_COLOUR["dark" if self._dark() else "light"]))
        for problem in report.problems:
            item = QTreeWidgetItem([str(problem.line), problem.reason, "", "", ""])
            for column in range(item.columnCount()):
                item.setForeground(column, red)
            self.rows.addTopLevelItem(item)
        for match in report.matched[:SHOWN_ROWS]:
            row = match.row
            what = _(
                "card {number}, found by {how}",
                number=match.card_no,
                how=match.matched_by,
            )
            amount = isolated(money(self.session, row.amount))
            item = QTreeWidgetItem([str(match.line), what, row.date, amount, row.receipt_no])
            item.setTextAlignment(3, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.rows.addTopLevelItem(item)
        more = report.matched_count - min(SHOWN_ROWS, len(report.matched))
        if more > 0:
            self.rows.addTopLevelItem(
                QTreeWidgetItem(
                    [
                        "",
                        ngettext(
                            "… and {count} more that matches",
                            "… and {count} more that match",
                            more,
                            count=self._number(more),
                        ),
                    ]
                )
            )

    def _dark(self) -> bool:
        return self.palette().color(self.backgroundRole()).lightness() < 128

    # saving ----------------------------------------------------------------------------------

    def save(self) -> None:
        """Save every row in one transaction; a cancel or a failure saves none."""
        columns, order = self.chosen_columns(), self.date_order.currentData()

        def work(own: Session, progress: CancelToken) -> ImportReport:
            tick = worded(
                progress,
                lambda s: _(
                    "Saving purchase {done} of {total}…",
                    done=self._number(s.done),
                    total=self._number(s.total),
                ),
            )
            return purchase_import.import_purchases(
                own, self.path, progress=tick, columns=columns, date_order=order
            )

        self.import_button.setEnabled(False)
        self.check_button.setEnabled(False)
        self._run(_("Importing the purchases…"), work, self._saved)

    def _saved(self, report: ImportReport) -> None:
        self.check_button.setEnabled(True)
        if not report.imported:
            self.show_report(report)  # the file changed, or another desk got there first
            return
        count = report.matched_count
        self.summary.done(
            ngettext(
                "Imported {count} purchase ({amount}). Each card shows its own.",
                "Imported {count} purchases ({amount}). Each card shows its own.",
                count,
                count=self._number(count),
                amount=money(self.session, report.total),
            )
        )
        self._import_label(_("Imported"))
        self.imported.emit(count)

    def _run(
        self,
        label: str,
        work: Callable[[Session, CancelToken], ImportReport],
        done: Callable[[ImportReport], None],
    ) -> None:
        session = self.session

        def op(progress: CancelToken) -> ImportReport:
            own = session.twin()  # opened on the worker's thread, which owns the connection
            try:
                return work(own, progress)
            finally:
                own.close()

        self.task = run_in_background(
            self, label, op, done, self._failed, on_cancelled=self._cancelled
        )

    def _cancelled(self) -> None:
        self.check_button.setEnabled(True)
        self.import_button.setEnabled(False)
        self.summary.error(_("Cancelled: nothing was imported."))

    def _failed(self, exc: BaseException) -> None:
        self.check_button.setEnabled(True)
        self.import_button.setEnabled(False)
        if isinstance(exc, DateOrderUnclear):
            self.summary.error(
                _(
                    "{reason} Choose the date order above, then Check again.",
                    reason=exc.message,
                )
            )
            self.rows.clear()
        elif isinstance(exc, ShopError):
            self.summary.error(exc.message)
            self.rows.clear()
        else:
            show_error(self, exc)
