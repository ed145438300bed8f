"""Inputs built from the settings' declarations (core.settings): a list for a setting with
choices, a spin box with the declared range, a line or a box of lines for text, a file chooser
for a picture. The Settings window, the first-start setup, and the letters' and insights'
settings dialogs all build their fields here, so a range or a choice is written down once.

Each input sits over a red line of its own: a refused save names its problem there.

Every form remembers the settings it was filled from, and :func:`save_form` hands them to the
save, so a setting another desk changed meanwhile brings up the same conflict dialog a card
does: "Reload theirs" refills the fields, "Keep mine" saves over.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from shopcards.core.errors import Conflict, ValidationError
from shopcards.core.i18n import N_, _
from shopcards.core.money import NotAnAmount, format_for_typing, parse_amount
from shopcards.core.settings import BY_KEY, Setting, ShopSettings
from shopcards.services.session import Session
from shopcards.services.settings import current_settings
from shopcards.ui.kit.conflict_dialog import ConflictChoice, ConflictDialog
from shopcards.ui.kit.language import said
from shopcards.ui.kit.theme import MARGIN, SPACING
from shopcards.ui.kit.widgets import MessageLabel, button, line_edit

PICTURES = N_("Pictures (*.png *.jpg *.jpeg)")
WIDEST = 10**9
"""The top of a spin box whose setting has no upper bound."""


class PicturePicker(QWidget):
    """A picture file's path with Choose… and Remove."""

    def __init__(self, name: str, path: str) -> None:
        super().__init__()
        self.path = line_edit(name, _("no picture"))
        self.path.setText(path)
        choose = button(_("Choose…"), _("Choose {picture}", picture=name.lower()))
        remove = button(_("Remove"), _("Remove {picture}", picture=name.lower()))
        choose.clicked.connect(self._choose)
        remove.clicked.connect(self.path.clear)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(SPACING)
        row.addWidget(self.path, 1)
        row.addWidget(choose)
        row.addWidget(remove)

    def _choose(self) -> None:
        chosen, _filter = QFileDialog.getOpenFileName(
            self, self.path.accessibleName(), self.path.text(), _(PICTURES)
        )
        if chosen:
            self.path.setText(chosen)


class SettingField:
    """One setting's input (``widget``), the holder with its red line, and how to read it."""

    def __init__(self, setting: Setting, value: Any, settings: ShopSettings) -> None:
        self.setting = setting
        self.widget, self._read, self.show = _input(setting, settings)
        self.show(value)
        self.error = MessageLabel(_("{setting} problem", setting=label_of(setting)))
        self.error.setVisible(False)
        if setting.about:
            self.widget.setToolTip(said(setting.about))
            self.widget.setAccessibleDescription(said(setting.about))
        self.holder = QWidget()
        stack = QVBoxLayout(self.holder)
        stack.setContentsMargins(0, 0, 0, 0)
        stack.setSpacing(2)
        stack.addWidget(self.widget)
        stack.addWidget(self.error)

    def value(self) -> Any:
        """What the input holds, as the setting's type; ValueError if it cannot be read."""
        return self._read()

    def show_problem(self, text: str) -> None:
        self.error.error(text[:1].upper() + text[1:])
        self.error.setVisible(True)

    def clear_problem(self) -> None:
        self.error.clear()
        self.error.setVisible(False)


class SettingsForm:
    """The fields of several settings, read and shown together."""

    def __init__(self, settings: ShopSettings) -> None:
        self.settings = settings
        self.fields: dict[str, SettingField] = {}

    def add_rows(self, form: QFormLayout, keys: Iterable[str]) -> None:
        """A labelled row per setting; a yes/no box carries its own label."""
        for key in keys:
            field = SettingField(BY_KEY[key], getattr(self.settings, key), self.settings)
            self.fields[key] = field
            label = "" if field.setting.kind is bool else label_of(field.setting)
            form.addRow(label, field.holder)

    def values(self) -> dict[str, Any]:
        """Every field's value by key; ValidationError names those that cannot be read."""
        values: dict[str, Any] = {}
        problems: dict[str, str] = {}
        for key, field in self.fields.items():
            try:
                values[key] = field.value()
            except ValueError as exc:
                problems[key] = str(exc)
        if problems:
            raise ValidationError(problems)
        return values

    def show_refusal(self, exc: ValidationError) -> list[str]:
        """Each problem under its field; the labels of the fields named, in form order."""
        self.clear()
        for key, text in exc.fields.items():
            if key in self.fields:
                self.fields[key].show_problem(text)
        return [label_of(f.setting) for key, f in self.fields.items() if key in exc.fields]

    def changes(self) -> dict[str, Any]:
        """The fields' values that differ from the settings the form was filled from."""
        return {key: v for key, v in self.values().items() if v != getattr(self.settings, key)}

    def rebase(self, settings: ShopSettings, keep: Iterable[str] = ()) -> None:
        """Fill the fields from ``settings`` (as stored now), but those in ``keep``, which hold
        on to what was typed; later saves start from ``settings``."""
        kept = set(keep)
        for key, field in self.fields.items():
            if key not in kept:
                field.show(getattr(settings, key))
        self.settings = settings
        self.clear()

    def clear(self) -> None:
        for field in self.fields.values():
            field.clear_problem()


def form_layout() -> QFormLayout:
    """A form whose fields grow with the window and whose labels stay beside them."""
    form = QFormLayout()
    form.setSpacing(SPACING)
    form.setContentsMargins(MARGIN, MARGIN, MARGIN, MARGIN)
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
    return form


