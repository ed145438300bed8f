"""The customer card: what the shop knows about one customer.

A plain value object; the store turns it into rows and back, the window into widgets and back.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from shopcards.core.i18n import _


class Consent(StrEnum):
    """Whether the customer agreed to be contacted through one channel."""

    YES = "yes"
    NO = "no"
    NOT_ASKED = "not_asked"


class JoinedVia(StrEnum):
    """How the card came to be: a slip filled in at the till, the owner, or an import."""

    TILL = "till"
    OWNER = "owner"
    IMPORT = "import"


class CustomerType(StrEnum):
    """The shop's own rough idea of what brings this customer in (optional)."""

    LOYAL = "loyal"
    DISCOUNT = "discount"
    IMPULSE = "impulse"
    NEED_BASED = "need_based"
    WANDERING = "wandering"


BUILTIN_GREETINGS: tuple[str, ...] = ("christmas", "hanukkah", "new_year", "none")
"""Holiday-card preferences every shop has; the shop may add its own in settings."""


@dataclass(frozen=True)
class PartialDate:
    """A birthday or other date whose year may be unknown (ISO 8601 ``--MM-DD`` then)."""

    month: int
    day: int
    year: int | None = None

    def __post_init__(self) -> None:
        if not 1 <= self.month <= 12:
            raise ValueError(_("month {month} is not between 1 and 12", month=self.month))
        leap_year = 2000  # a year-less 29 February is a real birthday
        last = calendar.monthrange(self.year or leap_year, self.month)[1]
        if not 1 <= self.day <= last:
            raise ValueError(_("day {day} does not exist in that month", day=self.day))

    def iso(self) -> str:
        if self.year is None:
            return f"--{self.month:02d}-{self.day:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

    def said(self, locale: str) -> str:
        """ "3 April 1961", or "3 April" when the year is unknown, as ``locale`` writes it."""
        from babel.dates import format_date, format_skeleton  # ~30 ms: when first written

        if self.year is None:
            return str(format_skeleton("MMMMd", dt.date(2000, self.month, self.day), locale=locale))
        return str(format_date(dt.date(self.year, self.month, self.day), "long", locale=locale))

    @classmethod
    def from_iso(cls, text: str) -> PartialDate:
        """Read what :meth:`iso` wrote."""
        if text.startswith("--"):
            month, day = text[2:].split("-")
            return cls(int(month), int(day))
        year, month, day = text.split("-")
        return cls(int(month), int(day), int(year))


@dataclass(frozen=True)
class Phone:
    """One phone number, stored in E.164 (``+358401234567``) with a label such as "mobile"."""

    number: str
    label: str = ""


@dataclass(frozen=True)
class Card:
    """One customer's card. ``id`` is None until the card file has stored it."""

    given_name: str = ""
    family_name: str = ""
    title: str = ""
    salutation: str = ""
    address_lines: tuple[str, ...] = ()
    postcode: str = ""
    city: str = ""
    country: str = ""
    phones: tuple[Phone, ...] = ()
    email: str = ""
    birthday: PartialDate | None = None
    anniversary: str = ""
    anniversary_what: str = ""
    greeting: str = "none"
    interests: tuple[str, ...] = ()
    consent_post: Consent = Consent.NOT_ASKED
    consent_phone: Consent = Consent.NOT_ASKED
    consent_email: Consent = Consent.NOT_ASKED
    joined_via: JoinedVia = JoinedVia.OWNER
    customer_type: CustomerType | None = None
    is_staff: bool = False
    notes: str = ""
    id: int | None = None
    card_no: str = ""
    archived_at: str | None = None
    created_at: str = ""
    updated_at: str = ""
    version: int = 0

    @property
    def display_name(self) -> str:
        """Family name first, as the cabinet files the card."""
        if self.family_name and self.given_name:
            return f"{self.family_name}, {self.given_name}"
        return self.family_name or self.given_name

    @property
    def full_name(self) -> str:
        """Given name first, as a letter addresses the person."""
        return " ".join(part for part in (self.given_name, self.family_name) if part)

    @property
    def has_postal_address(self) -> bool:
        return bool(self.address_lines and self.city and (self.family_name or self.given_name))


@dataclass(frozen=True)
class CardSummary:
    """One line of the card list: just what the list shows, cheap to fetch by the hundred."""

    id: int
    card_no: str
    given_name: str
    family_name: str
    postcode: str
    city: str
    phone: str
    email: str
    sort_key: str
    archived: bool

    @property
    def display_name(self) -> str:
        return display_name(self.given_name, self.family_name)


ListRow = tuple[int, str, str, str, str]
"""A line of the card list as its first paint needs it: (id, sort key, given name, family
name, city); a plain tuple as SQLite gives it, as making anything more of forty
rows costs a keystroke about what its query does (issue 12)."""


def display_name(given_name: str, family_name: str) -> str:
    """A card's name as the cabinet lists it: family name first."""
    if family_name and given_name:
        return f"{family_name}, {given_name}"
    return family_name or given_name


@dataclass(frozen=True)
class CardQuery:
    """What the cabinet shows: a drawer (or all), a search text, and whether to show archived."""

    text: str = ""
    drawer: str = ""
    archived: bool = False
