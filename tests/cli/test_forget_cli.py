"""`shopcards forget CARD_NO` and `shopcards retention` as the owner types them."""

from __future__ import annotations

from pathlib import Path

import pytest

from shopcards.core.roles import Role
from shopcards.services import cards
from shopcards.services.opening import open_session
from shopcards.services.settings import update_settings
from tests.cli.run import shopcards
from tests.conftest import PIN, card_input, set_test_pin
from tests.services.loyalty_shop import on_day
from tests.services.test_erasure import NAME, the_person, traces_in


@pytest.fixture
def shop(tmp_path: Path) -> tuple[Path, str]:
    """The person named everywhere, a PIN, and two cards made in 2022 and never seen since."""
    db = tmp_path / "shop.db"
    session = open_session(db, Role.OWNER)
    try:
        set_test_pin(session)
        card_no = cards.get_card(session, the_person(session)).card_no
        on_day(session, "2022-01-10")
        for given in ("Olga", "Oskar"):
            cards.add_card(session, card_input(given, "Gone"))
    finally:
        session.close()
    return db, card_no


def test_forget_says_what_goes_and_needs_yes(shop: tuple[Path, str], tmp_path: Path) -> None:
    db, card_no = shop
    asked = shopcards("forget", card_no, "--db", str(db), home=tmp_path, pin=PIN)
    assert asked.returncode == 1
    assert f"Would forget {NAME} {NAME} (card {card_no})." in asked.stdout
    assert "Sales stay as anonymous amounts" in asked.stdout

    done = shopcards("forget", card_no, "--yes", "--db", str(db), home=tmp_path, pin=PIN)

    assert done.returncode == 0, done.stderr
    assert done.stdout == f"Forgot card {card_no}.\n"
    assert traces_in(db) == []


def test_forget_needs_the_owner_s_pin(shop: tuple[Path, str], tmp_path: Path) -> None:
    db, card_no = shop
    done = shopcards("forget", card_no, "--yes", "--db", str(db), home=tmp_path)
    assert done.returncode == 2
    assert "PIN" in done.stderr
    assert traces_in(db)  # still there


def test_an_unknown_card_is_said_to_be_so(shop: tuple[Path, str], tmp_path: Path) -> None:
    db, _ = shop
    done = shopcards("forget", "0000000", "--yes", "--db", str(db), home=tmp_path, pin=PIN)
    assert (done.returncode, done.stderr) == (
        2,
        "shopcards: No customer has card 0000000; nothing was forgotten.\n",
    )


def test_retention_lists_then_forgets_with_erase_yes(
    shop: tuple[Path, str], tmp_path: Path
) -> None:
    db, _ = shop
    off = shopcards("retention", "--db", str(db), home=tmp_path, pin=PIN)
    assert off.stdout.startswith("Retention is off")
    session = open_session(db, Role.OWNER)
    update_settings(session, retention_months=36)
    session.close()

    listed = shopcards("retention", "--erase", "--db", str(db), home=tmp_path, pin=PIN)
    assert listed.returncode == 1
    lines = listed.stdout.splitlines()
    assert lines[0] == "2 customers past the 36-month retention."
    assert "Gone, Olga  last purchase none, card made 2022-01-10" in lines[1]
    assert lines[-1] == "Run again with --erase --yes to forget these 2 customers."

    done = shopcards("retention", "--erase", "--yes", "--db", str(db), home=tmp_path, pin=PIN)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[-1] == "Forgot 2 customers."
    again = shopcards("retention", "--db", str(db), home=tmp_path, pin=PIN)
    assert again.stdout == "0 customers past the 36-month retention.\n"
