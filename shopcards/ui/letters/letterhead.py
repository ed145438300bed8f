"""The letterhead and printing settings, set once by the owner and used by every letter.

The shop's name, address, phone and e-mail, its logo, the owner's scanned signature and name,
the closing words; the paper, the card fold, the envelope size, the label sheet (or the
measurements of a custom one) and a printer offset. The inputs come from the settings'
declarations (core.settings); each value that will not do is named next to its input when Save
is pressed, and nothing is saved then; one another desk changed meanwhile brings up the
conflict dialog (see setting_fields.save_form).
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QGroupBox,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from shopcards.core.errors import ShopError, ValidationError
from shopcards.core.i18n import _
from shopcards.core.settings import ShopSettings
from shopcards.services import letter_setup
from shopcards.services.session import Session
from shopcards.services.settings import current_settings, save_letter_settings
from shopcards.ui.kit.theme import MARGIN
from shopcards.ui.kit.widgets import MessageLabel, ok_cancel
from shopcards.ui.kit.window_fit import fit_to_screen
from shopcards.ui.settings.fields import SettingsForm, form_layout, save_form

CUSTOM_SHEET = tuple(key for key in letter_setup.SHEET_SETTINGS if key != "label_sheet")


class LetterSettingsDialog(QDialog):
    """The owner's letterhead and printing settings."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self.setWindowTitle(_("Letterhead and printing"))
        self.setAccessibleName(_("Letterhead and printing"))
        fit_to_screen(self, 620, 720)
        self.form = SettingsForm(current_settings(session))
        self.message = MessageLabel()
        body = QWidget()
        column = QVBoxLayout(body)
        column.setSpacing(MARGIN)
        column.addWidget(self._group(_("Letterhead"), letter_setup.LETTERHEAD))
        column.addWidget(self._group(_("Printing"), letter_setup.PRINTING))
        self.custom = self._group(_("Custom label sheet"), CUSTOM_SHEET)
        column.addWidget(self.custom)
        column.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        buttons = ok_cancel(_("Save"), self.save, self.reject)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(MARGIN, MARGIN, MARGIN, MARGIN)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        sheet = self.form.fields["label_sheet"].widget
        assert isinstance(sheet, QComboBox)
        self.sheet = sheet
        self.sheet.currentIndexChanged.connect(self._sheet_chosen)
        self._sheet_chosen()

    def _group(self, title: str, keys: tuple[str, ...]) -> QGroupBox:
        box = QGroupBox(title)
        box.setAccessibleName(title)
        form = form_layout()
        box.setLayout(form)
        self.form.add_rows(form, keys)
        return box

    def _sheet_chosen(self) -> None:
        self.custom.setVisible(self.sheet.currentData() == "custom")

    def save(self) -> None:
        self.message.clear()
        try:
            saved = save_form(self, self.form, self._session, self.message, self._save_values)
        except ValidationError as exc:
            self.form.show_refusal(exc)
            self.message.error(_("Please check the settings marked in red; nothing was saved."))
            return
        except ShopError as exc:
            self.message.error(exc.message)
            return
        if saved:
            self.accept()

    def _save_values(self, base: ShopSettings) -> None:
        save_letter_settings(self._session, base=base, **self.form.values())
