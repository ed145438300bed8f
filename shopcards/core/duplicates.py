"""Which pairs of cards may be one person, over the whole card file, and why.

Three rules: the same phone (numbers are kept in E.164, so "040 123 4567" and "+358 40 1234567"
are one number), the same e-mail (in any case), and close names where a second fact agrees:
the same postcode, or the same birthday (a birthday without a year agrees with any year).

Why a close name alone is not enough: in a shop of 100,000 customers the same name is common
(the demo shop holds 2,950 different names over 100,000 cards), so "names alike" alone would
list hundreds of thousands of pairs of different people. Blocking on the postcode and the
birthday keeps the list to pairs worth a look, and makes the search fast: names are compared
only inside a block (a few hundred cards at a busy postcode), by rapidfuzz's ratio on the folded
name with its words sorted (its ``token_sort_ratio``: "Anna Maria Virtanen" = "Virtanen Anna
Maria"); in a block each different name is compared once, and only with names whose length
lets them reach the score. A birthday block is split by year: cards born in different known
years are never compared, a card without a year is compared with the whole day.
"""

from __future__ import annotations

import itertools
from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import NamedTuple

from rapidfuzz import fuzz, process

from shopcards.core.i18n import _
from shopcards.core.progress import Report, tell
from shopcards.core.text import words

NAME_SCORE = 92
"""How alike two names must be (0–100) to count as close."""
LARGEST_SHARED = 30
"""A phone or e-mail on more cards than this is a shared one (the shop's own number, a
family's address): it makes no pairs."""

STEP = 500
"""Blocks of names compared between two reports (so Cancel is taken within a moment)."""
PHONE, EMAIL = "phone", "email"
NAME_POSTCODE, NAME_BIRTHDAY = "name_postcode", "name_birthday"


class Person(NamedTuple):
    """What the search needs of one card (a named tuple: 100,000 of them are made at once)."""

    id: int
    given_name: str
    family_name: str
    postcode: str = ""
    birthday: str = ""
    """ISO ``YYYY-MM-DD`` or ``--MM-DD`` (no year), or empty."""
    email: str = ""
    phones: tuple[str, ...] = ()
    card_no: str = ""

    @property
    def display_name(self) -> str:
        if self.family_name and self.given_name:
            return f"{self.family_name}, {self.given_name}"
        return self.family_name or self.given_name


@dataclass(frozen=True)
class Reason:
    """Why a pair is listed: ``kind`` (phone, email, a close name at one postcode or with one
    birthday), what agreed, and how alike the names are (0–100)."""

    kind: str
    value: str = ""
    score: int = 0

    @property
    def text(self) -> str:
        """For a person: "same phone +358401234567", "names 94% alike at 00100"."""
        if self.kind == PHONE:
            return f"same phone {self.value}"
        if self.kind == EMAIL:
            return f"same e-mail {self.value}"
        if self.kind == NAME_POSTCODE:
            return f"names {self.score}% alike at {self.value}"
        return f"names {self.score}% alike, both born {self.value}"


@dataclass(frozen=True)
class Pair:
    """Two cards (lower id first) that may be one person, with every reason found."""

    first_id: int
    second_id: int
    reasons: tuple[Reason, ...]

    @property
    def why(self) -> str:
        return "; ".join(reason.text for reason in self.reasons)

    @property
    def rank(self) -> tuple[int, int, int, int]:
        """Strongest first: a shared phone, then e-mail, then the closest names."""
        kinds = {reason.kind for reason in self.reasons}
        best = max((reason.score for reason in self.reasons), default=0)
        return (PHONE not in kinds, EMAIL not in kinds, -best, self.first_id)


def find_pairs(
    people: Sequence[Person],
    not_same: Iterable[tuple[int, int]] = (),
    report: Report | None = None,
    score: int = NAME_SCORE,
) -> list[Pair]:
    """Every pair the rules find, strongest first, leaving out those marked not the same
    person (given lower id first). ``report`` is told each step and may cancel."""
    found: dict[tuple[int, int], list[Reason]] = defaultdict(list)
    tell(report, 0, 0, "Comparing phones…")
    for number, ids in _groups((n, p.id) for p in people for n in p.phones).items():
        _add(found, ids, Reason(PHONE, number))
    tell(report, 0, 0, "Comparing e-mails…")
    emails = _groups((p.email.strip().casefold(), p.id) for p in people if p.email.strip())
    for email, ids in emails.items():
        _add(found, ids, Reason(EMAIL, email))
    names = _name_keys(people)
    by_postcode = _groups(
        ((_postcode(p.postcode), p.id) for p in people if p.postcode.strip()), len(people)
    )
    birthdays = _birthday_blocks(people)
    total = 2 + len(by_postcode) + len(birthdays)
    for done, (postcode, ids) in enumerate(by_postcode.items(), start=2):
        if done % STEP == 2:
            tell(report, done, total, _("Comparing names at the same postcode…"))
        _close_names(found, ids, names, score, Reason(NAME_POSTCODE, postcode))
    for done, (month_day, years) in enumerate(birthdays, start=2 + len(by_postcode)):
        if done % STEP == 2:
            tell(report, done, total, _("Comparing names with the same birthday…"))
        _same_birthday(found, month_day, years, names, score)
    tell(report, total, total)
    skip = set(not_same)
    pairs = [Pair(a, b, tuple(why)) for (a, b), why in found.items() if (a, b) not in skip]
    return sorted(pairs, key=lambda pair: pair.rank)


