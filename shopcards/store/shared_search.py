"""The cabinet's search on a shared card file (PostgreSQL).

The card file's search is tuned to SQLite (FTS5 word lists, planner hints, walks of the
alphabetical index: store/card_list.py). A shared store has the same two word indexes as
plain tables: ``customer_search`` (each card's folded words, with a trigram index) and
``search_words`` (each listed card's words that begin with a letter, beside its sort key,
in (word, sort key, id) order: store/search_index.py keeps both on both stores).

A search of words that begin with letters (names, towns, e-mails) reads its matches off
``search_words``: the cards whose words begin with the typed word are one range of it, and
the first page of them in the cabinet's order is the range's top rows by (sort key, id),
with no card looked up (at 1,000,000 cards a town's 100,000 matches take ~15 ms; a test of
each card's words, as before, read every card: ~300 ms). Several typed words, or a
drawer, are the intersection of their ranges, sorted; the count is the number of distinct
cards in it.

Any other search (numbers, which may be phone digits; archived cards, which are not filed
there) tests each card's words in ``customer_search``; the trigram index finds the cards
that hold a typed word of three letters or more anywhere, and the test keeps those where it
begins a word.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from shopcards.core.card import CardQuery
from shopcards.core.collation import Alphabet
from shopcards.core.search import Lookup, match_clauses, plan
from shopcards.store.list_rows import rows
from shopcards.store.reads import Reads
from shopcards.store.search_index import DIGITS

_LAST = chr(0x10FFFF)
"""After every letter: a word beginning with ``w`` lies between ``w`` and ``w + _LAST``
(the shared store's text is compared by code point: its locale is C)."""
TRIGRAM = 3
"""The fewest letters of a typed word the trigram index can look up (pg_trgm's trigrams);
a shorter word would make it read the whole index."""


def page(
    db: Reads,
    query: CardQuery,
    alphabet: Alphabet,
    after: tuple[str, int] | None,
    limit: int,
    columns: str,
) -> list[tuple[Any, ...]]:
    """The ``columns`` of up to ``limit`` cards of ``query`` after ``after``, in order."""
    filed = _filed_words(query)
    if filed is not None:
        return rows(db, _filed_page(db, filed, query.drawer, after, limit), columns)
    where, params = _where(query, alphabet)
    if after is not None:
        where.append("(c.sort_key, c.id) > (?, ?)")
        params.extend(after)
    sql = (
        f"SELECT {columns} FROM customers c WHERE {' AND '.join(where)} "
        "ORDER BY c.sort_key, c.id LIMIT ?"
    )
    return db.execute(sql, [*params, limit]).fetchall()


def count(db: Reads, query: CardQuery, alphabet: Alphabet) -> int:
    """How many cards match ``query``."""
    filed = _filed_words(query)
    if filed is not None:
        ranges, params = _ranges(filed, query.drawer)
        sql = f"SELECT count(DISTINCT card_id) FROM ({' INTERSECT '.join(ranges)}) k"
        return int(db.execute(sql, params).fetchone()[0])
    where, params = _where(query, alphabet)
    row = db.execute(f"SELECT count(*) FROM customers c WHERE {' AND '.join(where)}", params)
    return int(row.fetchone()[0])


def _filed_words(query: CardQuery) -> list[str] | None:
    """The typed words, longest first, when ``search_words`` answers the search: listed
    cards, one clause (not a number that may be a phone), every word beginning with a
    letter; else None."""
    search = plan(query.text)
    if search.lookup is not Lookup.WORDS or query.archived:
        return None
    clauses = match_clauses(search.text)
    if len(clauses) != 1 or any(word[0] in DIGITS for word in clauses[0]):
        return None
    return sorted(set(clauses[0]), key=lambda word: (-len(word), word))


def _filed_page(
    db: Reads, words: list[str], drawer: str, after: tuple[str, int] | None, limit: int
) -> list[int]:
    """The first ``limit`` cards after ``after`` whose words begin with each of ``words``
    (in ``drawer``, if given).

    One word: the top of its range. A card whose words begin with it twice ("saarinen",
    "saarinen361") is in the range twice, one row after the other: twice ``limit`` rows are
    read, more if that gave too few cards. Several words, or a drawer: the intersection of
    their ranges, sorted. Never one range tested card by card against another: the planner
    cannot tell how long a range is (it took "virt", 17,000 rows, for 2) and looked each
    card of one up in the other, 1.5 s for "anna virt" at 1,000,000 cards."""
    if len(words) > 1 or drawer:
        ranges, params = _ranges(words, drawer, after)
        sql = f"SELECT card_id FROM ({' INTERSECT '.join(ranges)}) k ORDER BY sort_key, card_id"
        found = db.execute(f"{sql} LIMIT ?", [*params, limit]).fetchall()
        return [int(card_id) for (card_id,) in found]
    (sql,), params = _ranges(words, drawer, after)
    sql += " ORDER BY sort_key, card_id LIMIT ?"
    read = 2 * limit
    while True:
        found = db.execute(sql, [*params, read]).fetchall()
        ids = list(dict.fromkeys(int(card_id) for _key, card_id in found))
        if len(ids) >= limit or len(found) < read:
            return ids[:limit]
        read *= 2


def _ranges(
    words: Sequence[str], drawer: str, after: tuple[str, int] | None = None
) -> tuple[list[str], list[Any]]:
    """For each word, a statement of the (sort key, id) of the cards whose words begin with
    it, and one of the listed cards in ``drawer`` (if given), after ``after``; with their
    parameters."""
    later = "" if after is None else " AND (sort_key, card_id) > (?, ?)"
    since = [] if after is None else list(after)
    ranges = [f"SELECT sort_key, card_id FROM search_words WHERE word >= ? AND word < ?{later}"]
    params: list[Any] = [value for word in words for value in (word, word + _LAST, *since)]
    ranges *= len(words)
    if drawer:
        ranges.append(
            "SELECT sort_key, id FROM customers "
            f"WHERE drawer = ? AND archived_at IS NULL{later.replace('card_id', 'id')}"
        )
        params.extend([drawer, *since])
    return ranges, params


def _where(query: CardQuery, alphabet: Alphabet) -> tuple[list[str], list[Any]]:
    where = ["c.archived_at IS NOT NULL" if query.archived else "c.archived_at IS NULL"]
    params: list[Any] = []
    search = plan(query.text)
    if search.lookup is Lookup.NAME_PREFIX:
        where.append("c.sort_key >= ? AND c.sort_key < ?")
        params.extend(alphabet.prefix_range(search.text))
    elif search.lookup is Lookup.WORDS:
        test, words = _word_test(match_clauses(search.text))
        where.append(f"c.id IN (SELECT s.id FROM customer_search s WHERE {test})")
        params.extend(words)
    if query.drawer:
        where.append("c.drawer = ?")
        params.append(query.drawer)
    return where, params


def _word_test(clauses: list[tuple[str, ...]]) -> tuple[str, list[str]]:
    """True for words in which some clause's every word begins a word (a word long enough
    is also looked for anywhere, which the trigram index answers)."""
    tests: list[str] = []
    params: list[str] = []
    for clause in clauses:
        held = []
        for word in clause:
            if len(word) >= TRIGRAM:
                held.append("s.words LIKE ?")
                params.append(f"%{_escaped(word)}%")
            held.append("(' ' || s.words) LIKE ?")
            params.append(f"% {_escaped(word)}%")
        tests.append(f"({' AND '.join(held)})")
    return " OR ".join(tests) or "FALSE", params


def whole_words(words: Sequence[str]) -> tuple[str, list[str]]:
    """The test that a card ``c``'s words hold each of ``words`` whole, and its parameters
    (what a card file asks FTS5 with quoted words)."""
    if not words:
        return "FALSE", []
    held = " AND ".join(["(' ' || s.words || ' ') LIKE ?"] * len(words))
    test = f"c.id IN (SELECT s.id FROM customer_search s WHERE {held})"
    return test, [f"% {_escaped(word)} %" for word in words]


def _escaped(word: str) -> str:
    return word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
