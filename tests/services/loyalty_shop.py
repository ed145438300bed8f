"""A shop with the cash-back scheme on, for the loyalty tests: settings, a card, a clock."""

from __future__ import annotations

import datetime as dt

from shopcards.core.loyalty import Kind
from shopcards.core.purchase import Purchase, PurchaseInput
from shopcards.services import cards, loyalty, purchases
from shopcards.services.session import Session
from shopcards.services.settings import update_settings
from tests.conftest import card_input


def scheme_on(owner: Session, rate_bp: int = 500, months: int | None = 12) -> None:
    """Finnish formats (12,40 €), cash-back on at ``rate_bp``, expiring after ``months``."""
    update_settings(
        owner,
        locale="fi_FI",
        region="FI",
        currency="EUR",
        cashback_on=True,
        cashback_rate_bp=rate_bp,
        cashback_expiry_months=months,
    )


def new_card(session: Session, given: str = "Anna", family: str = "Virtanen") -> int:
    card_id = cards.add_card(session, card_input(given, family)).id
    assert card_id is not None
    return card_id


def sell(session: Session, card: int, amount: str, cashback: str = "", date: str = "") -> Purchase:
    return purchases.record_purchase(
        session, card, PurchaseInput(amount, cashback=cashback, date=date)
    )


def give_back(session: Session, sale: Purchase, amount: str) -> Purchase:
    return purchases.record_return(session, sale.id, PurchaseInput(amount))


def on_day(session: Session, day: str) -> None:
    """Move the session's clock to ``day`` at 10:30."""
    moment = dt.datetime.fromisoformat(f"{day}T10:30:00")
    session.clock = lambda: moment


def kinds(session: Session, card: int) -> list[tuple[str, int, int]]:
    """(kind, amount, shortfall) of each ledger row, oldest first."""
    return [(row.kind.value, row.amount, row.shortfall) for row in loyalty.ledger(session, card)]


def ledger_sum(session: Session, card: int) -> int:
    return sum(row.amount for row in loyalty.ledger(session, card, limit=10**9))


def earned_by(session: Session, sale: Purchase) -> int:
    return sum(row.amount for row in loyalty.of_purchase(session, sale.id) if row.kind is Kind.EARN)
