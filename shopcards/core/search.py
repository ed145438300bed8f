"""How a search text is looked up, decided before any SQL runs.

The first one or two letters typed would match a large share of a big card file through the
word index, and sorting all those matches is what makes a search slow. Like flipping the
cabinet open at those letters, a text that short looks up family names that begin with it,
straight off the alphabetical index. From three characters on, every word of the card counts
(names, e-mail, postcode, city, card number), and numbers also match phones however written.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from shopcards.core.text import words

SHORT = 2


class Lookup(Enum):
    EVERYTHING = "everything"
    NAME_PREFIX = "name_prefix"
    WORDS = "words"


@dataclass(frozen=True)
class SearchPlan:
    lookup: Lookup
    text: str


def plan(text: str) -> SearchPlan:
    """The lookup for what is in the search box (see the module's docstring)."""
    stripped = text.strip()
    tokens = words(stripped)
    if not tokens:
        return SearchPlan(Lookup.EVERYTHING, "")
    if len(tokens) == 1 and len(stripped) <= SHORT:
        if stripped.lstrip("+").isdigit() or not stripped.isalpha():
            return SearchPlan(Lookup.EVERYTHING, "")  # "0", "+3": too little for a phone
        return SearchPlan(Lookup.NAME_PREFIX, stripped)
    return SearchPlan(Lookup.WORDS, stripped)
