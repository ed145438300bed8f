"""Turning what a person typed into a card, or saying exactly which field is wrong.

Every field is checked and all problems come back at once, keyed by field name, so the form can
show each message next to its field. Nothing is stored unless the whole card is valid.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import TypeVar

from babel.dates import get_month_names

from shopcards.core.card import (
    Card,
    Consent,
    CustomerType,
    JoinedVia,
    PartialDate,
    Phone,
)
from shopcards.core.errors import ValidationError
from shopcards.core.i18n import ENGLISH, N_, _, format_locale, language
from shopcards.core.phones import NotAPhone, normalise, region_for_country
from shopcards.core.text import has_control_chars

MAX_SHORT = 120
MAX_LONG = 4000
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s.]{2,}$")
_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_NO_YEAR = re.compile(r"-{0,2}(\d{1,2})-(\d{1,2})")
_DOTTED = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})?")
CONTROL_CHAR = N_("Contains an invisible control character; please retype it")
"""What the till, the card form and an import say about a NUL, BEL, ESC or the like."""


@dataclass
class CardInput:
    """A card as typed: every field a string, exactly as it stood in the form or the file."""

    given_name: str = ""
    family_name: str = ""
    title: str = ""
    salutation: str = ""
    address: str = ""
    postcode: str = ""
    city: str = ""
    country: str = ""
    phones: list[tuple[str, str]] = field(default_factory=list)
    email: str = ""
    birthday: str = ""
    anniversary: str = ""
    anniversary_what: str = ""
    greeting: str = "none"
    interests: list[str] = field(default_factory=list)
    consent_post: str = Consent.NOT_ASKED.value
    consent_phone: str = Consent.NOT_ASKED.value
    consent_email: str = Consent.NOT_ASKED.value
    joined_via: str = JoinedVia.OWNER.value
    customer_type: str = ""
    is_staff: bool = False
    notes: str = ""


def parse_partial_date(text: str) -> PartialDate | None:
    """Read ``YYYY-MM-DD``, ``--MM-DD``/``MM-DD`` or ``DD.MM.[YYYY]``; empty means no date.

    Raises ValueError with a message for a person ("31 April does not exist").
    """
    text = text.strip()
    if not text:
        return None
    date, problem = _partial_date(text, dt.date.today().year, language())
    if problem:
        raise ValueError(problem)
    return date


@lru_cache(maxsize=65_536)  # an import's 100,000 birthdays hold some 20,000 distinct dates
def _partial_date(text: str, this_year: int, words: str) -> tuple[PartialDate | None, str]:
    """:func:`parse_partial_date` of a stripped text: (the date, "") or (None, why not, in
    the language ``words``: the cache keeps each language's answer apart)."""
    try:
        return _read_date(text, this_year), ""
    except ValueError as exc:
        return None, str(exc)


def _read_date(text: str, this_year: int) -> PartialDate:
    iso = _ISO.fullmatch(text)
    no_year = _NO_YEAR.fullmatch(text)
    dotted = _DOTTED.fullmatch(text)
    if iso:
        year, month, day = (int(g) for g in iso.groups())
    elif no_year:
        month, day = (int(g) for g in no_year.groups())
        year = None
    elif dotted:
        day, month = int(dotted.group(1)), int(dotted.group(2))
        year = int(dotted.group(3)) if dotted.group(3) else None
    else:
        raise ValueError(
            _("“{text}” is not a date: type YYYY-MM-DD, or MM-DD without the year", text=text)
        )
    if not 1 <= month <= 12:
        raise ValueError(_("month {month} does not exist: months run from 1 to 12", month=month))
    try:
        date = PartialDate(month, day, year)
    except ValueError:
        raise ValueError(_no_such_day(day, month, year)) from None
    if year is not None and not 1880 <= year <= this_year:
        raise ValueError(_("the year {year} cannot be right", year=year))
    return date


def _no_such_day(day: int, month: int, year: int | None) -> str:
    """ "31 April does not exist", the month named in the language in use."""
    name = get_month_names("wide", "format", locale=format_locale(ENGLISH))[month]
    if year is None:
        # Translators: a day of a month that has no such day, like "31 April"
        return _("{day} {month} does not exist", day=day, month=name)
    # Translators: a day of a month that has no such day, like "29 February 2027"
    return _("{day} {month} {year} does not exist", day=day, month=name, year=year)


def validate(inp: CardInput, region: str, base: Card | None = None) -> Card:
    """The card ``inp`` describes, or ValidationError naming every field that is wrong.

    Phones are read in the card's country when its Country field names one, else in the
    shop's ``region``.

    ``base`` is the stored card being edited: its identity and history are kept.
    """
    errors: dict[str, str] = {}
    text = _TextChecker(errors, _CHECKED_TEXTS if _texts_pass(inp) else frozenset())
    given = text.short("given_name", inp.given_name)
    family = text.short("family_name", inp.family_name)
    if not given and not family:
        errors["family_name"] = _("Enter a name: a family name, a given name, or both")
    address_lines = tuple(
        line.strip() for line in text.long("address", inp.address).splitlines() if line.strip()
    )
    phones = _phones(inp.phones, region_for_country(inp.country, region), errors)
    email = text.short("email", inp.email)
    if email and not _EMAIL.match(email):
        errors["email"] = _(
            "“{email}” is not an e-mail address (like name@example.com)", email=email
        )
    birthday = _date_field("birthday", inp.birthday, errors)
    anniversary = _date_field("anniversary", inp.anniversary, errors)
    if anniversary is not None and anniversary.year is None:
        errors["anniversary"] = _("An anniversary needs its year (YYYY-MM-DD)")
    interests = tuple(
        dict.fromkeys(t for t in (text.short("interests", i) for i in inp.interests) if t)
    )
    choices = _Choices.read(inp, errors)
    card = Card(
        given_name=given,
        family_name=family,
        title=text.short("title", inp.title),
        salutation=text.short("salutation", inp.salutation),
        address_lines=address_lines,
        postcode=text.short("postcode", inp.postcode),
        city=text.short("city", inp.city),
        country=text.short("country", inp.country).upper(),
        phones=phones,
        email=email,
        birthday=birthday,
        anniversary=anniversary.iso() if anniversary else "",
        anniversary_what=text.short("anniversary_what", inp.anniversary_what),
        greeting=text.short("greeting", inp.greeting) or "none",
        interests=interests,
        consent_post=choices.consent_post,
        consent_phone=choices.consent_phone,
        consent_email=choices.consent_email,
        joined_via=choices.joined_via,
        customer_type=choices.customer_type,
        is_staff=inp.is_staff,
        notes=text.long("notes", inp.notes),
    )
    if errors:
        raise ValidationError(errors)
    if base is None:
        return card
    return replace(
        card,
        id=base.id,
        card_no=base.card_no,
        archived_at=base.archived_at,
        created_at=base.created_at,
        updated_at=base.updated_at,
        version=base.version,
    )


_SHORT_TEXTS = ("given_name", "family_name", "title", "salutation", "postcode", "city",
                "country", "email", "anniversary_what", "greeting")  # fmt: skip
_LONG_TEXTS = ("address", "notes")
_CHECKED_TEXTS = frozenset((*_SHORT_TEXTS, *_LONG_TEXTS, "interests"))


def _texts_pass(inp: CardInput) -> bool:
    """Whether every text of :data:`_CHECKED_TEXTS` passes :func:`text_problem` as typed, by
    one look at them all (an import checks a million fields): trimmed, each still does."""
    shorts = [getattr(inp, name) for name in _SHORT_TEXTS] + inp.interests
    longs = [getattr(inp, name) for name in _LONG_TEXTS]
    return (
        max(map(len, shorts)) <= MAX_SHORT
        and max(map(len, longs)) <= MAX_LONG
        and not has_control_chars("".join(shorts))
        and not has_control_chars("".join(longs), allow_newlines=True)
    )


class _TextChecker:
    """Trims text fields and records a message for control characters or excessive length;
    the fields in ``passed`` are known to pass, and are only trimmed."""

    def __init__(self, errors: dict[str, str], passed: frozenset[str]) -> None:
        self.errors = errors
        self.passed = passed

    def short(self, name: str, value: str) -> str:
        return self._check(name, value, MAX_SHORT, allow_newlines=False)

    def long(self, name: str, value: str) -> str:
        return self._check(name, value, MAX_LONG, allow_newlines=True)

    def _check(self, name: str, value: str, limit: int, allow_newlines: bool) -> str:
        value = value.strip()
        if not value or name in self.passed:
            return value
        problem = text_problem(value, limit, allow_newlines)
        if problem:
            self.errors[name] = problem
        return value


def text_problem(value: str, limit: int, allow_newlines: bool = False) -> str | None:
    """Why ``value`` cannot be stored as typed (a control character, too long), or None:
    the one rule for text from the form, the till and an import."""
    if has_control_chars(value, allow_newlines):
        return _(CONTROL_CHAR)
    if len(value) > limit:
        return _("Too long: {length} characters, at most {limit}", length=len(value), limit=limit)
    return None


def _phones(raw: list[tuple[str, str]], region: str, errors: dict[str, str]) -> tuple[Phone, ...]:
    phones: list[Phone] = []
    for label, number in raw:
        if not number.strip():
            continue
        try:
            phones.append(Phone(normalise(number, region), label.strip()[:MAX_SHORT]))
        except NotAPhone as exc:
            errors["phones"] = f"{exc}"
    return tuple(dict.fromkeys(phones))


def _date_field(name: str, value: str, errors: dict[str, str]) -> PartialDate | None:
    try:
        return parse_partial_date(value)
    except ValueError as exc:
        errors[name] = str(exc)[:1].upper() + str(exc)[1:]
        return None


@dataclass(frozen=True)
class _Choices:
    """The fields chosen from a list; a value from outside the list is reported, not guessed."""

    consent_post: Consent
    consent_phone: Consent
    consent_email: Consent
    joined_via: JoinedVia
    customer_type: CustomerType | None

    @classmethod
    def read(cls, inp: CardInput, errors: dict[str, str]) -> _Choices:
        return cls(
            consent_post=_enum(Consent, "consent_post", inp.consent_post, errors),
            consent_phone=_enum(Consent, "consent_phone", inp.consent_phone, errors),
            consent_email=_enum(Consent, "consent_email", inp.consent_email, errors),
            joined_via=_enum(JoinedVia, "joined_via", inp.joined_via, errors),
            customer_type=(
                _enum(CustomerType, "customer_type", inp.customer_type, errors)
                if inp.customer_type
                else None
            ),
        )


_E = TypeVar("_E", Consent, JoinedVia, CustomerType)


def _enum(kind: type[_E], name: str, value: str, errors: dict[str, str]) -> _E:
    """The member named ``value``; an unknown value is recorded and the first member stands
    in (the card is refused anyway, because ``errors`` is not empty)."""
    member = kind._value2member_map_.get(value)  # what kind(value) looks up first, 10x faster
    if member is not None:
        return member  # type: ignore[return-value]
    try:
        return kind(value)
    except ValueError:
        allowed = ", ".join(member.value for member in kind)
        errors[name] = _("“{value}” is not one of: {allowed}", value=value, allowed=allowed)
        return next(iter(kind))
