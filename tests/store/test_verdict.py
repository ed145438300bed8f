"""The one verdict on a file: read-only, busy, newer, a folder — each told as what it is."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from shopcards.core.errors import CardFileError
from shopcards.store import verdict
from shopcards.store.cardfile import open_card_file
from shopcards.store.network_share import NetworkShare
from shopcards.store.verdict import Standing, examine
from tests.network_mount import SHARE, files_in, mount_share


@pytest.fixture
def card_file(db_path: Path) -> Path:
    open_card_file(db_path).close()
    return db_path


@pytest.fixture
def read_only_folder(tmp_path: Path) -> Iterator[Path]:
    folder = tmp_path / "cd-rom"
    folder.mkdir()
    open_card_file(folder / "shop.db").close()
    folder.chmod(0o555)
    yield folder
    folder.chmod(0o755)


def test_a_read_only_card_file_is_called_read_only_not_damaged(card_file: Path) -> None:
    card_file.chmod(0o444)
    before = card_file.read_bytes()
    found = examine(card_file, integrity=True)
    assert found.ok and found.read_only
    with pytest.raises(CardFileError, match="is read-only") as refused:
        open_card_file(card_file)
    assert "damaged" not in refused.value.message
    assert "copy the file to a folder where you may save" in refused.value.message
    assert card_file.read_bytes() == before


def test_a_card_file_in_a_read_only_folder_is_read_only(read_only_folder: Path) -> None:
    path = read_only_folder / "shop.db"
    assert examine(path).standing is Standing.CURRENT
    assert examine(path).read_only
    with pytest.raises(CardFileError, match="is read-only"):
        open_card_file(path)


def test_a_locked_file_is_busy(card_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(verdict, "BUSY_TIMEOUT_MS", 200)
    holder = sqlite3.connect(card_file)
    holder.execute("PRAGMA journal_mode = DELETE")
    holder.execute("PRAGMA locking_mode = EXCLUSIVE")
    holder.execute("BEGIN EXCLUSIVE")
    try:
        assert examine(card_file).standing is Standing.BUSY
        with pytest.raises(CardFileError, match="is busy"):
            open_card_file(card_file)
    finally:
        holder.rollback()
        holder.close()


def test_a_folder_is_not_a_card_file(tmp_path: Path) -> None:
    with pytest.raises(CardFileError, match="is a folder, not a card file"):
        open_card_file(tmp_path)


def test_a_file_from_a_newer_shopcards_names_its_step(card_file: Path) -> None:
    with sqlite3.connect(card_file) as conn:
        conn.execute(
            "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
            "VALUES ('shopcards', 'm999_from_the_future', 'x')"
        )
    found = examine(card_file)
    assert found.standing is Standing.NEWER and not found.opens
    assert "m999_from_the_future" in found.problems[0]


def test_an_empty_file_and_no_file_are_new(tmp_path: Path) -> None:
    (tmp_path / "empty.db").touch()
    assert examine(tmp_path / "empty.db").standing is Standing.NEW
    assert examine(tmp_path / "none.db").standing is Standing.NEW
    with open_card_file(tmp_path / "empty.db") as made:
        assert made.schema_version() > 0


def test_an_empty_sqlite_file_of_another_program_is_left_alone(tmp_path: Path) -> None:
    other = tmp_path / "other.sqlite"
    with sqlite3.connect(other) as conn:
        conn.execute("PRAGMA application_id = 1234")
    before = other.read_bytes()
    assert examine(other).standing is Standing.FOREIGN
    with pytest.raises(CardFileError, match="not a shopcards card file"):
        open_card_file(other)
    assert other.read_bytes() == before


def test_a_card_file_on_a_network_share_is_checked_but_not_opened_for_saving(
    card_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    share = mount_share(monkeypatch, tmp_path / "nas")
    on_share = share / "shop.db"
    card_file.rename(on_share)
    before = files_in(share)
    found = examine(on_share, integrity=True)
    assert found.ok and found.read_only and found.share == NetworkShare(SHARE, "cifs")
    with pytest.raises(CardFileError) as refused:
        open_card_file(on_share)
    told = refused.value.message
    assert f"{on_share} is in a shared network folder ({SHARE})." in told
    assert "two PCs" in told and "`shopcards share`" in told and "was not changed" in told
    assert files_in(share) == before  # no -wal or -shm beside it


def test_no_new_card_file_is_made_on_a_network_share(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    share = mount_share(monkeypatch, tmp_path / "nas")
    with pytest.raises(CardFileError, match="A new card file cannot be made at") as refused:
        open_card_file(share / "cards" / "shop.db")
    assert SHARE in refused.value.message and "Nothing was created" in refused.value.message
    assert files_in(share) == {}


def test_a_card_file_beside_a_share_opens_as_ever(
    card_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    mount_share(monkeypatch, tmp_path / "nas")
    assert examine(card_file).share is None
    open_card_file(card_file).close()
