"""A broad search read off the alphabetical index: the cards in order, each tested for a match.

Sorting every match by name is what made a broad word slow: "+358" or "helsinki" match a
large share of a big card file, and each match's sort key had to be looked up before the first
row could show. Walking the cabinet's own order instead and keeping the cards that match stops
as soon as a page is full: when half the cards match, 120 cards tested give 60 rows.
``core.search.walk_budget`` decides when that pays and how far to walk.

A card is tested against the words the search index holds for it (the index's own copy,
``customer_search_content``): a word matches when it begins with a typed word, as a prefix
query does in the index. The words are cut and folded in Python (core.search), both for the
index and for what is typed, so SQLite's splitter changes nothing and the two tests agree
(tests/store/test_card_walk.py holds them to it).
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from shopcards.core.collation import Alphabet
from shopcards.core.search import fewest_for_walk, walk_budget
from shopcards.store.reads import Reads

_WORDS_JOIN = " CROSS JOIN customer_search_content s ON s.id = c.id"
"""Each card of the walk with its indexed words (the walk drives: CROSS JOIN keeps the order)."""
PREFIX_INDEXED = 10
"""The search index keeps the words' first 1 to 10 letters ready (migration m014): counting
the cards whose words begin so reads one list, with no words to merge."""


COUNTED_PAST_FEWEST = 2
"""A broad search's matches are counted up to twice the fewest a walk needs: more would
hardly change the walk (core.search.walk_budget) and cost time to count."""
FILED_FROM = 2_000
"""Fewer matches than this are sorted even when filed together: looking them up is quick."""
WHOLE_ROWS_UP_TO = 2_000
"""A search with fewer matches than this sorts them as whole rows (:func:`few_matches`)."""
STRETCH_COUNTED = 50_000
"""Cards filed under a word are counted up to this many when choosing the word."""
COUNTS_KEPT = 512
_counted: dict[tuple[int, str, tuple[Any, ...]], int] = {}
_FILED_SQL = (
    "SELECT count(*) FROM (SELECT 1 FROM customers c INDEXED BY customers_order "
    "WHERE c.archived_at IS NULL AND c.sort_key >= ? AND c.sort_key < ? LIMIT ?)"
)
"""How many cards are filed in a stretch of the cabinet, up to a number."""


def matches(db: Reads, match: str, up_to: int) -> int:
    """How many cards (archived ones too) the word index gives for ``match``, up to ``up_to``."""
    sql = (
        "SELECT count(*) FROM (SELECT 1 FROM customer_search WHERE customer_search MATCH ? LIMIT ?)"
    )
    return _count_once(db, sql, (match, up_to))


def _count_once(db: Reads, sql: str, params: tuple[Any, ...]) -> int:
    """The count ``sql`` gives, kept: only the plan depends on it, never the rows.

    Reading a word's list of cards, or a stretch of the cabinet, costs little next to looking
    each card up by name, yet the typing of one word asks the same counts again and again
    ("vir" for "virt", "virta"…). A count gone stale (cards added since) costs at most
    speed; each open file (connection) has its own, so a small file is not planned as a
    big one opened before it.
    """
    key = (id(db), sql, params)
    counted = _counted.get(key)
    if counted is None:
        if len(_counted) >= COUNTS_KEPT:
            _counted.clear()
        counted = _counted[key] = int(db.execute(sql, list(params)).fetchone()[0])
    return counted


def budget(
    db: Reads,
    clauses: list[tuple[str, ...]],
    alphabet: Alphabet,
    limit: int,
    spelled: Sequence[str] = (),
) -> int | tuple[str, str]:
    """How far a search may walk the alphabetical index for a page of ``limit`` (0: sort),
    or the stretch of the cabinet (sort keys ``lo <= key < hi``) its matches are mostly
    filed in, for :func:`filed_page`.

    Most searches are not broad enough for a walk to pay; the words' first letters, which
    the index holds ready-made, tell most of them so before their matches are counted. A
    broad word whose cards are mostly filed under it (a family name) is not walked: the
    walk would reach its cards only late in the cabinet. Where the cards are filed is looked
    up by the folded words of ``clauses`` and by the words as ``spelled`` (core.search).
    """
    cards_held = cards(db)
    least = fewest_for_walk(cards_held, limit)
    counted_to = _counted_to(db, limit)
    first_letters = [tuple(word[:PREFIX_INDEXED] for word in clause) for clause in clauses]
    broad = matches(db, fts_query(first_letters), counted_to)
    spelled_first = [word[:PREFIX_INDEXED] for word in spelled]
    filing = [word for clause in first_letters for word in clause] + spelled_first
    if broad >= FILED_FROM and _filed_together(db, filing, alphabet, broad):
        return _stretch(db, clauses, spelled, alphabet) or 0
    if broad < least:
        return 0  # even the words' first letters match too few cards
    if first_letters != clauses:  # a longer word: count its own matches (a slower question)
        broad = matches(db, fts_query(clauses), counted_to)
    return walk_budget(broad, cards_held, limit)


def few_matches(db: Reads, clauses: list[tuple[str, ...]], limit: int) -> bool:
    """True when fewer than WHOLE_ROWS_UP_TO cards match ``clauses``: sorting them as whole
    rows in one statement is then quicker (~20% at 100,000 cards) than ordering them on the
    narrow (id, sort key) index and reading the page's cards after, which pays for many
    matches (27 ms against 34 for the worst at 1,000,000 cards). Counted as :func:`budget`
    counts, so mostly kept already."""
    return matches(db, fts_query(clauses), _counted_to(db, limit)) < WHOLE_ROWS_UP_TO


def _counted_to(db: Reads, limit: int) -> int:
    """How far a search's matches are counted (COUNTED_PAST_FEWEST)."""
    return COUNTED_PAST_FEWEST * fewest_for_walk(cards(db), limit)


