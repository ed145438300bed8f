"""A customer file's rows made cards: each row a card draft, or a refusal that names the row,
the column and what is wrong with it ("row 14, column Birthday: …").

The card itself is checked by the form's own rules (core/validation.py), so an imported card
holds nothing the form would refuse; what a file writes its own way (birthdays as 15/3/1980 or
"15.3.", consent as "x" or "ja", interests as "wine; cheese") is read here first.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from shopcards.core.address_split import split_address
from shopcards.core.card import Card, Consent, JoinedVia
from shopcards.core.customer_headings import Field
from shopcards.core.errors import ValidationError
from shopcards.core.i18n import _, language
from shopcards.core.name_split import split_name
from shopcards.core.phones import NotAPhone, normalise, region_for_country
from shopcards.core.text import fold
from shopcards.core.validation import CardInput, parse_partial_date, validate

ColumnMapping = Mapping[int, Field]
"""Which field each column holds, by the column's index; a column not in it is not read."""

_PHONE_LABELS = {Field.phone: "", Field.phone_mobile: "mobile", Field.phone_work: "work"}
_ADDRESS_LINES = (Field.address_line_1, Field.address_line_2, Field.address_line_3)
_CONSENTS = (Field.consent_post, Field.consent_phone, Field.consent_email)
_AS_TYPED = (Field.title, Field.salutation, Field.postcode, Field.city, Field.country,
             Field.email, Field.notes, Field.greeting, Field.anniversary_what)  # fmt: skip
# The five languages the program speaks (English, Finnish, Romanian, Hebrew, Armenian), and
# what Swedish, German, French and Spanish exports write.
_YES = frozenset(
    {"yes", "y", "x", "1", "true", "ja", "j", "kylla", "k", "da", "כן", "այո"} | {"oui", "si", "ok"}
)
_NO = frozenset({"no", "n", "0", "false", "ei", "e", "nu", "לא", "ոչ", "nej", "nein", "non"})
_NOT_ASKED = frozenset({"-", "?", "not asked", "not_asked", "unknown", "ei kysytty", "neintrebat"})
"""What the export writes for a consent never asked (core/card_export.py: CONSENT_WORDS)."""
_INTEREST_SEPARATORS = re.compile(r"[,;|]")
_PHONE_LIST = re.compile(r"[;,]")
_LABELLED = re.compile(r"(.+?)\s*\(([^()]*)\)")
_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ][\d:.]*)?")
_NO_YEAR = re.compile(r"--?(\d{1,2})-(\d{1,2})")
_DOTTED = re.compile(r"(\d{1,2})\.(\d{1,2})\.?(\d{2}|\d{4})?")
_SLASHED = re.compile(r"(\d{1,2})[/-](\d{1,2})(?:[/-](\d{2}|\d{4}))?")
_VALIDATED_FROM = {
    "given_name": (Field.given_name, Field.middle_name, Field.full_name),
    "anniversary": (Field.anniversary,),
    "family_name": (Field.family_name, Field.full_name, Field.given_name),
    "address": (Field.address, *_ADDRESS_LINES),
    "postcode": (Field.postcode, Field.address),
    "city": (Field.city, Field.address),
    "interests": (Field.interests,),
    "anniversary_what": (Field.anniversary_what,),
    "customer_type": (Field.customer_type,),
    **{f.value: (f,) for f in (*_AS_TYPED, *_CONSENTS)},
}
"""The columns a field the form checks may have come from, to name the column of a refusal."""


@dataclass(frozen=True)
class Refusal:
    """A row that cannot be a card, and why; ``column`` is the heading ("" for the whole row)."""

    row: int
    column: str
    reason: str

    def __str__(self) -> str:
        if self.column:
            return _(
                "row {row}, column {column}: {reason}",
                row=self.row,
                column=self.column,
                reason=self.reason,
            )
        return _("row {row}: {reason}", row=self.row, reason=self.reason)


@dataclass(frozen=True)
class Draft:
    """The card a row describes (not stored yet) and the card number the file gives it."""

    row: int
    card: Card
    card_no: str = ""


