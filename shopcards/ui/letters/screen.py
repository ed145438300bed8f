"""The letters screen: choose what to print and for whom, look at every page, then print or save.

On the left: what to print (letters, greeting cards, envelopes, labels), the template (with
Edit and New), who it goes to, the fields typed in for this batch, one letter per household,
one file per customer. Preview works the batch out and draws it on a worker thread with a
progress bar that can be cancelled; then the screen says how many letters go to how many
customers, lists who is left out and why, and shows the pages on the right. Print… goes through
the system's print dialog; Save as PDF… writes the file (or one per customer). Either records on
each card that the letter or card was sent, once per preview.

Mass mailings are the owner's; the services refuse a clerk more than one customer, and the
screen says so. The letterhead and printing settings are the owner's too.
"""

from __future__ import annotations

import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QSpinBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from shopcards.core.errors import ShopError, ValidationError
from shopcards.core.files import copy_whole
from shopcards.core.i18n import _, pgettext
from shopcards.core.progress import CancelToken, worded
from shopcards.core.roles import Role
from shopcards.core.templates import TemplateKind
from shopcards.services import letter_setup, letters, templates
from shopcards.services.letters import ASKED_FIELDS, BatchPlan, LetterRequest, Output
from shopcards.services.session import Session
from shopcards.ui.kit.background import BackgroundTask, run_in_background
from shopcards.ui.kit.error_dialog import show_error
from shopcards.ui.kit.pdf_preview import PdfPreview, ask_printer, print_in_background
from shopcards.ui.kit.save_as import ask_save_path, documents_folder
from shopcards.ui.kit.theme import MARGIN, SPACING
from shopcards.ui.kit.widgets import MessageLabel, button, choice_box, line_edit, names_box
from shopcards.ui.letters.left_out import LeftOutList
from shopcards.ui.letters.letterhead import LetterSettingsDialog
from shopcards.ui.letters.outputs import (
    DRAWING,
    OUTPUTS,
    PER_HOUSEHOLD,
    SAVING,
    printing_stopped,
    saved_files,
    sent_pages,
    step_text,
    template_text,
)
from shopcards.ui.letters.selection import HoldOutInput, SelectionInput
from shopcards.ui.letters.template_editor import TemplateEditor

if TYPE_CHECKING:
    from shopcards.core.printed import PrintResult


