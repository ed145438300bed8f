"""Cards stored many at once (an import, a demo shop) are stored as one by one would store
them: the same rows, interests (whatever their case), sort keys and search words."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from sqlite_utils import Database

from shopcards.core.card import Card, Phone
from shopcards.core.collation import Alphabet
from shopcards.core.validation import validate
from shopcards.store import customers
from shopcards.store.cardfile import open_card_file
from tests.conftest import card_input

ALPHABET = Alphabet.for_locale("fi_FI")
NOW = "2026-11-23T10:30:00"


def _cards() -> list[Card]:
    anna = validate(card_input("Anna", "Virtanen"), "FI")
    return [
        replace(anna, interests=("Wine", "cheese"), postcode="00100", city="Helsinki"),
        replace(anna, given_name="Bert", interests=("wine", "Gifts")),  # same tag, other case
        replace(anna, family_name="Äijälä", phones=(Phone("+358401234567", "mobile"),)),
        replace(anna, given_name="Anna-Liisa", email="al@example.fi", interests=("Gifts",)),
        replace(anna, family_name="", given_name="Madonna"),
    ]


def _stored(db: Database) -> dict[str, list[tuple[object, ...]]]:
    cards = db.execute(
        "SELECT c.id, c.card_no, c.sort_key, c.drawer, s.c0, "
        "(SELECT group_concat(t.name, ',') FROM customer_tags ct JOIN tags t ON t.id = ct.tag_id "
        " WHERE ct.customer_id = c.id ORDER BY t.name) "
        "FROM customers c JOIN customer_search_content s ON s.id = c.id ORDER BY c.id"
    ).fetchall()
    words = db.execute("SELECT * FROM search_words ORDER BY 1, 2, 3").fetchall()
    tags = db.execute("SELECT id, name FROM tags ORDER BY id").fetchall()
    return {"cards": cards, "words": words, "tags": tags}


def test_many_at_once_store_what_one_by_one_would(tmp_path: Path) -> None:
    with open_card_file(tmp_path / "many.db") as card_file, card_file.write() as db:
        customers.insert_many(db, _cards(), ALPHABET, "owner", NOW)
        many = _stored(db)
    with open_card_file(tmp_path / "one.db") as card_file, card_file.write() as db:
        for card in _cards():
            customers.insert(db, card, ALPHABET, "owner", NOW)
        one_by_one = _stored(db)

    assert many == one_by_one
    assert [name for _id, name in many["tags"]] == ["Wine", "cheese", "Gifts"]
