"""Who may get post, how a letter is addressed, and what its merge fields say.

Plain rules, no SQL and no PDF: the letters service reads the cards, these functions decide.

* A customer gets post only with consent to post ("yes") and a complete postal address; every
  other customer chosen is left out with the reasons in words (:func:`post_problems`). A reply
  the customer asked for by taking part (the prize winner's letter) needs only that they have
  not said no to post.
* "One letter per household" groups cards at the same address (:func:`household_key` ignores
  case, accents, punctuation and spacing) into one letter: "Dear Anna and Mikko", addressed to
  "Anna and Mikko Virtanen", or to "The Virtanen family" when three or more share the name.
* :func:`merge_values` fills the template fields for one letter from its cards and their last
  visits, with dates written in the shop's language.
* Birthdays and anniversaries are chosen by a range of dates that may run over the year end
  (:class:`DayRange`).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

from babel import Locale
from babel.dates import format_date, format_skeleton
from babel.lists import format_list

from shopcards.core.card import Card, Consent
from shopcards.core.errors import ValidationError
from shopcards.core.i18n import ENGLISH, N_, Words, _
from shopcards.core.i18n import words as words_in
from shopcards.core.text import fold, words

CONSENT_REASONS = {
    Consent.NO: N_("said no to post"),
    Consent.NOT_ASKED: N_("not asked about post"),
}
CITY_THEN_POSTCODE_LINES = frozenset({"GB", "IM", "JE", "GG"})
"""Countries whose post puts the postcode on a line of its own under the town."""
CITY_THEN_POSTCODE = frozenset({"US", "CA", "AU", "IL", "BR", "IN", "JP", "KR", "NZ", "ZA"})
"""Countries whose post writes the town first and the postcode after it, on one line."""
FAMILY_FROM = 3
"""A household of this many people sharing a family name is "The Virtanen family"."""
NAMES_IN_GREETING = 3
"""Up to this many given names are greeted one by one; more share "Dear Virtanen family"."""


@dataclass(frozen=True)
class Excluded:
    """A customer chosen for a mailing who gets nothing, and why (for the list on screen)."""

    customer_id: int
    card_no: str
    name: str
    reason: str


def post_problems(card: Card, reply: bool = False) -> list[str]:
    """Why ``card`` may not get post, in words; empty when it may."""
    problems: list[str] = []
    if card.archived_at:
        problems.append(_("card archived"))
    if card.consent_post is Consent.NO or (not reply and card.consent_post in CONSENT_REASONS):
        problems.append(_(CONSENT_REASONS[card.consent_post]))
    if not card.has_postal_address:
        problems.append(_address_gap(card))
    return problems


_ADDRESS_GAPS = {
    ("street",): N_("address has no street"),
    ("town",): N_("address has no town"),
    ("name",): N_("address has no name"),
    ("street", "name"): N_("address has no street and no name"),
    ("town", "name"): N_("address has no town and no name"),
}
"""What a postal address lacks, one whole phrase per case (a translation may reorder it)."""


def _address_gap(card: Card) -> str:
    missing = tuple(
        what
        for what, present in (
            ("street", card.address_lines),
            ("town", card.city),
            ("name", card.family_name or card.given_name),
        )
        if not present
    )
    if "street" in missing and "town" in missing:
        return _("no postal address")
    return _(_ADDRESS_GAPS[missing])


def excluded(card: Card, reply: bool = False) -> Excluded | None:
    """The entry for the "left out" list, or None when ``card`` may get post."""
    problems = post_problems(card, reply)
    if not problems:
        return None
    assert card.id is not None
    return Excluded(card.id, card.card_no, card.display_name or _("(no name)"), "; ".join(problems))


# Addresses ----------------------------------------------------------------------------------


def person_name(card: Card) -> str:
    """The name line for one person: title, given and family name ("Dr Anna Virtanen")."""
    return " ".join(part for part in (card.title, card.given_name, card.family_name) if part)


def address_block(
    cards: Sequence[Card], home_country: str, locale: str, words: Words | None = None
) -> tuple[str, ...]:
    """The lines the envelope window shows: name, street lines, town and postcode, country.

    The country line (in the letters' language, ``locale``, in capitals) is added only for
    post abroad; a blank country is the shop's own.
    """
    first = cards[0]
    lines = [household_name(cards, locale, words), *first.address_lines]
    country = (first.country or home_country).upper()
    postcode, city = first.postcode.strip(), first.city.strip()
    if country in CITY_THEN_POSTCODE_LINES:
        lines += [city, postcode]
    elif country in CITY_THEN_POSTCODE:
        lines.append(f"{city} {postcode}")
    else:
        lines.append(f"{postcode} {city}")
    if country and country != home_country.upper():
        lines.append(country_name(country, locale).upper())
    return tuple(line.strip() for line in lines if line.strip())


@lru_cache(maxsize=64)
def country_name(code: str, locale: str) -> str:
    """ "FINLAND" for "FI" in an English-speaking shop; an unknown code stays as typed."""
    try:
        name = Locale.parse(locale).territories.get(code.upper())
    except (ValueError, TypeError):
        name = None
    return str(name) if name else code


def household_key(card: Card, home_country: str) -> str:
    """The same text for every card at the same address, however it was typed."""
    street = " ".join(" ".join(words(line)) for line in card.address_lines)
    postcode = "".join(words(card.postcode))
    country = (card.country or home_country).upper()
    return f"{street}|{postcode}|{' '.join(words(card.city))}|{country}"


def group_households(cards: Iterable[Card], home_country: str) -> list[tuple[Card, ...]]:
    """Cards at the same address together, in the order each address first appears."""
    groups: dict[str, list[Card]] = {}
    for card in cards:
        groups.setdefault(household_key(card, home_country), []).append(card)
    return [tuple(group) for group in groups.values()]


def _family(cards: Sequence[Card]) -> str:
    """The family name the cards share (accents and case aside), or "" when they differ."""
    names = {fold(card.family_name) for card in cards}
    return cards[0].family_name if len(names) == 1 else ""


def _and(names: Sequence[str], locale: str) -> str:
    """ "Anna", "Anna and Mikko", "Anna, Mikko and Liisa" ("Anna ja Mikko" in Finnish)."""
    return str(format_list(list(names), locale=locale)) if names else ""


def household_name(cards: Sequence[Card], locale: str = "en_GB", words: Words | None = None) -> str:
    """Who the letter is addressed to: one person, two names, or "The Virtanen family", in
    the letters' language (``words``) with the names joined as ``locale`` joins a list."""
    if len(cards) == 1:
        return person_name(cards[0])
    family = _family(cards)
    if family and len(cards) >= FAMILY_FROM:
        return (words or words_in(ENGLISH)).gettext("The {family} family", family=family)
    if family and all(card.given_name for card in cards):
        return f"{_and([card.given_name for card in cards], locale)} {family}"
    return _and([person_name(card) for card in cards], locale)


def _greeted(card: Card) -> str:
    """What one person is called in a greeting: the given name, else title and family name."""
    return card.given_name or " ".join(p for p in (card.title, card.family_name) if p)


def salutation(cards: Sequence[Card], locale: str = "en_GB", words: Words | None = None) -> str:
    """The greeting line: the card's own salutation if written on it, else "Dear Anna" in the
    letters' language (``words``; "Hyvä Anna" in Finnish)."""
    said = words or words_in(ENGLISH)
    if len(cards) == 1:
        card = cards[0]
        if card.salutation:
            return card.salutation
        if card.title and card.family_name:
            return said.gettext("Dear {name}", name=f"{card.title} {card.family_name}")
        if not _greeted(card):
            return said.gettext("Dear customer")
        return said.gettext("Dear {name}", name=_greeted(card))
    family = _family(cards)
    if family and len(cards) > NAMES_IN_GREETING:
        return said.gettext("Dear {family} family", family=family)
    return said.gettext("Dear {name}", name=_and([_greeted(card) for card in cards], locale))


# Merge values -------------------------------------------------------------------------------


@lru_cache(maxsize=4096)
def long_date(iso: str, locale: str) -> str:
    """ "3 March 2025" in the shop's language; "" for no date."""
    if not iso:
        return ""
    return str(format_date(dt.date.fromisoformat(iso[:10]), "long", locale=locale))


def merge_values(
    cards: Sequence[Card],
    last_visits: Mapping[int, str],
    locale: str,
    today: dt.date,
    words: Words | None = None,
) -> dict[str, str]:
    """The customer fields of one letter (the shop's own and asked-for fields come elsewhere).

    ``words`` is the letters' language and ``locale`` the one to write its dates and lists in
    (:func:`shopcards.core.i18n.format_locale`), so a Finnish letter greets "Hyvä Anna" and
    dates "3. maaliskuuta 2025". For a household: the given names joined, the latest last
    visit, the earliest card, and a birthday only when the letter is for one person.
    """
    names = [card.family_name for card in cards if card.family_name]
    family = _family(cards) or _and(names, locale)
    visits = [
        last_visits[card.id] for card in cards if card.id is not None and card.id in last_visits
    ]
    since = min((card.created_at for card in cards if card.created_at), default="")
    birthday = cards[0].birthday if len(cards) == 1 else None
    return {
        "salutation": salutation(cards, locale, words),
        "given_name": _and([_greeted(card) for card in cards], locale),
        "family_name": family,
        "full_name": household_name(cards, locale, words),
        "last_visit": long_date(max(visits, default=""), locale),
        "birthday": day_and_month(birthday.month, birthday.day, locale) if birthday else "",
        "customer_since": long_date(since[:10], locale),
        "today": long_date(today.isoformat(), locale),
    }


@lru_cache(maxsize=512)
def day_and_month(month: int, day: int, locale: str) -> str:
    """ "12 May" in the shop's language (a birthday without its year)."""
    return str(format_skeleton("MMMMd", dt.date(2000, month, day), locale=locale))


# Date ranges --------------------------------------------------------------------------------

_RANGE = re.compile(r"^\s*(\S+)\s*(?:\.\.|–|—)\s*(\S+)\s*$")


@dataclass(frozen=True)
class DayRange:
    """The days from ``first`` to ``last`` (both included); it may run over the year end."""

    first: dt.date
    last: dt.date

    @classmethod
    def parse(cls, text: str) -> DayRange:
        """Read "2026-12-01..2026-12-31"; raises ValidationError saying what is wrong."""
        match = _RANGE.match(text)
        if not match:
            raise ValidationError(
                {"dates": _("“{text}” is not a range like 2026-12-01..2026-12-31", text=text)}
            )
        try:
            first, last = (dt.date.fromisoformat(part) for part in match.groups())
        except ValueError as exc:
            problem = _("“{text}”: {problem}", text=text, problem=str(exc))
            raise ValidationError({"dates": problem}) from exc
        if last < first:
            raise ValidationError({"dates": _("“{text}” ends before it starts", text=text)})
        return cls(first, last)

    def __str__(self) -> str:
        return f"{self.first.isoformat()}..{self.last.isoformat()}"

    def month_days(self) -> list[tuple[str, str]]:
        """The range as "MM-DD" spans to look birthdays up by: one, or two over a year end.

        A range of a year or more is every day ("01-01".."12-31"). A 29 February birthday is
        kept on 28 February in other years, so a range ending on that day takes it in.
        """
        if (self.last - self.first).days >= 365:
            return [("01-01", "12-31")]
        first, last = self.first.strftime("%m-%d"), self.last.strftime("%m-%d")
        if last == "02-28" and not calendar.isleap(self.last.year):
            last = "02-29"
        if self.first.year == self.last.year:
            return [(first, last)]
        return [(first, "12-31"), ("01-01", last)]

    def occurrence(self, month_day: str) -> dt.date:
        """The day in the range on which a "MM-DD" falls, to list birthdays in the order they
        come (29 February on the 28th in other years)."""
        month, day = int(month_day[:2]), int(month_day[3:5])
        for year in range(self.first.year, self.last.year + 1):
            try:
                candidate = dt.date(year, month, day)
            except ValueError:
                candidate = dt.date(year, month, day - 1)
            if self.first <= candidate <= self.last:
                return candidate
        return self.first


@dataclass(frozen=True)
class Sent:
    """A letter or card that went to a customer: when, which template, which batch."""

    sent_at: str
    template: str
    kind: str
    batch_id: int