class LettersScreen(QWidget):
    """Letters, cards, envelopes and labels for a selection of customers."""

    batchRecorded = Signal(int)
    """A letter or card batch was printed or saved and recorded on the cards (its id)."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)  # not a patch inside the cabinet
        self.session = session
        self.setWindowTitle(_("Letters and cards"))
        self.setAccessibleName(_("Letters and cards"))
        self.plan: BatchPlan | None = None
        self.task: BackgroundTask[Any] | None = None
        """The preview or save under way (tests wait on it and press its Cancel)."""
        self.result: PrintResult | None = None
        self._recorded = False
        self._temporary = tempfile.TemporaryDirectory(
            prefix="shopcards-preview-", ignore_cleanup_errors=True
        )
        self.preview_folder = Path(self._temporary.name)
        """Where the previewed PDF is drawn; removed with the screen."""
        self._previews = 0
        self.preview = PdfPreview()
        splitter = QSplitter()
        splitter.addWidget(self._setup_column())
        splitter.addWidget(self._preview_column())
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([460, 700])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(MARGIN, MARGIN, MARGIN, MARGIN)
        layout.addWidget(splitter)
        self._output_chosen()
        self.show_role()

    # Building ------------------------------------------------------------------------------

    def _setup_column(self) -> QWidget:
        self.output = choice_box(pgettext("what to print", "Print"))
        for value, label in OUTPUTS.items():
            self.output.addItem(_(label), value)
        self.output.currentIndexChanged.connect(self._output_chosen)
        self.template = names_box(_("Template"))
        self.template.currentIndexChanged.connect(self._template_chosen)
        self.edit_template = button(_("Edit template…"))
        self.new_template = button(_("New template…"))
        self.edit_template.clicked.connect(self._edit_template)
        self.new_template.clicked.connect(lambda: self._open_editor(None))
        self.selection = SelectionInput(self.session)
        self.asked = {name: line_edit(_(label)) for name, label in ASKED_FIELDS.items()}
        self.asked["prize"].setPlaceholderText(letter_setup.prize_words(self.session.settings))
        self.asked["event_date"].setPlaceholderText(_("e.g. Friday 4 December at 7 pm"))
        self.label_start = QSpinBox()
        self.label_start.setAccessibleName(_("Start at label"))
        self.label_start.setRange(1, 100)
        self.holdout = HoldOutInput(letters.suggested_holdout(self.session))
        self.households = QCheckBox(_("One per household"))
        self.households.setAccessibleName(_("One per household"))
        self.households.setToolTip(
            _("Customers at the same address share one letter: “Dear Anna and Mikko”")
        )
        self.separate = QCheckBox(_("One file per customer"))
        self.separate.setAccessibleName(_("One file per customer"))
        self.preview_button = button(_("Preview"))
        self.preview_button.setDefault(True)
        self.preview_button.clicked.connect(self.make_preview)
        self.summary = MessageLabel(_("Summary"))
        self.notes = QLabel()
        self.notes.setAccessibleName(_("Notes"))
        self.notes.setWordWrap(True)
        self.notes.setVisible(False)
        self.left_out = LeftOutList()
        self.settings_button = button(_("Letterhead and printing…"))
        self.settings_button.clicked.connect(self._open_settings)

        form = QFormLayout()
        form.setSpacing(SPACING)
        form.addRow(pgettext("what to print", "Print"), self.output)
        form.addRow(_("Template"), self.template)
        edit_row = QHBoxLayout()
        edit_row.setSpacing(SPACING)
        edit_row.addWidget(self.edit_template)
        edit_row.addWidget(self.new_template)
        edit_row.addStretch(1)
        form.addRow("", edit_row)
        form.addRow(_("Send to"), self.selection)
        for name, edit in self.asked.items():
            form.addRow(_(ASKED_FIELDS[name]), edit)
        form.addRow(_("Start at label"), self.label_start)
        form.addRow("", self.holdout)
        form.addRow("", self.households)
        form.addRow("", self.separate)
        self._form = form
        column = QWidget()
        layout = QVBoxLayout(column)
        layout.setContentsMargins(0, 0, MARGIN, 0)
        layout.setSpacing(SPACING)
        layout.addLayout(form)
        layout.addWidget(self.preview_button)
        layout.addWidget(self.summary)
        layout.addWidget(self.notes)
        layout.addWidget(self.left_out, 1)
        layout.addWidget(self.settings_button)
        for signal in (
            self.output.currentIndexChanged,
            self.template.currentIndexChanged,
            self.selection.changed,
            self.households.toggled,
            self.label_start.valueChanged,
            self.holdout.changed,
            *(edit.textChanged for edit in self.asked.values()),
        ):
            signal.connect(self._changed)
        return column

    def _preview_column(self) -> QWidget:
        self.print_button = button(_("Print…"))
        self.save_button = button(_("Save as PDF…"))
        self.print_button.clicked.connect(self.print_batch)
        self.save_button.clicked.connect(self.save_batch)
        self.message = MessageLabel()
        row = QHBoxLayout()
        row.setSpacing(SPACING)
        row.addWidget(self.message, 1)
        row.addWidget(self.print_button)
        row.addWidget(self.save_button)
        column = QWidget()
        layout = QVBoxLayout(column)
        layout.setContentsMargins(MARGIN, 0, 0, 0)
        layout.setSpacing(SPACING)
        layout.addWidget(self.preview, 1)
        layout.addLayout(row)
        self._enable_output(False)
        return column

    # Choices -------------------------------------------------------------------------------

    @property
    def chosen_output(self) -> Output:
        return Output(self.output.currentData())

    def choose_cards(self, ids: Sequence[int]) -> None:
        """Start from these cards (e.g. "Write a letter" on an open card)."""
        self.selection.choose("ids:" + ",".join(str(card_id) for card_id in ids))

    def _output_chosen(self) -> None:
        output = self.chosen_output
        kind = output.template_kind
        self._fill_templates(kind)
        self._form.setRowVisible(self.template, kind is not None)
        self.edit_template.setVisible(kind is not None)
        self.new_template.setVisible(kind is not None)
        self._form.setRowVisible(self.label_start, output is Output.LABELS)
        self._form.setRowVisible(self.separate, kind is not None)
        self._form.setRowVisible(self.holdout, kind is not None)
        self.households.setText(_(PER_HOUSEHOLD[output]))
        self.households.setAccessibleName(self.households.text())
        self._template_chosen()

    def _fill_templates(self, kind: TemplateKind | None, key: str = "") -> None:
        key = key or (self.template.currentData() or "")
        self.template.blockSignals(True)
        self.template.clear()
        if kind is not None:
            previous = ""
            for info in templates.list_templates(self.session, kind):
                if info.language and previous and info.language != previous:
                    self.template.insertSeparator(self.template.count())
                previous = info.language or previous
                self.template.addItem(template_text(info), info.key)
        self.template.setCurrentIndex(max(0, self.template.findData(key)))
        self.template.blockSignals(False)
        self.template.setToolTip(self.template.currentText())  # no signal came while blocked

    def _template_chosen(self) -> None:
        key = self.template.currentData()
        fields = templates.get_template(self.session, key).fields if key else frozenset()
        for name, edit in self.asked.items():
            self._form.setRowVisible(edit, name in fields)

    def show_role(self) -> None:
        """Grey out what only the owner may do (call again when owner mode starts or ends)."""
        owner = self.session.role is Role.OWNER
        for widget in (self.settings_button, self.edit_template, self.new_template, self.holdout):
            widget.setEnabled(owner)
            widget.setToolTip("" if owner else _("Only the owner may change this."))

    def _changed(self) -> None:
        if self.plan is not None:
            self._enable_output(False)
            self.message.error(_("The choices changed: press Preview again before printing."))

    def _enable_output(self, on: bool) -> None:
        self.print_button.setEnabled(on)
        self.save_button.setEnabled(on)

    def request(self) -> LetterRequest:
        output = self.chosen_output
        return LetterRequest(
            output,
            self.selection.text(),
            template_key=self.template.currentData() or "" if output.template_kind else "",
            households=self.households.isChecked(),
            extra={name: edit.text() for name, edit in self.asked.items()},
            label_start=self.label_start.value(),
            holdout_share=self.holdout.share() if output.template_kind else 0.0,
        )

    # Preview -------------------------------------------------------------------------------

    def make_preview(self) -> None:
        """Work the batch out and draw it on a worker thread, then show its pages."""
        request = self.request()
        self._previews += 1
        out = self.preview_folder / f"preview-{self._previews}.pdf"
        session = self.session
        self.message.clear()
        self.summary.clear()

        def work(progress: CancelToken) -> tuple[BatchPlan, PrintResult | None]:
            worker = session.twin()  # opened on the worker's thread, which owns the connection
            try:
                plan = letters.plan_batch(worker, request)
            finally:
                worker.close()
            if not plan.pieces:
                return plan, None
            drawing = DRAWING[plan.request.output]
            tick = worded(progress, lambda s: step_text(drawing, s))
            return plan, letters.write_batch(plan, out, progress=tick)

        self.task = run_in_background(
            self,
            _("Preparing the preview…"),
            work,
            self._previewed,
            self._failed,
            on_cancelled=self._cancelled,
        )

    def _previewed(self, outcome: tuple[BatchPlan, PrintResult | None]) -> None:
        plan, result = outcome
        self.plan, self.result, self._recorded = plan, result, False
        if plan.pieces:
            self.summary.done(plan.summary())
        else:
            self.summary.error(_("Nobody to print for: {summary}.", summary=plan.summary()))
        notes = [
            _("{field} is blank on {count} of them.", field=f"{{{name}}}", count=f"{count:,}")
            for name, count in plan.blank.items()
        ]
        self.notes.setText(" ".join(notes))
        self.notes.setVisible(bool(notes))
        self.left_out.show_plan(plan)
        self.preview.clear()
        self._remove_old_previews(keep=result.paths[0] if result else None)
        if result is None:
            self._enable_output(False)
            return
        self.preview.load(result.paths[0])
        self._enable_output(True)

    def _remove_old_previews(self, keep: Path | None) -> None:
        for path in self.preview_folder.glob("preview-*.pdf"):
            if path != keep:
                path.unlink(missing_ok=True)

    def _failed(self, exc: BaseException) -> None:
        self.plan = None
        self._enable_output(False)
        self.left_out.show_plan(None)
        self.notes.setVisible(False)
        if isinstance(exc, ValidationError):
            self.summary.error(" ".join(exc.fields.values()))
            named = [self.asked[name] for name in exc.fields if name in self.asked]
            if named:
                named[0].setFocus()
        elif isinstance(exc, ShopError):
            self.summary.error(exc.message)
        else:
            show_error(self, exc)

    def _cancelled(self) -> None:
        self.plan = None
        self._enable_output(False)
        self.summary.error(_("Cancelled: nothing was printed."))

    # Print and save ------------------------------------------------------------------------

    def print_batch(self) -> None:
        """The system's print dialog, then every page (or the chosen ones) to the printer."""
        if self.plan is None:
            return
        printer = ask_printer(self, self.preview.document)
        if printer is not None:
            self.print_to(printer)

    def print_to(self, printer: QPrinter) -> BackgroundTask[int] | None:
        """Print the previewed pages on ``printer`` on a worker thread, with a progress bar
        whose Cancel stops the job; record the batch once every page went."""
        if self.preview.path is None:
            return None
        self.message.clear()

        def printed(pages: int) -> None:
            self._record(sent_pages(pages))

        self.task = print_in_background(
            self, self.preview.path, printer, printed, self._print_failed, self._print_cancelled
        )
        return self.task

    def _print_cancelled(self) -> None:
        sent = self.task.reached if self.task is not None else None
        self.message.error(printing_stopped(sent))

    def _print_failed(self, exc: BaseException) -> None:
        if isinstance(exc, ShopError):
            self.message.error(exc.message)
        else:
            show_error(self, exc)

    def save_batch(self) -> None:
        """Save the previewed PDF, or one PDF per customer into a folder."""
        if self.plan is None or self.result is None:
            return
        if self.separate.isChecked() and self.plan.request.output.template_kind is not None:
            self._save_separate()
            return
        target = ask_save_path(
            self, _("Save as PDF"), self._suggested_name(), _("PDF files (*.pdf)")
        )
        if target is None:
            return
        if target.suffix.lower() != ".pdf":
            target = target.with_suffix(".pdf")
        try:
            copy_whole(self.result.paths[0], target)
            letters.record_file_export(self.session, self.plan, target)
        except ShopError as exc:
            self.message.error(exc.message)
            return
        self._record(_("Saved to {path}.", path=target))

    def _save_separate(self) -> None:
        assert self.plan is not None
        folder = QFileDialog.getExistingDirectory(
            self, _("Save one PDF per customer in"), str(documents_folder())
        )
        if not folder:
            return
        plan = self.plan

        def work(progress: CancelToken) -> PrintResult:
            tick = worded(progress, lambda s: step_text(SAVING, s))
            return letters.write_batch(plan, Path(folder), separate_files=True, progress=tick)

        def saved(result: PrintResult) -> None:
            self._record(saved_files(len(result.paths), folder))

        self.task = run_in_background(
            self,
            _("Saving one file per customer…"),
            work,
            saved,
            self._failed,
            on_cancelled=lambda: self.message.error(_("Cancelled: no file was saved.")),
        )

    def _suggested_name(self) -> str:
        assert self.plan is not None
        output = self.plan.request.output
        what = self.plan.template.name if self.plan.template else _(OUTPUTS[output])
        return f"{what} {self.session.today().isoformat()}.pdf"

    def _record(self, done: str) -> None:
        """Write on the cards that the batch went out (once per preview)."""
        assert self.plan is not None
        if self._recorded or self.plan.request.output.template_kind is None:
            self.message.done(done)
            return
        try:
            batch_id = letters.record_batch(self.session, self.plan)
        except ShopError as exc:
            self.message.error(
                _("{done} But it could not be recorded: {problem}", done=done, problem=exc.message)
            )
            return
        self._recorded = True
        self.message.done(_("{done} Recorded on each customer's card.", done=done))
        if batch_id is not None:
            self.batchRecorded.emit(batch_id)

    # Settings and templates ----------------------------------------------------------------

    def _open_settings(self) -> None:
        dialog = LetterSettingsDialog(self.session, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self._changed()

    def _edit_template(self) -> None:
        key = self.template.currentData()
        if key:
            self._open_editor(templates.get_template(self.session, key))

    def _open_editor(self, info: templates.TemplateInfo | None) -> None:
        kind = self.chosen_output.template_kind or TemplateKind.LETTER
        editor = TemplateEditor(self.session, info, kind, self)
        if editor.exec() != QDialog.DialogCode.Accepted:
            return
        key = editor.saved.key if editor.saved else ""
        self._fill_templates(kind, key)
        self._template_chosen()
        self._changed()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.preview.clear()
        self._temporary.cleanup()
        super().closeEvent(event)
