"""The server part: built by installer/build.py beside the program (never inside it), as an
archive of its own that runs the shop's server once unpacked, and missed by the installed
program with a message that says where to unpack it.

Slow: uses the one build of the test session (conftest.py's ``build``), as test_bundle.py does.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tarfile
import tempfile
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest

from shopcards.core.roles import Role
from shopcards.services import cards
from shopcards.services.opening import open_session
from shopcards.services.server_process import (
    SERVER_PART,
    SERVER_PART_ENV,
    WHEEL_PROGRAMS,
    binaries,
)
from shopcards.store import moving
from shopcards.store.cardfile import open_card_file
from shopcards.store.shared_file import open_shared
from tests.conftest import card_input
from tests.installer.conftest import Build
from tests.installer.test_bundle import VERSION, pytestmark, run_env  # noqa: F401 (pytestmark)
from tests.shared_store import shop_server


def server_archive(dist: Path) -> Path:
    return dist / f"shopcards-server-{VERSION}-linux-{os.uname().machine}.tar.gz"


def test_the_server_part_is_its_own_archive_and_not_in_the_program_folder(
    build: Build, bundle: Path, dist: Path, build_script: ModuleType
) -> None:
    assert not (bundle / SERVER_PART).exists()
    size = build_script.folder_size(dist / "shopcards-server")
    assert f"Server part: {size / 1e6:.1f} MB (optional, not in the program)" in build.printed
    with tarfile.open(server_archive(dist)) as tar:
        names = tar.getnames()
    assert all(name.split("/")[0] == SERVER_PART for name in names), "unpacks as one folder"
    programs = f"{SERVER_PART}/{WHEEL_PROGRAMS.as_posix()}"
    for needed in ("pg_ctl", "initdb", "postgres", "../lib/pg_trgm.so", "../lib/citext.so"):
        assert os.path.normpath(f"{programs}/{needed}") in names, needed
    assert not [name for name in names if "/include/" in name or name.endswith(".a")]


@pytest.fixture
def unpacked(dist: Path) -> Iterator[Path]:
    """The server archive unpacked as a shop would, in a folder the server's own user can
    reach when the tests run as root (not pytest's, which another run may remove)."""
    folder = Path(tempfile.mkdtemp(prefix="shopcards-server-part-"))
    folder.chmod(0o755)
    with tarfile.open(server_archive(dist)) as tar:
        tar.extractall(folder, filter="tar")
    yield folder / SERVER_PART
    shutil.rmtree(folder, ignore_errors=True)


def test_the_unpacked_server_part_runs_the_shops_server(
    unpacked: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Set up as `shopcards share` does, and a card file moved in: every extension the
    shared card file uses is in the part."""
    monkeypatch.setenv(SERVER_PART_ENV, str(unpacked))
    assert binaries() == unpacked / WHEEL_PROGRAMS
    session = open_session(tmp_path / "shop.db", Role.OWNER)
    cards.add_card(session, card_input("Päivi", "Virtanen"))
    session.close()
    with shop_server() as shop:
        card_file = open_card_file(tmp_path / "shop.db")
        shared = open_shared(shop.address, shop.password)
        try:
            moving.into_server(card_file, shared, None)
            moved = shared.db.execute("SELECT count(*) FROM customers").fetchone()
        finally:
            shared.close()
            card_file.close()
    assert moved == (1,)


def test_the_installed_program_without_it_says_where_to_unpack_it(
    bundle: Path, tmp_path: Path
) -> None:
    db = tmp_path / "shop.db"
    open_session(db, Role.OWNER).close()
    env = run_env(tmp_path / "home") | {"PATH": "/usr/bin:/bin"}  # no PostgreSQL of the PC's
    refused = subprocess.run(
        [bundle / "shopcards", "share", "--db", db],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert refused.returncode == 2, refused.stderr
    assert "The server part of shopcards is not installed on this PC" in refused.stderr
    assert f"shopcards-server-{VERSION}-" in refused.stderr
    assert f"into the program folder, {bundle.resolve()}," in refused.stderr
