"""The words the search box finds a card by, as the word index (FTS5 ``customer_search``)
holds them: names, e-mail, postcode (also without its spaces), city, card number, and phone
digits in each way they may be typed. Words are cut in Python (core.search), for the index and
the typed text alike."""

from __future__ import annotations

from typing import TYPE_CHECKING

from shopcards.core.card import Card
from shopcards.core.phones import search_tokens
from shopcards.core.search import index_words

if TYPE_CHECKING:
    from sqlite_utils import Database


def index_card(db: Database, card_id: int, card: Card, card_no: str) -> None:
    """The card's words in the index, replacing what it held for the card before."""
    db.execute("DELETE FROM customer_search WHERE rowid = ?", [card_id])
    db.execute(
        "INSERT INTO customer_search (rowid, words) VALUES (?, ?)",
        [card_id, search_words(card, card_no)],
    )


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


def search_words(card: Card, card_no: str) -> str:
    """The words of one card, as one text for the index."""
    texts = (
        card.given_name,
        card.family_name,
        card.email,
        card.postcode,
        card.postcode.replace(" ", ""),
        card.city,
        card_no,
    )
    return words_of(texts, [phone.number for phone in card.phones])


def words_of(texts: tuple[str, ...], phones: list[str]) -> str:
    """What the search box finds a card by: names, e-mail, postcode (also without its spaces),
    city, card no, and phone digits in each way they may be typed."""
    parts = [*texts, *(token for number in phones for token in search_tokens(number))]
    return " ".join(word for part in parts if part for word in index_words(part))