def save_form(
    parent: QWidget,
    form: SettingsForm,
    session: Session,
    message: MessageLabel,
    save: Callable[[ShopSettings], object],
) -> bool:
    """Run ``save`` from the settings the form was filled from; True once saved.

    When another desk changed one of the settings being changed here, ask: "Reload theirs"
    shows what is stored now in those fields (the other changes typed here stay, for the next
    Save); "Keep mine" saves this desk's values over theirs. A setting nobody changed here is
    refilled either way, so a later save cannot put its old value back.
    """
    try:
        save(form.settings)
        return True
    except Conflict as exc:
        choice = ConflictDialog(exc.message, exc.changed_fields, parent).ask()
    if choice is ConflictChoice.BACK:
        message.error(_("Changed at another desk; nothing was saved."))
        return False
    mine = set(form.changes())
    theirs = current_settings(session)
    if choice is ConflictChoice.KEEP_MINE:
        form.rebase(theirs, keep=mine)
        save(form.settings)
        return True
    clashing = {key for key in mine if getattr(theirs, key) != getattr(form.settings, key)}
    form.rebase(theirs, keep=mine - clashing)
    message.error(_("The other desk's settings are shown; nothing was saved yet."))
    return False


def please_check(labels: list[str]) -> str:
    """What a refused save says under the form: the fields to look at, by their labels."""
    # Translators: {fields} is a list of the settings' labels, "Shop name, Currency".
    return _("Please check: {fields}. Nothing was saved.", fields=_(", ").join(labels))


def label_of(setting: Setting) -> str:
    """The setting's label in the language in use (core.settings marks it for the catalogue)."""
    return said(setting.label)


Reader = Callable[[], Any]
Writer = Callable[[Any], None]


def _input(setting: Setting, settings: ShopSettings) -> tuple[QWidget, Reader, Writer]:
    """The input the declaration asks for, how to read it back, and how to fill it."""
    if setting.options():
        return _combo(setting)
    if setting.kind is bool:
        box = QCheckBox(label_of(setting))
        return _named(box, setting), box.isChecked, lambda value: box.setChecked(bool(value))
    if setting.shown_as == "money":
        return _money(setting, settings)
    if setting.shown_as == "percent":
        return _percent(setting)
    if setting.kind is int:
        return _whole(setting)
    if setting.kind is float:
        return _decimal(setting)
    if setting.shown_as == "picture":
        picker = PicturePicker(label_of(setting), "")
        return picker, picker.path.text, picker.path.setText
    if setting.shown_as == "lines":
        lines = QPlainTextEdit()
        lines.setTabChangesFocus(True)
        lines.setFixedHeight(lines.fontMetrics().lineSpacing() * 4 + 2 * MARGIN)
        return _named(lines, setting), lines.toPlainText, lines.setPlainText
    edit = line_edit(label_of(setting))
    return edit, edit.text, edit.setText


def _named(widget: QWidget, setting: Setting) -> QWidget:
    widget.setAccessibleName(label_of(setting))
    return widget


def _combo(setting: Setting) -> tuple[QWidget, Reader, Writer]:
    combo = QComboBox()
    combo.setMaxVisibleItems(20)
    for code, label in setting.options().items():
        combo.addItem(said(label), code)

    def show(value: Any) -> None:
        if combo.findData(value) < 0:  # kept as it is, not silently replaced by the first choice
            combo.addItem(_("{value} (not a choice)", value=value), value)
        combo.setCurrentIndex(combo.findData(value))

    return _named(combo, setting), combo.currentData, show


def _whole(setting: Setting) -> tuple[QWidget, Reader, Writer]:
    spin = QSpinBox()
    low = int(setting.low if setting.low is not None else -WIDEST)
    lowest = low - 1 if setting.optional else low
    spin.setRange(lowest, int(setting.high if setting.high is not None else WIDEST))
    if setting.optional:
        spin.setSpecialValueText(said(setting.none_text))
    spin.setSuffix(said(setting.unit))

    def read() -> int | None:
        return None if setting.optional and spin.value() == lowest else spin.value()

    def show(value: Any) -> None:
        spin.setValue(lowest if value is None else int(value))

    return _named(spin, setting), read, show


def _decimal(setting: Setting) -> tuple[QWidget, Reader, Writer]:
    spin = QDoubleSpinBox()
    spin.setDecimals(2)
    spin.setSingleStep(0.5)
    spin.setRange(
        setting.low if setting.low is not None else -WIDEST,
        setting.high if setting.high is not None else WIDEST,
    )
    spin.setSuffix(said(setting.unit))
    return _named(spin, setting), spin.value, lambda value: spin.setValue(float(value))


def _percent(setting: Setting) -> tuple[QWidget, Reader, Writer]:
    spin = QSpinBox()
    spin.setRange(round((setting.low or 0) * 100), round((setting.high or 1) * 100))
    spin.setSuffix(" %")

    def show(value: Any) -> None:
        spin.setValue(round(float(value) * 100))

    return _named(spin, setting), lambda: spin.value() / 100, show


def _money(setting: Setting, settings: ShopSettings) -> tuple[QWidget, Reader, Writer]:
    edit = line_edit(label_of(setting), said(setting.none_text))

    def show(value: Any) -> None:
        shown = (
            "" if value is None else format_for_typing(value, settings.locale, settings.currency)
        )
        edit.setText(shown)

    def read() -> int | None:
        if not edit.text().strip():
            return None
        try:
            return parse_amount(edit.text(), settings.locale, settings.currency)
        except NotAnAmount as exc:
            raise ValueError(str(exc)) from None

    return edit, read, show
