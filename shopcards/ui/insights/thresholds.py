"""The owner's thresholds for insights: when a customer counts as lapsed or former, where the
segments split (the median unless the owner says otherwise), and the hold-out share. The
inputs, their ranges and labels come from the settings' declarations (core.settings); one
another desk changed meanwhile brings up the conflict dialog (see setting_fields.save_form)."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from shopcards.core.errors import ShopError, ValidationError
from shopcards.core.i18n import N_, _
from shopcards.core.settings import ShopSettings
from shopcards.services import insights
from shopcards.services.session import Session
from shopcards.services.settings import current_settings
from shopcards.ui.kit.theme import MARGIN, SPACING
from shopcards.ui.kit.widgets import MessageLabel
from shopcards.ui.settings.fields import SettingsForm, form_layout, save_form

KEYS = ("lapsed_months", "former_months", "regular_visits", "heavy_spend", "holdout_share")
INTRO = N_(
    "Segments split regular from infrequent customers by their visits in the last 12 months, "
    "and heavy from light by their spend. Left at “the median”, each splits the active "
    "customers about in half."
)


class ThresholdsDialog(QDialog):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setWindowTitle(_("Insights thresholds"))
        self.setAccessibleName(_("Insights thresholds"))
        self.setMinimumWidth(460)
        self.form = SettingsForm(current_settings(session))
        self.message = MessageLabel()
        self._layout()

    def save(self) -> None:
        self.message.clear()
        try:
            saved = save_form(self, self.form, self.session, self.message, self._save_values)
        except ValidationError as exc:
            named = self.form.show_refusal(exc)
            self.message.error(
                _("Please check: {fields}. Nothing was saved.", fields=", ".join(named))
            )
        except ShopError as exc:
            self.message.error(exc.message)
        else:
            if saved:
                self.accept()

    def _save_values(self, base: ShopSettings) -> None:
        insights.save_thresholds(self.session, base=base, **self.form.values())

    def _layout(self) -> None:
        intro = QLabel(_(INTRO))
        intro.setWordWrap(True)
        form = form_layout()
        form.setContentsMargins(0, 0, 0, 0)
        self.form.add_rows(form, KEYS)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        for standard in buttons.buttons():
            standard.setAccessibleName(standard.text().replace("&", ""))
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(MARGIN * 2, MARGIN * 2, MARGIN * 2, MARGIN * 2)
        layout.setSpacing(SPACING * 2)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
