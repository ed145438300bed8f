"""`shopcards backup DEST` carries every customer out of the PC: it is the owner's."""

from __future__ import annotations

import socket
from pathlib import Path

from shopcards.core.roles import Role
from shopcards.services.opening import open_session
from tests.cli.run import shopcards
from tests.conftest import PIN, set_test_pin


def test_a_backup_to_a_chosen_place_asks_the_owners_pin(tmp_path: Path) -> None:
    db = tmp_path / "shop.db"
    session = open_session(db, Role.OWNER)
    set_test_pin(session)
    session.close()
    stick = tmp_path / "usb"
    stick.mkdir()

    refused = shopcards("backup", str(stick), "--db", str(db), home=tmp_path)
    assert refused.returncode == 2 and "owner's PIN" in refused.stderr
    assert list(stick.iterdir()) == []
    wrong = shopcards("backup", str(stick), "--db", str(db), home=tmp_path, pin="000000")
    assert wrong.returncode == 2 and list(stick.iterdir()) == []

    done = shopcards("backup", str(stick / "copy.db"), "--db", str(db), home=tmp_path, pin=PIN)
    assert done.returncode == 0, done.stderr
    assert (stick / "copy.db").exists()
    daily = shopcards("backup", "--db", str(db), home=tmp_path)  # the backups folder: anybody
    assert daily.returncode == 0, daily.stderr

    session = open_session(db)
    logged = session.db.execute(
        "SELECT actor, desk, json_extract(details, '$.to') FROM changes WHERE action = 'exported'"
    ).fetchall()
    session.close()
    assert logged == [("owner", socket.gethostname(), str(stick / "copy.db"))]
