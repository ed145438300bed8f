"""`shopcards loyalty tiers` as the owner and the clerk type it: set the table up all or
nothing, list, recompute, place by hand, the report; the clerk may only list and recompute."""

from __future__ import annotations

from pathlib import Path

import pytest

from shopcards.core.roles import Role
from shopcards.services import cards, loyalty_tiers
from shopcards.services.opening import open_session
from tests.cli.run import shopcards
from tests.conftest import FIXED_NOW, PIN, set_test_pin
from tests.services.test_loyalty_tiers import build_shop

TABLE = ("--set", "Card 5% from 0", "--set", "Gold 15% from 1000", "--set", "VIP 25% top 20%")


@pytest.fixture
def shop(tmp_path: Path) -> Path:
    db = tmp_path / "shop.db"
    session = open_session(db, Role.OWNER)
    session.clock = lambda: FIXED_NOW
    build_shop(session)
    set_test_pin(session)
    session.close()
    return db


def _card_no(db: Path, card_id: int) -> str:
    session = open_session(db)
    try:
        return cards.get_card(session, card_id).card_no
    finally:
        session.close()


def _tiers(db: Path) -> list[str]:
    session = open_session(db)
    try:
        return [tier.name for tier in loyalty_tiers.tiers(session)]
    finally:
        session.close()


def test_the_owner_sets_the_tiers_and_anyone_lists_them(shop: Path, tmp_path: Path) -> None:
    done = shopcards("loyalty", "tiers", "--db", str(shop), *TABLE, home=tmp_path, pin=PIN)
    assert done.returncode == 0, done.stderr
    listed = shopcards("loyalty", "tiers", "--db", str(shop), home=tmp_path)
    assert listed.returncode == 0, listed.stderr
    lines = listed.stdout.splitlines()
    assert lines[0].split() == [
        "Card",
        "5%",
        "off",
        "net",
        "spend",
        "from",
        "0,00",
        "€",
        "2",
        "customers",
    ]
    assert lines[1].split()[-2:] == ["1", "customer"]  # B, exactly at 1 000 €
    assert lines[2].split()[:5] == ["VIP", "25%", "off", "top", "20%"]
    again = shopcards("loyalty", "tiers", "--db", str(shop), "--recompute", home=tmp_path)
    assert again.stdout == "5 customers in a tier by their spend; 0 moved.\n"


def test_a_bad_table_is_named_and_nothing_saved(shop: Path, tmp_path: Path) -> None:
    done = shopcards(
        "loyalty", "tiers", "--db", str(shop), "--set", "Card 150% from 0",
        "--set", "Gold 15% from -10", "--set", "VIP 25% top 101%", home=tmp_path, pin=PIN,
    )  # fmt: skip
    assert done.returncode == 2
    assert "tier 1 “Card”: the discount must be 0% to 100% (150% given)" in done.stderr
    assert "tier 2 “Gold”: the net spend threshold cannot be negative" in done.stderr
    assert "tier 3 “VIP”: the top share must be above 0% and at most 100%" in done.stderr
    assert "nothing was saved" in done.stderr
    assert _tiers(shop) == []
    typo = shopcards(
        "loyalty", "tiers", "--db", str(shop), "--set", "Gold 15%", home=tmp_path, pin=PIN
    )
    assert typo.returncode == 2 and "“Gold 15%” is not a tier" in typo.stderr


def test_the_clerk_cannot_set_tiers_or_place_by_hand(shop: Path, tmp_path: Path) -> None:
    done = shopcards("loyalty", "tiers", "--db", str(shop), *TABLE, home=tmp_path)
    assert done.returncode == 2 and "PIN" in done.stderr
    placed = shopcards(
        "loyalty", "tiers", "--db", str(shop), "--place", "0000001", "--tier", "VIP",
        "--ends-on", "2099-01-01", "--reason", "friend", home=tmp_path,
    )  # fmt: skip
    assert placed.returncode == 2 and "PIN" in placed.stderr
    assert _tiers(shop) == []


def test_placing_by_hand_and_the_report(shop: Path, tmp_path: Path) -> None:
    assert (
        shopcards("loyalty", "tiers", "--db", str(shop), *TABLE, home=tmp_path, pin=PIN).returncode
        == 0
    )
    card_no = _card_no(shop, 5)  # E: no tier by spend
    place = ("loyalty", "tiers", "--db", str(shop), "--place", card_no, "--tier", "gold")
    past = shopcards(*place, "--ends-on", "2020-01-01", "--reason", "x", home=tmp_path, pin=PIN)
    assert (
        past.returncode == 2
        and "ends on: the end date 2020-01-01 must be after today" in past.stderr
    )
    done = shopcards(
        *place, "--ends-on", "2099-01-01", "--reason", "our neighbour", home=tmp_path, pin=PIN
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout == f"Card {card_no} is in Gold until the day before 2099-01-01.\n"
    report = shopcards("loyalty", "tiers", "--db", str(shop), "--report", home=tmp_path, pin=PIN)
    assert report.returncode == 0, report.stderr
    assert "  Gold (15%): 2 customers" in report.stdout
    assert "Cost of the scheme per month" in report.stdout
