"""The first-start setup: on a card file whose shop was never set up, a short dialog asks who
the shop is (name, address, phone, e-mail), where it is (country, currency, language) and who
signs its letters, with the PC's own locale as the suggestion. It can be skipped; the Settings
window holds the same settings and more.
"""

from __future__ import annotations

from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QDialog, QLabel, QVBoxLayout, QWidget

from shopcards.core.errors import ShopError, ValidationError
from shopcards.core.i18n import N_, _
from shopcards.core.settings import ShopSettings, local_defaults
from shopcards.services.session import Session
from shopcards.services.settings import set_up_shop, skip_setup
from shopcards.ui.kit.theme import MARGIN, SPACING
from shopcards.ui.kit.widgets import MessageLabel, ok_cancel
from shopcards.ui.settings.fields import SettingsForm, form_layout, please_check

TITLE = N_("Set up your shop")
INTRO = N_(
    "Welcome to shopcards. Tell it about your shop: the name and address head every letter "
    "and are the sender on envelopes; the country decides how phone numbers are read; the "
    "currency and language decide how amounts and dates are written. You can change all of "
    "this later in Shop → Settings…"
)
KEYS = (
    "shop_name",
    "shop_address",
    "shop_phone",
    "shop_email",
    "region",
    "currency",
    "locale",
    "signer_name",
)
SKIP = N_("Skip for now")


class ShopSetupDialog(QDialog):
    """Save sets the shop up (every value checked, nothing saved if one will not do);
    "Skip for now" keeps the defaults and the question is not asked again."""

    def __init__(
        self, session: Session, parent: QWidget | None = None, system_locale: str = ""
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.setWindowTitle(_(TITLE))
        self.setAccessibleName(_(TITLE))
        self.setMinimumWidth(560)
        suggested = local_defaults(system_locale or QLocale.system().name())
        self.form = SettingsForm(ShopSettings.from_dict(_blank_name(session) | suggested))
        intro = QLabel(_(INTRO))
        intro.setWordWrap(True)
        form = form_layout()
        form.setContentsMargins(0, 0, 0, 0)
        self.form.add_rows(form, KEYS)
        self.message = MessageLabel()
        buttons = ok_cancel(_("Save"), self.save, self.skip)
        skip = buttons.button(buttons.StandardButton.Cancel)
        skip.setText(_(SKIP))
        skip.setAccessibleName(_(SKIP))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(MARGIN * 2, MARGIN * 2, MARGIN * 2, MARGIN * 2)
        layout.setSpacing(SPACING * 2)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)

    def save(self) -> None:
        try:
            set_up_shop(self.session, **self.form.values())
        except ValidationError as exc:
            named = self.form.show_refusal(exc)
            self.message.error(please_check(named))

            return
        except ShopError as exc:
            self.message.error(exc.message)
            return
        self.accept()

    def skip(self) -> None:
        try:
            skip_setup(self.session)
        except ShopError as exc:
            self.message.error(exc.message)
            return
        self.reject()


def _blank_name(session: Session) -> dict[str, object]:
    """The settings as they stand, but no "My Shop" to type over: the name is asked for."""
    return session.settings.to_dict() | {"shop_name": ""}
