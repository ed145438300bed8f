"""An upgrade never touches the shop's data: the card file lives in the user's data folder,
outside the program folder that an installer replaces, and the first start of a newer
shopcards copies the file aside before it brings the schema up to date."""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path

import platformdirs
import pytest
from sqlite_utils import Database

from shopcards import paths
from shopcards.core.collation import Alphabet
from shopcards.core.roles import Role
from shopcards.services.opening import open_session
from shopcards.store import customers, schema

STEPS = schema.known_names()


def test_the_card_file_is_in_the_data_folder_and_the_resources_in_the_program(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("SHOPCARDS_HOME")
    program = tmp_path / "program" / "_internal"
    monkeypatch.setattr(sys, "_MEIPASS", str(program), raising=False)  # as in the bundle
    assert paths.resources_dir() == program / "resources"
    data = platformdirs.user_data_path("shopcards", appauthor=False)
    assert paths.default_db() == data / "shopcards.db"


def make_old_card_file(path: Path, customers_count: int) -> None:
    """A card file as the first release wrote it: only the first schema step, and cards written
    in SQL as that release did (today's code writes what later steps added)."""
    db = Database(path)
    schema.migrations.apply(db, stop_before=STEPS[1])
    alphabet, stamp = Alphabet.for_locale("fi_FI"), "2026-01-01T10:00"
    with db.conn:
        for card_id in range(1, customers_count + 1):
            family = f"Virtanen {card_id}"
            db.execute(
                "INSERT INTO customers (id, card_no, family_name, sort_key, drawer, "
                "created_at, created_by, updated_at, updated_by) "
                "VALUES (?, ?, ?, ?, ?, ?, 'owner', ?, 'owner')",
                [
                    card_id,
                    customers.card_number(card_id),
                    family,
                    alphabet.sort_key(family, ""),
                    alphabet.drawer(family, ""),
                    stamp,
                    stamp,
                ],
            )
    db.close()


def applied_steps(path: Path) -> list[str]:
    """The schema's migrations applied to ``path`` (its data steps are a set of their own)."""
    with sqlite3.connect(path) as conn:
        rows = conn.execute(
            "SELECT name FROM _sqlite_migrations WHERE migration_set = ? ORDER BY id",
            [schema.MIGRATION_SET],
        )
        return [row[0] for row in rows]


def count_customers(path: Path) -> int:
    with sqlite3.connect(path) as conn:
        count: int = conn.execute("SELECT count(*) FROM customers").fetchone()[0]
        return count


@pytest.mark.skipif(len(STEPS) < 2, reason="only one schema step: nothing to upgrade yet")
def test_the_first_start_after_an_upgrade_copies_the_file_aside_then_migrates_it() -> None:
    card_file = paths.default_db()  # in the data folder (SHOPCARDS_HOME, set by tests/conftest)
    card_file.parent.mkdir(parents=True)
    make_old_card_file(card_file, 20)

    open_session(card_file, Role.OWNER).close()  # what the window does when it starts

    backups = list(paths.backups_dir(card_file).glob("before-upgrade-*.db"))
    assert len(backups) == 1
    assert applied_steps(backups[0]) == STEPS[:1], "the copy is the file as it was"
    assert count_customers(backups[0]) == 20
    assert applied_steps(card_file) == STEPS
    assert count_customers(card_file) == 20

    open_session(card_file, Role.OWNER).close()  # later starts: nothing to migrate, no copy
    assert len(list(paths.backups_dir(card_file).glob("before-upgrade-*.db"))) == 1
