"""The letterhead and printing settings, set once by the owner and used by every letter.

The shop's name, address, phone and e-mail, its logo, the owner's scanned signature and name,
the closing words; the paper, the card fold, the envelope size, the label sheet (or the
measurements of a custom one) and a printer offset. Each value that will not do is named next
to its input when Save is pressed, and nothing is saved then.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from shopcards.core.errors import ShopError, ValidationError
from shopcards.core.settings import ShopSettings
from shopcards.services import letter_setup
from shopcards.services.session import Session
from shopcards.ui.theme import MARGIN, SPACING
from shopcards.ui.till_widgets import MessageLabel, button, line_edit
from shopcards.ui.window_fit import fit_to_screen

PICTURES = "Pictures (*.png *.jpg *.jpeg)"
CHOICES: dict[str, dict[str, str]] = {
    "letter_paper": {"A4": "A4", "Letter": "US Letter"},
    "card_fold": {"quarter": "One side, folded twice", "half": "Both sides, folded once"},
    "envelope_size": {
        "DL": "DL (110 × 220 mm)",
        "C5": "C5 (162 × 229 mm)",
        "C6": "C6 (114 × 162 mm)",
        "US10": "US #10",
    },
    "label_sheet": {
        "L7160": "Avery L7160 (21 per A4)",
        "L7163": "Avery L7163 (14 per A4)",
        "5160": "Avery 5160 (30 per Letter)",
        "5163": "Avery 5163 (10 per Letter)",
        "custom": "Custom sheet…",
    },
}
LABELS = {
    "shop_name": "Shop name", "shop_address": "Address", "shop_phone": "Phone",
    "shop_email": "E-mail", "letterhead_logo": "Logo", "signature_image": "Signature",
    "signer_name": "Signed by", "letter_closing": "Closing words", "letter_paper": "Paper",
    "card_fold": "Greeting cards", "envelope_size": "Envelopes", "label_sheet": "Label sheet",
    "printer_offset_x_mm": "Labels: move right (mm)",
    "printer_offset_y_mm": "Labels: move down (mm)",
    "label_custom_page_width": "Page width (mm)", "label_custom_page_height": "Page height (mm)",
    "label_custom_rows": "Rows", "label_custom_columns": "Columns",
    "label_custom_label_width": "Label width (mm)", "label_custom_label_height":
    "Label height (mm)", "label_custom_top": "Top margin (mm)",
    "label_custom_left": "Left margin (mm)", "label_custom_h_gap": "Gap across (mm)",
    "label_custom_v_gap": "Gap down (mm)",
}  # fmt: skip


class _PicturePicker(QWidget):
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


class LetterSettingsDialog(QDialog):
    """The owner's letterhead and printing settings."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self.setWindowTitle("Letterhead and printing")
        self.setAccessibleName("Letterhead and printing")
        fit_to_screen(self, 620, 720)
        current = session.settings
        self._read: dict[str, Callable[[], Any]] = {}
        self._errors: dict[str, MessageLabel] = {}
        self.message = MessageLabel()
        body = QWidget()
        column = QVBoxLayout(body)
        column.setSpacing(MARGIN)
        column.addWidget(self._letterhead(current))
        column.addWidget(self._printing(current))
        self.custom = self._custom_sheet(current)
        column.addWidget(self.custom)
        column.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Save).setAccessibleName("Save")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setAccessibleName("Cancel")
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(MARGIN, MARGIN, MARGIN, MARGIN)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self._sheet_chosen()

    # Building ------------------------------------------------------------------------------

    def _group(self, title: str) -> tuple[QGroupBox, QFormLayout]:
        box = QGroupBox(title)
        box.setAccessibleName(title)
        form = QFormLayout(box)
        form.setSpacing(SPACING)
        return box, form

    def _row(self, form: QFormLayout, name: str, widget: QWidget, read: Callable[[], Any]) -> None:
        """A labelled input with a red line under it for its own mistake."""
        error = MessageLabel(f"{LABELS[name]} problem")
        error.setVisible(False)
        holder = QWidget()
        stack = QVBoxLayout(holder)
        stack.setContentsMargins(0, 0, 0, 0)
        stack.setSpacing(2)
        stack.addWidget(widget)
        stack.addWidget(error)
        form.addRow(LABELS[name], holder)
        self._read[name] = read
        self._errors[name] = error

    def _text(self, form: QFormLayout, name: str, value: str) -> QLineEdit:
        edit = line_edit(LABELS[name])
        edit.setText(value)
        self._row(form, name, edit, edit.text)
        return edit

    def _letterhead(self, current: ShopSettings) -> QGroupBox:
        box, form = self._group("Letterhead")
        self._text(form, "shop_name", current.shop_name)
        address = QPlainTextEdit(current.shop_address)
        address.setAccessibleName(LABELS["shop_address"])
        address.setTabChangesFocus(True)
        address.setFixedHeight(self.fontMetrics().lineSpacing() * 4 + 2 * MARGIN)
        self._row(form, "shop_address", address, address.toPlainText)
        self._text(form, "shop_phone", current.shop_phone)
        self._text(form, "shop_email", current.shop_email)
        for name in ("letterhead_logo", "signature_image"):
            picker = _PicturePicker(LABELS[name], getattr(current, name))
            self._row(form, name, picker, picker.path.text)
        self._text(form, "signer_name", current.signer_name)
        self._text(form, "letter_closing", current.letter_closing)
        return box

    def _combo(self, form: QFormLayout, name: str, value: str) -> QComboBox:
        combo = QComboBox()
        combo.setAccessibleName(LABELS[name])
        for code, label in CHOICES[name].items():
            combo.addItem(label, code)
        combo.setCurrentIndex(max(0, combo.findData(value)))
        self._row(form, name, combo, combo.currentData)
        return combo

    def _number(
        self,
        form: QFormLayout,
        name: str,
        value: float,
        low: float,
        high: float,
        whole: bool = False,
    ) -> None:
        spin: QSpinBox | QDoubleSpinBox
        if whole:
            spin = QSpinBox()
            spin.setRange(int(low), int(high))
            spin.setValue(int(value))
        else:
            spin = QDoubleSpinBox()
            spin.setDecimals(2)
            spin.setSingleStep(0.5)
            spin.setRange(low, high)
            spin.setValue(float(value))
        spin.setAccessibleName(LABELS[name])
        self._row(form, name, spin, spin.value)

    def _printing(self, current: ShopSettings) -> QGroupBox:
        box, form = self._group("Printing")
        for name in ("letter_paper", "card_fold", "envelope_size"):
            self._combo(form, name, getattr(current, name))
        self.sheet = self._combo(form, "label_sheet", current.label_sheet)
        self.sheet.currentIndexChanged.connect(self._sheet_chosen)
        for name in ("printer_offset_x_mm", "printer_offset_y_mm"):
            self._number(form, name, getattr(current, name), -20, 20)
        return box

    def _custom_sheet(self, current: ShopSettings) -> QGroupBox:
        box, form = self._group("Custom label sheet")
        for name in (
            "page_width",
            "page_height",
            "rows",
            "columns",
            "label_width",
            "label_height",
            "top",
            "left",
            "h_gap",
            "v_gap",
        ):
            key = f"label_custom_{name}"
            whole = name in ("rows", "columns")
            self._number(
                form,
                key,
                getattr(current, key),
                0 if not whole else 1,
                100 if whole else 600,
                whole,
            )
        return box

    def _sheet_chosen(self) -> None:
        self.custom.setVisible(self.sheet.currentData() == "custom")

    # Saving --------------------------------------------------------------------------------

    def values(self) -> dict[str, Any]:
        """What the inputs hold now, by setting name."""
        return {name: read() for name, read in self._read.items()}

    def save(self) -> None:
        for error in self._errors.values():
            error.setVisible(False)
        try:
            letter_setup.save_letter_settings(self._session, **self.values())
        except ValidationError as exc:
            for name, text in exc.fields.items():
                label = self._errors.get(name)
                if label is not None:
                    label.error(text)
                    label.setVisible(True)
            self.message.error("Please check the settings marked in red; nothing was saved.")
            return
        except ShopError as exc:
            self.message.error(exc.message)
            return
        self.accept()
