"""A shared card file remembered on this PC: the address in the user's settings, the password
apart from it — in the keyring when there is one, else in a file only this user can read."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path
from typing import Any

import pytest

from shopcards.core.shared_address import SharedAddress, generate_password
from shopcards.services import connection_secret
from shopcards.services.connection_secret import (
    KeptIn,
    PasswordNoLongerWorks,
    PasswordNotKept,
    forget,
    password_for,
    remember,
    remembered,
    settings_folder,
)

TILL = SharedAddress("192.168.1.20")
OTHER = SharedAddress("fd00::2", 5434, "cards", "shop")


@pytest.fixture
def no_keyring(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(connection_secret, "_keyring", lambda: None)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.mark.usefixtures("no_keyring")
def test_without_a_keyring_the_password_is_in_a_file_only_this_user_reads(tmp_path: Path) -> None:
    password = generate_password()
    assert remember(TILL, password) is KeptIn.FILE
    folder = settings_folder()
    assert folder == tmp_path / "home" / "settings"
    assert mode(folder) == 0o700
    assert mode(folder / "passwords.json") == 0o600
    assert password not in (folder / "connections.json").read_text()
    assert remembered() == [TILL]
    assert password_for(TILL) == password
    assert sorted(os.listdir(folder)) == ["connections.json", "passwords.json"]


@pytest.mark.usefixtures("no_keyring")
def test_two_card_files_are_remembered_and_one_forgotten() -> None:
    remember(TILL, "first")
    remember(OTHER, "second")
    assert set(remembered()) == {TILL, OTHER}
    forget(TILL)
    assert remembered() == [OTHER]
    assert password_for(OTHER) == "second"
    with pytest.raises(PasswordNotKept, match=r"no password for the card file at 192\.168\.1\.20"):
        password_for(TILL)
    kept = json.loads((settings_folder() / "passwords.json").read_text())
    assert kept == {str(OTHER): "second"}


def test_a_password_the_server_no_longer_takes_is_said_plainly() -> None:
    error = PasswordNoLongerWorks(OTHER)
    assert "for the card file at [fd00::2]:5434 no longer works" in error.message
    assert error.address == OTHER


class MemoryKeyring:
    """A keyring store in memory, standing in for the Windows or macOS one."""

    priority = 1

    def __init__(self) -> None:
        self.kept: dict[tuple[str, str], str] = {}

    def set_password(self, service: str, user: str, password: str) -> None:
        self.kept[service, user] = password

    def get_password(self, service: str, user: str) -> str | None:
        return self.kept.get((service, user))

    def delete_password(self, service: str, user: str) -> None:
        self.kept.pop((service, user))


def test_with_a_keyring_the_password_is_kept_there_and_in_no_file(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    backend: Any = pytest.importorskip("keyring.backend")
    core: Any = pytest.importorskip("keyring.core")
    store = type("Memory", (MemoryKeyring, backend.KeyringBackend), {})()
    monkeypatch.setattr(core, "_keyring_backend", store)
    remember(TILL, "secret-one")
    assert store.kept == {("shopcards", str(TILL)): "secret-one"}
    assert not (settings_folder() / "passwords.json").exists()
    assert password_for(TILL) == "secret-one"
    forget(TILL)
    assert store.kept == {} and remembered() == []
