"""The cards as vCards (a ``.vcf`` file) that a phone, Google Contacts or Apple's Contacts
import: vobject writes each card, one after another, into a file written whole or not at all.

vCard 3.0, because it is what Google Contacts and most phones read and write (4.0 is still
refused or half read by some of them). Each card holds N and FN (the name), ADR (the address
lines, postcode, city and country, as a home address), TEL with a TYPE for each phone (CELL,
HOME, WORK, else VOICE), EMAIL, BDAY, CATEGORIES (the interests), NOTE and UID (the card number,
so a second export updates the same contacts instead of adding them again).

A birthday without a year: vCard 3.0 has no such date (4.0's ``--MMDD`` is not valid in 3.0,
and 3.0 readers reject or misread it), so it is written the way Apple's Contacts writes it,
``BDAY;X-APPLE-OMIT-YEAR=1604:1604-MM-DD``. iPhones and Macs show the day without a year;
CardDAV sync tools (DAVx5 on Android) turn it back into a year-less date; a reader that knows
neither still gets the right day and month, with a year no customer can have been born in.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import vobject

from shopcards.core.card_export import MOBILE, WORK, CardRecord
from shopcards.core.files import atomic_path

NO_YEAR = 1604
"""The year Apple's Contacts writes for a birthday without one (a leap year: 29 February)."""
TEL_TYPES = {MOBILE: "CELL", "home": "HOME", WORK: "WORK"}


def write_vcards(path: Path, cards: Iterable[CardRecord]) -> int:
    """Write each card as a vCard 3.0 to ``path`` (UTF-8); returns how many."""
    count = 0
    with atomic_path(Path(path)) as tmp, tmp.open("w", encoding="utf-8", newline="") as f:
        for card in cards:
            f.write(vcard(card).serialize())
            count += 1
    return count


def vcard(card: CardRecord) -> vobject.base.Component:
    """One card as a vCard 3.0 component."""
    v = vobject.vCard()
    v.add("uid").value = card.card_no
    v.add("n").value = vobject.vcard.Name(
        family=card.family_name, given=card.given_name, prefix=card.title
    )
    v.add("fn").value = card.full_name or card.card_no
    if card.address_lines or card.postcode or card.city or card.country:
        adr = v.add("adr")
        adr.value = vobject.vcard.Address(
            street="\n".join(card.address_lines),
            city=card.city,
            code=card.postcode,
            country=card.country,
        )
        adr.type_param = "HOME"
    for phone in card.phones:
        tel = v.add("tel")
        tel.value = phone.number
        tel.type_param = TEL_TYPES.get(phone.label.strip().lower(), "VOICE")
    if card.email:
        email = v.add("email")
        email.value = card.email
        email.type_param = "INTERNET"
    if card.birthday:
        _add_birthday(v, card.birthday)
    if card.interests:
        v.add("categories").value = list(card.interests)
    if card.notes:
        v.add("note").value = card.notes
    return v


def _add_birthday(v: vobject.base.Component, birthday: str) -> None:
    """``birthday`` is ISO, ``--MM-DD`` without a year."""
    bday = v.add("bday")
    if birthday.startswith("--"):
        bday.value = f"{NO_YEAR}{birthday[1:]}"
        bday.x_apple_omit_year_param = str(NO_YEAR)
    else:
        bday.value = birthday
