"""The command line: demo, check, backup and restore, as a person would type them."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from shopcards.core.roles import Role
from shopcards.services import cards
from shopcards.services.opening import open_session
from shopcards.services.settings import update_settings
from tests.cli.run import shopcards
from tests.conftest import card_input, set_test_pin
from tests.network_mount import SHARE, files_in, mount_share


def test_demo_check_backup_restore(tmp_path: Path) -> None:
    db = tmp_path / "shop.db"
    made = shopcards("demo", "--customers", "200", "--seed", "7", "--db", str(db), home=tmp_path)
    assert made.returncode == 0, made.stderr
    assert "200 customers" in made.stdout
    checked = shopcards("check", "--db", str(db), home=tmp_path)
    assert checked.returncode == 0 and "OK" in checked.stdout and "200 cards" in checked.stdout
    saved = shopcards("backup", str(tmp_path / "copy.db"), "--db", str(db), home=tmp_path)
    assert saved.returncode == 0 and (tmp_path / "copy.db").exists()
    restored = shopcards("restore", str(tmp_path / "copy.db"), "--db", str(db), home=tmp_path)
    assert restored.returncode == 0, restored.stderr


def test_bad_files_get_a_message_not_a_traceback(tmp_path: Path) -> None:
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"not a database at all" * 50)
    checked = shopcards("check", "--db", str(junk), home=tmp_path)
    assert checked.returncode != 0
    assert "Traceback" not in checked.stderr + checked.stdout
    restored = shopcards("restore", str(junk), "--db", str(tmp_path / "shop.db"), home=tmp_path)
    assert restored.returncode == 2
    assert "cannot be restored" in restored.stderr or "damaged" in restored.stderr
    assert "Traceback" not in restored.stderr


def _real_shop(db: Path) -> None:
    session = open_session(db, Role.OWNER)
    cards.add_card(session, card_input("Anna", "Virtanen"))
    update_settings(session, shop_name="Pekka's Books", locale="sv_SE", currency="SEK")
    set_test_pin(session)
    session.close()


def _shop_content(db: Path) -> tuple[object, ...]:
    """The cards and the shop's own settings in ``db``: what a demo would replace (the owner's
    login, which the change log and the PIN's try count record, is not the shop's content)."""
    session = open_session(db)
    try:
        return (
            session.db.execute("SELECT * FROM customers ORDER BY id").fetchall(),
            (session.settings.shop_name, session.settings.locale, session.settings.currency),
        )
    finally:
        session.close()


def test_demo_refuses_a_real_shops_file_and_says_what_to_do(tmp_path: Path) -> None:
    db = tmp_path / "shop.db"
    _real_shop(db)
    before = _shop_content(db)
    made = shopcards("demo", "--customers", "20", "--db", str(db), home=tmp_path, pin="246810")
    assert made.returncode == 2
    assert "already holds a real shop" in made.stderr and "--db demo.db" in made.stderr
    assert _shop_content(db) == before


def test_a_read_only_card_file_says_read_only_to_check_and_import(tmp_path: Path) -> None:
    db = tmp_path / "shop.db"
    _real_shop(db)
    db.chmod(0o444)
    checked = shopcards("check", "--db", str(db), home=tmp_path)
    assert checked.returncode == 0, checked.stdout
    assert "OK — 1 cards" in checked.stdout and "read-only" in checked.stdout
    export = tmp_path / "till.csv"
    export.write_text("date;amount;card\n2024-11-20;12,50;0000018\n", encoding="utf-8")
    done = shopcards("import-purchases", str(export), "--db", str(db), home=tmp_path, pin="246810")
    assert done.returncode == 2
    assert "is read-only" in done.stderr and "damaged" not in done.stderr
    assert "Traceback" not in done.stderr


def test_check_on_another_programs_file_says_so_and_changes_nothing(tmp_path: Path) -> None:
    other = tmp_path / "recipes.sqlite"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE recipes (name TEXT)")
    before = other.read_bytes()
    checked = shopcards("check", "--db", str(other), home=tmp_path)
    assert checked.returncode == 1
    assert "NOT A CARD FILE" in checked.stdout and "Restore a backup" not in checked.stdout
    opened = shopcards("backup", "--db", str(other), home=tmp_path)
    assert "not a shopcards card file; it was not changed" in opened.stderr
    assert other.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir() if p.is_file()) == ["recipes.sqlite"]


def test_restore_of_a_copy_without_checksum_warns(tmp_path: Path) -> None:
    db = tmp_path / "shop.db"
    _real_shop(db)
    saved = shopcards(
        "backup", str(tmp_path / "copy.db"), "--db", str(db), home=tmp_path, pin="246810"
    )
    assert saved.returncode == 0, saved.stderr
    (tmp_path / "copy.db.sha256").unlink()
    restored = shopcards(
        "restore", str(tmp_path / "copy.db"), "--db", str(db), home=tmp_path, pin="246810"
    )
    assert restored.returncode == 0, restored.stderr
    assert "Warning:" in restored.stderr and "has no checksum" in restored.stderr


@pytest.mark.parametrize("trouble", ["damaged", "from a newer shopcards"])
def test_restore_works_when_the_card_file_no_longer_opens(tmp_path: Path, trouble: str) -> None:
    db = tmp_path / "shop.db"
    _real_shop(db)
    saved = shopcards(
        "backup", str(tmp_path / "copy.db"), "--db", str(db), home=tmp_path, pin="246810"
    )
    assert saved.returncode == 0, saved.stderr
    if trouble == "damaged":  # the schema page scribbled over: SQLite cannot read the file
        data = bytearray((tmp_path / "copy.db").read_bytes())
        data[100:4096] = b"\xff" * 3996
        db.write_bytes(bytes(data))
    else:
        with sqlite3.connect(db) as conn:
            conn.execute(
                "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
                "VALUES ('shopcards', 'm999_from_the_future', 'x')"
            )
    before = db.read_bytes()
    assert shopcards("check", "--db", str(db), home=tmp_path).returncode == 1
    wrong = shopcards(
        "restore", str(tmp_path / "copy.db"), "--db", str(db), home=tmp_path, pin="135790"
    )
    assert wrong.returncode == 2 and db.read_bytes() == before  # the backup's PIN is asked
    restored = shopcards(
        "restore", str(tmp_path / "copy.db"), "--db", str(db), home=tmp_path, pin="246810"
    )
    assert restored.returncode == 0, restored.stderr
    kept = Path(restored.stdout.split("kept in ")[1].strip().rstrip("."))
    assert kept.read_bytes() == before  # the file that did not open, byte for byte
    checked = shopcards("check", "--db", str(db), home=tmp_path)
    assert checked.returncode == 0 and "OK — 1 cards" in checked.stdout


def test_restore_never_replaces_another_programs_file(tmp_path: Path) -> None:
    db = tmp_path / "shop.db"
    _real_shop(db)
    assert (
        shopcards(
            "backup", str(tmp_path / "copy.db"), "--db", str(db), home=tmp_path, pin="246810"
        ).returncode
        == 0
    )
    other = tmp_path / "recipes.sqlite"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE recipes (name TEXT)")
    before = other.read_bytes()
    refused = shopcards(
        "restore", str(tmp_path / "copy.db"), "--db", str(other), home=tmp_path, pin="246810"
    )
    assert refused.returncode == 2 and "not a shopcards card file" in refused.stderr
    assert other.read_bytes() == before


def test_a_card_file_on_a_network_share_is_checked_but_not_opened(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    share = tmp_path / "nas"
    made = shopcards("demo", "--customers", "20", "--db", str(share / "shop.db"), home=tmp_path)
    assert made.returncode == 0, made.stderr
    mount_share(monkeypatch, share)
    before = files_in(share)
    checked = shopcards("check", "--db", str(share / "shop.db"), home=tmp_path)
    assert checked.returncode == 0 and "20 cards" in checked.stdout
    assert f"in a shared network folder ({SHARE}): shopcards can check it" in checked.stdout
    saved = shopcards("backup", "--db", str(share / "shop.db"), home=tmp_path)
    assert saved.returncode == 2 and "Traceback" not in saved.stderr
    assert f"is in a shared network folder ({SHARE})." in saved.stderr
    assert "`shopcards share`" in saved.stderr
    assert files_in(share) == before  # no backups folder, no -wal, no -shm


def test_no_demo_card_file_is_made_on_a_network_share(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    share = mount_share(monkeypatch, tmp_path / "nas")
    made = shopcards("demo", "--customers", "20", "--db", str(share / "demo.db"), home=tmp_path)
    assert made.returncode == 2
    assert "A new card file cannot be made at" in made.stderr and SHARE in made.stderr
    assert files_in(share) == {}
