"""What the open card says about loyalty, in words: the tier (which, why, since), the cash-back
balance and what of it expires soon, and each ledger row as a line of the Loyalty tab.

Shared by the short block on the card and the Loyalty tab, so both say the same thing.
"""

from __future__ import annotations

from shopcards.core.i18n import N_, _, format_locale, isolated
from shopcards.core.loyalty import Kind, Movement
from shopcards.core.loyalty_tiers import Standing, format_rate
from shopcards.services import loyalty, loyalty_tiers
from shopcards.services.session import Session
from shopcards.ui.kit.dates import iso_date_text

_HAPPENED = {
    Kind.EARN: N_("Earned"),
    Kind.SPEND: N_("Spent"),
    Kind.EXPIRE: N_("Expired"),
    Kind.ADJUST: N_("Adjusted"),
    Kind.REVERSE: N_("Return took back"),
    Kind.REFUND: N_("Return gave back"),
    Kind.UNDO: N_("Void undid"),
}
"""Short: the Loyalty tab is narrow (the whole line is the row's tooltip)."""


def scheme_on(session: Session) -> bool:
    """Whether the shop runs a loyalty scheme (tiers or cash-back): else nothing of it shows."""
    settings = session.settings
    return bool(settings.tiers_on or settings.cashback_on)


def tier_line(session: Session, standing: Standing) -> str:
    """ "Gold · 15% off — net spend 1 234,00 € over 12 months ≥ 1 000,00 €, since 3.6.2026"."""
    locale = session.settings.locale
    rate = format_rate(standing.rate_bp, locale)
    since = iso_date_text(standing.since, format_locale(locale))
    return _(
        "{tier} · {rate} off — {reason}, since {date}",
        tier=standing.tier,
        rate=rate,
        reason=standing.reason,
        date=since,
    )


def cashback_line(session: Session, customer_id: int) -> str:
    """ "Cash-back 12,40 € (3,10 € to spend by 31.3.2027)"; "" when there is nothing to say."""
    held = loyalty.cashback(session, customer_id)
    if not session.settings.cashback_on and held.balance <= 0:
        return ""
    balance = loyalty.shown(session, held.balance)
    if held.expiring and held.expiring_on:
        last = iso_date_text(held.expiring_on, format_locale(session.settings.locale))
        return _(
            "Cash-back {amount} ({expiring} to spend by {date})",
            amount=balance,
            expiring=loyalty.shown(session, held.expiring),
            date=last,
        )
    return _("Cash-back {amount}", amount=balance)


def block_lines(session: Session, customer_id: int) -> list[str]:
    """The card's loyalty block: the tier line and the cash-back line, each when there is one."""
    if not scheme_on(session):
        return []
    standing = loyalty_tiers.tier_of(session, customer_id)
    lines = [tier_line(session, standing)] if standing else []
    if session.settings.tiers_on and standing is None:
        lines.append(_("In no tier"))
    cash = cashback_line(session, customer_id)
    return lines + ([cash] if cash else [])


def movement_cells(session: Session, row: Movement) -> tuple[str, str, str, str, str]:
    """One ledger row for the Loyalty tab: date, what happened, amount, what is left and its
    last day (for a lot), the sale."""
    shop_locale = session.settings.locale
    locale = format_locale(shop_locale)
    what = _(_HAPPENED[row.kind])
    if row.kind is Kind.EARN and row.rate_bp is not None:
        rate = format_rate(row.rate_bp, shop_locale)
        what = _("{what} {rate}", what=what, rate=rate)
    if row.reason:
        what = _("{what}: {reason}", what=what, reason=row.reason)
    if row.shortfall:
        short = loyalty.shown(session, row.shortfall)
        what = _("{what} (short by {amount})", what=what, amount=short)
    amount = isolated(loyalty.shown(session, row.amount))
    left = ""
    if row.amount > 0 and row.left:
        left = isolated(loyalty.shown(session, row.left))
        if row.expires_on:
            last = iso_date_text(row.expires_on, locale)
            left = _("{amount} until {date}", amount=left, date=last)
    sale = f"#{row.purchase_id}" if row.purchase_id is not None else ""
    return iso_date_text(row.on_date, locale), what, amount, left or "—", sale
