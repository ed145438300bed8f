"""The "Scheme" tab: tiers and cash-back on or off, the cash-back rate, kind and expiry, and the
tier table; saved all or none, and "Place everyone again now".

Both the settings and the tier table are checked before either is saved, so a bad value
anywhere saves nothing. Each save passes what this desk read (``base``): another desk's save
in between is named instead of overwritten.
"""

from __future__ import annotations

from babel.numbers import format_decimal
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from shopcards.core import loyalty_tiers as tier_rules
from shopcards.core import settings as setting_rules
from shopcards.core.errors import Conflict, ShopError, ValidationError
from shopcards.core.i18n import _, format_locale, ngettext
from shopcards.core.loyalty_tiers import Tier, format_rate
from shopcards.core.settings import BY_KEY, ShopSettings
from shopcards.services import loyalty_tiers, settings
from shopcards.services.session import Session
from shopcards.ui.kit.theme import SPACING
from shopcards.ui.kit.widgets import MessageLabel, button
from shopcards.ui.loyalty.percent import bp_of, percent_box, set_bp
from shopcards.ui.loyalty.tiers_editor import TiersEditor

RATE_KEY = "cashback_rate_bp"
FIELDS = ("tiers_on", "cashback_on", RATE_KEY, "cashback_kind", "cashback_expiry_months")
"""The scheme's settings on this tab (their labels are the settings' own)."""


def _label(key: str) -> str:
    """A setting's label (declared in core.settings), in the language in use."""
    return _(BY_KEY[key].label)


