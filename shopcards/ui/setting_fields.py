"""Inputs built from the settings' declarations (core.settings): a list for a setting with
choices, a spin box with the declared range, a line or a box of lines for text, a file chooser
for a picture. The Settings window, the first-start setup, and the letters' and insights'
settings dialogs all build their fields here, so a range or a choice is written down once.

Each input sits over a red line of its own: a refused save names its problem there.
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

from shopcards.core.errors import ValidationError
from shopcards.core.money import NotAnAmount, format_for_typing, parse_amount
from shopcards.core.settings import BY_KEY, Setting, ShopSettings
from shopcards.ui.theme import MARGIN, SPACING
from shopcards.ui.till_widgets import MessageLabel, button, line_edit

PICTURES = "Pictures (*.png *.jpg *.jpeg)"
WIDEST = 10**9
"""The top of a spin box whose setting has no upper bound."""


class PicturePicker(QWidget):
    """A picture file's path with Choose… and Remove."""

    def __init__(self, name: str, path: str) -> None:
        super().__init__()
        self.path = line_edit(name, "no picture")
        self.path.setText(path)
        choose = button("Choose…", f"Choose {name.lower()}")
        remove = button("Remove", f"Remove {name.lower()}")
        choose.clicked.connect(self._choose)
        remove.clicked.connect(self.path.clear)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(SPACING)
        row.addWidget(self.path, 1)
        row.addWidget(choose)
        row.addWidget(remove)

    def _choose(self) -> None:
        chosen, _ = QFileDialog.getOpenFileName(
            self, self.path.accessibleName(), self.path.text(), PICTURES
        )
        if chosen:
            self.path.setText(chosen)


class SettingField:
    """One setting's input (``widget``), the holder with its red line, and how to read it."""

    def __init__(self, setting: Setting, value: Any, settings: ShopSettings) -> None:
        self.setting = setting
        self.widget, self._read = _input(setting, value, settings)
        self.error = MessageLabel(f"{setting.label} problem")
        self.error.setVisible(False)
        if setting.about:
            self.widget.setToolTip(setting.about)
            self.widget.setAccessibleDescription(setting.about)
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
            label = "" if field.setting.kind is bool else field.setting.label
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
        return [f.setting.label for key, f in self.fields.items() if key in exc.fields]

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


Reader = Callable[[], Any]


def _input(setting: Setting, value: Any, settings: ShopSettings) -> tuple[QWidget, Reader]:
    """The input the declaration asks for, holding ``value``, and how to read it back."""
    if setting.options():
        return _combo(setting, value)
    if setting.kind is bool:
        box = QCheckBox(setting.label)
        box.setChecked(bool(value))
        return _named(box, setting), box.isChecked
    if setting.shown_as == "money":
        return _money(setting, value, settings)
    if setting.shown_as == "percent":
        return _percent(setting, value)
    if setting.kind is int:
        return _whole(setting, value)
    if setting.kind is float:
        return _decimal(setting, value)
    if setting.shown_as == "picture":
        picker = PicturePicker(setting.label, value)
        return picker, picker.path.text
    if setting.shown_as == "lines":
        lines = QPlainTextEdit(value)
        lines.setTabChangesFocus(True)
        lines.setFixedHeight(lines.fontMetrics().lineSpacing() * 4 + 2 * MARGIN)
        return _named(lines, setting), lines.toPlainText
    edit = line_edit(setting.label)
    edit.setText(value)
    return edit, edit.text


def _named(widget: QWidget, setting: Setting) -> QWidget:
    widget.setAccessibleName(setting.label)
    return widget


def _combo(setting: Setting, value: Any) -> tuple[QWidget, Reader]:
    combo = QComboBox()
    combo.setMaxVisibleItems(20)
    for code, label in setting.options().items():
        combo.addItem(label, code)
    if combo.findData(value) < 0:  # kept as it is, not silently replaced by the first choice
        combo.addItem(f"{value} (not a choice)", value)
    combo.setCurrentIndex(combo.findData(value))
    return _named(combo, setting), combo.currentData


def _whole(setting: Setting, value: Any) -> tuple[QWidget, Reader]:
    spin = QSpinBox()
    low = int(setting.low if setting.low is not None else -WIDEST)
    lowest = low - 1 if setting.optional else low
    spin.setRange(lowest, int(setting.high if setting.high is not None else WIDEST))
    if setting.optional:
        spin.setSpecialValueText(setting.none_text)
    spin.setSuffix(setting.unit)
    spin.setValue(lowest if value is None else int(value))

    def read() -> int | None:
        return None if setting.optional and spin.value() == lowest else spin.value()

    return _named(spin, setting), read


def _decimal(setting: Setting, value: Any) -> tuple[QWidget, Reader]:
    spin = QDoubleSpinBox()
    spin.setDecimals(2)
    spin.setSingleStep(0.5)
    spin.setRange(
        setting.low if setting.low is not None else -WIDEST,
        setting.high if setting.high is not None else WIDEST,
    )
    spin.setSuffix(setting.unit)
    spin.setValue(float(value))
    return _named(spin, setting), spin.value


def _percent(setting: Setting, value: Any) -> tuple[QWidget, Reader]:
    spin = QSpinBox()
    spin.setRange(round((setting.low or 0) * 100), round((setting.high or 1) * 100))
    spin.setSuffix(" %")
    spin.setValue(round(float(value) * 100))
    return _named(spin, setting), lambda: spin.value() / 100


def _money(setting: Setting, value: Any, settings: ShopSettings) -> tuple[QWidget, Reader]:
    edit = line_edit(setting.label, setting.none_text)
    if value is not None:
        edit.setText(format_for_typing(value, settings.locale, settings.currency))

    def read() -> int | None:
        if not edit.text().strip():
            return None
        try:
            return parse_amount(edit.text(), settings.locale, settings.currency)
        except NotAnAmount as exc:
            raise ValueError(str(exc)) from None

    return edit, read
