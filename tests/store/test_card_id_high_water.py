"""Card ids (and so card numbers) are never given twice, on new files and on old ones."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from shopcards.core.card import Card
from shopcards.core.collation import Alphabet
from shopcards.core.validation import validate
from shopcards.store import customers
from shopcards.store.cardfile import open_card_file
from tests.conftest import card_input
from tests.store.test_old_card_files import FIXTURES, old_card_file

ALPHABET = Alphabet.for_locale("fi_FI")
NOW = "2026-11-23T10:30:00"


def _card(given: str) -> Card:
    return validate(card_input(given, "Virtanen"), "FI")


def test_cards_stored_many_at_once_skip_an_erased_id(tmp_path: Path) -> None:
    with open_card_file(tmp_path / "shop.db") as card_file, card_file.write() as db:
        first = customers.insert_many(db, [_card("Anna"), _card("Bert")], ALPHABET, "owner", NOW)
        customers.erase(db, first[-1])  # by the store alone: no line in the change log

        later = customers.insert_many(db, [_card("Cara"), _card("Dora")], ALPHABET, "owner", NOW)

        assert later == [first[-1] + 1, first[-1] + 2]
        numbers = [customers.get(db, card_id).card_no for card_id in later]
        assert customers.card_number(first[-1]) not in numbers


def test_the_mark_outlives_closing_the_file(tmp_path: Path) -> None:
    path = tmp_path / "shop.db"
    with open_card_file(path) as card_file, card_file.write() as db:
        bert = customers.insert(db, _card("Bert"), ALPHABET, "owner", NOW)
        customers.erase(db, bert.id or 0)
    with open_card_file(path) as card_file, card_file.write() as db:
        cara = customers.insert(db, _card("Cara"), ALPHABET, "owner", NOW)
    assert cara.id == (bert.id or 0) + 1
    assert cara.card_no == customers.card_number(cara.id or 0) != bert.card_no


def test_an_erasure_rolled_back_frees_no_number_and_takes_none(tmp_path: Path) -> None:
    with open_card_file(tmp_path / "shop.db") as card_file:
        with card_file.write() as db:
            bert = customers.insert(db, _card("Bert"), ALPHABET, "owner", NOW)
        try:
            with card_file.write() as db:
                customers.erase(db, bert.id or 0)
                raise RuntimeError("the power went out")
        except RuntimeError:
            pass
        with card_file.write() as db:
            cara = customers.insert(db, _card("Cara"), ALPHABET, "owner", NOW)
        assert customers.get(card_file.db, bert.id or 0).given_name == "Bert"
        assert cara.id == (bert.id or 0) + 1


@pytest.mark.parametrize("made_by", ["release v6", "demo before m011"])
def test_an_old_file_that_erased_its_newest_card_never_gives_that_number_again(
    tmp_path: Path, made_by: str
) -> None:
    if made_by == "release v6":
        path = old_card_file(FIXTURES / "schema_v6.db.gz", tmp_path)
    else:
        path = _demo_cards_before_m011(tmp_path / "shop.db")
    erased = _erase_newest_as_an_old_release_did(path)

    with open_card_file(path) as card_file, card_file.write() as db:
        new = customers.insert(db, _card("Cara"), ALPHABET, "owner", NOW)

    assert new.id == erased + 1
    assert new.card_no != customers.card_number(erased)


def _demo_cards_before_m011(path: Path) -> Path:
    """Cards stored as the demo stores them (no "added" line in the change log, so an erased
    one is named by its "erased" line alone), in a file taken back to the schema before
    m011."""
    with open_card_file(path) as card_file, card_file.write() as db:
        customers.insert_many(db, [_card("Anna"), _card("Bert")], ALPHABET, "owner", NOW)
    with sqlite3.connect(path) as conn:
        conn.execute("DROP TRIGGER card_id_high_water_on_delete")
        conn.execute("DROP TABLE card_id_high_water")
        conn.execute(
            "DELETE FROM _sqlite_migrations "
            "WHERE name IN ('m011_card_id_high_water', 'd004_highest_card_id')"
        )
    conn.close()
    return path


def _erase_newest_as_an_old_release_did(path: Path) -> int:
    """What ``erase_card`` of a release before m011 wrote: the card and its search words
    gone, an "erased" line in the change log under its id, and no high-water mark."""
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA foreign_keys = ON")
        (newest,) = conn.execute("SELECT max(id) FROM customers").fetchone()
        conn.execute("DELETE FROM customers WHERE id = ?", [newest])
        conn.execute("DELETE FROM customer_search WHERE rowid = ?", [newest])
        conn.execute(
            "INSERT INTO changes (at, actor, entity, entity_id, action) "
            "VALUES (?, 'owner', 'customer', ?, 'erased')",
            [NOW, newest],
        )
    conn.close()
    return int(newest)
