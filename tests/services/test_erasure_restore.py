"""A restore never brings a forgotten customer back, and backups past retention go."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

from shopcards import paths
from shopcards.core.roles import Role
from shopcards.core.shared_address import SharedAddress
from shopcards.services import backup, cards, erasure
from shopcards.services.session import Session, connect
from shopcards.services.settings import update_settings
from shopcards.store import erasure as erasure_store
from shopcards.store.backup import checksum_path
from shopcards.store.stores import Location
from tests.conftest import card_input
from tests.services.test_erasure import NAME, the_person, traces_in
from tests.shared_store import ServerForTests
from tests.store.test_old_card_files import FIXTURES, old_card_file
from tests.stored_bytes import stored_bytes


def test_restoring_an_older_backup_forgets_the_customer_again(
    owner: Session, location: Location
) -> None:
    person = the_person(owner)
    kept = cards.add_card(owner, card_input("Bert", "Kept"))
    older = backup.backup_now(owner)  # taken while the person was still there
    number = cards.get_card(owner, person).card_no
    erasure.forget_customer(owner, person)

    backup.restore_from(owner, older)

    assert cards.find_card_no(owner, number) is None
    assert cards.get_card(owner, kept.id or 0).family_name == "Kept"
    assert traces_in(location) == []
    assert [line.card_no for line in erasure_store.logged(owner.db)] == [number]
    with pytest.raises(cards.CardNotUsable, match="erased at their request"):
        cards.card_at_till(owner, number)


def test_the_log_beside_the_backups_survives_a_backup_older_than_the_erasure_log(
    owner: Session, location: Location
) -> None:
    """The backup restored replaces the file whose log says who was forgotten; the content
    replaced may itself be a restore of an older backup that lost that log."""
    person = the_person(owner)
    older = backup.backup_now(owner)
    erasure.forget_customer(owner, person)
    owner.db.execute("DELETE FROM erasure_log")  # as if the log in the file were lost

    backup.restore_from(owner, older)

    assert (
        owner.db.execute("SELECT count(*) FROM customers WHERE id = ?", [person]).fetchone()[0] == 0
    )
    assert traces_in(location) == []


def test_a_damaged_file_replaced_by_an_older_backup_forgets_again(
    owner: Session, location: Location, request: pytest.FixtureRequest
) -> None:
    """On a shared card file: the server's database is lost (the till PC's disk) and made
    again empty at the same address; the older backup restored into it finds the erasure
    in the log beside this PC's backups, as the card file's restore does."""
    person = the_person(owner)
    older = backup.backup_now(owner)
    erasure.forget_customer(owner, person)
    owner.close()
    if isinstance(location, SharedAddress):
        server: ServerForTests = request.getfixturevalue("pg_server")
        server.lose(location.database)
        restoring = connect(location, Role.OWNER)
        try:
            backup.restore_from(restoring, older)
        finally:
            restoring.close()
    else:
        location.write_bytes(b"not a card file any more" * 100)
        for log in ("-wal", "-shm"):
            location.with_name(location.name + log).unlink(missing_ok=True)
        backup.restore_file(location, older, lambda path: connect(path, Role.OWNER))

    session = connect(location, Role.OWNER)
    try:
        gone = session.db.execute("SELECT count(*) FROM customers WHERE id = ?", [person])
        assert gone.fetchone()[0] == 0
        assert all(
            NAME.lower().encode() not in data.lower() for data in stored_bytes(location).values()
        )
    finally:
        session.close()


def test_backups_older_than_the_retention_period_are_deleted(owner: Session) -> None:
    folder = paths.backups_dir(owner.card_file.path)
    names = [
        "daily/2026-11-20.db",
        "daily/2023-10-01.db",
        "weekly/2023-W40.db",
        "weekly/2026-W40.db",
        "shop-2023-01-05T101010.db",
        "shop-2026-01-05T101010.db",
        "before-upgrade-2022-05-05T101010.db",
    ]
    for name in names:
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(b"copy")
        checksum_path(folder / name).write_text("x  y\n")
    undated = folder / "from-the-usb-stick.db"
    undated.write_bytes(b"copy")
    four_years = (dt.datetime(2022, 11, 1) - dt.datetime(1970, 1, 1)).total_seconds()
    os.utime(undated, (four_years, four_years))
    assert backup.prune_past_retention(owner) == []  # retention off: everything stays

    update_settings(owner, retention_months=36)
    deleted = backup.prune_past_retention(owner)

    left = sorted(str(path.relative_to(folder)) for path in folder.rglob("*.db"))
    assert left == ["daily/2026-11-20.db", "shop-2026-01-05T101010.db", "weekly/2026-W40.db"]
    assert len(deleted) == 5
    assert not checksum_path(folder / "daily/2023-10-01.db").exists()


def test_a_backup_from_before_the_erasure_log_existed_is_forgotten_from_too(
    tmp_path: Path,
) -> None:
    """A release-6 file (no erasure log in it) restored over a file that forgot a customer."""
    (tmp_path / "old").mkdir()
    backup_copy = old_card_file(FIXTURES / "schema_v6.db.gz", tmp_path / "old")
    shop_path = old_card_file(FIXTURES / "schema_v6.db.gz", tmp_path)
    shop = connect(shop_path, Role.OWNER)
    try:
        card_id, family = shop.db.execute(
            "SELECT id, family_name FROM customers ORDER BY id LIMIT 1"
        ).fetchone()
        erasure.forget_customer(shop, card_id)

        restored = backup.restore_from(shop, backup_copy)

        assert "no checksum" in restored.warning
        assert (
            shop.db.execute("SELECT count(*) FROM customers WHERE id = ?", [card_id]).fetchone()[0]
            == 0
        )
        assert family.lower().encode() not in shop_path.read_bytes().lower()
    finally:
        shop.close()
