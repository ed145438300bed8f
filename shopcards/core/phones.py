"""Phone numbers typed any way ("+358 40 123 4567", "040-1234567") made into one form (E.164)."""

from __future__ import annotations

import re

import phonenumbers

_PHONE_LIKE = re.compile(r"^\+?[\d\s().\-/]{3,}$")


class NotAPhone(ValueError):
    """The text cannot be a phone number anywhere."""


def normalise(raw: str, region: str) -> str:
    """E.164 form of ``raw``; numbers without a country code are read in the shop's region."""
    try:
        number = phonenumbers.parse(raw, region.upper() or None)
    except phonenumbers.NumberParseException as exc:
        raise NotAPhone(f"“{raw}” is not a phone number") from exc
    if not phonenumbers.is_possible_number(number):
        raise NotAPhone(f"“{raw}” has the wrong number of digits for a phone number")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def display(e164: str, region: str) -> str:
    """The number as people in the shop's country write it (international if foreign)."""
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
    number = phonenumbers.parse(e164, None)
    national = str(number.national_number)
    trunk = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
    trunk_digits = re.sub(r"\D", "", trunk)
    return sorted({e164.lstrip("+"), national, trunk_digits})


def looks_like_phone(text: str) -> bool:
    """True when a search text is a phone number rather than a name."""
    return bool(_PHONE_LIKE.match(text.strip())) and sum(ch.isdigit() for ch in text) >= 3


def query_digits(text: str) -> str:
    """The digits to look for when a person types a phone number ("00358…" means "+358…")."""
    digits = re.sub(r"\D", "", text)
    if digits.startswith("00") and not text.strip().startswith("+"):
        return digits[2:]
    return digits
