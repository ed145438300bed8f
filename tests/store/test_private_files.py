"""The card file, its -wal and -shm, the backups and the log are the user's alone (POSIX)."""

from __future__ import annotations

import datetime as dt
import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from shopcards import paths
from shopcards.store import backup
from shopcards.store.cardfile import open_card_file

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")


@pytest.fixture(autouse=True)
def _lax_umask() -> Iterator[None]:
    """A usual desktop umask (022): what is private must be made so on purpose."""
    before = os.umask(0o022)
    yield
    os.umask(before)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_a_new_card_file_and_its_journals_and_backups_are_private() -> None:
    db_path = paths.default_db()
    with open_card_file(db_path) as card_file:
        card_file.db.execute("INSERT INTO settings (key, value) VALUES ('x', '1')")
        card_file.conn.commit()
        daily = backup.auto_backup(card_file.conn, db_path, dt.date(2026, 11, 23))
        assert daily is not None
        journals = [db_path.with_name(db_path.name + end) for end in ("-wal", "-shm")]
        assert all(journal.exists() for journal in journals)
        assert {mode(p) for p in [db_path, *journals, daily]} == {0o600}
        folders = [paths.data_dir(), daily.parent, daily.parent.parent, daily.parent.parent.parent]
        assert {mode(folder) for folder in folders} == {0o700}


def test_an_existing_readable_card_file_is_made_private_when_opened(tmp_path: Path) -> None:
    shared = tmp_path / "shared"
    shared.mkdir(mode=0o755)
    db_path = shared / "shop.db"
    open_card_file(db_path).close()
    os.chmod(db_path, 0o644)
    open_card_file(db_path).close()
    assert mode(db_path) == 0o600
    assert mode(shared) == 0o755  # a folder shopcards does not own is left as it is


def test_a_backup_to_a_chosen_folder_is_private_but_the_folder_is_left_alone(
    tmp_path: Path,
) -> None:
    stick = tmp_path / "usb"
    stick.mkdir(mode=0o755)
    with open_card_file(tmp_path / "shop.db") as card_file:
        copy = backup.copy_to(card_file.conn, stick / "copy.db")
    assert mode(copy) == 0o600 and mode(stick) == 0o755


def test_the_log_is_private(tmp_path: Path) -> None:
    from shopcards.app import configure_logging

    folder = tmp_path / "data"
    log = configure_logging(folder)
    assert mode(log) == 0o600 and mode(folder) == 0o700


def test_two_desks_backing_up_to_one_place_at_once_never_mix_their_copies(
    tmp_path: Path,
) -> None:
    """The first desk claims the place; the others are told a copy is being written there,
    and what is left is one whole copy with its own checksum, readable by this user alone."""
    import hashlib
    import threading

    db_path = tmp_path / "shop.db"
    open_card_file(db_path).close()
    failed: list[BaseException] = []

    def copy() -> None:
        with open_card_file(db_path) as card_file:
            try:
                backup.copy_to(card_file.conn, tmp_path / "copies" / "same.db")
            except backup.CopyInProgress as exc:  # the other desk has the place
                failed.append(exc)

    desks = [threading.Thread(target=copy) for _ in range(4)]
    for desk in desks:
        desk.start()
    for desk in desks:
        desk.join()
    copies = tmp_path / "copies"
    assert len(failed) < 4
    assert sorted(p.name for p in copies.iterdir()) == ["same.db", "same.db.sha256"]
    digest = hashlib.sha256((copies / "same.db").read_bytes()).hexdigest()
    assert (copies / "same.db.sha256").read_text().split()[0] == digest
    assert mode(copies / "same.db") == 0o600