@dataclass
class RowReader:
    """Reads the rows of one file: its headings, which column is which field, the shop's
    region (for phones without a country code) and whether 3/4 is 3 April (``day_first``)."""

    headings: Sequence[str]
    mapping: ColumnMapping
    region: str
    day_first: bool = True
    today: dt.date = field(default_factory=dt.date.today)

    def read(self, row: int, cells: Sequence[str]) -> Draft | Refusal | None:
        """The row's card, or why it cannot be one; None for a row with nothing in it."""
        values: dict[Field, list[tuple[str, str]]] = {}
        for index, name in self.mapping.items():
            text = cells[index].strip() if index < len(cells) else ""
            if text:
                values.setdefault(name, []).append((self.headings[index], text))
        if not values:
            return None
        try:
            inp = self._input(values)
        except _Refused as refused:
            return Refusal(row, refused.column, refused.reason)
        try:
            card = validate(inp, self.region)
        except ValidationError as exc:
            return self._refusal(row, values, exc)
        return Draft(row, card, _first(values, Field.card_no))

    def _input(self, values: dict[Field, list[tuple[str, str]]]) -> CardInput:
        inp = CardInput(joined_via=JoinedVia.IMPORT.value, greeting="")
        for name in _AS_TYPED:
            if name in values:  # a file fills a few of them: the rest stay empty
                setattr(inp, name.value, values[name][0][1])
        inp.given_name = " ".join(
            part
            for part in (_first(values, Field.given_name), _first(values, Field.middle_name))
            if part
        )
        inp.family_name = _first(values, Field.family_name)
        full = _first(values, Field.full_name)
        if full and not (inp.given_name or inp.family_name):
            parts = split_name(full)
            inp.given_name, inp.family_name = parts.given, parts.family
            inp.title = inp.title or parts.title
        inp.anniversary = _first(values, Field.anniversary)
        _address(inp, values)
        inp.phones = [
            (_PHONE_LABELS[name], text)
            for name in _PHONE_LABELS
            for _heading, text in values.get(name, [])
        ]
        inp.phones += other_phones(values.get(Field.phone_other, []))
        for heading, text in values.get(Field.birthday, []):
            inp.birthday = _birthday(heading, text, self.day_first, self.today)
        inp.interests = [
            part for _heading, text in values.get(Field.interests, []) for part in _interests(text)
        ]
        for name in _CONSENTS:
            for heading, text in values.get(name, []):
                setattr(inp, name.value, consent(heading, text).value)
        kind = _first(values, Field.customer_type)
        inp.customer_type = fold(kind).replace(" ", "_").replace("-", "_") if kind else ""
        return inp

    def _refusal(
        self, row: int, values: dict[Field, list[tuple[str, str]]], exc: ValidationError
    ) -> Refusal:
        """The first problem the form's rules found, with the column it came from."""
        name, reason = next(iter(exc.fields.items()))
        if name == "phones":
            return self._phone_refusal(row, values)
        if name == "family_name" and not any(
            n in values for n in (Field.given_name, Field.family_name, Field.full_name)
        ):
            return Refusal(row, "", _("no name: a family name, a given name, or both"))
        for source in _VALIDATED_FROM.get(name, ()):
            if source in values:
                return Refusal(row, values[source][0][0], reason)
        return Refusal(row, "", reason)

    def _phone_refusal(self, row: int, values: dict[Field, list[tuple[str, str]]]) -> Refusal:
        """The first phone column whose number cannot be read (in the row's country, else
        the shop's): the form's rules say only that one of the phones is wrong."""
        region = region_for_country(_first(values, Field.country), self.region)
        for name in _PHONE_LABELS:
            for heading, text in values.get(name, []):
                try:
                    normalise(text, region)
                except NotAPhone as exc:
                    return Refusal(row, heading, str(exc))
        for heading, text in values.get(Field.phone_other, []):
            for _heading, number in other_phones([(heading, text)]):
                try:
                    normalise(number, region)
                except NotAPhone as exc:
                    return Refusal(row, heading, str(exc))
        return Refusal(row, "", _("a phone number cannot be read"))


