"""Money as people type and read it: "12,50", "12.50", "1 234,50" in, integer minor units out.

The card file keeps amounts as whole cents (minor units of the shop's currency) and never a
float. A clerk types the local way, but a shop in Finland also gets "12.50" from the habit of
a pocket calculator, so either separator is read as the decimal point when the digits after it
make that the only sensible reading; a thousands separator is recognised by its groups of three.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal
from functools import lru_cache

from babel import Locale
from babel.numbers import (
    format_currency,
    format_decimal,
    get_currency_precision,
    get_currency_symbol,
    get_group_symbol,
)

from shopcards.core.i18n import _

MAX_WHOLE_DIGITS = 10
"""Ten digits before the decimal point: more than any one purchase in a small shop."""

_SPACES = str.maketrans("", "", " \u00a0\u202f\u2009'’\u200e\u200f\u061c")
_MINUS = str.maketrans({"\u2212": "-", "\u2012": "-", "\u2013": "-"})
_NUMBER = re.compile(r"[\d.,]*\d[\d.,]*|[.,]\d+")


class NotAnAmount(ValueError):
    """The text is not an amount of money; the message says why, for a person."""


@lru_cache(maxsize=16)
def _locale(name: str) -> Locale:
    return Locale.parse(name)


def minor_digits(currency: str) -> int:
    """How many decimals the currency has: 2 for EUR, 0 for JPY, 3 for KWD."""
    return int(get_currency_precision(currency))


def parse_amount(text: str, locale: str, currency: str) -> int:
    """The amount typed in ``text``, in minor units (``"12,50"`` -> ``1250`` for EUR).

    A leading or trailing minus, the currency's symbol or code, and spaces are allowed.
    Raises NotAnAmount with a message to show next to the field.
    """
    typed = text.strip()
    if not typed:
        raise NotAnAmount(_("Type an amount, like 12,50 or 12.50"))
    body, negative = _strip_decorations(typed, locale, currency)
    if not _NUMBER.fullmatch(body):
        raise NotAnAmount(_("“{typed}” is not an amount of money", typed=typed))
    places = minor_digits(currency)
    whole, fraction = _split(body, typed, locale, places)
    if len(whole.lstrip("0")) > MAX_WHOLE_DIGITS:
        raise NotAnAmount(_("“{typed}” is too large for one purchase", typed=typed))
    minor: int = int(whole or "0") * 10**places + int(fraction.ljust(places, "0") or "0")
    return -minor if negative else minor


def format_money(minor: int, locale: str, currency: str) -> str:
    """The amount as the shop's country writes it, with the currency: ``12,50 €``."""
    value = Decimal(minor).scaleb(-minor_digits(currency))
    return str(format_currency(value, currency, locale=_locale(locale)))


def format_for_typing(minor: int, locale: str, currency: str) -> str:
    """The amount as a person would type it back: no symbol, no grouping (``1234,50``)."""
    return _plain(minor, minor_digits(currency), locale)


def _plain(minor: int, places: int, locale: str) -> str:
    pattern = "0." + "0" * places if places else "0"
    return str(
        format_decimal(Decimal(minor).scaleb(-places), format=pattern, locale=_locale(locale))
    )


def _strip_decorations(typed: str, locale: str, currency: str) -> tuple[str, bool]:
    """Remove the currency, spaces and the sign; return what is left and whether negative."""
    body = typed.translate(_MINUS)
    for mark in {get_currency_symbol(currency, _locale(locale)), currency}:
        body = re.sub(re.escape(mark), "", body, flags=re.IGNORECASE)
    body = "".join(ch for ch in body if not _is_currency_sign(ch)).translate(_SPACES)
    negative = body.startswith("-") or body.endswith("-")
    body = body.strip("-+")
    if body.startswith("(") and body.endswith(")"):
        negative, body = True, body[1:-1]
    return body, negative


def _is_currency_sign(ch: str) -> bool:
    return unicodedata.category(ch) == "Sc"


def _split(body: str, typed: str, locale: str, places: int) -> tuple[str, str]:
    """Split into whole and fraction digits, deciding which separator is the decimal point."""
    separators = [(i, ch) for i, ch in enumerate(body) if ch in ".,"]
    if not separators:
        return body, ""
    last_at, last = separators[-1]
    tail = body[last_at + 1 :]
    if len({ch for _, ch in separators}) == 2 or body.count(last) == 1:
        decimal: str | None = last
        if len(tail) == 3 and last == get_group_symbol(_locale(locale)) and places != 3:
            decimal = None
    else:
        decimal = None
    if decimal is None:
        return _ungroup(body, typed), ""
    if body[:last_at].count(decimal):
        raise NotAnAmount(_("“{typed}” has two decimal points", typed=typed))
    if len(tail) > places:
        example = _plain(1234 * 10**places + 5 * 10 ** (places - 1), places, locale)
        raise NotAnAmount(_too_many_decimals(typed, len(tail), places, example))
    return _ungroup(body[:last_at], typed), tail


def _ungroup(whole: str, typed: str) -> str:
    """The digits of a whole number written with thousands separators (1.234.567, 12,34,567)."""
    groups = re.split(r"[.,]", whole)
    if len(groups) > 1 and not (
        1 <= len(groups[0]) <= 3
        and len(groups[-1]) == 3
        and all(len(g) in (2, 3) for g in groups[1:-1])
    ):
        raise NotAnAmount(
            _("“{typed}” is not an amount of money: check the separators", typed=typed)
        )
    return "".join(groups)


def _too_many_decimals(typed: str, found: int, places: int, example: str) -> str:
    if places == 0:
        return _("“{typed}” has decimals, but this currency has no cents", typed=typed)
    return _(
        "“{typed}” has {found} decimals; at most {places}. Write thousands without a "
        "separator, like {example}",
        typed=typed,
        found=found,
        places=places,
        example=example,
    )
