"""The owner's Settings window: every setting the program has, one tab per group, each field
built from its declaration. Save checks everything at once; a value that will not do is named
under its field (and its tab is shown), and then nothing is saved. A setting changed here that
another desk saved meanwhile brings up the conflict dialog (see setting_fields.save_form)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from shopcards.core.errors import ShopError, ValidationError
from shopcards.core.settings import GROUPS, ShopSettings, in_group
from shopcards.services.session import Session
from shopcards.services.settings import current_settings, update_settings
from shopcards.ui.kit.theme import MARGIN
from shopcards.ui.kit.widgets import MessageLabel, ok_cancel
from shopcards.ui.kit.window_fit import fit_to_screen
from shopcards.ui.settings.fields import SettingsForm, form_layout, save_form

TITLE = "Settings"
CUSTOM_SHEET = "label_custom_"


class SettingsWindow(QDialog):
    """Every setting, grouped as core.settings declares them (owner only: the Shop menu asks
    for owner mode first, and the service refuses a clerk anyway)."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setWindowTitle(TITLE)
        self.setAccessibleName(TITLE)
        self.form = SettingsForm(current_settings(session))
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("Setting groups")
        self.pages: dict[str, int] = {}
        for group in GROUPS:
            self._add_page(group)
        self.message = MessageLabel()
        buttons = ok_cancel("Save", self.save, self.reject)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(MARGIN, MARGIN, MARGIN, MARGIN)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        fit_to_screen(self, 720, 600)
        sheet = self.form.fields["label_sheet"].widget
        assert isinstance(sheet, QComboBox)
        sheet.currentIndexChanged.connect(self._sheet_chosen)
        self._sheet_chosen()

    def _add_page(self, group: str) -> None:
        body = QWidget()
        column = QVBoxLayout(body)
        form = form_layout()
        column.addLayout(form)
        column.addStretch(1)
        keys = [setting.key for setting in in_group(group)]
        self.form.add_rows(form, keys)
        for key in keys:
            self.pages[key] = self.tabs.count()
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        scroll.setAccessibleName(group)
        self.tabs.addTab(scroll, group.replace("&", "&&"))

    def _sheet_chosen(self) -> None:
        """The custom sheet's measurements matter only when the label sheet is custom."""
        custom = self.form.fields["label_sheet"].value() == "custom"
        for key, field in self.form.fields.items():
            if key.startswith(CUSTOM_SHEET):
                field.widget.setEnabled(custom)

    def _save_changes(self, base: ShopSettings) -> None:
        """Only what was changed here: a setting with a stored value that will no longer do
        (say, from an older shopcards) does not stop the others being saved."""
        update_settings(self.session, base=base, **self.form.changes())

    def save(self) -> None:
        self.message.clear()
        try:
            if not save_form(self, self.form, self.session, self.message, self._save_changes):
                return
        except ValidationError as exc:
            named = self.form.show_refusal(exc)
            first = next((key for key in self.form.fields if key in exc.fields), None)
            if first is not None:
                self.tabs.setCurrentIndex(self.pages[first])
            self.message.error(f"Please check: {', '.join(named)}. Nothing was saved.")
            return
        except ShopError as exc:
            self.message.error(exc.message)
            return
        self.accept()