class _Refused(Exception):
    def __init__(self, column: str, reason: str) -> None:
        super().__init__(reason)
        self.column, self.reason = column, reason


def _first(values: dict[Field, list[tuple[str, str]]], name: Field) -> str:
    found = values.get(name)
    return found[0][1] if found else ""


def other_phones(cells: Sequence[tuple[str, str]]) -> list[tuple[str, str]]:
    """(label, number) for each phone in "Other phones" cells (heading, text): the export
    writes "+358… (mobile); 09…", a phone's contacts "+358…, 09…"."""
    phones: list[tuple[str, str]] = []
    for _heading, text in cells:
        for part in _PHONE_LIST.split(text):
            if labelled := _LABELLED.fullmatch(part.strip()):
                phones.append((labelled[2].strip(), labelled[1]))
            elif part.strip():
                phones.append(("", part.strip()))
    return phones


@lru_cache(maxsize=16_384)  # a shop's interests come in a few hundred combinations
def _interests(text: str) -> tuple[str, ...]:
    """The interests in one cell ("wine; cheese", "wine, cheese")."""
    return tuple(part.strip() for part in _INTEREST_SEPARATORS.split(text) if part.strip())


def _address(inp: CardInput, values: dict[Field, list[tuple[str, str]]]) -> None:
    """Address lines from their own columns, or from one address column split into lines,
    postcode and city (those from their own columns win)."""
    lines = [text for name in _ADDRESS_LINES for _heading, text in values.get(name, [])]
    whole = _first(values, Field.address)
    if whole:
        split_lines, postcode, city = split_address(whole, inp.country)
        lines = [*split_lines, *lines]
        inp.postcode = inp.postcode or postcode
        inp.city = inp.city or city
    inp.address = "\n".join(lines)


def consent(heading: str, text: str) -> Consent:
    """Yes or no in a consent column, as a person or a program writes it, in the shop's
    languages; an empty cell was not asked."""
    word = fold(text).strip().strip(".")
    if not word or word in _NOT_ASKED:
        return Consent.NOT_ASKED
    if word in _YES:
        return Consent.YES
    if word in _NO:
        return Consent.NO
    raise _Refused(heading, _("“{text}” is not yes or no", text=text))


def _birthday(heading: str, text: str, day_first: bool, today: dt.date) -> str:
    """The birthday as the form reads it (YYYY-MM-DD or --MM-DD), from any of the ways a
    file writes one; refused with the text as written when it is no date."""
    iso, problem = _birthday_read(text, day_first, today, language())
    if problem:
        raise _Refused(heading, problem)
    return iso


@lru_cache(maxsize=65_536)  # 100,000 customers' birthdays hold some 20,000 distinct dates
def _birthday_read(text: str, day_first: bool, today: dt.date, words: str) -> tuple[str, str]:
    """:func:`_birthday`: (the date as the form reads it, "") or ("", why it is no date, in
    the language ``words``: the cache keeps each language's answer apart)."""
    if match := _ISO.fullmatch(text):
        year, month, day = match.groups()
    elif match := _NO_YEAR.fullmatch(text):
        year, (month, day) = None, match.groups()
    elif match := _DOTTED.fullmatch(text):
        (day, month, year) = match.groups()
    elif match := _SLASHED.fullmatch(text):
        first, second, year = match.groups()
        day, month = (first, second) if day_first else (second, first)
    else:
        return "", _("“{text}” is not a date", text=text)
    full_year = _full_year(year, today) if year else None
    iso = f"{full_year:04d}-{month}-{day}" if full_year else f"--{month}-{day}"
    try:
        parse_partial_date(iso)
    except ValueError as exc:
        return "", _("“{text}” is not a date: {why}", text=text, why=exc)
    return iso, ""


def _full_year(year: str, today: dt.date) -> int:
    """A two-digit year is of this century unless that would be in the future."""
    if len(year) == 4:
        return int(year)
    century = today.year // 100 * 100
    short = int(year)
    return century + short if century + short <= today.year else century - 100 + short
