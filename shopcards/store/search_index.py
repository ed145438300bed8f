"""The words the search box finds a card by, as the word index (FTS5 ``customer_search``)
holds them: names, e-mail, postcode (also without its spaces), city, card number, and phone
digits in each way they may be typed. Words are cut in Python (core.search), for the index and
the typed text alike.

Each listed card's words that begin with a letter are also kept beside its sort key in
``search_words`` (migration m015), for store.word_order to read a word's matches in
alphabetical order. Every writer here keeps both, and nothing else writes either (a test
holds the package to it); a card's rows there are found again by its words (the word
index's content) and the sort key they were filed under.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache
from typing import TYPE_CHECKING

from shopcards.core.card import Card
from shopcards.core.phones import search_tokens
from shopcards.core.search import index_words
from shopcards.store.dialect import is_postgres

if TYPE_CHECKING:
    from shopcards.store.handle import Database

DIGITS = "0123456789"
"""A word beginning with one of these is found through the word index only (``search_words``
leaves it out: the migration's ``NOT GLOB '[0-9]*'``)."""
_FILE_ALL_SQL = """
    INSERT OR IGNORE INTO search_words (word, sort_key, card_id)
    SELECT w.value, c.sort_key, c.id
    FROM customers c
    JOIN (SELECT id, '["' || replace(c0, ' ', '","') || '"]' AS words
        FROM customer_search_content) s ON s.id = c.id,
    json_each(CASE WHEN json_valid(s.words) THEN s.words ELSE '[]' END) w
    WHERE c.archived_at IS NULL AND w.value NOT GLOB '[0-9]*' AND w.value != ''
    ORDER BY 1, 2, 3
"""
"""Every listed card's words, filed at once in the index's order (as migration m017 does)."""
_FILE_ALL_SHARED_SQL = """
    INSERT INTO search_words (word, sort_key, card_id)
    SELECT DISTINCT w.word, c.sort_key, c.id
    FROM customers c JOIN customer_search s ON s.id = c.id,
    regexp_split_to_table(s.words, ' ') AS w(word)
    WHERE c.archived_at IS NULL AND w.word !~ '^[0-9]' AND w.word != ''
"""
"""The same on a shared store, whose word index is a plain table of the same words (it has
no ``json_each``; the words hold no quote, so the card file's JSON reading drops none)."""


def index_card(db: Database, card_id: int, card: Card, card_no: str) -> None:
    """The card's words in the index, replacing what it held for the card before."""
    unfile_card(db, card_id)
    db.execute("DELETE FROM customer_search WHERE rowid = ?", [card_id])
    words = search_words(card, card_no)
    db.execute("INSERT INTO customer_search (rowid, words) VALUES (?, ?)", [card_id, words])
    file_card(db, card_id)


def index_many(db: Database, cards: Iterable[tuple[int, str, str]]) -> None:
    """Index new cards at once, given as (id, sort key, words): an import or a demo shop."""
    rows = list(cards)
    db.conn.executemany(
        "INSERT INTO customer_search (rowid, words) VALUES (?, ?)",
        [(card_id, words) for card_id, _key, words in rows],
    )
    db.conn.executemany(
        "INSERT OR IGNORE INTO search_words (word, sort_key, card_id) VALUES (?, ?, ?)",
        sorted((word, key, card_id) for card_id, key, words in rows for word in filed(words)),
    )


def many_search_words(cards: Iterable[tuple[Card, str]]) -> Iterator[str]:
    """:func:`search_words` of many (card, card number): each distinct name, city or e-mail
    is cut into words once (a shop's list repeats them: 100,000 cards, a few thousand names),
    also across an import's batches of cards."""
    for card, card_no in cards:
        yield search_words(card, card_no, _words_in)


def _words_in(text: str) -> list[str]:
    """:func:`index_words`, at once for a card number or phone's digits (one plain word)."""
    return [text.lower()] if text.isascii() and text.isalnum() else _cut(text)


_cut = lru_cache(maxsize=131_072)(index_words)
"""index_words of the texts cards share (a result is only read, never changed)."""


def file_card(db: Database, card_id: int) -> None:
    """File the card's indexed words under its sort key (nothing for an archived card).

    Run after the card's row and its word index row are written; its old rows must be gone
    (:func:`unfile_card`)."""
    db.conn.executemany(
        "INSERT OR IGNORE INTO search_words (word, sort_key, card_id) "
        "SELECT ?, sort_key, id FROM customers WHERE id = ? AND archived_at IS NULL",
        [(word, card_id) for word in filed(_indexed(db, card_id))],
    )


def unfile_card(db: Database, card_id: int) -> None:
    """Take the card's rows out of ``search_words`` (before its words or sort key change, or
    it is archived or erased; also after, as long as the word index still holds its words).

    The rows are deleted by their whole key: the sort key the card has now, or, when it was
    refiled since, the one its longest word (the rarest, mostly) is filed under."""
    words = filed(_indexed(db, card_id))
    if not words:
        return
    row = db.execute("SELECT sort_key FROM customers WHERE id = ?", [card_id]).fetchone()
    filed_as = _filed_key(db, card_id, max(words, key=len), None if row is None else row[0])
    if filed_as is not None:
        db.conn.executemany(
            "DELETE FROM search_words WHERE word = ? AND sort_key = ? AND card_id = ?",
            [(word, filed_as, card_id) for word in words],
        )


def drop_card(db: Database, card_id: int) -> None:
    """Take a card that goes (merged, erased, added by an import being undone) out of both
    indexes, before its row is deleted. The word index is not rewritten here (2 s at 100,000
    cards, 40 s at 1,000,000): its old segments hold the words until merged, which only an
    erasure needs, and does after its commit (:func:`merge_step`)."""
    unfile_card(db, card_id)
    db.execute("DELETE FROM customer_search WHERE rowid = ?", [card_id])


MERGE_PAGES = 500
"""How much of the word index one :func:`merge_step` rewrites (about 0.2-0.7 s)."""


def merge_step(db: Database) -> bool:
    """One bounded step of merging the word index into one segment; False once there is
    nothing left to merge. A deleted card's words stay in the segments written before its
    delete until those are merged with the delete's marker, which rewrites the whole index
    (tests/bench/bench_erase.py has its cost). SQLite's 'merge' with a negative page count
    does what 'optimize' does, a bounded part at a time: each step is a transaction of its
    own, so the till can save between steps. A shared store's word index is a plain table,
    with no segments: nothing to merge (erasure.checkpoint rewrites its pages)."""
    if is_postgres(db):
        return False
    before = _index_structure(db)
    db.execute(
        "INSERT INTO customer_search (customer_search, rank) VALUES ('merge', ?)",
        [-MERGE_PAGES],
    )
    return _index_structure(db) != before


def _index_structure(db: Database) -> object:
    """FTS5's record of the index's segments (row 10 of its data table): a step that did
    any work changed it."""
    row = db.execute("SELECT block FROM customer_search_data WHERE id = 10").fetchone()
    return None if row is None else row[0]


def _filed_key(db: Database, card_id: int, word: str, likely: str | None) -> str | None:
    """The sort key ``word`` of card ``card_id`` is filed under (``likely`` tried first)."""
    if likely is not None:
        exact = "SELECT 1 FROM search_words WHERE word = ? AND sort_key = ? AND card_id = ?"
        if db.execute(exact, [word, likely, card_id]).fetchone() is not None:
            return likely
    scan = "SELECT sort_key FROM search_words WHERE word = ? AND card_id = ? LIMIT 1"
    row = db.execute(scan, [word, card_id]).fetchone()
    return None if row is None else str(row[0])


def refile_all_words(db: Database) -> None:
    """File every listed card's words again (after every sort key or word has changed)."""
    db.execute("DELETE FROM search_words")
    db.execute(_FILE_ALL_SHARED_SQL if is_postgres(db) else _FILE_ALL_SQL)


def filed(words: str) -> list[str]:
    """The words of a card's index text that ``search_words`` files, each once."""
    return sorted({word for word in words.split(" ") if word and word[0] not in DIGITS})


def _indexed(db: Database, card_id: int) -> str:
    """The card's words as the word index holds them ("" for a card it does not hold)."""
    sql = "SELECT c0 FROM customer_search_content WHERE id = ?"
    row = db.execute(sql, [card_id]).fetchone()
    return "" if row is None else str(row[0])


def reindex_all(db: Database) -> None:
    """Write every card's search words again, after the way words are cut has changed."""
    numbers: dict[int, list[str]] = {}
    for card_id, number in db.execute("SELECT customer_id, number FROM phones").fetchall():
        numbers.setdefault(card_id, []).append(number)
    rows = db.execute(
        "SELECT id, given_name, family_name, email, postcode, replace(postcode, ' ', ''), city, "
        "card_no FROM customers"
    ).fetchall()
    db.execute("DELETE FROM customer_search")
    db.conn.executemany(
        "INSERT INTO customer_search (rowid, words) VALUES (?, ?)",
        [(row[0], words_of(row[1:], numbers.get(row[0], []))) for row in rows],
    )
    db.execute("INSERT INTO customer_search (customer_search) VALUES ('optimize')")
    refile_all_words(db)


def search_words(card: Card, card_no: str, cut: Callable[[str], list[str]] = index_words) -> str:
    """The words of one card, as one text for the index (``cut`` cuts a text into words)."""
    texts = (
        card.given_name,
        card.family_name,
        card.email,
        card.postcode,
        card.postcode.replace(" ", ""),
        card.city,
        card_no,
    )
    return words_of(texts, [phone.number for phone in card.phones], cut)


def words_of(
    texts: tuple[str, ...], phones: list[str], cut: Callable[[str], list[str]] = index_words
) -> str:
    """What the search box finds a card by: names, e-mail, postcode (also without its spaces),
    city, card no, and phone digits in each way they may be typed."""
    parts = [*texts, *(token for number in phones for token in search_tokens(number))]
    return " ".join(word for part in parts if part for word in cut(part))
