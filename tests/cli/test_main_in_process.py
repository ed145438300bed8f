"""The command called in this process (as the CLI tests call it) leaves the process as it
found it."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from shopcards.core.roles import Role
from shopcards.services.opening import open_session
from tests.cli.run import shopcards
from tests.letters_shop import build_shop

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")


@pytest.fixture
def desktop_umask() -> Iterator[int]:
    """A usual desktop umask (022), as the caller's own."""
    before = os.umask(0o022)
    yield 0o022
    os.umask(before)


def test_the_umask_is_private_during_a_command_and_the_callers_after_it(
    tmp_path: Path, desktop_umask: int
) -> None:
    db = tmp_path / "shop.db"
    session = open_session(db, Role.OWNER)
    paivi = build_shop(session)["paivi"]
    session.close()
    out = tmp_path / "birthday.pdf"
    args = ("letters", "--template", "birthday", "--to", f"ids:{paivi}", "--out", str(out))
    done = shopcards(*args, "--db", str(db), home=tmp_path)
    assert done.returncode == 0, done.stderr
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert os.umask(desktop_umask) == desktop_umask
