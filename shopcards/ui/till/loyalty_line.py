"""The loyalty part of the till's sale screen: the customer's tier and cash-back, the price
less the discount as the clerk types it, the cash-back to spend, and what the sale did.

Everything comes from the services in two reads when the customer opens (their tier and their
cash-back); the live price line is worked out here from those, with the same rounding the
sale itself uses (core.loyalty_tiers.discount), so typing makes no database call. The sale
itself is checked and saved by services.purchases.record_purchase, which refuses a spend
beyond the balance or beyond what is to pay in its own transaction.

With the scheme off and nothing held, every widget here stays hidden: the sale screen is the
one it was before the scheme existed.
"""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget

from shopcards.core.i18n import N_, _
from shopcards.core.loyalty_tiers import Standing, format_rate
from shopcards.core.money import NotAnAmount, parse_amount
from shopcards.core.purchase import Purchase
from shopcards.services import loyalty, loyalty_tiers, purchases
from shopcards.services.loyalty import TillCashback
from shopcards.services.session import Session
from shopcards.ui.kit.dates import iso_date_text
from shopcards.ui.kit.widgets import line_edit

CASHBACK_LABEL = N_("Cash-back to spend")
SEPARATOR = "  ·  "


class LoyaltyLine:
    """The widgets the sale page lays out (``summary`` under the name, ``label`` and
    ``cashback`` under the amount, ``price`` under the form) and what they show."""

    def __init__(self, session: Session, parent: QWidget) -> None:
        self.session = session
        self.standing: Standing | None = None
        self.till: TillCashback | None = None
        self._returning = False
        self.summary = QLabel(parent)
        self.summary.setObjectName("tillMode")
        self.summary.setAccessibleName(_("Loyalty"))
        self.summary.setWordWrap(True)
        self.label = QLabel(_(CASHBACK_LABEL), parent)
        self.cashback = line_edit(_(CASHBACK_LABEL))
        self.price = QLabel(parent)
        self.price.setAccessibleName(_("Price to pay"))
        self.price.setMinimumHeight(self.price.fontMetrics().height())
        self._show(False)

    @property
    def shown(self) -> bool:
        """Whether the customer open has a tier or cash-back to show."""
        return self.standing is not None or (self.till is not None and self.till.shown)

    def show_for(self, customer_id: int) -> None:
        """The tier and cash-back of the customer just opened (two service reads)."""
        self.standing = loyalty_tiers.tier_of(self.session, customer_id)
        self.till = loyalty.for_till(self.session, customer_id)
        self.summary.setText(SEPARATOR.join(self._summary_parts()))
        self.cashback.setPlaceholderText(
            _("up to {amount}", amount=self.till.balance_text)
            if self._holds()
            else _("none to spend")
        )
        self._show(self.shown)
        self.returning(False)

    def returning(self, on: bool) -> None:
        """A return takes no discount and spends nothing: the price line and the field rest."""
        self._returning = on
        self.cashback.clear()
        self.price.clear()
        self.cashback.setEnabled(not on and self._holds())

    def update_price(self, amount_text: str) -> None:
        """The price typed, less the tier's discount and the cash-back typed: what to pay."""
        if not self.shown or self._returning:
            self.price.clear()
            return
        settings = self.session.settings
        try:
            price = parse_amount(amount_text, settings.locale, settings.currency)
        except NotAnAmount:
            price = 0
        if price <= 0:
            self.price.clear()
            return
        self.price.setText(self._price_text(price, self._spend_typed()))

    def after_sale(self, purchase: Purchase) -> str:
        """What the sale saved the customer and what they spent, earned and now hold ("" with
        nothing to say): for the message line after the save."""
        if not self.shown:
            return ""
        said = []
        given = loyalty_tiers.sale_discount(self.session, purchase.id)
        if given is not None:
            rate = format_rate(given.rate_bp, self.session.settings.locale)
            said.append(
                _(
                    "{tier} {rate} off: the customer saved {amount}.",
                    tier=given.tier,
                    rate=rate,
                    amount=self._money(given.given),
                )
            )
        line = loyalty.slip_line(self.session, purchase)
        if line:
            said.append(f"{line}.")
        return " ".join(said)

    # Helpers ----------------------------------------------------------------------------------

    def _summary_parts(self) -> list[str]:
        parts = []
        if self.standing is not None:
            rate = format_rate(self.standing.rate_bp, self.session.settings.locale)
            parts.append(_("{tier} · {rate} off", tier=self.standing.tier, rate=rate))
        till = self.till
        if till is not None and till.shown:
            parts.append(_("Cash-back {amount} to spend", amount=till.balance_text))
            held = till.cashback
            if held.expiring and held.expiring_on:
                when = iso_date_text(held.expiring_on, self.session.settings.locale)
                expiring = loyalty.shown(self.session, held.expiring)
                parts.append(_("{amount} of it expires {date}", amount=expiring, date=when))
        return parts

    def _price_text(self, price: int, spent: int) -> str:
        """The sum worked out in one sentence (a translation may reorder its values), then
        what is wrong with the cash-back typed, or what the sale earns."""
        paid = price
        rate = ""
        if self.standing is not None:
            paid = price - self.standing.discount(price)
            rate = format_rate(self.standing.rate_bp, self.session.settings.locale)
        held = self.till.cashback.balance if self.till is not None else 0
        too_much = spent > held or spent > paid
        values = {
            "price": self._money(price),
            "rate": rate,
            "paid": self._money(paid),
            "spent": self._money(spent),
            "rest": self._money(paid - spent),
        }
        if spent and not too_much:
            sums = {
                "": N_("Price {price} − {spent} cash-back = {rest} to pay"),
                "rate": N_("Price {price} − {rate} = {paid} − {spent} cash-back = {rest} to pay"),
            }
        else:
            sums = {
                "": N_("Price {price} to pay"),
                "rate": N_("Price {price} − {rate} = {paid} to pay"),
            }
        parts = [_(sums["rate" if rate else ""], **values)]
        if too_much and spent > held:
            held_text = loyalty.shown(self.session, held)
            parts.append(_("the cash-back typed is more than the {amount} held", amount=held_text))
        elif too_much:
            parts.append(_("the cash-back typed is more than that"))
        else:
            earns = loyalty.earn_preview(self.session, paid, spent)
            if earns:
                parts.append(_("earns {amount}", amount=loyalty.shown(self.session, earns)))
        return SEPARATOR.join(parts)

    def _spend_typed(self) -> int:
        """The cash-back typed, for the preview only (0 when it is not an amount yet)."""
        if not self.cashback.isEnabled():
            return 0
        settings = self.session.settings
        try:
            return max(parse_amount(self.cashback.text(), settings.locale, settings.currency), 0)
        except NotAnAmount:
            return 0

    def _holds(self) -> bool:
        return self.till is not None and self.till.shown and self.till.cashback.balance > 0

    def _money(self, minor: int) -> str:
        return purchases.money(self.session, minor)

    def _show(self, on: bool) -> None:
        for widget in (self.summary, self.label, self.cashback, self.price):
            widget.setVisible(on)
        if on and self.till is not None and not self.till.shown:
            self.label.hide()
            self.cashback.hide()
