"""Which pairs of cards may be one person, over the whole card file, and why.

Three rules: the same phone (numbers are kept in E.164, so "040 123 4567" and "+358 40 1234567"
are one number), the same e-mail (in any case), and close names where a second fact agrees:
the same postcode, or the same birthday (a birthday without a year agrees with any year).

Why a close name alone is not enough: in a shop of 100,000 customers the same name is common
(the demo shop holds 2,950 different names over 100,000 cards), so "names alike" alone would
list hundreds of thousands of pairs of different people. Blocking on the postcode and the
birthday keeps the list to pairs worth a look, and makes the search fast: names are compared
only inside a block (a few hundred cards at most), by rapidfuzz's ratio on the folded name with
its words sorted (its ``token_sort_ratio``: "Anna Maria Virtanen" = "Virtanen Anna Maria").
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import NamedTuple

from rapidfuzz import fuzz, process

from shopcards.core.progress import Report, tell
from shopcards.core.text import words

NAME_SCORE = 92
"""How alike two names must be (0–100) to count as close."""
LARGEST_SHARED = 30
"""A phone or e-mail on more cards than this is a shared one (the shop's own number, a
family's address): it makes no pairs."""

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
    tell(report, 0, 4, "Comparing phones…")
    for number, ids in _groups((n, p.id) for p in people for n in p.phones).items():
        _add(found, ids, Reason(PHONE, number))
    tell(report, 1, 4, "Comparing e-mails…")
    emails = _groups((p.email.strip().casefold(), p.id) for p in people if p.email.strip())
    for email, ids in emails.items():
        _add(found, ids, Reason(EMAIL, email))
    tell(report, 2, 4, "Comparing names at the same postcode…")
    names = _name_keys(people)
    by_postcode = _groups((_postcode(p.postcode), p.id) for p in people if p.postcode.strip())
    for postcode, ids in by_postcode.items():
        _close_names(found, ids, names, score, postcode)
    tell(report, 3, 4, "Comparing names with the same birthday…")
    for day, ids, years in _birthday_blocks(people):
        _close_names(found, ids, names, score, day, years)
    tell(report, 4, 4)
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


def _groups(items: Iterable[tuple[str, int]]) -> dict[str, list[int]]:
    """Keys held by two cards or more (but not by more than LARGEST_SHARED), with their cards."""
    groups: dict[str, set[int]] = {}
    for key, card_id in items:
        groups.setdefault(key, set()).add(card_id)
    return {k: sorted(ids) for k, ids in groups.items() if 2 <= len(ids) <= LARGEST_SHARED}


def _add(found: dict[tuple[int, int], list[Reason]], ids: list[int], reason: Reason) -> None:
    for a, b in itertools.combinations(ids, 2):
        if reason not in found[(a, b)]:
            found[(a, b)].append(reason)


def _birthday_blocks(people: Sequence[Person]) -> list[tuple[str, list[int], dict[int, str]]]:
    """Cards by birthday month and day, each with its year ("" when not known)."""
    blocks: dict[str, dict[int, str]] = defaultdict(dict)
    for person in people:
        day = person.birthday.strip()
        if len(day) == 10 or (len(day) == 7 and day.startswith("--")):
            blocks[day[-5:]][person.id] = day[:4] if len(day) == 10 else ""
    return [(md, sorted(years), years) for md, years in blocks.items() if len(years) > 1]


def _close_names(
    found: dict[tuple[int, int], list[Reason]],
    ids: list[int],
    names: dict[int, str],
    score: int,
    where: str,
    years: dict[int, str] | None = None,
) -> None:
    """Pairs in one block whose names are at least ``score`` alike (and, for a birthday
    block, whose years do not differ)."""
    keys = [names[card_id] for card_id in ids]
    for i, query in enumerate(keys[:-1]):
        later = keys[i + 1 :]
        hits = process.extract(
            query, later, scorer=fuzz.ratio, processor=None, score_cutoff=score, limit=None
        )
        for _, similarity, j in hits:
            a, b = ids[i], ids[i + 1 + j]
            if years is not None and years[a] and years[b] and years[a] != years[b]:
                continue
            if years is None:
                reason = Reason(NAME_POSTCODE, where, int(similarity))
            else:
                reason = Reason(
                    NAME_BIRTHDAY, _birthday_text(where, years[a] or years[b]), int(similarity)
                )
            found[(a, b)].append(reason)


def _birthday_text(month_day: str, year: str) -> str:
    return f"{year}-{month_day}" if year else f"--{month_day}"
