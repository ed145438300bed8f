"""Restore restores only what is sound: checksum, integrity and schema, each named."""

from __future__ import annotations

import datetime as dt
import os
import random
import shutil
import sqlite3
from pathlib import Path

import pytest

from shopcards import paths
from shopcards.core.card import CardQuery
from shopcards.core.errors import CardFileError
from shopcards.services import backup, cards
from shopcards.services.demo import build_demo
from shopcards.services.session import Session
from shopcards.store import schema
from shopcards.store.backup import checksum_path
from shopcards.store.cardfile import open_card_file
from tests.store.test_old_card_files import FIXTURES, old_card_file


def _purchases(session: Session) -> list[tuple[object, ...]]:
    return session.db.execute("SELECT id, date, amount FROM purchases ORDER BY id").fetchall()


@pytest.fixture
def shop(owner: Session) -> Session:
    build_demo(owner, 20, seed=3)
    return owner


def test_a_backup_has_a_checksum_beside_it(shop: Session, tmp_path: Path) -> None:
    copy = backup.backup_now(shop, tmp_path / "copy.db")
    digest, name = checksum_path(copy).read_text().split()
    assert name == "copy.db" and len(digest) == 64
    assert not list(tmp_path.glob("*.partial"))


def test_no_backup_with_one_flipped_bit_is_restored(shop: Session, tmp_path: Path) -> None:
    good = backup.backup_now(shop, tmp_path / "good.db")
    before = _purchases(shop)
    data = good.read_bytes()
    flips = random.Random(11).sample(range(len(data) * 8), 40)
    for n, bit in enumerate(flips):
        bad = tmp_path / f"bad{n}.db"
        flipped = bytearray(data)
        flipped[bit // 8] ^= 1 << (bit % 8)
        bad.write_bytes(bytes(flipped))
        shutil.copy(checksum_path(good), checksum_path(bad))
        with pytest.raises(CardFileError, match="checksum does not match"):
            backup.restore_from(shop, bad)
    assert _purchases(shop) == before


def test_a_backup_from_a_newer_shopcards_is_never_installed(shop: Session, tmp_path: Path) -> None:
    newer = tmp_path / "newer.db"
    with open_card_file(tmp_path / "future.db") as future:
        future.db.execute(
            "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
            "VALUES ('shopcards', 'm999_from_the_future', 'x')"
        )
        backup.backup.copy_to(future.conn, newer)  # with a checksum that matches
    count = cards.count_cards(shop, CardQuery())
    with pytest.raises(CardFileError, match="made by a newer version of shopcards"):
        backup.restore_from(shop, newer)
    assert cards.count_cards(shop, CardQuery()) == count
    shop.close()
    open_card_file(shop.card_file.path).close()  # the shop is not locked out


def test_the_safety_copy_can_always_be_restored(shop: Session, tmp_path: Path) -> None:
    before = _purchases(shop)
    empty = tmp_path / "empty.db"
    with open_card_file(empty) as made:
        backup.backup.copy_to(made.conn, tmp_path / "empty-copy.db")
    restored = backup.restore_from(shop, tmp_path / "empty-copy.db")
    assert _purchases(shop) == [] and not restored.warning
    assert checksum_path(restored.safety_copy).is_file()
    back = backup.restore_from(shop, restored.safety_copy)
    assert _purchases(shop) == before and not back.warning


def test_a_backup_made_before_checksums_is_restored_with_a_warning(
    shop: Session, tmp_path: Path
) -> None:
    old = backup.backup_now(shop, tmp_path / "old.db")
    checksum_path(old).unlink()
    restored = backup.restore_from(shop, old)
    assert "has no checksum" in restored.warning
    assert "integrity check found nothing wrong" in restored.warning


def test_a_damaged_backup_without_checksum_names_the_integrity_check(
    shop: Session, tmp_path: Path
) -> None:
    from tests.store.test_backup import _damaged_copy

    damaged = _damaged_copy(backup.backup_now(shop, tmp_path / "g.db"), tmp_path / "d.db")
    with pytest.raises(CardFileError, match="the integrity check failed"):
        backup.restore_from(shop, damaged)


def test_a_backup_from_an_older_release_is_upgraded_on_restore(
    shop: Session, tmp_path: Path
) -> None:
    old = old_card_file(FIXTURES / "schema_v5.db.gz", tmp_path)
    restored = backup.restore_from(shop, old)
    assert restored.warning  # made before checksums
    assert shop.card_file.schema_version() == len(schema.known_names())
    assert cards.count_cards(shop, CardQuery()) == 32
    assert cards.list_cards(shop, CardQuery(text="王"))


def test_owner_copies_and_safety_copies_are_rotated(owner: Session, tmp_path: Path) -> None:
    start = dt.datetime(2026, 9, 1, 9)
    for day in range(70):
        owner.clock = lambda day=day: start + dt.timedelta(days=day)
        backup.backup_now(owner)  # the owner's copy of the day
        backup.restore_from(owner, backup.backup_now(owner, tmp_path / "x.db"))  # + a safety
        backup.daily_backup(owner)
    folder = paths.backups_dir(owner.card_file.path)  # on a shared one: this PC's data folder
    name = owner.card_file.path.stem
    stamped = sorted(folder.glob(f"{name}-*.db"))
    last_week = [p for p in stamped if p.name >= f"{name}-2026-11-03"]
    assert len(last_week) == 14  # every copy of the last 7 days, owner's and safety
    assert len(stamped) == 14 + 4  # and the newest of each of 4 weeks before
    assert len(list(folder.glob("*.sha256"))) == len(list(folder.rglob("*.db"))) - 11


@pytest.mark.parametrize(
    "where", ["read-only folder", "folder named like the file", "path under a file"]
)
def test_an_unwritable_destination_is_named_and_left_clean(
    owner: Session, tmp_path: Path, where: str
) -> None:
    place = tmp_path / "usb"
    place.mkdir()
    dest, reason = {
        "read-only folder": (place / "copy.db", "read-only"),
        "folder named like the file": (place / "copy.db", "a folder of that name"),
        "path under a file": (place / "copy.db" / "inner.db", "part of that path is a file"),
    }[where]
    if where == "read-only folder":
        place.chmod(0o555)
    elif where == "folder named like the file":
        dest.mkdir()
    else:
        dest.parent.write_bytes(b"a file")
    try:
        with pytest.raises(CardFileError, match=reason) as refused:
            backup.backup.copy_to(owner.card_file.conn, dest)
    finally:
        place.chmod(0o755)
    assert str(dest) in refused.value.message
    assert not [p for p in place.rglob("*") if p.suffix in (".partial", ".sha256")]


def test_a_full_disk_leaves_no_partial_copy(
    owner: Session, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """SQLite is told the disk holds an empty card file and no more: the same SQLITE_FULL a
    full disk gives, once the shop's rows are being copied (a shared card file's copy is a new
    card file, whose tables are made first, then filled from the server)."""
    with open_card_file(tmp_path / "measure" / "empty.db") as empty:
        (room,) = empty.conn.execute("PRAGMA page_count").fetchone()
    build_demo(owner, 20, seed=3)
    there = sorted(tmp_path.rglob("*"))
    real_connect = sqlite3.connect

    def tiny_disk(*args: object, **kwargs: object) -> sqlite3.Connection:
        conn = real_connect(*args, **kwargs)  # type: ignore[arg-type]
        conn.execute(f"PRAGMA max_page_count = {room}")
        return conn

    monkeypatch.setattr(backup.backup.sqlite3, "connect", tiny_disk)
    with pytest.raises(CardFileError, match="the disk is full"):
        backup.backup_now(owner, tmp_path / "copy.db")
    assert sorted(tmp_path.rglob("*")) == there


def test_a_full_disk_while_writing_the_checksum_leaves_nothing(
    owner: Session, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_space(*_args: object, **_kwargs: object) -> int:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(Path, "write_text", no_space)
    with pytest.raises(CardFileError, match="the disk is full"):
        backup.backup_now(owner, tmp_path / "copy.db")
    assert not [p.name for p in tmp_path.iterdir() if p.name.startswith("copy.db")]


def test_two_desks_taking_the_days_backup_at_once_do_not_mix(owner: Session) -> None:
    daily = paths.backups_dir(owner.card_file.path) / "daily" / "2026-11-23.db"
    daily.parent.mkdir(parents=True)
    claim = daily.with_name(daily.name + ".partial")
    claim.write_bytes(b"")  # the other desk is writing today's copy
    assert backup.daily_backup(owner) is None
    assert claim.exists() and not daily.exists()  # its copy is left alone
    os.utime(claim, (0, 0))  # …until it is old: a crash left it
    assert backup.daily_backup(owner) == daily
    assert not claim.exists() and checksum_path(daily).is_file()
