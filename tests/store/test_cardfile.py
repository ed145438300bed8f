"""Opening card files: new, older (migrated, nothing lost), newer (refused), foreign, damaged."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

import pytest
from sqlite_utils import Database

from shopcards.core.collation import Alphabet
from shopcards.core.errors import CardFileError
from shopcards.core.validation import CardInput, validate
from shopcards.store import customers, schema
from shopcards.store.cardfile import open_card_file

ALPHABET = Alphabet.for_locale("fi_FI")


def test_a_new_file_uses_wal_and_foreign_keys(db_path: Path) -> None:
    with open_card_file(db_path) as card_file:
        assert card_file.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert card_file.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert card_file.schema_version() == len(schema.known_names())


@pytest.mark.parametrize("stop_before", schema.known_names()[1:] or ["(only one step yet)"])
def test_an_older_file_is_migrated_and_keeps_every_row(db_path: Path, stop_before: str) -> None:
    db = Database(db_path)
    schema.migrations.apply(db, stop_before=stop_before)
    with db.conn:
        for n in range(50):
            card = validate(CardInput(family_name=f"Virtanen {n}"), "FI")
            customers.insert(db, card, ALPHABET, "owner", "2026-01-01T10:00:00")
        db.execute("INSERT INTO purchases (customer_id, date, amount, created_at, created_by, "
                   "updated_at, updated_by) VALUES (1, '2026-01-02', 1250, 'x', 'owner', 'x', "
                   "'owner')")
    db.close()
    with open_card_file(db_path) as card_file:
        assert card_file.schema_version() == len(schema.known_names())
        assert card_file.db.execute("SELECT count(*) FROM customers").fetchone()[0] == 50
        assert card_file.db.execute("SELECT sum(amount) FROM purchases").fetchone()[0] == 1250
    if stop_before in schema.known_names():
        assert list((db_path.parent / "home").rglob("before-upgrade-*.db")) or list(
            db_path.parent.rglob("before-upgrade-*.db"))


def test_a_file_from_a_newer_shopcards_is_refused_and_left_alone(db_path: Path) -> None:
    open_card_file(db_path).close()
    with sqlite3.connect(db_path) as conn:
        conn.execute("INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
                     "VALUES ('shopcards', 'm999_from_the_future', 'x')")
    before = db_path.read_bytes()
    with pytest.raises(CardFileError, match="newer version of shopcards"):
        open_card_file(db_path)
    assert db_path.read_bytes() == before


def test_a_foreign_sqlite_file_is_refused(db_path: Path) -> None:
    with sqlite3.connect(db_path) as conn:
        conn.execute("CREATE TABLE recipes (name TEXT)")
    with pytest.raises(CardFileError, match="not a shopcards card file"):
        open_card_file(db_path)


def test_a_damaged_file_is_refused_with_the_way_out(db_path: Path) -> None:
    db_path.write_bytes(b"this is not a database" * 100)
    with pytest.raises(CardFileError, match="shopcards restore"):
        open_card_file(db_path)


def test_two_connections_writing_at_once_lose_nothing(db_path: Path) -> None:
    open_card_file(db_path).close()
    errors: list[BaseException] = []

    def desk(name: str) -> None:
        try:
            with open_card_file(db_path) as card_file:
                for n in range(100):
                    with card_file.write() as db:
                        card = validate(CardInput(family_name=f"{name} {n}"), "FI")
                        customers.insert(db, card, ALPHABET, "clerk", "2026-01-01T10:00:00")
        except BaseException as exc:  # reported below: a thread's error must fail the test
            errors.append(exc)

    threads = [threading.Thread(target=desk, args=(name,)) for name in ("Till", "Office")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    with open_card_file(db_path) as card_file:
        assert card_file.db.execute("SELECT count(*) FROM customers").fetchone()[0] == 200


def test_a_failed_action_saves_nothing(db_path: Path) -> None:
    with open_card_file(db_path) as card_file:
        with pytest.raises(RuntimeError), card_file.write() as db:
            customers.insert(db, validate(CardInput(family_name="Laine"), "FI"), ALPHABET,
                             "owner", "2026-01-01T10:00:00")
            raise RuntimeError("the power went out")
        assert card_file.db.execute("SELECT count(*) FROM customers").fetchone()[0] == 0


def test_names_of_scripts_without_drawers_are_filed_again_on_upgrade(db_path: Path) -> None:
    with open_card_file(db_path) as card_file, card_file.db.conn:
        for family in ("王", "Virtanen"):
            card = validate(CardInput(family_name=family), "FI")
            customers.insert(card_file.db, card, ALPHABET, "owner", "2026-01-01T10:00:00")
        # as shopcards before m006 filed it: the Chinese letter dropped from the key
        card_file.db.execute("UPDATE customers SET sort_key = '\x01' WHERE family_name = '王'")
        card_file.db.execute(
            "DELETE FROM _sqlite_migrations WHERE name = 'm006_file_other_scripts'"
        )
    with open_card_file(db_path) as card_file:
        order = card_file.db.execute("SELECT family_name FROM customers ORDER BY sort_key")
        assert [family for (family,) in order.fetchall()] == ["Virtanen", "王"]