class SchemeTab(QWidget):
    """The scheme's settings above, the tier table below, Save and Place everyone again."""

    saved = Signal()
    """The scheme or its tiers were saved, or everyone placed again."""

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        shop = session.settings
        self.base: ShopSettings = shop
        self.base_tiers: list[Tier] = []
        self.tiers_on = QCheckBox(_label("tiers_on"))
        self.cashback_on = QCheckBox(_label("cashback_on"))
        for switch in (self.tiers_on, self.cashback_on):
            switch.setAccessibleName(switch.text())
        self.rate = percent_box(_label(RATE_KEY), shop.locale)
        self.kind = QComboBox()
        for value, label in BY_KEY["cashback_kind"].options().items():
            self.kind.addItem(_(label), value)
        self.expiry = QSpinBox()
        self.expiry.setRange(0, 999)
        # Translators: cash-back that never expires (the expiry in months left at 0)
        self.expiry.setSpecialValueText(_("never"))
        # Translators: after a number of months, in a number box ("12 months")
        self.expiry.setSuffix(_(" months"))
        self.editor = TiersEditor(shop.locale, shop.currency)
        self.errors = {key: MessageLabel(_("{field} error", field=_label(key))) for key in FIELDS}
        self.message = MessageLabel()
        self.save_button = button(_("Save the scheme"))
        self.save_button.clicked.connect(self.save)
        self.reload_button = button(_("Reload"))
        self.reload_button.clicked.connect(self.load)
        self.place_button = button(_("Place everyone again now"))
        self.place_button.clicked.connect(self.place_again)
        self._lay_out()
        self.load()

    def _lay_out(self) -> None:
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        switches = QHBoxLayout()
        switches.addWidget(self.tiers_on)
        switches.addSpacing(SPACING * 3)
        switches.addWidget(self.cashback_on)
        switches.addStretch(1)
        form.addRow(switches)
        for key, field in (
            (RATE_KEY, self.rate),
            ("cashback_kind", self.kind),
            ("cashback_expiry_months", self.expiry),
        ):
            label = _label(key)
            field.setAccessibleName(label)
            caption = QLabel(label)
            caption.setBuddy(field)
            form.addRow(caption, field)
            form.addRow("", self.errors[key])
        for key in ("tiers_on", "cashback_on"):
            form.addRow(self.errors[key])
        buttons = QHBoxLayout()
        for widget in (self.save_button, self.reload_button, self.place_button):
            buttons.addWidget(widget)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        tiers = QLabel(
            _("<b>Discount tiers</b> (a customer meeting several rules gets the highest discount)")
        )
        tiers.setWordWrap(True)
        layout.addWidget(tiers)
        layout.addWidget(self.editor, 1)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        for line in self.errors.values():
            line.hide()

    def load(self) -> None:
        """Show the scheme as saved now (another desk may have changed it)."""
        self.base = settings.current_settings(self.session)
        self.base_tiers = loyalty_tiers.tiers(self.session)
        self.tiers_on.setChecked(self.base.tiers_on)
        self.cashback_on.setChecked(self.base.cashback_on)
        set_bp(self.rate, self.base.cashback_rate_bp)
        self.kind.setCurrentIndex(max(0, self.kind.findData(self.base.cashback_kind)))
        self.expiry.setValue(self.base.cashback_expiry_months or 0)
        self.editor.set_tiers(self.base_tiers)
        self._say_problems({}, {})
        self.message.clear()

    def values(self) -> dict[str, object]:
        """The scheme's settings as typed."""
        return {
            "tiers_on": self.tiers_on.isChecked(),
            "cashback_on": self.cashback_on.isChecked(),
            RATE_KEY: bp_of(self.rate),
            "cashback_kind": self.kind.currentData(),
            "cashback_expiry_months": self.expiry.value() or None,
        }

    def save(self) -> bool:
        """Check everything, then save the tiers (if changed) and the settings; True if saved."""
        for box in self.findChildren(QAbstractSpinBox):
            box.interpretText()  # a number still being typed counts
        values = self.values()
        fields = self._setting_problems(values)
        table, by_row = self.editor.table()
        if not by_row:
            try:
                table = tier_rules.check_tiers(table)
            except ValidationError as exc:
                by_row, rest = TiersEditor.rows_of(exc.fields)
                fields |= rest
        if fields or by_row:
            self._say_problems(fields, by_row)
            self.message.error(_("Nothing was saved: please put right what is marked in red."))
            return False
        self._say_problems({}, {})
        try:
            if table != self.base_tiers:
                loyalty_tiers.save_tiers(self.session, table, base=self.base_tiers)
            settings.update_settings(self.session, base=self.base, **values)
        except Conflict as exc:
            self.message.error(
                _("{problem} (Reload shows what is saved now.)", problem=exc.message)
            )
            return False
        except ShopError as exc:
            self.message.error(exc.message)
            return False
        self.load()
        self.message.done(_("Saved. {counts}", counts=self._counts()))
        self.saved.emit()
        return True

    def place_again(self) -> None:
        """Put every customer in the tier the last 12 months earn them, and say what moved."""
        before = loyalty_tiers.tier_counts(self.session)
        try:
            done = loyalty_tiers.recompute(self.session)
        except ShopError as exc:
            self.message.error(exc.message)
            return
        self.message.done(
            ngettext(
                "Everyone placed again: {count} customer changed tier. {counts}",
                "Everyone placed again: {count} customers changed tier. {counts}",
                done.moved,
                count=self._number(done.moved),
                counts=self._counts(before),
            )
        )
        self.saved.emit()

    def _counts(self, before: dict[str, int] | None = None) -> str:
        """Customers per tier now, with how many there were ``before`` where that changed
        ("Gold 17 → 19")."""
        counts = loyalty_tiers.tier_counts(self.session)
        if not counts:
            return _("There are no tiers.")
        was = before or counts
        shown = ", ".join(
            f"{name} {self._number(was[name])} → {self._number(count)}"
            if was.get(name, count) != count
            else f"{name} {self._number(count)}"
            for name, count in counts.items()
        )
        return _("Customers per tier now: {tiers}.", tiers=shown)

    def _number(self, n: int) -> str:
        return str(format_decimal(n, locale=format_locale(self.session.settings.locale)))

    def _setting_problems(self, values: dict[str, object]) -> dict[str, str]:
        try:
            setting_rules.check(values)
        except ValidationError as exc:
            problems = dict(exc.fields)
            if RATE_KEY in problems:
                rate = format_rate(
                    int(str(values[RATE_KEY])), format_locale(self.session.settings.locale)
                )
                problems[RATE_KEY] = _(
                    "the cash-back rate must be 0% to 100% ({rate} given)", rate=rate
                )
            return problems
        return {}

    def _say_problems(self, fields: dict[str, str], by_row: dict[int, str]) -> None:
        for key, line in self.errors.items():
            line.setVisible(key in fields)
            if key in fields:
                line.error(fields[key])
        self.editor.show_problems(by_row)
        focus = {RATE_KEY: self.rate, "cashback_expiry_months": self.expiry}
        first = next((focus[key] for key in focus if key in fields), None)
        if first is not None:
            first.setFocus(Qt.FocusReason.OtherFocusReason)
