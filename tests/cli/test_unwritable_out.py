"""An ``--out`` or ``--csv`` that cannot be written: a message naming the path and the reason,
a non-zero exit, and no file (not even an empty or ``.part`` one) left behind."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from shopcards.cli import main
from shopcards.core.roles import Role
from shopcards.services.opening import open_session
from tests.full_disk import fill_disk, make_read_only
from tests.letters_shop import build_shop

Place = Callable[[Path, pytest.MonkeyPatch], tuple[Path, str]]


@pytest.fixture
def shop(tmp_path: Path) -> Path:
    db = tmp_path / "shop.db"
    session = open_session(db, Role.OWNER)
    build_shop(session)
    session.close()
    return db


def _read_only(base: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, str]:
    folder = base / "locked"
    folder.mkdir()
    make_read_only(monkeypatch, folder)
    return folder / "out.x", f"the folder {folder} is read-only"


def _folder_named_like_the_file(base: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, str]:
    (base / "out.x").mkdir()
    return base / "out.x", f"{base / 'out.x'} is a folder"


def _under_a_file(base: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, str]:
    (base / "notes.txt").write_text("a file, not a folder")
    return base / "notes.txt" / "out.x", f"{base / 'notes.txt'} is a file, not a folder"


def _full_disk(base: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, str]:
    fill_disk(monkeypatch, base)
    return base / "out.x", "the disk is full: nothing was written"


PLACES = {
    "read-only folder": _read_only,
    "folder named like the file": _folder_named_like_the_file,
    "path under a file": _under_a_file,
    "full disk": _full_disk,
}
COMMANDS = {
    "labels": ("labels", "--to", "all", "--out"),
    "envelopes": ("envelopes", "--to", "all", "--out"),
    "letters": (
        "letters",
        "--template",
        "Quarterly letter to regular customers",
        "--to",
        "all",
        "--proof",
        "--out",
    ),
    "report csv": ("report", "segments", "--csv"),
    "loyalty cards": ("loyalty", "cards", "--all", "--out"),
    "cards csv": ("export-customers", "--format", "csv"),
    "cards xlsx": ("export-customers", "--format", "xlsx"),
    "cards vcf": ("export-customers", "--format", "vcf"),
    "purchases csv": ("export-purchases",),
    "customer data pdf": ("customer-data", "0000018", "--pdf"),
    "customer data json": ("customer-data", "0000018", "--json"),
}


@pytest.mark.parametrize("place", PLACES.values(), ids=PLACES.keys())
@pytest.mark.parametrize("command", COMMANDS.values(), ids=COMMANDS.keys())
def test_an_unwritable_output_is_a_message_not_a_traceback(
    shop: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    command: tuple[str, ...],
    place: Place,
) -> None:
    base = tmp_path / "out"
    base.mkdir()
    out, reason = place(base, monkeypatch)
    before = sorted(p.name for p in base.rglob("*"))
    assert main([*command, str(out), "--db", str(shop)]) != 0
    err = capsys.readouterr().err
    assert err.startswith("shopcards: Cannot save:") and reason in err
    assert "Traceback" not in err
    assert sorted(p.name for p in base.rglob("*")) == before  # no partial, no empty file


def test_one_file_each_into_a_read_only_folder(
    shop: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "locked"
    folder.mkdir()
    make_read_only(monkeypatch, folder)
    args = COMMANDS["letters"][:-1]
    assert main([*args, "--one-file-each", "--out", str(folder), "--db", str(shop)]) != 0
    assert f"the folder {folder} is read-only" in capsys.readouterr().err
    assert list(folder.iterdir()) == []
