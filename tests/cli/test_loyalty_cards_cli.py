"""`shopcards loyalty cards` as the owner (or the clerk, for one card) types it."""

from __future__ import annotations

from pathlib import Path

import pytest

from shopcards.core.roles import Role
from shopcards.services import cards
from shopcards.services.opening import open_session
from tests.cli.run import shopcards
from tests.conftest import PIN, set_test_pin
from tests.letters_shop import build_shop
from tests.printing.barcodes import scan


@pytest.fixture
def shop(tmp_path: Path) -> tuple[Path, dict[str, int], dict[int, str]]:
    """The letters' shop with its PIN set and Päivi's card archived; returns the card file,
    the ids by short name and the card number of each id."""
    db = tmp_path / "shop.db"
    session = open_session(db, Role.OWNER)
    ids = build_shop(session)
    cards.archive_card(session, ids["paivi"])
    numbers = {card_id: cards.get_card(session, card_id).card_no for card_id in ids.values()}
    set_test_pin(session)
    session.close()
    return db, ids, numbers


def test_the_owner_prints_everyone_on_sheets(
    shop: tuple[Path, dict[str, int], dict[int, str]], tmp_path: Path
) -> None:
    db, ids, numbers = shop
    out = tmp_path / "cards.pdf"
    done = shopcards(
        "loyalty", "cards", "--all", "--out", str(out), "--db", str(db), home=tmp_path, pin=PIN
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"7 loyalty cards: 1 page, written to {out}."
    live = {numbers[card_id] for short, card_id in ids.items() if short != "paivi"}
    assert {s.text for s in scan(out)} == live


def test_the_clerk_prints_one_card_and_hears_who_was_left_out(
    shop: tuple[Path, dict[str, int], dict[int, str]], tmp_path: Path
) -> None:
    db, ids, numbers = shop
    out = tmp_path / "card.pdf"
    chosen = f"{ids['david']}"
    args = ("loyalty", "cards", "--single", "--out", str(out), "--db", str(db))
    done = shopcards(*args, "--customers", chosen, home=tmp_path)
    assert done.returncode == 0, done.stderr
    assert [s.text for s in scan(out)] == [numbers[ids["david"]]]
    out.unlink()
    both = f"{ids['david']},{ids['paivi']},99999"
    done = shopcards(*args, "--customers", both, home=tmp_path)
    assert done.returncode != 0 and "PIN" in done.stderr and not out.exists()
    done = shopcards(*args, "--customers", both, home=tmp_path, pin=PIN)
    assert done.returncode == 0, done.stderr
    assert "Left out (2):" in done.stdout
    assert f"{numbers[ids['paivi']]}  Järvinen, Päivi: archived" in done.stdout
    assert "card id 99999: no such card" in done.stdout
    assert "1 loyalty card; 2 left out: 1 page" in done.stdout


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (("--all", "--start-at", "11"), "start at 1 to 10, not 11"),
        (("--all", "--single", "--start-at", "2"), "one card per page: start at 1"),
        (("--customers", "7,x"), "“7,x” is not a list of card ids"),
        (("--all", "--customers", "1"), "not allowed with argument"),
    ],
)
def test_bad_options_say_what_and_write_nothing(
    shop: tuple[Path, dict[str, int], dict[int, str]],
    tmp_path: Path,
    extra: tuple[str, ...],
    message: str,
) -> None:
    db, _, _ = shop
    out = tmp_path / "cards.pdf"
    done = shopcards(
        "loyalty", "cards", *extra, "--out", str(out), "--db", str(db), home=tmp_path, pin=PIN
    )
    assert done.returncode == 2 and message in done.stderr, done.stderr
    assert "Traceback" not in done.stderr and not out.exists()
