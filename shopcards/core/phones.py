"""Phone numbers typed any way ("+358 40 123 4567", "040-1234567") made into one form (E.164).

phonenumbers and its metadata load when a number is first read or shown, not at import: the
cabinet shows its first page without them (issue 12).
"""

from __future__ import annotations

import functools
import re
from typing import TYPE_CHECKING

from babel import Locale

from shopcards.core.i18n import _
from shopcards.core.text import fold

if TYPE_CHECKING:
    from phonenumbers import PhoneNumber

_PHONE_LIKE = re.compile(r"^\+?[\d\s().\-/]{3,}$")
_NOT_DIGIT = re.compile(r"\D")


_NAME_LOCALES = ("en", "fi", "sv", "de", "fr", "es", "it", "nl", "pt", "da", "nb", "et", "pl",
                 "ro", "ru", "el", "tr", "he", "ar", "hy", "ka", "zh", "ja")  # fmt: skip
"""The languages a card's Country field is recognised in, besides the two-letter code."""


class NotAPhone(ValueError):
    """The text cannot be a phone number anywhere."""


def normalise(raw: str, region: str) -> str:
    """E.164 form of ``raw``; numbers without a country code are read in the shop's region."""
    e164, problem = _read(raw, region.upper())
    if problem == _UNREADABLE:
        raise NotAPhone(_("“{raw}” is not a phone number", raw=raw))
    if problem:
        raise NotAPhone(_("“{raw}” has the wrong number of digits for a phone number", raw=raw))
    return e164


_UNREADABLE = "unreadable"
_WRONG_LENGTH = "wrong length"
"""Why :func:`_read` found no number: a kind, said in the language of the moment by
:func:`normalise` (the cache outlives a change of language)."""


HANDED_OVER = 131_072
"""Numbers read kept parsed until their search words are made: an import reads each phone in
its preview and saves it with its search words later; parsing it again was a sixth of the
save of 100,000 rows."""
_handed_over: dict[str, PhoneNumber] = {}
"""E.164 text -> the number parsed from that very text (what :func:`search_tokens` parses)."""


@functools.lru_cache(maxsize=16_384)  # a till's export names its regulars again and again
def _read(raw: str, region: str) -> tuple[str, str]:
    """(E.164, "") for a number, ("", the kind of problem) for a text that is none."""
    import phonenumbers

    try:
        number = phonenumbers.parse(raw, region or None)
    except phonenumbers.NumberParseException:
        return "", _UNREADABLE
    if not phonenumbers.is_possible_number(number):
        return "", _WRONG_LENGTH
    e164 = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    if len(_handed_over) >= HANDED_OVER:
        del _handed_over[next(iter(_handed_over))]
    # only what E.164 keeps (no extension, no raw input): equal to parse(e164, None)
    _handed_over[e164] = phonenumbers.PhoneNumber(
        country_code=number.country_code,
        national_number=number.national_number,
        italian_leading_zero=number.italian_leading_zero,
        number_of_leading_zeros=number.number_of_leading_zeros,
    )
    return e164, ""


def region_for_country(country: str, shop_region: str) -> str:
    """The ISO code of a card's Country field ("Finland", "Suomi", "FI"), whose phones are read
    as that country's; the shop's region when the field is empty or not a country we know."""
    import phonenumbers

    text = country.strip()
    if len(text) == 2 and text.upper() in phonenumbers.SUPPORTED_REGIONS:
        return text.upper()
    return _country_codes().get(fold(text), shop_region.upper()) if text else shop_region.upper()


@functools.cache
def _country_codes() -> dict[str, str]:
    """Folded country names, in several languages, to the ISO codes phonenumbers knows."""
    import phonenumbers

    codes: dict[str, str] = {}
    for name in _NAME_LOCALES:
        for code, shown in Locale.parse(name).territories.items():
            if code in phonenumbers.SUPPORTED_REGIONS:
                codes.setdefault(fold(shown), code)
    return codes


def display(e164: str, region: str) -> str:
    """The number as people in the shop's country write it (international if foreign)."""
    import phonenumbers

    try:
        number = phonenumbers.parse(e164, None)
    except phonenumbers.NumberParseException:
        return e164
    same_country = phonenumbers.region_code_for_number(number) == region.upper()
    style = (
        phonenumbers.PhoneNumberFormat.NATIONAL
        if same_country
        else phonenumbers.PhoneNumberFormat.INTERNATIONAL
    )
    return phonenumbers.format_number(number, style)


def search_tokens(e164: str) -> list[str]:
    """Digit strings a person may type to find this number: with country code, national, bare."""
    import phonenumbers

    number = _handed_over.pop(e164, None)
    if number is None:
        number = phonenumbers.parse(e164, None)
    national = str(number.national_number)
    trunk = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
    return sorted({e164.lstrip("+"), national, _NOT_DIGIT.sub("", trunk)})


def looks_like_phone(text: str) -> bool:
    """True when a search text is a phone number rather than a name."""
    return bool(_PHONE_LIKE.match(text.strip())) and sum(ch.isdigit() for ch in text) >= 3


def query_digits(text: str) -> str:
    """The digits to look for when a person types a phone number ("00358…" means "+358…")."""
    digits = re.sub(r"\D", "", text)
    if digits.startswith("00") and not text.strip().startswith("+"):
        return digits[2:]
    return digits
