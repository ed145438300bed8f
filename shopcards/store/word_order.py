"""A search's matches in alphabetical order, read off the (word, sort key) index.

The word index (FTS5) finds a word's cards by id; putting them in the cabinet's order meant
looking each one up by id and sorting them all, 57 ms at 1,000,000 cards for a given name
common all over the cabinet ("Abraham", "Bogdan"). ``search_words`` holds each listed card's
words beside its sort key (search_index keeps it): the cards whose words begin with a typed
word are one range of it, and ordering them needs no look-up, only the keys side by side
(about 0.2 µs a card). Words of several typed words intersect their ranges.

A range is as long as the matches are many: a very broad word ("example" in every e-mail)
is left to the walk of the alphabetical index (store.card_walk), as are numbers (their words
are not filed here) and searches with several alternatives (a phone number).
"""

from __future__ import annotations

from typing import Any

from sqlite_utils import Database

from shopcards.store.card_walk import fts_query, matches
from shopcards.store.search_index import DIGITS

READ_UP_TO = 30_000
"""Up to this many matches (all the typed words' together) are read in order here: about
6 ms at 1,000,000 cards. A broader search is walked in the cabinet's order instead."""
_LAST = chr(0x10FFFF)
"""After every letter: a word beginning with ``w`` lies between ``w`` and ``w + _LAST``."""
_RANGE = "SELECT sort_key, card_id FROM search_words WHERE word >= ? AND word < ?"
_AFTER = " AND (sort_key, card_id) > (?, ?)"


def page(
    db: Database, clauses: list[tuple[str, ...]], after: tuple[str, int] | None, limit: int
) -> list[int] | None:
    """The ids of the first ``limit`` listed cards matching ``clauses`` after ``after``, in
    alphabetical order; None when this index does not answer the search well (see the
    module's docstring)."""
    if len(clauses) != 1 or not clauses[0]:
        return None
    words = sorted(set(clauses[0]))
    if any(word[0] in DIGITS for word in words):
        return None
    if sum(matches(db, fts_query([(word,)]), READ_UP_TO) for word in words) >= READ_UP_TO:
        return None
    since = [] if after is None else list(after)
    arm = _RANGE + ("" if after is None else _AFTER)
    params: list[Any] = [value for word in words for value in (word, word + _LAST, *since)]
    if len(words) > 1:  # INTERSECT gives each card once
        sql = " INTERSECT ".join([arm] * len(words)) + " ORDER BY 1, 2 LIMIT ?"
        return [int(card_id) for _key, card_id in db.execute(sql, [*params, limit]).fetchall()]
    return _distinct(db, arm + " ORDER BY sort_key, card_id LIMIT ?", params, limit)


def _distinct(db: Database, sql: str, params: list[Any], limit: int) -> list[int]:
    """The first ``limit`` cards ``sql`` gives, each once: a card whose words begin with the
    typed word twice ("stefan", "stefanescu") comes twice, one row after the other."""
    read = limit
    while True:
        rows = db.execute(sql, [*params, read]).fetchall()
        ids = list(dict.fromkeys(int(card_id) for _key, card_id in rows))
        if len(ids) >= limit or len(rows) < read:
            return ids[:limit]
        read *= 2