def _name_keys(people: Sequence[Person]) -> dict[int, str]:
    """Each card's folded name with its words sorted; each different name folded once (a
    shop has far fewer names than cards)."""
    folded: dict[tuple[str, str], str] = {}
    keys = {}
    for person in people:
        name = (person.given_name, person.family_name)
        key = folded.get(name)
        if key is None:
            key = folded[name] = " ".join(sorted(words(" ".join(name))))
        keys[person.id] = key
    return keys


def _postcode(text: str) -> str:
    return "".join(text.split()).upper()


def _groups(
    items: Iterable[tuple[str, int]], largest: int = LARGEST_SHARED
) -> dict[str, list[int]]:
    """Keys held by two cards or more (but not by more than ``largest``), with their cards."""
    groups: dict[str, list[int]] = {}
    for key, card_id in items:
        groups.setdefault(key, []).append(card_id)
    found = {k: sorted(set(ids)) for k, ids in groups.items() if len(ids) > 1}
    return {k: ids for k, ids in found.items() if 2 <= len(ids) <= largest}


def _add(found: dict[tuple[int, int], list[Reason]], ids: list[int], reason: Reason) -> None:
    for a, b in itertools.combinations(ids, 2):
        if reason not in found[(a, b)]:
            found[(a, b)].append(reason)


def _birthday_blocks(people: Sequence[Person]) -> list[tuple[str, dict[int, str]]]:
    """Cards by birthday month and day, each with its year ("" when not known)."""
    blocks: dict[str, dict[int, str]] = defaultdict(dict)
    for person in people:
        day = person.birthday.strip()
        if len(day) == 10 or (len(day) == 7 and day.startswith("--")):
            blocks[day[-5:]][person.id] = day[:4] if len(day) == 10 else ""
    return [(md, years) for md, years in blocks.items() if len(years) > 1]


def _same_birthday(
    found: dict[tuple[int, int], list[Reason]],
    month_day: str,
    years: dict[int, str],
    names: dict[int, str],
    score: int,
) -> None:
    """Close names born on one day: cards of one year among themselves, and a card whose year
    is not known with every card of the day (its year may be any)."""
    by_year: dict[str, list[int]] = defaultdict(list)
    for card_id, year in years.items():
        by_year[year].append(card_id)
    unknown = by_year.pop("", [])
    for year, ids in by_year.items():
        if len(ids) > 1:
            _close_names(found, ids, names, score, Reason(NAME_BIRTHDAY, f"{year}-{month_day}"))
    if unknown:
        here: dict[tuple[int, int], list[Reason]] = defaultdict(list)
        reason = Reason(NAME_BIRTHDAY, f"--{month_day}")
        _close_names(here, sorted(years), names, score, reason, asking=set(unknown))
        for (a, b), reasons in here.items():  # the year the other card knows, if it does
            year = years[a] or years[b]
            day = f"{year}-{month_day}" if year else reason.value
            found[(a, b)] += [replace(r, value=day) for r in reasons]


def _close_names(
    found: dict[tuple[int, int], list[Reason]],
    ids: list[int],
    names: dict[int, str],
    score: int,
    reason: Reason,
    asking: set[int] | None = None,
) -> None:
    """Pairs in one block whose names are at least ``score`` alike, each with ``reason`` and
    its score; with ``asking``, only pairs with one of those cards in them (and only their
    names are compared with the rest). Each different name is compared once: cards of one
    name are alike at 100 without asking rapidfuzz."""
    by_name: dict[str, list[int]] = {}
    for card_id in ids:
        by_name.setdefault(names[card_id], []).append(card_id)
    distinct = sorted(by_name, key=len)
    lengths = [len(name) for name in distinct]
    asked = [asking is None or not asking.isdisjoint(by_name[name]) for name in distinct]
    for i, query in enumerate(distinct):
        if not asked[i]:
            continue
        # names this alike differ little in length: a name far shorter or longer cannot reach
        low = i + 1 if asking is None else bisect_left(lengths, lengths[i] * score / (200 - score))
        high = bisect_right(lengths, lengths[i] * (200 - score) / score)
        hits = process.extract(
            query,
            distinct[low:high],
            scorer=fuzz.ratio,
            processor=None,
            score_cutoff=score,
            limit=None,
        )
        pairs = [(a, b, 100) for a, b in itertools.combinations(by_name[query], 2)]
        for _key, similarity, j in hits:
            k = low + j
            if k != i and (k > i or not asked[k]):  # a pair of two asked names: once
                pairs += [
                    (a, b, int(similarity)) for a in by_name[query] for b in by_name[distinct[k]]
                ]
        for a, b, similarity in pairs:
            if asking is None or a in asking or b in asking:
                found[(min(a, b), max(a, b))].append(replace(reason, score=similarity))
