"""Shop ▸ Export cards… and Export purchases…: the owner chooses what, then where to save it.

The same services as `shopcards export-customers` and `export-purchases`. The cards are every
card or a selection chosen with the letters screen's own picker (ui/letters/selection.py),
written as CSV, an Excel workbook or vCards; the purchases as CSV, all or between two days.
"Save as" suggests a file in Documents; the writing runs on a worker thread with a progress
bar and Cancel, and a cancelled or failed export leaves no file. Owner only.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from babel.numbers import format_decimal
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLayout,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from shopcards.core.card_export import Format
from shopcards.core.errors import ShopError
from shopcards.core.i18n import N_, _, format_locale, ngettext, pgettext
from shopcards.core.progress import CancelToken
from shopcards.services.customer_export import EVERY_CARD, export_customers, export_purchases
from shopcards.services.session import Session, require_owner
from shopcards.ui.kit.background import BackgroundTask, run_in_background
from shopcards.ui.kit.dates import date_edit, day_of
from shopcards.ui.kit.error_dialog import show_error
from shopcards.ui.kit.save_as import ask_save_path
from shopcards.ui.kit.theme import MARGIN, SPACING
from shopcards.ui.kit.widgets import MessageLabel, button
from shopcards.ui.letters.selection import SelectionInput

CSV_FILES = N_("CSV files (*.csv)")
FORMATS = (
    (Format.CSV, N_("CSV, for a spreadsheet"), CSV_FILES),
    (Format.XLSX, N_("Excel workbook (.xlsx)"), N_("Excel workbooks (*.xlsx)")),
    (Format.VCF, N_("vCards (.vcf), for phones and Google Contacts"), N_("vCards (*.vcf)")),
)
"""Each format: what the Format list says, and the Save as filter."""
Work = Callable[[Session, Path, CancelToken], int]


def radio(label: str) -> QRadioButton:
    choice = QRadioButton(label)
    choice.setAccessibleName(label)
    return choice


class ExportDialog(QDialog):
    """What to export above, Export… and Close below, and a line saying what was written.

    ``doing`` is the progress dialog's text, ``written`` says what was written: a function of
    the number (as the shop writes it), the count (for the plural) and the file."""

    def __init__(
        self,
        session: Session,
        title: str,
        doing: str,
        written: Callable[[str, int, str], str],
        parent: QWidget | None,
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.doing = doing
        self.written = written
        self.task: BackgroundTask[int] | None = None
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        self.setMinimumSize(520, 240)
        self.result_line = MessageLabel(_("Result"))
        self.export_button = button(_("Export…"))
        self.export_button.setDefault(True)
        self.export_button.clicked.connect(lambda: self.export())
        self.close_button = button(_("Close"))
        self.close_button.clicked.connect(self.reject)

    def lay_out(self, body: QWidget) -> None:
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.export_button)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        # never narrower than what it holds: the 520 pixels asked for above would otherwise
        # win, and Qt opens a dialog at two thirds of a small screen (533 pixels on an
        # 800-pixel one), cutting the longest format ("vCards (.vcf), for phones and Google
        # Contacts") off in a longer language
        layout.setSizeConstraint(QLayout.SizeConstraint.SetMinimumSize)
        layout.setContentsMargins(MARGIN * 2, MARGIN * 2, MARGIN * 2, MARGIN * 2)
        layout.setSpacing(SPACING * 2)
        layout.addWidget(body)
        layout.addWidget(self.result_line)
        layout.addStretch(1)
        layout.addLayout(buttons)

    def file_name(self) -> tuple[str, str]:
        """The file name to suggest and the Save as filter."""
        raise NotImplementedError

    def work(self) -> Work:
        """The export to run on the worker, with what the dialog shows now."""
        raise NotImplementedError

    def export(self, path: Path | None = None) -> None:
        """Ask where (unless ``path`` is given), then write it on a worker thread."""
        name, file_filter = self.file_name()
        path = path or ask_save_path(self, self.windowTitle(), name, file_filter)
        if path is None:
            return
        work, session = self.work(), self.session

        def op(token: CancelToken) -> int:
            own = session.twin()  # opened on the worker's thread, which owns the connection
            try:
                return work(own, path, token)
            finally:
                own.close()

        self.result_line.clear()
        self.export_button.setEnabled(False)
        self.task = run_in_background(
            self,
            self.doing,
            op,
            lambda count: self._written(count, path),
            self._failed,
            on_cancelled=self._cancelled,
            cancelling=_("Cancelling… no file will be left."),
        )

    def _written(self, count: int, path: Path) -> None:
        self.export_button.setEnabled(True)
        number = format_decimal(count, locale=format_locale(self.session.settings.locale))
        self.result_line.done(self.written(number, count, str(path)))

    def _cancelled(self) -> None:
        self.export_button.setEnabled(True)
        self.result_line.error(_("Cancelled: no file was written."))

    def _failed(self, exc: BaseException) -> None:
        self.export_button.setEnabled(True)
        if isinstance(exc, ShopError):
            self.result_line.error(exc.message)
        else:
            show_error(self, exc)


class CardExportDialog(ExportDialog):
    """Every card or a selection, as CSV, an Excel workbook or vCards."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        require_owner(session, _("export the cards"))
        super().__init__(
            session,
            _("Export cards"),
            _("Exporting the cards…"),
            lambda number, count, path: ngettext(
                "Wrote {count} card to {path}.",
                "Wrote {count} cards to {path}.",
                count,
                count=number,
                path=path,
            ),
            parent,
        )
        self.every = radio(_("Every card (archived ones too)"))
        self.chosen = radio(_("A selection"))
        group = QButtonGroup(self)
        group.addButton(self.every)
        group.addButton(self.chosen)
        self.every.setChecked(True)
        self.selection = SelectionInput(session)
        self.selection.choice.setAccessibleName(_("Selection"))
        self.selection.setEnabled(False)
        self.chosen.toggled.connect(self.selection.setEnabled)
        self.format = QComboBox()
        self.format.setAccessibleName(_("Format"))
        for kind, label, _filter in FORMATS:
            self.format.addItem(_(label), kind.value)
        body = QWidget()
        grid = QGridLayout(body)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setSpacing(SPACING * 2)
        grid.addWidget(QLabel(_("Cards")), 0, 0)
        grid.addWidget(self.every, 0, 1)
        grid.addWidget(self.chosen, 1, 1)
        selection = QLabel(_("Selection"))
        selection.setBuddy(self.selection.choice)
        grid.addWidget(selection, 2, 0, Qt.AlignmentFlag.AlignTop)
        grid.addWidget(self.selection, 2, 1)
        caption = QLabel(_("Format"))
        caption.setBuddy(self.format)
        grid.addWidget(caption, 3, 0)
        grid.addWidget(self.format, 3, 1)
        grid.setColumnStretch(1, 1)
        self.lay_out(body)

    def file_name(self) -> tuple[str, str]:
        kind, _label, file_filter = FORMATS[self.format.currentIndex()]
        return f"customers-{self.session.today().isoformat()}.{kind.value}", _(file_filter)

    def work(self) -> Work:
        kind = str(self.format.currentData())
        chosen = self.selection.text() if self.chosen.isChecked() else EVERY_CARD

        def write(own: Session, path: Path, token: CancelToken) -> int:
            return export_customers(own, path, kind, chosen, token)

        return write


