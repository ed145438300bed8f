"""`shopcards settings` as the owner types it: list, set all or nothing, refuse by name."""

from __future__ import annotations

from pathlib import Path

import pytest

from shopcards.core.roles import Role
from shopcards.core.settings import SETTINGS
from shopcards.services import auth
from shopcards.services.opening import open_session
from tests.cli.run import shopcards

PIN = "246810"


@pytest.fixture
def shop(tmp_path: Path) -> Path:
    db = tmp_path / "shop.db"
    session = open_session(db, Role.OWNER)
    auth.set_pin(session, PIN)
    session.close()
    return db


def _stored(db: Path) -> dict[str, object]:
    session = open_session(db)
    try:
        return session.settings.to_dict()
    finally:
        session.close()


def test_the_list_names_every_setting_with_its_value_and_label(shop: Path, tmp_path: Path) -> None:
    done = shopcards("settings", "--db", str(shop), home=tmp_path)
    assert done.returncode == 0, done.stderr
    for setting in SETTINGS:
        assert f"  {setting.key} = " in done.stdout
        assert setting.label in done.stdout
    assert "  owner_idle_minutes = 10\n" in done.stdout
    assert "a whole number from 1 to 240" in done.stdout


def test_the_owner_sets_several_at_once(shop: Path, tmp_path: Path) -> None:
    done = shopcards(
        "settings", "--db", str(shop), "shop_name=Kauppa Koivu", "region=fi",
        "locale=fi_FI", "shop_address=Kauppakatu 12\\n00100 Helsinki", "owner_idle_minutes=15",
        home=tmp_path, pin=PIN,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    stored = _stored(shop)
    assert stored["shop_name"] == "Kauppa Koivu" and stored["region"] == "FI"
    assert stored["shop_address"] == "Kauppakatu 12\n00100 Helsinki"
    assert stored["owner_idle_minutes"] == 15


def test_bad_values_are_refused_by_name_and_nothing_is_saved(shop: Path, tmp_path: Path) -> None:
    done = shopcards(
        "settings", "--db", str(shop), "shop_name=Saved Too Soon", "owner_idle_minutes=ten",
        "label_sheet=no-such-sheet", "drawing_entry_mode=sometimes", "colour=red",
        home=tmp_path, pin=PIN,
    )  # fmt: skip
    assert done.returncode == 2
    assert "owner_idle_minutes must be a whole number from 1 to 240, not 'ten'" in done.stderr
    assert "label_sheet must be one of L7160" in done.stderr
    assert "drawing_entry_mode must be one of per_customer, per_purchase" in done.stderr
    assert "colour is not a setting" in done.stderr
    assert _stored(shop)["shop_name"] == "My Shop"


def test_setting_needs_the_owners_pin(shop: Path, tmp_path: Path) -> None:
    done = shopcards("settings", "--db", str(shop), "shop_name=Anyone", home=tmp_path, pin="999999")
    assert done.returncode != 0
    assert _stored(shop)["shop_name"] == "My Shop"
