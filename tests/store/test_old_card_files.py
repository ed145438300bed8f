"""Card files made by each earlier release open with today's code, with nothing lost.

The files in tests/store/fixtures were made once by the old releases themselves (see the
README there), so these tests see what a shop's real old file holds, not what today's
migrations would make of today's code.
"""

from __future__ import annotations

import gzip
import sqlite3
from pathlib import Path

import pytest

from shopcards.core.card import CardQuery
from shopcards.services import cards
from shopcards.services.session import Session
from shopcards.store import data_steps, schema
from shopcards.store.cardfile import open_card_file

FIXTURES = Path(__file__).parent / "fixtures"
OLD_FILES = sorted(FIXTURES.glob("schema_v*.db.gz"))


def old_card_file(fixture: Path, folder: Path) -> Path:
    """A copy of the old release's file to open (the fixture itself is never changed)."""
    copy = folder / fixture.name.removesuffix(".gz")
    copy.write_bytes(gzip.decompress(fixture.read_bytes()))
    return copy


def test_there_is_a_file_for_each_released_schema() -> None:
    assert [f.name for f in OLD_FILES] == [f"schema_v{n}.db.gz" for n in (1, 2, 5, 6)]


@pytest.mark.parametrize("fixture", OLD_FILES, ids=lambda f: f.name)
def test_an_old_release_file_opens_with_every_row(fixture: Path, tmp_path: Path) -> None:
    path = old_card_file(fixture, tmp_path)
    before = _contents(path)
    with open_card_file(path) as card_file:
        assert card_file.schema_version() == len(schema.known_names())
        assert not data_steps.data_steps.pending(card_file.db)
        indexes = _index_sql(card_file.conn)
    assert indexes == _index_sql(_new_file(tmp_path))  # the shape a new file has
    assert _contents(path) == before


@pytest.mark.parametrize("fixture", OLD_FILES, ids=lambda f: f.name)
def test_search_and_drawers_work_on_an_old_release_file(fixture: Path, tmp_path: Path) -> None:
    session = Session(open_card_file(old_card_file(fixture, tmp_path)))
    try:
        family, given = session.db.execute(
            "SELECT family_name, given_name FROM customers WHERE family_name NOT IN "
            "('王', 'ბერიძე') ORDER BY id LIMIT 1"
        ).fetchone()
        found = cards.list_cards(session, CardQuery(text=family[:4]))
        assert (family, given) in [(c.family_name, c.given_name) for c in found]
        listed = [c.family_name for c in cards.list_cards(session, CardQuery(), limit=500)]
        # the data step filed the names older releases could not: after the Latin ones
        assert set(listed[-2:]) == {"王", "ბერიძე"}
        assert len(listed) == 32
    finally:
        session.close()


def test_re_filing_runs_once_as_a_data_step_not_as_a_migration(tmp_path: Path) -> None:
    path = old_card_file(FIXTURES / "schema_v5.db.gz", tmp_path)
    open_card_file(path).close()
    with sqlite3.connect(path) as conn:
        rows = conn.execute(
            "SELECT migration_set, name FROM _sqlite_migrations "
            "WHERE name LIKE '%file_other_scripts'"
        ).fetchall()
        conn.execute("UPDATE customers SET sort_key = char(1) WHERE family_name = '王'")
    assert sorted(rows) == [
        ("shopcards", "m006_file_other_scripts"),
        ("shopcards-data", "d002_file_other_scripts"),
    ]
    open_card_file(path).close()  # recorded once: not run again
    with sqlite3.connect(path) as conn:
        assert conn.execute(
            "SELECT sort_key FROM customers WHERE family_name = '王'"
        ).fetchone() == ("\x01",)


def _new_file(folder: Path) -> sqlite3.Connection:
    open_card_file(folder / "new.db").close()
    return sqlite3.connect(folder / "new.db")


def _index_sql(conn: sqlite3.Connection) -> dict[str, str]:
    return dict(
        conn.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL"
        ).fetchall()
    )


def _contents(path: Path) -> dict[str, object]:
    """What must survive: every card, every purchase with its amount and date, the settings."""
    with sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True) as conn:
        return {
            "cards": conn.execute(
                "SELECT id, card_no, family_name, given_name, address, "
                "birthday FROM customers ORDER BY id"
            ).fetchall(),
            "purchases": conn.execute(
                "SELECT id, customer_id, date, amount, items FROM purchases ORDER BY id"
            ).fetchall(),
            "phones": conn.execute("SELECT customer_id, number FROM phones ORDER BY id").fetchall(),
            "settings": conn.execute("SELECT key, value FROM settings ORDER BY key").fetchall(),
        }
