"""The cabinet's cards in order, a page at a time, and how many a search finds.

A page is read after the last card seen, by its (sort key, id): a word search off the
(word, sort key) index (store.word_order) or by walking the alphabetical index
(store.card_walk), any other by sorting its matches.
"""

from __future__ import annotations

from typing import Any

from shopcards.core.card import CardQuery, CardSummary, ListRow
from shopcards.core.collation import Alphabet
from shopcards.core.search import Lookup, match_clauses, plan, spelled_words
from shopcards.store import card_walk, shared_search, word_order
from shopcards.store.dialect import is_postgres
from shopcards.store.list_rows import (
    LIST_COLUMNS,
    SUMMARY_COLUMNS,
    list_rows,
    rows,
    summary,
)
from shopcards.store.reads import Reads

_CARDS = "customers c"


def page(
    db: Reads, query: CardQuery, alphabet: Alphabet, after: tuple[str, int] | None, limit: int
) -> list[CardSummary]:
    """Up to ``limit`` cards matching ``query`` in alphabetical order, after the card ``after``.

    Paging by the last (sort key, id) seen keeps every page as fast as the first, however
    deep the list is scrolled. A word search reads its matches in order off the (word, sort
    key) index (store.word_order); a broader one walks the alphabetical index and stops at a
    full page (store.card_walk); any other sorts its matches.
    """
    return [summary(row) for row in _page(db, query, alphabet, after, limit, SUMMARY_COLUMNS)]


def list_page(
    db: Reads, query: CardQuery, alphabet: Alphabet, after: tuple[str, int] | None, limit: int
) -> list[ListRow]:
    """:func:`page` as the card list shows it first (core.card.ListRow)."""
    return list_rows(_page(db, query, alphabet, after, limit, LIST_COLUMNS))


def _page(
    db: Reads,
    query: CardQuery,
    alphabet: Alphabet,
    after: tuple[str, int] | None,
    limit: int,
    columns: str,
) -> list[tuple[Any, ...]]:
    """The ``columns`` of :func:`page`'s cards."""
    if is_postgres(db):
        return shared_search.page(db, query, alphabet, after, limit, columns)
    search = plan(query.text)
    if search.lookup is Lookup.WORDS and not query.archived:
        clauses = match_clauses(search.text)
        in_order = None if query.drawer else word_order.page(db, clauses, after, limit, columns)
        if in_order is not None:
            return in_order
        spelled = spelled_words(search.text)
        budget = card_walk.budget(db, clauses, alphabet, limit, spelled)
        if isinstance(budget, tuple):
            if query.drawer:
                return _sorted(db, query, alphabet, after, limit, columns)
            return rows(db, card_walk.filed_page(db, clauses, budget, after, limit), columns)
        if budget:
            ids, stopped = card_walk.walk(db, clauses, query.drawer, after, limit, budget)
            found = rows(db, ids, columns)
            if stopped is None:
                return found
            return found + _sorted(db, query, alphabet, stopped, limit - len(found), columns)
    return _sorted(db, query, alphabet, after, limit, columns)


def sorted_page(
    db: Reads, query: CardQuery, alphabet: Alphabet, after: tuple[str, int] | None, limit: int
) -> list[CardSummary]:
    """:func:`page` by sorting every match (also what a broad search's page is checked
    against in the tests)."""
    return [summary(row) for row in _sorted(db, query, alphabet, after, limit, SUMMARY_COLUMNS)]


def _sorted(
    db: Reads,
    query: CardQuery,
    alphabet: Alphabet,
    after: tuple[str, int] | None,
    limit: int,
    columns: str,
) -> list[tuple[Any, ...]]:
    """The ``columns`` of :func:`sorted_page`'s cards: the order is worked out on the narrow
    (id, sort key) index and only the cards of the page itself are read whole, unless the
    matches are few (card_walk.few_matches)."""
    search = plan(query.text)
    whole = search.lookup is Lookup.WORDS and (
        query.archived or card_walk.few_matches(db, match_clauses(search.text), limit)
    )
    source, where, params = _where(query, alphabet, narrow=not whole)
    if after is not None:
        where.append("(c.sort_key, c.id) > (?, ?)")
        params.extend(after)
    if source == _CARDS or whole:  # the index, or the few matches, give the page straight
        sql = (
            f"SELECT {columns} FROM {source} WHERE {' AND '.join(where)} "
            "ORDER BY c.sort_key, c.id LIMIT ?"
        )
    else:
        keys = (
            f"SELECT c.id, c.sort_key FROM {source} WHERE {' AND '.join(where)} "
            "ORDER BY c.sort_key, c.id LIMIT ?"
        )
        sql = (
            f"SELECT {columns} FROM ({keys}) k CROSS JOIN {_CARDS} ON c.id = k.id "
            "ORDER BY k.sort_key, k.id"
        )
    return db.execute(sql, [*params, limit]).fetchall()


def count(db: Reads, query: CardQuery, alphabet: Alphabet) -> int:
    """How many cards match ``query`` (a word search in the whole cabinet: card_walk.count)."""
    if is_postgres(db):
        return shared_search.count(db, query, alphabet)
    search = plan(query.text)
    if search.lookup is Lookup.WORDS and not query.drawer:
        return card_walk.count(db, match_clauses(search.text), query.archived)
    source, where, params = _where(query, alphabet, narrow=not query.archived)
    sql = f"SELECT count(*) FROM {source} WHERE {' AND '.join(where)}"
    return int(db.execute(sql, params).fetchone()[0])


def fts_match(text: str) -> str:
    """The FTS5 query for a search text: every word as a prefix; a number also as phone digits
    (core.search.match_clauses)."""
    return card_walk.fts_query(match_clauses(text))


def _where(query: CardQuery, alphabet: Alphabet, narrow: bool) -> tuple[str, list[str], list[Any]]:
    """The FROM clause, conditions and parameters that select the cards of ``query``.

    A word search starts from the index's matches and reaches each card's sort key, when
    ``narrow``, through the narrow (id, sort key) index (of listed cards), so it is as fast
    as its matches are few; a one- or two-letter text reads a range of the alphabetical
    index (core.search explains why).
    """
    where = ["c.archived_at IS NOT NULL" if query.archived else "c.archived_at IS NULL"]
    params: list[Any] = []
    source = _CARDS
    search = plan(query.text)
    if search.lookup is Lookup.NAME_PREFIX:
        where.append("c.sort_key >= ? AND c.sort_key < ?")
        params.extend(alphabet.prefix_range(search.text))
    elif search.lookup is Lookup.WORDS:
        index = " INDEXED BY customers_key_by_id" if narrow else ""
        source = (
            "(SELECT rowid AS rid FROM customer_search WHERE customer_search MATCH ?) m "
            f"CROSS JOIN customers c{index} ON c.id = m.rid"
        )
        params.append(fts_match(search.text))
    if query.drawer:
        where.append("c.drawer = ?")
        params.append(query.drawer)
    return source, where, params