class PurchaseExportDialog(ExportDialog):
    """Every purchase, or those between two days, as CSV."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        require_owner(session, _("export the purchases"))
        super().__init__(
            session,
            _("Export purchases"),
            _("Exporting the purchases…"),
            lambda number, count, path: ngettext(
                "Wrote {count} purchase to {path}.",
                "Wrote {count} purchases to {path}.",
                count,
                count=number,
                path=path,
            ),
            parent,
        )
        self.every = radio(_("Every purchase"))
        self.between = radio(_("Between"))
        group = QButtonGroup(self)
        group.addButton(self.every)
        group.addButton(self.between)
        self.every.setChecked(True)
        today, locale = session.today(), session.settings.locale
        self.first = date_edit(_("From"), locale, today.replace(month=1, day=1), today)
        self.last = date_edit(_("To"), locale, today)
        days = QWidget()
        row = QHBoxLayout(days)
        row.setContentsMargins(SPACING * 3, 0, 0, 0)  # under "Between", whatever its length
        row.addWidget(self.first, 1)
        # Translators: between two dates, "from [1 Jan 2026] to [30 Nov 2026]".
        row.addWidget(QLabel(pgettext("between dates", "to")))
        row.addWidget(self.last, 1)
        for edit in (self.first, self.last):
            edit.setEnabled(False)
            self.between.toggled.connect(edit.setEnabled)
        note = QLabel(_("Returns are negative amounts; voided purchases are left out."))
        note.setWordWrap(True)
        body = QWidget()
        grid = QGridLayout(body)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setSpacing(SPACING * 2)
        grid.addWidget(QLabel(_("Purchases")), 0, 0)
        grid.addWidget(self.every, 0, 1)
        grid.addWidget(self.between, 1, 1)
        grid.addWidget(days, 2, 1)
        grid.addWidget(note, 3, 1)
        grid.setColumnStretch(1, 1)
        self.lay_out(body)

    def file_name(self) -> tuple[str, str]:
        return f"purchases-{self.session.today().isoformat()}.csv", _(CSV_FILES)

    def work(self) -> Work:
        first = last = None
        if self.between.isChecked():
            first, last = day_of(self.first), day_of(self.last)

        def write(own: Session, path: Path, token: CancelToken) -> int:
            return export_purchases(own, path, first, last, token)

        return write


def open_export(session: Session, what: str, parent: QWidget) -> ExportDialog:
    """The export dialog for ``what`` ("cards" or "purchases"), shown (Shop menu)."""
    dialog = (CardExportDialog if what == "cards" else PurchaseExportDialog)(session, parent)
    dialog.show()
    return dialog
