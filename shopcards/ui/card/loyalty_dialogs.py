"""The owner's two loyalty actions on one card: adjust the cash-back balance by hand, and
place the customer in a tier by hand. Each says what the service refused inside the dialog
and stays open; nothing is saved until the service takes it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtWidgets import QCheckBox, QComboBox, QDialog, QFormLayout, QVBoxLayout, QWidget

from shopcards.core.errors import ShopError
from shopcards.core.i18n import _, pgettext
from shopcards.services import loyalty, loyalty_tiers
from shopcards.services.session import Session
from shopcards.ui.kit.dates import date_edit, day_of
from shopcards.ui.kit.widgets import MessageLabel, line_edit, ok_cancel

WIDTH = 420
"""Room for a reason and for the service's message under the fields."""
PLACED_FOR_DAYS = 90
"""A placement by hand suggests an end this many days away (the owner changes it)."""


class _LoyaltyDialog(QDialog):
    """A form, a line for what was refused, and OK/Cancel; OK runs ``save`` and closes only
    when the service took it."""

    def __init__(self, title: str, ok_label: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(WIDTH)
        self.form = QFormLayout()
        self.message = MessageLabel()
        self._ok_label = ok_label
        self._save: Callable[[], object] = lambda: None
        self._field_names: dict[str, str] = {}

    def finish(self, save: Callable[[], object], field_names: dict[str, str]) -> None:
        self._save = save
        self._field_names = field_names
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.message)
        layout.addWidget(ok_cancel(self._ok_label, self._try_save, self.reject))

    def _try_save(self) -> None:
        try:
            self._save()
        except ShopError as exc:
            self.message.refusal(exc, self._field_names)
            return
        self.accept()

    def labelled(self, label: str, field: QWidget) -> None:
        field.setAccessibleName(label)
        self.form.addRow(label, field)


class AdjustDialog(_LoyaltyDialog):
    """ "Adjust cash-back…": an amount, whether it is taken away, and the reason (required)."""

    def __init__(self, session: Session, customer_id: int, parent: QWidget | None = None):
        super().__init__(_("Adjust cash-back"), _("Adjust"), parent)
        self.amount = line_edit(_("Amount"))
        self.take_away = QCheckBox(_("Take away"))
        self.take_away.setAccessibleName(_("Take away"))
        self.reason = line_edit(_("Reason"))
        self.labelled(_("Amount"), self.amount)
        self.form.addRow("", self.take_away)
        self.labelled(_("Reason"), self.reason)

        def save() -> None:
            sign = "-" if self.take_away.isChecked() else ""
            amount = self.amount.text().strip().lstrip("+-")
            loyalty.adjust(session, customer_id, sign + amount, self.reason.text())

        names = {"amount": _("Amount"), "cashback": _("Cash-back"), "reason": _("Reason")}
        self.finish(save, names)


class PlaceDialog(_LoyaltyDialog):
    """ "Place in a tier…": which tier, until when (the day it stops counting), and why."""

    def __init__(self, session: Session, customer_id: int, parent: QWidget | None = None):
        super().__init__(_("Place in a tier"), pgettext("verb: put in a tier", "Place"), parent)
        self.tier = QComboBox()
        self.tier.addItems([tier.name for tier in loyalty_tiers.tiers(session)])
        ends = session.today() + dt.timedelta(days=PLACED_FOR_DAYS)
        self.ends_on = date_edit(_("Ends on"), session.settings.locale, ends)
        self.reason = line_edit(_("Reason"))
        self.labelled(_("Tier"), self.tier)
        self.labelled(_("Ends on"), self.ends_on)
        self.labelled(_("Reason"), self.reason)

        def save() -> None:
            ends_on = day_of(self.ends_on).isoformat()
            tier = self.tier.currentText()
            loyalty_tiers.place_by_hand(session, customer_id, tier, ends_on, self.reason.text())

        self.finish(save, {"tier": _("Tier"), "ends on": _("Ends on"), "reason": _("Reason")})
