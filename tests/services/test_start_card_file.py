"""Which card file a PC opens when shopcards starts without --db (issue 16): its own, until it
shares its card file or connects to a shared one; from then on the shared one, so that after
a restart no desk goes back to writing a card file of its own while the others write on the
server. Unsharing into a card file makes that copy the one again. On a real server."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from shopcards import paths
from shopcards.cli import db_location, window_card_file
from shopcards.core.roles import Role
from shopcards.core.shared_address import SharedAddress, generate_password
from shopcards.services import connection_secret, sharing
from shopcards.services.opening import open_session
from tests.shared_store import ServerForTests


def _unshare(address: SharedAddress, into: Path) -> Path:
    owner = open_session(address, Role.OWNER)
    try:
        return sharing.unshare(owner, into)
    finally:
        owner.close()


def test_a_pc_opens_its_own_card_file_until_it_connects_then_the_shared_one(
    pg_server: ServerForTests,
) -> None:
    address = pg_server.fresh()
    assert window_card_file([]) == paths.default_db()
    sharing.connect(address, generate_password())  # the tests' server takes any password
    assert window_card_file([]) == address  # the window's start
    assert db_location(argparse.Namespace()) == address  # and every command's


def test_unsharing_makes_the_copy_this_pcs_card_file_again(
    pg_server: ServerForTests, tmp_path: Path
) -> None:
    address = pg_server.fresh()
    connection_secret.open_at_start(address)
    made = _unshare(address, tmp_path / "back.db")
    assert connection_secret.start_location() == made.resolve()


def test_a_copy_of_a_shared_card_file_this_pc_does_not_open_changes_nothing(
    pg_server: ServerForTests, tmp_path: Path
) -> None:
    opened, other = pg_server.fresh(), pg_server.fresh()
    connection_secret.open_at_start(opened)
    _unshare(other, tmp_path / "copy.db")
    assert connection_secret.start_location() == opened


@pytest.mark.parametrize(
    "kept", ["{not json", '{"shared": {"host": "till-pc", "colour": "red"}}', '["a list"]']
)
def test_a_damaged_setting_opens_the_data_folders_card_file(kept: str) -> None:
    connection_secret.open_at_start(paths.data_dir() / "elsewhere.db")
    (connection_secret.settings_folder() / connection_secret.START_FILE).write_text(kept)
    assert connection_secret.start_location() == paths.default_db()
