"""The command line: demo, check, backup and restore, as a person would type them."""

from __future__ import annotations

from pathlib import Path

from tests.cli.run import shopcards


def test_demo_check_backup_restore(tmp_path: Path) -> None:
    db = tmp_path / "shop.db"
    made = shopcards("demo", "--customers", "200", "--seed", "7", "--db", str(db),
                     home=tmp_path)
    assert made.returncode == 0, made.stderr
    assert "200 customers" in made.stdout
    checked = shopcards("check", "--db", str(db), home=tmp_path)
    assert checked.returncode == 0 and "OK" in checked.stdout and "200 cards" in checked.stdout
    saved = shopcards("backup", str(tmp_path / "copy.db"), "--db", str(db), home=tmp_path)
    assert saved.returncode == 0 and (tmp_path / "copy.db").exists()
    restored = shopcards("restore", str(tmp_path / "copy.db"), "--db", str(db),
                         home=tmp_path)
    assert restored.returncode == 0, restored.stderr


def test_bad_files_get_a_message_not_a_traceback(tmp_path: Path) -> None:
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"not a database at all" * 50)
    checked = shopcards("check", "--db", str(junk), home=tmp_path)
    assert checked.returncode != 0
    assert "Traceback" not in checked.stderr + checked.stdout
    restored = shopcards("restore", str(junk), "--db", str(tmp_path / "shop.db"),
                         home=tmp_path)
    assert restored.returncode == 2
    assert "cannot be restored" in restored.stderr or "damaged" in restored.stderr
    assert "Traceback" not in restored.stderr
