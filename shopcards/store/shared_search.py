"""The cabinet's search on a shared card file (PostgreSQL): one plain statement per page.

The card file's search is tuned to SQLite (FTS5 word lists, planner hints, walks of the
alphabetical index: store/card_list.py). A shared store answers the same question in one
statement: the cards whose words (``customer_search``, the same folded words the card file
indexes) hold every word of some clause of the search as a word's beginning, in the
cabinet's order after the last card seen. A trigram index on the words (pg_trgm, in the
shared store's schema) finds them without reading every card.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from shopcards.core.card import CardQuery
from shopcards.core.collation import Alphabet
from shopcards.core.search import Lookup, match_clauses, plan
from shopcards.store.reads import Reads


def page(
    db: Reads,
    query: CardQuery,
    alphabet: Alphabet,
    after: tuple[str, int] | None,
    limit: int,
    columns: str,
) -> list[tuple[Any, ...]]:
    """The ``columns`` of up to ``limit`` cards of ``query`` after ``after``, in order."""
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
    where, params = _where(query, alphabet)
    row = db.execute(f"SELECT count(*) FROM customers c WHERE {' AND '.join(where)}", params)
    return int(row.fetchone()[0])


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
    """True for words in which some clause's every word begins a word."""
    held = "(' ' || s.words) LIKE ?"
    test = " OR ".join(f"({' AND '.join([held] * len(clause))})" for clause in clauses)
    return test or "FALSE", [f"% {_escaped(word)}%" for clause in clauses for word in clause]


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
