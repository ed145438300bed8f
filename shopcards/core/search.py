"""How a search text is looked up, decided before any SQL runs.

The first one or two letters typed would match a large share of a big card file through the
word index, and sorting all those matches is what makes a search slow. Like flipping the
cabinet open at those letters, a text that short looks up family names that begin with it,
straight off the alphabetical index. From three characters on, every word of the card counts
(names, e-mail, postcode, city, card number), and numbers also match phones however written.

Words are cut here, in Python, both for the index and for what is typed, and written to the
word index separated by spaces: SQLite's own word splitter then has nothing left to split. That
matters because the index keeps no word positions, so a quoted text that SQLite would cut in two
("anna_virtanen") is a phrase it refuses with an error. Apostrophes and hyphens inside a word
join it: "O'Connor" is found by "oconnor", "o'connor" and "o connor".
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from enum import Enum
from functools import lru_cache

from shopcards.core.phones import looks_like_phone, query_digits
from shopcards.core.text import fold

SHORT = 2
_JOINERS = "'\u2019\u02bc\u2018`\u00b4-\u2010\u2011\u2012\u2013\u2014\u2015\u00ad"
_JOINERS_TO_SPACE = str.maketrans(dict.fromkeys(_JOINERS, " "))


class Lookup(Enum):
    EVERYTHING = "everything"
    NAME_PREFIX = "name_prefix"
    WORDS = "words"


@dataclass(frozen=True)
class SearchPlan:
    lookup: Lookup
    text: str


@lru_cache(maxsize=256)  # asked several times a keystroke: the list's page, its count…
def plan(text: str) -> SearchPlan:
    """The lookup for what is in the search box (see the module's docstring)."""
    stripped = text.strip()
    tokens = query_words(stripped)
    if not tokens:
        return SearchPlan(Lookup.EVERYTHING, "")
    if len(tokens) == 1 and len(stripped) <= SHORT:
        if stripped.lstrip("+").isdigit() or not stripped.isalpha():
            return SearchPlan(Lookup.EVERYTHING, "")  # "0", "+3": too little for a phone
        return SearchPlan(Lookup.NAME_PREFIX, stripped)
    return SearchPlan(Lookup.WORDS, stripped)


def query_words(text: str) -> list[str]:
    """The words to look up for a typed text: "O'Connor" and "Smith-Jones" each one word."""
    return ["".join(parts) for parts in _compounds(text)]


def match_clauses(text: str) -> list[tuple[str, ...]]:
    """What a search text matches, as alternatives of words that must all begin a word of the
    card: every typed word; a number also as phone digits ("00100" may be a postcode or the
    start of "+100…", so a number-like text matches either)."""
    return list(_match_clauses(text))


@lru_cache(maxsize=256)  # folding and cutting the text is a good part of a keystroke's Python
def _match_clauses(text: str) -> tuple[tuple[str, ...], ...]:
    """:func:`match_clauses`, kept (a tuple, so no caller can change what is kept)."""
    words = tuple(query_words(text))
    if not looks_like_phone(text):
        return (words,) if words else ()
    digits = {query_digits(text), "".join(ch for ch in text if ch.isdigit())}
    clauses: list[tuple[str, ...]] = [(number,) for number in sorted(digits)]
    if words and words not in clauses:  # "+447" is the word "447" too: ask once
        clauses.append(words)
    return tuple(clauses)


def spelled_words(text: str) -> list[str]:
    """The typed words as spelled (accents and case kept), for finding where the cabinet files
    them: in Finland "Hämäläinen" is filed under Ä, where its folded form "hamalainen" is not."""
    return list(_spelled_words(text))


@lru_cache(maxsize=256)  # a keystroke's page asks it, and the text was cut and kept already
def _spelled_words(text: str) -> tuple[str, ...]:
    spaced = "".join(
        ch if ch in _JOINERS or _is_word_char(ch) or unicodedata.combining(ch) else " "
        for ch in text
    )
    return tuple(chunk.translate(_JOINERS_TO_SPACE).replace(" ", "") for chunk in spaced.split())


def index_words(text: str) -> list[str]:
    """The words a card is found by: a joined word whole and each of its parts."""
    found: list[str] = []
    for parts in _compounds(text):
        found.extend(["".join(parts), *parts] if len(parts) > 1 else parts)
    return found


def _compounds(text: str) -> list[list[str]]:
    """The folded words of ``text``, each as its parts between apostrophes or hyphens."""
    spaced = "".join(ch if ch in _JOINERS or _is_word_char(ch) else " " for ch in fold(text))
    compounds = (chunk.translate(_JOINERS_TO_SPACE).split() for chunk in spaced.split())
    return [parts for parts in compounds if parts]


@lru_cache(maxsize=4096)  # a card file uses few distinct characters; each is asked often
def _is_word_char(ch: str) -> bool:
    """A letter or digit that SQLite's word splitter also keeps inside a word.

    SQLite's splitter knows Unicode 6.1; a letter added since may be a separator to it, so
    only a character that was already a letter or digit in Unicode 3.2 counts (others split
    the word in the index and in the search alike, which finds the same cards).
    """
    category = unicodedata.category(ch)
    is_letter = category[0] in "LN" or category == "Co"
    return is_letter and unicodedata.ucd_3_2_0.category(ch) == category


WALK_SPREAD = 3
"""The alphabetical walk tests up to this many times the cards an even spread needs…"""
WALKED_COST = 3
"""…and never more than half what sorting the matches costs: testing one card in the walk
costs about as much as sorting in three matches (measured at 100,000 cards)."""


@lru_cache(maxsize=64)
def fewest_for_walk(cards: int, wanted: int) -> int:
    """The fewest matches among ``cards`` for which :func:`walk_budget` walks: with fewer,
    even matches spread evenly would need more cards tested than sorting them costs."""
    low, high = 1, max(cards, 2 * WALKED_COST * (2 * wanted + 1))  # walk_budget(high) > 0
    while low < high:
        middle = (low + high) // 2
        low, high = (low, middle) if walk_budget(middle, cards, wanted) else (middle + 1, high)
    return low


def walk_budget(matches: int, cards: int, wanted: int) -> int:
    """How many cards of the alphabetical index to test, in order, for a page of ``wanted``
    matches of a search with ``matches`` (at least) among ``cards``; 0: sort the matches.

    Sorting every match is what made a broad word slow (30 ms and more for "040" at
    100,000 cards). When half the cards match, 120 cards tested in alphabetical order give
    a page of 60. A word whose matches sit together (a family name's cards in one stretch of
    the cabinet) may find few in the walk; the budget bounds what that costs before its
    matches are sorted after all.
    """
    needed = wanted * cards // max(matches, 1) + wanted
    affordable = matches // (2 * WALKED_COST)
    return min(WALK_SPREAD * needed, affordable) if needed <= affordable else 0
