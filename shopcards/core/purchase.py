"""One purchase on a card, and turning what the clerk typed into one.

A return is a purchase with a negative amount that points at the sale it returns. A voided
purchase stays in the card file (struck through, with who and when) and stops counting.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from shopcards.core.errors import ValidationError
from shopcards.core.i18n import _
from shopcards.core.money import NotAnAmount, parse_amount
from shopcards.core.validation import text_problem

MAX_TEXT = 200
OLDEST_YEAR = 1900


@dataclass(frozen=True)
class Purchase:
    """A stored purchase (amount in minor units; negative for a return)."""

    id: int
    customer_id: int | None
    date: str
    amount: int
    items: str = ""
    category: str = ""
    receipt_no: str = ""
    returns_id: int | None = None
    voided_at: str | None = None
    voided_by: str | None = None
    void_reason: str = ""
    created_at: str = ""
    created_by: str = ""
    updated_at: str = ""
    updated_by: str = ""
    version: int = 1

    @property
    def is_return(self) -> bool:
        return self.amount < 0

    @property
    def is_voided(self) -> bool:
        return self.voided_at is not None


@dataclass
class PurchaseInput:
    """A purchase as typed at the till or in the edit dialog: every field a string.

    ``date`` empty means today. For a return, ``amount`` is how much goes back, with or
    without a minus sign. ``cashback`` is how much of a sale's amount the customer pays with
    cash-back (empty: none); a return or an edit ignores it.
    """

    amount: str
    items: str = ""
    category: str = ""
    receipt_no: str = ""
    date: str = ""
    cashback: str = ""


@dataclass(frozen=True)
class PurchaseEntry:
    """A checked purchase, ready to store."""

    date: str
    amount: int
    items: str
    category: str
    receipt_no: str


def validate_purchase(
    inp: PurchaseInput, locale: str, currency: str, today: dt.date, is_return: bool = False
) -> PurchaseEntry:
    """The purchase ``inp`` describes, or ValidationError naming each wrong field."""
    errors: dict[str, str] = {}
    amount = _amount(inp.amount, locale, currency, is_return, errors)
    date = _date(inp.date, today, errors)
    texts = {
        name: _text(name, getattr(inp, name), errors)
        for name in ("items", "category", "receipt_no")
    }
    if errors:
        raise ValidationError(errors)
    return PurchaseEntry(date=date, amount=amount, **texts)


def parse_purchase_date(text: str) -> dt.date:
    """An ISO date (``2024-03-05``); ValueError with a message for a person otherwise."""
    match = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", text.strip())
    if not match:
        raise ValueError(_("“{text}” is not a date: type YYYY-MM-DD", text=text))
    year, month, day = (int(g) for g in match.groups())
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise ValueError(_("{text} does not exist", text=text)) from None


def _amount(text: str, locale: str, currency: str, is_return: bool, errors: dict[str, str]) -> int:
    try:
        amount = parse_amount(text, locale, currency)
    except NotAnAmount as exc:
        errors["amount"] = str(exc)
        return 0
    if amount == 0:
        errors["amount"] = _("The amount is zero: type what was paid")
    elif is_return:
        return -abs(amount)
    elif amount < 0:
        errors["amount"] = _(
            "A return must point at the sale it returns: choose that purchase and record a return"
        )
    return amount


def _date(text: str, today: dt.date, errors: dict[str, str]) -> str:
    if not text.strip():
        return today.isoformat()
    try:
        date = parse_purchase_date(text)
    except ValueError as exc:
        errors["date"] = str(exc)
        return ""
    if date > today:
        errors["date"] = _("{date} is in the future", date=date.isoformat())
    elif date.year < OLDEST_YEAR:
        errors["date"] = _("{date} is too long ago to be a purchase", date=date.isoformat())
    return date.isoformat()


def _text(name: str, value: str, errors: dict[str, str]) -> str:
    value = " ".join(value.split())
    problem = text_problem(value, MAX_TEXT)
    if problem:
        errors[name] = problem
    return value
