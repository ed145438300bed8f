"""A search's matches in alphabetical order, read off the (word, sort key) index.

The word index (FTS5) finds a word's cards by id; putting them in the cabinet's order meant
looking each one up by id and sorting them all, 57 ms at 1,000,000 cards for a given name
common all over the cabinet ("Abraham", "Bogdan"). ``search_words`` holds each listed card's
words beside its sort key (search_index keeps it): the cards whose words begin with a typed
word are one range of it, and ordering them needs no look-up, only the keys side by side
(about 0.2 µs a card); a typed word that begins few words reads each one's first page in
order and merges them. Of several typed words, the one with the fewest matches is read and
the others tested beside it.

A range is as long as its matches are many: a typed word that begins many words and very
many cards is left to the walk of the alphabetical index (store.card_walk), as are numbers
(their words are not filed here) and searches with several alternatives (a phone number).
"""

from __future__ import annotations

from typing import Any

from shopcards.store.card_walk import fts_query, matches, word_test
from shopcards.store.list_rows import rows
from shopcards.store.reads import Reads
from shopcards.store.search_index import DIGITS

READ_UP_TO = 60_000
"""Up to this many matches of one typed word are read in order here, a range of the index:
at 1,000,000 cards "tim" (53,000) takes 7 ms against 110 ms sorted, "sal" (31,000 cards,
salonen123… words one or two cards each) 24 ms against 42 ms filed. A broader word is walked
in the cabinet's order instead (store.card_walk)."""
_LAST = chr(0x10FFFF)
"""After every letter: a word beginning with ``w`` lies between ``w`` and ``w + _LAST``."""
TESTED_UP_TO = 1_000
"""A search of several words whose rarest matches up to this many cards tests the others
beside each of those cards (a look-up each, 10 µs or more at 1,000,000 cards); with more,
the alphabetical index is walked (store.card_walk)."""
FEW_WORDS = 8
"""A typed word that begins at most this many filed words reads each one's first page in
order and merges them, however many cards they hold."""


def page(
    db: Reads,
    clauses: list[tuple[str, ...]],
    after: tuple[str, int] | None,
    limit: int,
    columns: str,
) -> list[tuple[Any, ...]] | None:
    """The ``columns`` of the first ``limit`` listed cards ``c`` matching ``clauses`` after
    ``after``, in alphabetical order; None when this index does not answer the search well
    (see the module's docstring)."""
    if len(clauses) != 1 or not clauses[0]:
        return None
    words = sorted(set(clauses[0]))
    if any(word[0] in DIGITS for word in words):
        return None
    since = [] if after is None else list(after)
    if len(words) == 1:
        beginning = _words_beginning(db, words[0])
        if beginning is not None:
            return _merged(db, beginning, since, limit, columns)
    counts = {word: matches(db, fts_query([(word,)]), READ_UP_TO) for word in words}
    driver = min(words, key=counts.__getitem__)
    if counts[driver] >= (READ_UP_TO if len(words) == 1 else TESTED_UP_TO):
        return None
    others = [word for word in words if word != driver]
    return rows(db, _driven(db, driver, others, since, limit), columns)


def _driven(db: Reads, driver: str, others: list[str], since: list[Any], limit: int) -> list[int]:
    """The cards whose words begin with ``driver`` and each of ``others``, read off the
    range of ``driver`` (the fewest matches). A word that begins few filed words is tested
    by looking each of them up beside the card; a broader one in the card's indexed words,
    as the walk tests a card (store.card_walk)."""
    joined = ""
    sql = "a.word >= ? AND a.word < ?" + (
        "" if not since else " AND (a.sort_key, a.card_id) > (?, ?)"
    )
    params: list[Any] = [driver, driver + _LAST, *since]
    for word in others:
        beginning = _words_beginning(db, word)
        if beginning is None:
            joined = " JOIN customer_search_content s ON s.id = a.card_id"
            test, held = word_test([(word,)])
            sql += f" AND {test}"
            params.extend(held)
            continue
        if not beginning:
            return []
        sql += (
            " AND EXISTS (SELECT 1 FROM search_words b WHERE b.word IN "
            f"({', '.join('?' * len(beginning))}) AND b.sort_key = a.sort_key "
            "AND b.card_id = a.card_id)"
        )
        params.extend(beginning)
    sql = (
        f"SELECT a.sort_key, a.card_id FROM search_words a{joined} WHERE {sql} "
        "ORDER BY a.sort_key, a.card_id LIMIT ?"
    )
    return _distinct(db, sql, params, limit)


def _distinct(db: Reads, sql: str, params: list[Any], limit: int) -> list[int]:
    """The first ``limit`` cards ``sql`` gives, each once: a card whose words begin with the
    typed word twice ("stefan", "stefanescu") comes twice, one row after the other.

    Twice ``limit`` rows are read at first: a family name is mostly in the card's e-mail too
    ("salonen", "salonen123"), and reading again means sorting the range again."""
    read = 2 * limit
    while True:
        rows = db.execute(sql, [*params, read]).fetchall()
        ids = list(dict.fromkeys(int(card_id) for _key, card_id in rows))
        if len(ids) >= limit or len(rows) < read:
            return ids[:limit]
        read *= 2


def _words_beginning(db: Reads, typed: str) -> list[str] | None:
    """The filed words that begin with ``typed``, if they are few (else None): found one
    after another by seeking the index past the last, in one statement."""
    sql = """
        WITH RECURSIVE found(word) AS (
            SELECT min(word) FROM search_words WHERE word >= ?1 AND word < ?2
            UNION ALL
            SELECT (SELECT min(word) FROM search_words WHERE word > found.word AND word < ?2)
            FROM found WHERE found.word IS NOT NULL LIMIT ?3
        )
        SELECT word FROM found WHERE word IS NOT NULL
    """
    rows = db.execute(sql, [typed, typed + _LAST, FEW_WORDS + 1]).fetchall()
    return [str(word) for (word,) in rows] if len(rows) <= FEW_WORDS else None


def _merged(
    db: Reads, words: list[str], since: list[Any], limit: int, columns: str
) -> list[tuple[Any, ...]]:
    """The ``columns`` of the first ``limit`` cards filed under any of ``words`` after
    ``since``: each word's cards are read in order up to ``limit``, then merged (UNION: each
    card once), and the page's cards read in the same statement."""
    if not words:
        return []
    after = "" if not since else " AND (sort_key, card_id) > (?, ?)"
    first = (
        f"SELECT * FROM (SELECT sort_key, card_id FROM search_words WHERE word = ?{after} "
        "ORDER BY sort_key, card_id LIMIT ?)"
    )
    merged = " UNION ".join([first] * len(words)) + " ORDER BY 1, 2 LIMIT ?"
    sql = (
        f"SELECT {columns} FROM ({merged}) k CROSS JOIN customers c ON c.id = k.card_id "
        "ORDER BY k.sort_key, k.card_id"
    )
    params = [value for word in words for value in (word, *since, limit)]
    return db.execute(sql, [*params, limit]).fetchall()
