"""The template editor: a letter's or card's words, with bold, italic and merge fields.

Beside the text is every merge field with what it holds; clicking one puts it where the cursor
was (in the text or the subject line). The template is checked as it is typed: each mistake is
listed under the text with the input, line and column it is in ("Text, line 3, column 15:
unknown merge field {last_vist}; did you mean {last_visit}?"), and is underlined in red. Save
refuses a template with a mistake, so nothing misspelled is ever printed.

When another desk saved, put back or deleted the same template since it was opened here, Save
(or Delete) says what changed there and offers "Reload theirs" or "Keep mine", as the card form
does.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from shopcards.core.errors import Conflict, NotFound, ShopError
from shopcards.core.i18n import N_, _
from shopcards.core.template_problems import TemplateError
from shopcards.core.templates import MERGE_FIELDS, TemplateKind
from shopcards.services import templates
from shopcards.services.session import Session
from shopcards.services.templates import TemplateInfo, TemplateParts, split_text, where
from shopcards.ui.kit.conflict_dialog import ConflictChoice, ConflictDialog
from shopcards.ui.kit.theme import ERROR_COLOUR, MARGIN, SPACING
from shopcards.ui.kit.widgets import MessageLabel, button, line_edit
from shopcards.ui.kit.window_fit import fit_to_screen

CHECK_AFTER_MS = 250
FIELD_ROLE = Qt.ItemDataRole.UserRole
_KINDS = {TemplateKind.LETTER: N_("Letter"), TemplateKind.CARD: N_("Greeting card")}


class TemplateEditor(QDialog):
    """Edit ``info`` (a built-in or the owner's own), or write a new template of ``kind``.

    After Save, ``saved`` holds the template as stored; after Reset or Delete, ``removed`` is
    True and ``saved`` the built-in as it came (or None when the template is gone).
    """

    def __init__(
        self,
        session: Session,
        info: TemplateInfo | None = None,
        kind: TemplateKind = TemplateKind.LETTER,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._session = session
        self.saved: TemplateInfo | None = None
        self.removed = False
        fit_to_screen(self, 960, 640)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(CHECK_AFTER_MS)
        self._timer.timeout.connect(self.check)
        self._build(kind)
        self._fill(info)
        self._target: QLineEdit | QPlainTextEdit = self.body
        for widget in (self.name, self.occasion, self.heading):
            widget.textChanged.connect(self._timer.start)
        self.body.textChanged.connect(self._timer.start)
        self.check()

    # Building --------------------------------------------------------------------------------

    def _build(self, kind: TemplateKind) -> None:
        self.name = line_edit(_("Name"))
        self.kind = QComboBox()
        self.kind.setAccessibleName(_("Kind"))
        for value, label in _KINDS.items():
            self.kind.addItem(_(label), value)
        self.kind.setCurrentIndex(self.kind.findData(kind))
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.occasion = line_edit(_("Occasion"), _("e.g. birthday, christmas, diwali"))
        self.heading = line_edit(_("Subject"))
        self.heading_label = QLabel()
        self.body = QPlainTextEdit()
        self.body.setAccessibleName(_("Text"))
        self.body.setTabChangesFocus(True)
        for widget in (self.heading, self.body):
            widget.installEventFilter(self)
        self.problems = MessageLabel(_("Mistakes"))
        self.problems.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        form = QFormLayout()
        form.setSpacing(SPACING)
        form.addRow(_("Name"), self.name)
        form.addRow(_("Kind"), self.kind)
        form.addRow(_("Occasion"), self.occasion)
        form.addRow(self.heading_label, self.heading)
        left = QVBoxLayout()
        left.setSpacing(SPACING)
        left.addLayout(form)
        left.addLayout(self._style_buttons())
        left.addWidget(self.body, 1)
        left.addWidget(self.problems)
        top = QHBoxLayout()
        top.setSpacing(MARGIN)
        top.addLayout(left, 3)
        top.addLayout(self._field_list(), 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(MARGIN, MARGIN, MARGIN, MARGIN)
        layout.setSpacing(SPACING)
        layout.addLayout(top, 1)
        layout.addWidget(self._buttons())

    def _fill(self, info: TemplateInfo | None) -> None:
        """Show ``info`` (or a blank template of the chosen kind) and remember its version."""
        self._info = info
        parts = split_text(info.text) if info else TemplateParts("", self.parts().kind)
        title = _("Edit template: {name}", name=info.name) if info else _("New template")
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        self.name.setText(parts.name)
        self.kind.setCurrentIndex(self.kind.findData(parts.kind))
        self.kind.setEnabled(info is None)
        self.occasion.setText(parts.occasion.replace("_", " "))
        self.heading.setText(parts.heading)
        self.body.setPlainText(parts.body)
        removable = info is not None and (info.edited or not info.built_in)
        built_in = info is not None and info.built_in
        label = _("Put back as it came") if built_in else _("Delete template")
        self.remove_button.setText(label)
        self.remove_button.setAccessibleName(label)
        self.remove_button.setVisible(removable)
        self._kind_changed()

    def _style_buttons(self) -> QHBoxLayout:
        row = QHBoxLayout()
        row.setSpacing(SPACING)
        for label, tip, marks in (
            (_("Bold"), _("Make the chosen words bold: **words**"), "**"),
            (_("Italic"), _("Make the chosen words italic: *words*"), "*"),
        ):
            widget = button(label)
            widget.setToolTip(tip)
            widget.clicked.connect(lambda _checked=False, m=marks: self.emphasise(m))
            row.addWidget(widget)
        hint = QLabel(_("A blank line starts a new paragraph."))
        hint.setEnabled(False)
        row.addWidget(hint, 1)
        return row

    def _field_list(self) -> QVBoxLayout:
        self.fields = QListWidget()
        self.fields.setAccessibleName(_("Merge fields"))
        self.fields.setWordWrap(True)
        self.fields.setAlternatingRowColors(True)
        for name, text in MERGE_FIELDS.items():
            item = QListWidgetItem(f"{{{name}}}\n{_(text)}")
            item.setData(FIELD_ROLE, name)
            item.setToolTip(_("Click to put {field} where the cursor is", field=f"{{{name}}}"))
            self.fields.addItem(item)
        self.fields.itemClicked.connect(lambda item: self.insert_field(item.data(FIELD_ROLE)))
        column = QVBoxLayout()
        column.setSpacing(SPACING)
        column.addWidget(QLabel(_("Merge fields — click one to put it in")))
        column.addWidget(self.fields, 1)
        return column

    def _buttons(self) -> QDialogButtonBox:
        box = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button = box.button(QDialogButtonBox.StandardButton.Save)
        box.button(QDialogButtonBox.StandardButton.Cancel).setAccessibleName(_("Cancel"))
        self.save_button.setAccessibleName(_("Save"))
        self.remove_button = button(_("Delete template"))
        self.remove_button.clicked.connect(self._remove)
        box.addButton(self.remove_button, QDialogButtonBox.ButtonRole.DestructiveRole)
        box.accepted.connect(self.save)
        box.rejected.connect(self.reject)
        return box

    # What the person does ------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusIn:
            if watched is self.heading:
                self._target = self.heading
            elif watched is self.body:
                self._target = self.body
        return super().eventFilter(watched, event)

    def insert_field(self, name: str) -> None:
        """Put ``{name}`` where the cursor was, in the text or the subject line."""
        if isinstance(self._target, QLineEdit):
            self._target.insert(f"{{{name}}}")
        else:
            self._target.insertPlainText(f"{{{name}}}")
        self._target.setFocus()

    def emphasise(self, marks: str) -> None:
        """Wrap the chosen words of the text in ``**`` or ``*`` (or put a pair at the cursor)."""
        cursor = self.body.textCursor()
        chosen = cursor.selectedText()
        cursor.insertText(f"{marks}{chosen}{marks}")
        if not chosen:
            cursor.movePosition(QTextCursor.MoveOperation.Left, n=len(marks))
            self.body.setTextCursor(cursor)
        self.body.setFocus()

    def parts(self) -> TemplateParts:
        kind = TemplateKind(self.kind.currentData())
        return TemplateParts(
            self.name.text(),
            kind,
            self.occasion.text(),
            self.heading.text(),
            self.body.toPlainText(),
        )

    def check(self) -> bool:
        """Check the template now; list and underline its mistakes. True when there are none."""
        parts = self.parts()
        try:
            template = templates.check(parts)
        except TemplateError as exc:
            lines = []
            for problem in exc.problems:
                label, line, column = where(problem, parts.kind)
                lines.append(
                    _(
                        "{input}, line {line}, column {column}: {problem}",
                        input=_(label),
                        line=line,
                        column=column,
                        problem=problem.message,
                    )
                    if label == templates.INPUTS["body"]
                    else _(
                        "{input}, column {column}: {problem}",
                        input=_(label),
                        column=column,
                        problem=problem.message,
                    )
                )
            self.problems.error("\n".join(lines))
            self._underline(exc, parts.kind)
            return False
        self._underline(None, parts.kind)
        used = ", ".join(f"{{{name}}}" for name in sorted(template.fields)) or _("none")
        self.problems.done(_("No mistakes. Merge fields used: {fields}.", fields=used))
        return True

    def _underline(self, exc: TemplateError | None, kind: TemplateKind) -> None:
        marks: list[QTextEdit.ExtraSelection] = []
        for problem in exc.problems if exc else ():
            label, line, column = where(problem, kind)
            if label != templates.INPUTS["body"]:
                continue
            block = self.body.document().findBlockByNumber(line - 1)
            cursor = QTextCursor(block)
            cursor.movePosition(QTextCursor.MoveOperation.Right, n=column - 1)
            length = len(problem.field) + 2 if problem.field else 1
            cursor.movePosition(
                QTextCursor.MoveOperation.Right, QTextCursor.MoveMode.KeepAnchor, length
            )
            mark = QTextEdit.ExtraSelection()
            mark.cursor = cursor
            style = QTextCharFormat()
            style.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
            style.setUnderlineColor(QColor(ERROR_COLOUR["light"]))
            mark.format = style
            marks.append(mark)
        self.body.setExtraSelections(marks)

    def save(self) -> None:
        self._timer.stop()
        if not self.check():
            return
        try:
            self.saved = templates.save_template(self._session, self.parts(), self._info)
        except Conflict as exc:
            self._conflict(exc)
        except ShopError as exc:
            self.problems.error(exc.message)
        else:
            self.accept()

    def _remove(self) -> None:
        assert self._info is not None
        name = self._info.name
        question = (
            _("“{name}”: put it back as it came with shopcards?", name=name)
            if self._info.built_in
            else _("“{name}”: delete it for good?", name=name)
        )
        answer = QMessageBox.question(self, self.windowTitle(), question)
        if answer == QMessageBox.StandardButton.Yes:
            self._delete()

    def _delete(self) -> None:
        assert self._info is not None
        try:
            self.saved = templates.remove_template(self._session, self._info)
        except Conflict as exc:
            self._conflict(exc, deleting=True)
        except ShopError as exc:
            self.problems.error(exc.message)
        else:
            self._gone()

    def _gone(self) -> None:
        self.removed = True
        self.accept()

    def _conflict(self, exc: Conflict, deleting: bool = False) -> None:
        """Another desk changed this template: show theirs, or save (or delete) this desk's
        version over theirs. Deleted there, it has nothing to reload and nothing left to delete,
        so the editor closes; or "Keep mine" saves it anew as a template of the owner's."""
        assert self._info is not None
        choice = ConflictDialog(exc.message, exc.changed_fields, self).ask()
        if choice is ConflictChoice.BACK:
            return
        try:
            current: TemplateInfo | None = templates.get_template(self._session, self._info.key)
        except NotFound:
            current = None
        if current is None and (deleting or choice is ConflictChoice.RELOAD_THEIRS):
            self.saved = None
            self._gone()
        elif choice is ConflictChoice.RELOAD_THEIRS:
            self._fill(current)
        elif deleting:
            self._info = current
            self._delete()
        else:
            self._info = current
            self.save()

    def _kind_changed(self) -> None:
        card = TemplateKind(self.kind.currentData()) is TemplateKind.CARD
        label = _("Front") if card else _("Subject")
        self.heading_label.setText(label)
        self.heading.setAccessibleName(label)
        self.heading.setPlaceholderText(
            _("the title on the card's front")
            if card
            else _("the bold line above the text (may use fields)")
        )
        self._timer.start()
