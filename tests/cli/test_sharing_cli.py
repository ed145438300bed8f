"""`shopcards share` on a PC without the server part (the installer's optional part): refused
before anything is set up or moved, saying how to add it. The server part's absence is a real
empty folder named by the setting the program documents (SHOPCARDS_SERVER_PART), though this
PC has PostgreSQL's programs elsewhere; the card file is a real one."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from shopcards.core.roles import Role
from shopcards.services import cards
from shopcards.services.opening import open_session
from shopcards.services.server_process import SERVER_PART_ENV
from tests.cli.run import shopcards
from tests.conftest import card_input


def test_share_without_the_server_part_refuses_and_says_how_to_add_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "shop.db"
    session = open_session(db, Role.OWNER)
    cards.add_card(session, card_input("Päivi", "Virtanen"))
    session.close()
    (tmp_path / "no-server-part").mkdir()
    monkeypatch.setenv(SERVER_PART_ENV, str(tmp_path / "no-server-part"))

    refused = shopcards("share", "--db", str(db), home=tmp_path / "home")

    assert refused.returncode == 2  # a refusal, told as a message
    assert "The server part of shopcards is not installed on this PC" in refused.stderr
    assert "pip install shopcards[server]" in refused.stderr  # run from Python, not installed
    assert "Traceback" not in refused.stderr
    assert not (tmp_path / "home" / "server").exists(), "no server folder was begun"
    with sqlite3.connect(db) as conn:
        shared = conn.execute("SELECT count(*) FROM changes WHERE action = 'shared'").fetchone()
    assert shared == (0,), "the card file does not say it was shared"
