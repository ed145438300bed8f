"""The (word, sort key) index: every writer keeps it as filing every card afresh would, and a
word search reads its page there, the same rows as sorting every match."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest
from sqlite_utils import Database

from shopcards.core.card import CardQuery
from shopcards.core.collation import Alphabet
from shopcards.core.search import match_clauses
from shopcards.core.validation import CardInput, validate
from shopcards.store import (
    card_list,
    card_merge,
    card_walk,
    customer_import,
    customers,
    search_index,
    word_order,
)
from shopcards.store.cardfile import open_card_file
from shopcards.store.list_rows import SUMMARY_COLUMNS, summary
from tests.store.test_old_card_files import OLD_FILES, old_card_file

ALPHABET = Alphabet.for_locale("fi_FI")
NOW = "2026-12-01T10:00:00"
PEOPLE = [
    ("Stefan", "Aalto", "stefan.aalto@example.fi"),
    ("Stefania", "Virtanen", ""),
    ("Anna", "Ștefănescu", "anna.stefanescu77@example.ro"),
    ("Anna", "Laitinen", ""),
    ("Siobhán", "O'Connor", ""),
    ("Mary", "Smith-Jones", "mary@example.co.uk"),
]


def _filed(db: Database) -> list[tuple[str, str, int]]:
    return [tuple(row) for row in db.execute("SELECT * FROM search_words ORDER BY 1, 2, 3")]


def _filed_afresh(db: Database) -> list[tuple[str, str, int]]:
    """What the index holds once every card is filed again (then put back as it was)."""
    db.execute("SAVEPOINT afresh")
    search_index.refile_all_words(db)
    afresh = _filed(db)
    db.execute("ROLLBACK TO afresh")
    db.execute("RELEASE afresh")
    return afresh


def _cards() -> list:
    return [validate(CardInput(given_name=g, family_name=f, email=e), "FI") for g, f, e in PEOPLE]


def test_every_writer_keeps_the_index_as_filing_afresh_would(db_path: Path) -> None:
    with open_card_file(db_path) as card_file, card_file.write() as db:
        first, *rest = _cards()
        one = customers.insert(db, first, ALPHABET, "owner", NOW)
        ids = customers.insert_many(db, rest, ALPHABET, "owner", NOW)
        steps = [
            lambda: customers.update(  # a new name: a new sort key and new words
                db,
                dataclasses.replace(one, given_name="Zacharias", family_name="Ylönen"),
                one,
                ALPHABET,
                "owner",
                NOW,
            ),
            lambda: customers.set_archived(db, ids[0], NOW, "owner"),
            lambda: customers.set_archived(db, ids[1], NOW, "owner"),
            lambda: customers.set_archived(db, ids[0], None, "owner"),
            lambda: customers.erase(db, ids[2]),
            lambda: customers.refile_all(db, Alphabet.for_locale("en_GB")),
            lambda: customers.refile_all(db, ALPHABET, f"id = {ids[3]}"),
            lambda: card_merge.retire(db, ids[3], ids[4], "0000099", NOW, "owner"),
            lambda: customer_import.delete_cards(db, [ids[3]]),  # an import undone
        ]
        for step in steps:
            step()
            assert _filed(db) == _filed_afresh(db)
        words = {word for word, _key, _card in _filed(db)}
        assert {"zacharias", "ylonen", "aalto"} <= words
        assert not {"oconnor", "smithjones"} & words  # merged away, and an import undone
        assert not any(word[0].isdigit() for word in words)
        assert ids[1] not in {card for _word, _key, card in _filed(db)}  # archived


@pytest.mark.parametrize(
    "text", ["stefan", "ste", "anna", "anna ste", "example", "o'connor", "aalto stefan.a", "zz"]
)
@pytest.mark.parametrize("few_words", [0, 1, 8])
def test_a_word_search_is_read_in_order_off_the_index(
    db_path: Path, monkeypatch: pytest.MonkeyPatch, text: str, few_words: int
) -> None:
    """The same rows as sorting every match, whether the words a typed word begins are
    merged, intersected or looked up beside a card (which ``FEW_WORDS`` decides)."""
    monkeypatch.setattr(word_order, "FEW_WORDS", few_words)
    with open_card_file(db_path) as card_file:
        with card_file.write() as db:
            customers.insert_many(db, _cards() * 5, ALPHABET, "owner", NOW)
        db = card_file.db
        clauses = match_clauses(text)
        expected = card_list.sorted_page(db, CardQuery(text=text), ALPHABET, None, 100)
        for limit in (1, 3, 100):
            found = word_order.page(db, clauses, None, limit, SUMMARY_COLUMNS)
            assert found is not None
            assert [summary(row) for row in found] == expected[:limit]
        if len(expected) < 3:
            return
        after = (expected[2].sort_key, expected[2].id)
        ids = word_order.page(db, clauses, after, 100, "c.id")
        assert ids == [(card.id,) for card in expected[3:]]


def test_a_number_or_a_very_broad_word_is_left_to_the_other_plans(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(card_walk, "_counted", {})
    monkeypatch.setattr(word_order, "READ_UP_TO", 10)
    monkeypatch.setattr(word_order, "FEW_WORDS", 1)
    with open_card_file(db_path) as card_file:
        with card_file.write() as db:
            customers.insert_many(db, _cards() * 5, ALPHABET, "owner", NOW)
        db = card_file.db

        def read(text: str) -> list[tuple[int]] | None:
            return word_order.page(db, match_clauses(text), None, 10, "c.id")

        assert read("s") is None  # many words, cards
        assert read("example") is not None  # one word
        assert read("0000") is None
        assert read("+358 40") is None
        assert read("laitinen") is not None


@pytest.mark.parametrize("fixture", OLD_FILES[-1:], ids=lambda f: f.name)
def test_an_older_file_gets_its_words_filed(fixture: Path, tmp_path: Path) -> None:
    with open_card_file(old_card_file(fixture, tmp_path)) as card_file:
        filed = _filed(card_file.db)
        assert filed
        assert filed == _filed_afresh(card_file.db)


def test_a_list_row_is_kept_until_its_card_changes(db_path: Path) -> None:
    """Rows are made once (store.list_rows), by all their columns: a new city is shown."""
    query = CardQuery(text="laitinen")
    with open_card_file(db_path) as card_file:
        with card_file.write() as db:
            card = customers.insert(db, _cards()[3], ALPHABET, "owner", NOW)
        db = card_file.db
        (first,) = card_list.page(db, query, ALPHABET, None, 40)
        (again,) = card_list.page(db, query, ALPHABET, None, 40)
        assert again is first
        with card_file.write() as db:
            customers.update(db, dataclasses.replace(card, city="Turku"), card, ALPHABET, "o", NOW)
        (moved,) = card_list.page(card_file.db, query, ALPHABET, None, 40)
        assert (first.city, moved.city) == ("", "Turku")


def test_only_the_search_index_writes_the_search_words() -> None:
    """Code that wrote the word index itself would leave its cards out of ``search_words``,
    and word searches would not find them: new writers call store.search_index."""
    package = Path(customers.__file__).parent.parent
    allowed = {"search_index.py", "schema.py", "schema_since_m015.py", "moving.py", "pg_schema.py"}
    writes = re.compile(r"(INSERT|DELETE|UPDATE)[^\"']*\b(customer_search|search_words)\b", re.I)
    writers = [
        str(path.relative_to(package))
        for path in package.rglob("*.py")
        if path.name not in allowed and writes.search(path.read_text(encoding="utf-8"))
    ]
    assert writers == []
