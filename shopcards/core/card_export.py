"""What an export of the cards and purchases holds: its column headings and each row's values.

The headings are the card's fields by the names every screen gives them (core/card_fields.py),
listed here in order (:data:`CARD_HEADINGS`, :data:`PURCHASE_HEADINGS`): the customer import
recognises them, so an exported file comes back in as the same cards, in any of the languages
the headings are written in. A row's values are typed, not yet written: text, or a
:class:`datetime.date` that a spreadsheet keeps as a real date, or a
:class:`~decimal.Decimal` amount. Each file format
(core/card_files.py, core/card_vcard.py) writes them its own way.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from itertools import repeat
from pathlib import Path
from typing import NamedTuple

from shopcards.core.card import Phone
from shopcards.core.card_fields import CARD_FIELDS
from shopcards.core.errors import ValidationError
from shopcards.core.i18n import ENGLISH, N_, Words, unmarked, words
from shopcards.core.money import minor_digits

Value = str | dt.date | Decimal
"""A cell: text ("" for nothing), a real date, or an amount of money."""

ADDRESS_COLUMNS = 3
"""Address lines 1 and 2 as typed; the third column holds the third line and any after it."""
MOBILE, HOME, WORK = "mobile", "home", "work"
PHONE_COLUMNS = {HOME: N_("Phone"), MOBILE: N_("Mobile"), WORK: N_("Work phone")}
"""A card's first phone of each label has a column of its own; a phone without one of these
labels counts as "home" (the first one found), and the others go to "Other phones"."""
OTHER_SEPARATOR = "; "
_BLANKS = ("",) * (ADDRESS_COLUMNS - 1)
_NO_PHONES = ("",) * (len(PHONE_COLUMNS) + 1)
INTEREST_SEPARATOR = ", "

_F = CARD_FIELDS
CARD_HEADINGS: tuple[str, ...] = (
    _F["card_no"],
    _F["title"],
    _F["salutation"],
    _F["given_name"],
    _F["family_name"],
    N_("Address line 1"),
    N_("Address line 2"),
    N_("Address line 3"),
    _F["postcode"],
    _F["city"],
    _F["country"],
    *PHONE_COLUMNS.values(),
    N_("Other phones"),
    _F["email"],
    _F["birthday"],
    _F["anniversary"],
    _F["anniversary_what"],
    _F["greeting"],
    _F["interests"],
    _F["consent_post"],
    _F["consent_phone"],
    _F["consent_email"],
    _F["customer_type"],
    _F["is_staff"],
    _F["joined_via"],
    _F["created_at"],
    _F["archived_at"],
    _F["notes"],
)
"""The columns of a card export, in order (ADDRESS_COLUMNS address lines), in English: a field
of the card by its name on every screen (core/card_fields.py), the address and the phones in
the columns a spreadsheet keeps them in; what the customer import must recognise, in each
language (:func:`card_headings`)."""


def card_headings(said: Words) -> tuple[str, ...]:
    """The card export's headings as people in the shop read them: in ``said``'s language (the
    letters' language), each one a heading the customer import recognises."""
    return tuple(said.gettext(heading) for heading in CARD_HEADINGS)


CONSENT_WORDS = {"yes": "yes", "no": "no", "not_asked": "not asked"}
"""How each stored consent (core.card.Consent) is written: plain words a person reads."""


class CardRecord(NamedTuple):
    """One card as the card file keeps it, read for an export: plain text, cheap to make.

    An export reads 100,000 of these a page at a time; making a :class:`~shopcards.core.card.Card`
    (frozen, with enums and a checked birthday) for each took most of the time of a CSV export.
    Consents, ``greeting``, ``customer_type`` and ``joined_via`` hold the stored codes
    (core.card's enums' values); ``birthday`` is ISO (``--MM-DD`` without a year) or "".
    """

    id: int
    card_no: str
    title: str
    salutation: str
    given_name: str
    family_name: str
    address_lines: tuple[str, ...]
    postcode: str
    city: str
    country: str
    phones: tuple[Phone, ...]
    email: str
    birthday: str
    anniversary: str
    anniversary_what: str
    greeting: str
    interests: tuple[str, ...]
    consent_post: str
    consent_phone: str
    consent_email: str
    customer_type: str
    is_staff: bool
    joined_via: str
    created_at: str
    archived_at: str
    notes: str

    @property
    def full_name(self) -> str:
        return " ".join(part for part in (self.given_name, self.family_name) if part)


class Format(StrEnum):
    """The kinds of file the cards can be written to, by their usual extension."""

    CSV = "csv"
    XLSX = "xlsx"
    VCF = "vcf"


def format_for(path: Path, chosen: str | None = None) -> Format:
    """The format ``chosen`` (``csv``, ``xlsx``, ``vcf``), or else the one the file's
    extension names; ValidationError saying which formats there are."""
    name = (chosen or Path(path).suffix.lstrip(".")).lower()
    name = {"vcard": "vcf", "txt": "csv"}.get(name, name)
    try:
        return Format(name)
    except ValueError:
        offered = ", ".join(f".{f.value}" for f in Format)
        raise ValidationError(
            {"format": f"{path}: cannot tell the format from “{name}”; use one of {offered}"}
        ) from None


def card_values(card: CardRecord) -> list[Value]:
    """One card as the cells of a row, in the order of :data:`CARD_HEADINGS`."""
    return [
        card.card_no,
        card.title,
        card.salutation,
        card.given_name,
        card.family_name,
        *address_columns(card.address_lines),
        card.postcode,
        card.city,
        card.country,
        *(phone_cells(card.phones) if card.phones else _NO_PHONES),
        card.email,
        birthday_value(card.birthday),
        _date(card.anniversary),
        card.anniversary_what,
        "" if card.greeting == "none" else card.greeting,
        INTEREST_SEPARATOR.join(card.interests) if card.interests else "",
        CONSENT_WORDS.get(card.consent_post, card.consent_post),
        CONSENT_WORDS.get(card.consent_phone, card.consent_phone),
        CONSENT_WORDS.get(card.consent_email, card.consent_email),
        card.customer_type,
        "yes" if card.is_staff else "",
        card.joined_via,
        _date(card.created_at),
        _date(card.archived_at),
        card.notes,
    ]


def address_columns(lines: Sequence[str]) -> tuple[str, ...]:
    """The address lines in :data:`ADDRESS_COLUMNS` columns, the last holding any extra lines."""
    if len(lines) < ADDRESS_COLUMNS:  # most addresses: each line in a column of its own
        return (*lines, *_BLANKS[len(lines) :], "")
    return (*lines[: ADDRESS_COLUMNS - 1], "\n".join(lines[ADDRESS_COLUMNS - 1 :]))


def phone_cells(phones: Sequence[Phone]) -> tuple[str, ...]:
    """The cells under :data:`PHONE_COLUMNS`' headings, then "Other phones"."""
    placed, others = phone_columns(phones)
    other = OTHER_SEPARATOR.join(f"{p.number} ({p.label})" if p.label else p.number for p in others)
    return (*map(placed.get, PHONE_COLUMNS, repeat("")), other)


def phone_columns(phones: Sequence[Phone]) -> tuple[dict[str, str], list[Phone]]:
    """Label -> number for the first phone of each column's label, and the phones left over."""
    placed: dict[str, str] = {}
    others: list[Phone] = []
    for phone in phones:
        label = phone.label.strip().lower()
        label = label if label in PHONE_COLUMNS else HOME
        if label in placed:
            others.append(phone)
        else:
            placed[label] = phone.number
    return placed, others


def birthday_value(birthday: str) -> Value:
    """A birthday as a real date, or, without its year, as ISO 8601's ``--MM-DD`` text (no
    spreadsheet has a date without a year, and the import reads this form back)."""
    if birthday.startswith("--"):
        return birthday
    return _date(birthday)


def _date(text: str) -> Value:
    """The date an ISO date or timestamp names, or "" for none."""
    return dt.date.fromisoformat(text[:10]) if text else ""


@dataclass(frozen=True)
class PurchaseLine:
    """One purchase as exported: whose card (none once the customer was erased), when, the
    receipt, the amount in minor units (negative for a return), the items and category."""

    card_no: str
    given_name: str
    family_name: str
    date: str
    receipt_no: str
    amount: int
    items: str
    category: str


def purchase_headings(currency: str, said: Words | None = None) -> list[str]:
    """The columns of a purchases export, in ``said``'s language (English unless told); the
    amount's says its currency."""
    said = said or words(ENGLISH)
    return [
        said.gettext(CARD_FIELDS["card_no"]),
        said.gettext(CARD_FIELDS["given_name"]),
        said.gettext(CARD_FIELDS["family_name"]),
        said.gettext("Date"),
        said.gettext("Receipt"),
        unmarked(said.gettext("Amount ({currency})", currency=currency)),  # a heading, no isolates
        said.gettext("Items"),
        said.gettext("Category"),
        # Translators: a purchases export's column: "yes" where the line is a return
        said.gettext("Return"),
    ]


PURCHASE_HEADINGS = tuple(purchase_headings("EUR"))
"""The columns of a purchases export for a shop in euros (the lead's list to check)."""


def purchase_values(line: PurchaseLine, currency: str) -> list[Value]:
    """One purchase as the cells of a row (:func:`purchase_headings`).

    The amount is a plain decimal number in the currency's units (12.50, written 12,50 where
    the locale says so), not minor units and not "12,50 €": a spreadsheet reads it as a number,
    so a column sum is the shop's takings in its money, and no one divides by 100 by hand.
    """
    return [
        line.card_no,
        line.given_name,
        line.family_name,
        _date(line.date),
        line.receipt_no,
        Decimal(line.amount).scaleb(-minor_digits(currency)),
        line.items,
        line.category,
        "yes" if line.amount < 0 else "",
    ]
