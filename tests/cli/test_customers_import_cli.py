"""`shopcards import-customers` as the owner types it: preview, duplicates, mapping, undo."""

from __future__ import annotations

from pathlib import Path

import pytest

from shopcards.core.roles import Role
from shopcards.services import cards
from shopcards.services.opening import open_session
from shopcards.services.settings import update_settings
from tests.cli.run import shopcards
from tests.conftest import PIN, card_input, set_test_pin


@pytest.fixture
def shop(tmp_path: Path) -> tuple[Path, str]:
    """A Finnish shop with Anna's card and an owner's PIN."""
    db = tmp_path / "shop.db"
    session = open_session(db, Role.OWNER)
    update_settings(session, locale="fi_FI", region="FI", currency="EUR")
    card_no = cards.add_card(
        session, card_input("Anna", "Virtanen", phones=[("", "040 123 4567")])
    ).card_no
    set_test_pin(session)
    session.close()
    return db, card_no


def _listing(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "regulars.csv"
    path.write_text(text, encoding="utf-8")
    return path


def _cards(db: Path) -> int:
    session = open_session(db, Role.CLERK)
    try:
        return int(session.db.execute("SELECT count(*) FROM customers").fetchone()[0])
    finally:
        session.close()


def test_preview_then_import_then_undo(shop: tuple[Path, str], tmp_path: Path) -> None:
    db, card_no = shop
    listing = _listing(
        tmp_path,
        "First;Last;Puhelin;Birthday\n"
        "Mikko;Äijälä;050 765 4321;15.3.\n"
        "Liisa;Koski;+358 40 1234567;\n",
    )
    args = (
        "import-customers", str(listing), "--db", str(db), "--column", "phone=Puhelin",
        "--column", "given_name=First", "--column", "family_name=Last",
        "--column", "birthday=Birthday",
    )  # fmt: skip
    dry = shopcards(*args, "--dry-run", home=tmp_path, pin=PIN)
    assert dry.returncode == 0, dry.stderr
    assert "regulars.csv: 2 rows." in dry.stdout
    assert "“Puhelin” → phone" in dry.stdout
    assert "New: 1  Updates: 0  Possible duplicates: 1  Refused: 0" in dry.stdout
    assert (
        f"  row 3 (Koski, Liisa): same phone +358401234567 as card {card_no} (Virtanen, Anna)"
        in dry.stdout
    )
    assert "Nothing was imported (dry run)." in dry.stdout
    undecided = shopcards(*args, home=tmp_path, pin=PIN)
    assert undecided.returncode == 1
    assert "--duplicates skip, update or add" in undecided.stdout
    assert _cards(db) == 1
    done = shopcards(*args, "--duplicates", "skip", home=tmp_path, pin=PIN)
    assert done.returncode == 0, done.stderr
    assert "Imported: 1 card added, 0 updated, 1 skipped (import 1;" in done.stdout
    assert _cards(db) == 2
    undone = shopcards("import-customers", "--undo", "1", "--db", str(db), home=tmp_path, pin=PIN)
    assert undone.returncode == 0, undone.stderr
    assert "Import 1 undone: 1 card it added removed, 0 cards it updated put back." in (
        undone.stdout
    )
    assert _cards(db) == 1


def test_refused_rows_are_named_and_nothing_saved(shop: tuple[Path, str], tmp_path: Path) -> None:
    db, _ = shop
    listing = _listing(tmp_path, "full_name,birthday\nMikko Äijälä,2026-02-30\nx,\n")
    ran = shopcards(
        "import-customers", str(listing), "--db", str(db),
        "--column", "full_name=full_name", "--column", "birthday=birthday",
        home=tmp_path, pin=PIN,
    )  # fmt: skip
    assert ran.returncode == 1
    assert (
        "  row 2, column birthday: “2026-02-30” is not a date: 30 February 2026 does not exist"
        in ran.stdout
    )
    assert "Nothing was imported. Fix or remove these rows" in ran.stdout
    assert _cards(db) == 1


def test_a_saved_mapping_is_used_again(shop: tuple[Path, str], tmp_path: Path) -> None:
    db, _ = shop
    listing = _listing(tmp_path, "Etunimi;Sukunimi\nMikko;Äijälä\n")
    first = shopcards(
        "import-customers", str(listing), "--db", str(db), "--dry-run",
        "--column", "given_name=Etunimi", "--column", "family_name=Sukunimi",
        "--save-mapping", "old till",
        home=tmp_path, pin=PIN,
    )  # fmt: skip
    assert "Column mapping saved as “old till”." in first.stdout
    again = shopcards("import-customers", str(listing), "--db", str(db), home=tmp_path, pin=PIN)
    assert again.returncode == 0, again.stdout + again.stderr
    assert "Using the column mapping saved as “old till”." in again.stdout
    assert "Imported: 1 card added" in again.stdout


def test_only_the_owner_and_one_of_file_or_undo(shop: tuple[Path, str], tmp_path: Path) -> None:
    db, _ = shop
    listing = _listing(tmp_path, "Name\nMikko Äijälä\n")
    no_pin = shopcards(
        "import-customers", str(listing), "--db", str(db), "--column", "full_name=Name",
        home=tmp_path,
    )  # fmt: skip
    assert no_pin.returncode == 2 and _cards(db) == 1
    neither = shopcards("import-customers", "--db", str(db), home=tmp_path, pin=PIN)
    assert neither.returncode == 2
    assert "Give the customer file to import, or --undo BATCH" in neither.stderr