def filed_page(
    db: Reads,
    clauses: list[tuple[str, ...]],
    stretch: tuple[str, str],
    after: tuple[str, int] | None,
    limit: int,
) -> list[int]:
    """The ids of the first ``limit`` matching cards after ``after``, for a search whose
    matches are mostly filed in ``stretch`` (a family name's cards).

    Those are walked in order, nearly every one a match; only the matches filed elsewhere
    (a given name, a street, an e-mail) have their sort keys looked up and sorted, the
    cards of the stretch being set aside by the alphabetical index first.
    """
    test, words = word_test(clauses)
    start = ["c.archived_at IS NULL", "c.sort_key >= ?", "c.sort_key < ?"]
    since: list[Any] = []
    if after is not None:
        start.append("(c.sort_key, c.id) > (?, ?)")
        since = list(after)
    inside = db.execute(
        f"SELECT c.sort_key, c.id FROM customers c INDEXED BY customers_order{_WORDS_JOIN} "
        f"WHERE {' AND '.join(start)} AND ({test}) ORDER BY c.sort_key, c.id LIMIT ?",
        [*stretch, *since, *words, limit],
    ).fetchall()
    later = "" if after is None else " AND (c.sort_key, c.id) > (?, ?)"
    outside = db.execute(
        "SELECT c.sort_key, c.id FROM (SELECT rowid AS rid FROM customer_search "
        "WHERE customer_search MATCH ?) m CROSS JOIN customers c INDEXED BY "
        "customers_key_by_id ON c.id = m.rid WHERE m.rid NOT IN (SELECT id FROM customers "
        "INDEXED BY customers_order WHERE archived_at IS NULL AND sort_key >= ? AND "
        f"sort_key < ?) AND c.archived_at IS NULL{later} ORDER BY c.sort_key, c.id LIMIT ?",
        [fts_query(clauses), *stretch, *since, limit],
    ).fetchall()
    return [int(card_id) for _key, card_id in sorted([*inside, *outside])[:limit]]


def count(db: Reads, clauses: list[tuple[str, ...]], archived: bool) -> int:
    """How many cards, archived or not as ``archived`` says, match any of ``clauses``.

    The word index counts its matches quickly; the archived cards among them are few, and
    each is tested as the walk tests a card. No match is looked up by name.
    """
    test, words = word_test(clauses)
    archived_sql = (
        f"SELECT count(*) FROM customers c INDEXED BY customers_archived{_WORDS_JOIN} "
        f"WHERE c.archived_at IS NOT NULL AND ({test})"
    )
    among_archived = int(db.execute(archived_sql, words).fetchone()[0])
    if archived:
        return among_archived
    every_sql = "SELECT count(*) FROM customer_search WHERE customer_search MATCH ?"
    return int(db.execute(every_sql, [fts_query(clauses)]).fetchone()[0]) - among_archived


def fts_query(clauses: list[tuple[str, ...]]) -> str:
    """The FTS5 query true where some clause's every word begins a word of the card."""
    return _fts_query(tuple(clauses))


