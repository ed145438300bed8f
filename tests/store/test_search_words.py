"""Search words: apostrophes and hyphens join a word, and no typed text is an FTS5 error."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlite_utils import Database

from shopcards.core.card import CardQuery
from shopcards.core.collation import Alphabet
from shopcards.core.text import fold
from shopcards.core.validation import CardInput, validate
from shopcards.services import cards
from shopcards.services.session import Session
from shopcards.store import card_list, customers, schema, search_index
from shopcards.store.cardfile import open_card_file

ALPHABET = Alphabet.for_locale("fi_FI")
NOW = "2026-01-01T10:00:00"
PEOPLE = [
    ("Siobhan", "O'Connor", ""),
    ("Mary", "Smith-Jones", ""),
    ("Anna", "Virtanen", "anna_virtanen@example.com"),
]
# Ways a clerk types each of them, and whose card must then be in the list.
TYPED = [
    ("oconnor", "O'Connor"),
    ("o'connor", "O'Connor"),
    ("O’Connor", "O'Connor"),
    ("o connor", "O'Connor"),
    ("smithjones", "Smith-Jones"),
    ("smith-jones", "Smith-Jones"),
    ("smith jones", "Smith-Jones"),
    ("Smith–Jones", "Smith-Jones"),
    ("anna_virtanen@example.com", "Virtanen"),
    ("anna_virt", "Virtanen"),
]


def _fill(db: Database) -> None:
    for given_name, family, email in PEOPLE:
        card = validate(CardInput(given_name=given_name, family_name=family, email=email), "FI")
        customers.insert(db, card, ALPHABET, "owner", NOW)


def _found(db: Database, text: str) -> list[str]:
    cards = card_list.page(db, CardQuery(text=text), ALPHABET, None, 10)
    return [card.family_name for card in cards]


@pytest.mark.parametrize(("typed", "family"), TYPED)
def test_a_new_file_finds_names_with_apostrophes_and_hyphens(
    db_path: Path, typed: str, family: str
) -> None:
    with open_card_file(db_path) as card_file:
        with card_file.write() as db:
            _fill(db)
        assert _found(card_file.db, typed) == [family]


def test_an_older_file_gets_its_index_cut_again_when_opened(db_path: Path) -> None:
    db = Database(db_path)
    schema.migrations.apply(db)  # the schema is current; the data steps have not run yet
    with db.conn:
        _fill(db)
        # the index as shopcards before d003 wrote it: folded text that SQLite itself cut
        for card_id, given_name, family, email in db.execute(
            "SELECT id, given_name, family_name, email FROM customers"
        ).fetchall():
            old_words = " ".join(fold(part) for part in (given_name, family, email) if part)
            db.execute("UPDATE customer_search SET words = ? WHERE rowid = ?", [old_words, card_id])
    assert (
        db.execute(
            "SELECT count(*) FROM customer_search WHERE customer_search MATCH '\"oconnor\"*'"
        ).fetchone()[0]
        == 0
    )
    db.close()
    with open_card_file(db_path) as card_file:
        for typed, family in TYPED:
            assert _found(card_file.db, typed) == [family], typed
        done = card_file.db.execute(
            "SELECT count(*) FROM _sqlite_migrations WHERE name = 'd003_search_words_cut_in_python'"
        ).fetchone()[0]
        assert done == 1


SCRIPTS = st.characters(codec="utf-8", categories=("L", "M", "N", "P", "S", "Z"))
TRICKY = st.sampled_from(
    [*"_\"*():^-+.'’`@ ", "AND", "OR", "NOT", "NEAR", "עברית", "العربية", "Հայերեն", "王小明", "😀"]
)


@settings(
    max_examples=300,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(st.lists(st.one_of(SCRIPTS, TRICKY), max_size=12).map("".join))
def test_no_typed_text_is_an_index_error(db_path: Path, typed: str) -> None:
    with open_card_file(db_path) as card_file:
        card_list.count(card_file.db, CardQuery(text=typed), ALPHABET)
        card_list.page(card_file.db, CardQuery(text=typed), ALPHABET, None, 5)


def test_filing_every_card_at_once_files_what_each_card_filed(owner: Session) -> None:
    """The refile after a new locale (one statement, spelled per store) files the same words
    as saving each card did."""
    for given_name, family, email in PEOPLE:
        cards.add_card(owner, CardInput(given_name=given_name, family_name=family, email=email))
    listed = "SELECT word, sort_key, card_id FROM search_words ORDER BY 1, 2, 3"
    one_by_one = owner.db.execute(listed).fetchall()
    with owner.card_file.write() as db:
        search_index.refile_all_words(db)
    assert {"oconnor", "smithjones", "virtanen"} <= {word for word, _key, _id in one_by_one}
    assert owner.db.execute(listed).fetchall() == one_by_one
