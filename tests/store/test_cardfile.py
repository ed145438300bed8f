"""Opening card files: new, older (migrated, nothing lost), newer (refused), foreign, damaged."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

import pytest

from shopcards.core.collation import Alphabet
from shopcards.core.errors import CardFileError
from shopcards.core.validation import CardInput, validate
from shopcards.store import customers, schema
from shopcards.store.cardfile import open_card_file
from shopcards.store.verdict import Standing, examine

ALPHABET = Alphabet.for_locale("fi_FI")


def test_a_new_file_uses_wal_and_foreign_keys(db_path: Path) -> None:
    with open_card_file(db_path) as card_file:
        assert card_file.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert card_file.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert card_file.schema_version() == len(schema.known_names())


def test_a_file_from_a_newer_shopcards_is_refused_and_left_alone(db_path: Path) -> None:
    open_card_file(db_path).close()
    with sqlite3.connect(db_path) as conn:
        conn.execute(
            "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
            "VALUES ('shopcards', 'm999_from_the_future', 'x')"
        )
    before = db_path.read_bytes()
    with pytest.raises(CardFileError, match="newer version of shopcards"):
        open_card_file(db_path)
    assert db_path.read_bytes() == before


def test_a_foreign_sqlite_file_is_refused_and_not_changed_at_all(db_path: Path) -> None:
    with sqlite3.connect(db_path) as conn:
        conn.execute("CREATE TABLE recipes (name TEXT)")
    before = db_path.read_bytes()
    with pytest.raises(CardFileError, match="not a shopcards card file; it was not changed"):
        open_card_file(db_path)
    assert db_path.read_bytes() == before  # still in its own journal mode, no tables added
    assert sorted(p.name for p in db_path.parent.iterdir()) == [db_path.name]
    assert examine(db_path).standing is Standing.FOREIGN


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
            customers.insert(
                db,
                validate(CardInput(family_name="Laine"), "FI"),
                ALPHABET,
                "owner",
                "2026-01-01T10:00:00",
            )
            raise RuntimeError("the power went out")
        assert card_file.db.execute("SELECT count(*) FROM customers").fetchone()[0] == 0
