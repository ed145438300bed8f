"""The fields a customer file's columns can hold (stand-in for part 1's heading recogniser)."""

from __future__ import annotations

from collections.abc import Sequence
from enum import StrEnum

from shopcards.core.text import fold


class Field(StrEnum):
    given_name = "given_name"
    family_name = "family_name"
    full_name = "full_name"
    title = "title"  # type: ignore[assignment]
    salutation = "salutation"
    address = "address"
    address_line_1 = "address_line_1"
    address_line_2 = "address_line_2"
    address_line_3 = "address_line_3"
    postcode = "postcode"
    city = "city"
    country = "country"
    phone = "phone"
    phone_mobile = "phone_mobile"
    phone_work = "phone_work"
    email = "email"
    birthday = "birthday"
    interests = "interests"
    consent_post = "consent_post"
    consent_phone = "consent_phone"
    consent_email = "consent_email"
    notes = "notes"
    card_no = "card_no"
    greeting = "greeting"
    customer_type = "customer_type"


def suggest(headings: Sequence[str]) -> tuple[Field | None, ...]:
    """The field each heading names, when it is a field's own name."""
    names = {fold(field.value).replace("_", ""): field for field in Field}
    return tuple(names.get(fold(h).replace(" ", "").replace("_", "")) for h in headings)


def split_full_name(text: str) -> tuple[str, str]:
    """(given, family): the last word is the family name."""
    given, _, family = text.strip().rpartition(" ")
    return given.strip(), family.strip()


def split_address(text: str, country: str = "") -> tuple[tuple[str, ...], str, str]:
    """(lines, postcode, city): the address as lines; postcode and city left to their columns."""
    lines = tuple(line.strip() for line in text.replace(",", "\n").splitlines() if line.strip())
    return lines, "", ""
