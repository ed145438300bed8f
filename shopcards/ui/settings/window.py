"""The owner's Settings window: every setting the program has, one tab per group, each field
built from its declaration. Save checks everything at once; a value that will not do is named
under its field (and its tab is shown), and then nothing is saved. A setting changed here that
another desk saved meanwhile brings up the conflict dialog (see setting_fields.save_form)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QLabel,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from shopcards.core import i18n
from shopcards.core.errors import ShopError, ValidationError
from shopcards.core.i18n import N_, _
from shopcards.core.settings import GROUPS, ShopSettings, in_group
from shopcards.services.session import Session
from shopcards.services.settings import current_settings, update_settings
from shopcards.ui.kit.language import (
    chosen_language,
    language_box,
    offer_restart,
    remember_language,
    restart_application,
    said,
)
from shopcards.ui.kit.theme import MARGIN
from shopcards.ui.kit.widgets import MessageLabel, ok_cancel
from shopcards.ui.kit.window_fit import fit_to_screen
from shopcards.ui.settings.fields import SettingsForm, form_layout, please_check, save_form

TITLE = N_("Settings")
THIS_COMPUTER = N_("This computer")
CUSTOM_SHEET = "label_custom_"


class SettingsWindow(QDialog):
    """Every setting, grouped as core.settings declares them (owner only: the Shop menu asks
    for owner mode first, and the service refuses a clerk anyway)."""

    def __init__(
        self,
        session: Session,
        parent: QWidget | None = None,
        computer: QSettings | None = None,
        restart: Callable[[], object] = restart_application,
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.computer = computer if computer is not None else QSettings()
        """Where this PC keeps its own choices (the language), apart from the shop's."""
        self.restart = restart
        self.setWindowTitle(_(TITLE))
        self.setAccessibleName(_(TITLE))
        self.form = SettingsForm(current_settings(session))
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName(_("Setting groups"))
        self.pages: dict[str, int] = {}
        for group in GROUPS:
            self._add_page(group)
        self._add_computer_page()
        self.message = MessageLabel()
        buttons = ok_cancel(_("Save"), self.save, self.reject)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(MARGIN, MARGIN, MARGIN, MARGIN)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        fit_to_screen(self, 880, 600)  # room for every group's tab, Finnish ones too
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
        title = said(group)
        scroll.setAccessibleName(title)
        self.tabs.addTab(scroll, title.replace("&", "&&"))

    def _add_computer_page(self) -> None:
        """What this PC keeps for itself: its window's language (the till and the office may
        each speak their own)."""
        self.language = language_box()
        self.language.setCurrentIndex(
            max(0, self.language.findData(chosen_language(self.computer) or i18n.language()))
        )
        self._language_was = self.language.currentData()
        note = QLabel(
            _(
                "The language of shopcards' window on this computer. Each computer of the shop "
                "may speak its own; the shop's settings are the same on all of them."
            )
        )
        note.setWordWrap(True)
        body = QWidget()
        column = QVBoxLayout(body)
        form = form_layout()
        form.addRow(_("Language"), self.language)
        column.addLayout(form)
        column.addWidget(note)
        column.addStretch(1)
        body.setAccessibleName(_(THIS_COMPUTER))
        self.tabs.addTab(body, _(THIS_COMPUTER))

    def _language_chosen(self) -> None:
        """A new language is kept for this PC and speaks from the next start (now, if asked)."""
        code = str(self.language.currentData())
        if code == self._language_was:
            return
        remember_language(self.computer, code)
        self._language_was = code
        offer_restart(self, code, self.restart)

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
            self.message.error(please_check(named))

            return
        except ShopError as exc:
            self.message.error(exc.message)
            return
        self._language_chosen()
        self.accept()