@lru_cache(maxsize=256)  # asked several times a keystroke: its plan, its page, its count
def _fts_query(clauses: tuple[tuple[str, ...], ...]) -> str:
    alternatives = [" AND ".join(f'"{word}"*' for word in clause) for clause in clauses]
    if len(alternatives) > 1:
        return " OR ".join(f"({alternative})" for alternative in alternatives)
    return "".join(alternatives)


def _filed_together(db: Reads, words: list[str], alphabet: Alphabet, found: int) -> bool:
    """True when half of ``found`` matches or more could be cards filed under one of ``words``."""
    half = found // 2
    return any(
        _count_once(db, _FILED_SQL, (*stretch, half)) >= half
        for stretch in _stretches(words, alphabet)
    )


def _stretch(
    db: Reads, clauses: list[tuple[str, ...]], spelled: Sequence[str], alphabet: Alphabet
) -> tuple[str, str] | None:
    """The sort keys of the cards filed under the typed word that has the most of them."""
    if len(clauses) != 1:
        return None
    filed = _stretches([*clauses[0], *spelled], alphabet)
    return max(
        filed,
        key=lambda stretch: _count_once(db, _FILED_SQL, (*stretch, STRETCH_COUNTED)),
        default=None,
    )


def _stretches(words: list[str], alphabet: Alphabet) -> set[tuple[str, str]]:
    """The stretches of the cabinet that hold the names beginning with each of ``words`` (none
    for a word with no letter the alphabet files by: that stretch is the whole cabinet)."""
    ranges = {alphabet.prefix_range(word) for word in words}
    return {(lo, hi) for lo, hi in ranges if lo}


def cards(db: Reads) -> int:
    """About how many cards the file holds (the highest id: close enough to plan, and kept
    as the counts are, a statement less a keystroke)."""
    return _count_once(db, "SELECT coalesce(max(id), 0) FROM customers", ())


def walk(
    db: Reads,
    clauses: list[tuple[str, ...]],
    drawer: str,
    after: tuple[str, int] | None,
    limit: int,
    budget: int,
) -> tuple[list[int], tuple[str, int] | None]:
    """The ids of up to ``limit`` cards matching any of ``clauses`` (all words of one) in
    alphabetical order after ``after`` (in ``drawer`` when one is given), testing at most
    ``budget`` cards.

    Also returns where the walk stopped when it used its whole budget without filling the
    page (the caller sorts the matches after that card), else None.
    """
    index, where, params = _cards_in_order(drawer, after)
    cards_sql = f"customers c INDEXED BY {index} WHERE {' AND '.join(where)}"
    end = db.execute(
        f"SELECT c.sort_key, c.id FROM {cards_sql} ORDER BY c.sort_key, c.id LIMIT 1 OFFSET ?",
        [*params, budget - 1],
    ).fetchone()
    bound = "" if end is None else " AND (c.sort_key, c.id) <= (?, ?)"
    test, words = word_test(clauses)
    cards_sql = cards_sql.replace(" WHERE ", _WORDS_JOIN + " WHERE ", 1)
    rows = db.execute(
        f"SELECT c.id FROM {cards_sql}{bound} AND ({test}) ORDER BY c.sort_key, c.id LIMIT ?",
        [*params, *(end or ()), *words, limit],
    ).fetchall()
    ids = [int(card_id) for (card_id,) in rows]
    stopped = None if end is None or len(ids) == limit else (str(end[0]), int(end[1]))
    return ids, stopped


def word_test(clauses: list[tuple[str, ...]]) -> tuple[str, list[str]]:
    """SQL true for a card ``c`` whose indexed words match: some clause's every word begins
    one of them (the words are stored with one space between)."""
    held = "instr(' ' || s.c0, ?) > 0"
    test = " OR ".join(f"({' AND '.join([held] * len(clause))})" for clause in clauses)
    return test or "0", [f" {word}" for clause in clauses for word in clause]


def _cards_in_order(drawer: str, after: tuple[str, int] | None) -> tuple[str, list[str], list[Any]]:
    """The alphabetical index to walk, and the conditions that start it after ``after``."""
    where = ["c.archived_at IS NULL"]
    params: list[Any] = []
    index = "customers_order"
    if drawer:
        index = "customers_drawer"
        where.append("c.drawer = ?")
        params.append(drawer)
    if after is not None:
        where.append("(c.sort_key, c.id) > (?, ?)")
        params.extend(after)
    return index, where, params
