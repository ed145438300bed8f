"""The server starts with the PC: the files and commands of each system, from one description,
and on this PC only what it has is run — a step it cannot run is said, not raised."""

from __future__ import annotations

import plistlib
import subprocess
from pathlib import Path

import pytest

from shopcards.services.autostart import (
    LAUNCHD_LABEL,
    NAME,
    Runner,
    ServerPrograms,
    make_autostart,
    steps,
    systemd_unit,
)

BIN = Path("/opt/shop cards/bin")


def programs(user: str | None = None) -> ServerPrograms:
    folder = Path("/home/owner/.local/share/shopcards/server")
    return ServerPrograms(
        BIN / "pg_ctl", BIN / "postgres", folder / "data", folder / "server.log", user
    )


def test_the_systemd_user_unit_starts_and_stops_the_server_with_pg_ctl() -> None:
    unit = systemd_unit(programs())
    lines = unit.splitlines()
    data = '"/home/owner/.local/share/shopcards/server/data"'
    assert "Type=forking" in lines
    assert f'ExecStart="{BIN}/pg_ctl" start -D {data} -l ' in unit
    assert f'ExecStop="{BIN}/pg_ctl" stop -D {data} -m fast -w' in lines
    assert "PIDFile=/home/owner/.local/share/shopcards/server/data/postmaster.pid" in lines
    assert "WantedBy=default.target" in lines
    assert not any(line.startswith("User=") for line in lines)


def test_linux_writes_the_user_unit_and_enables_it_in_the_users_session(tmp_path: Path) -> None:
    [unit, reload, enable, linger] = steps(programs(), "Linux", tmp_path)
    assert unit.file == tmp_path / ".config" / "systemd" / "user" / f"{NAME}.service"
    assert enable.command == ("systemctl", "--user", "enable", "--now", NAME)
    assert reload.needs == enable.needs == ("systemctl", "--user", "show-environment")
    assert linger.command == ("loginctl", "enable-linger")


def test_as_root_a_system_unit_runs_the_server_as_its_own_user(tmp_path: Path) -> None:
    [unit, _reload, enable] = steps(programs("shopcards-server"), "Linux", tmp_path)
    assert unit.file == Path("/etc/systemd/system/shopcards-server.service")
    assert "User=shopcards-server" in unit.text.splitlines()
    assert "WantedBy=multi-user.target" in unit.text.splitlines()
    assert enable.command == ("systemctl", "enable", "--now", NAME)


def test_macos_gets_a_launchd_agent_that_keeps_postgres_running(tmp_path: Path) -> None:
    [agent, load] = steps(programs(), "Darwin", tmp_path)
    assert agent.file == tmp_path / "Library" / "LaunchAgents" / f"{LAUNCHD_LABEL}.plist"
    read = plistlib.loads(agent.text.encode())
    assert read["Label"] == LAUNCHD_LABEL
    assert read["ProgramArguments"] == [
        f"{BIN}/postgres",
        "-D",
        "/home/owner/.local/share/shopcards/server/data",
    ]
    assert read["RunAtLoad"] is True and read["KeepAlive"] is True
    assert load.command == ("launchctl", "load", "-w", str(agent.file))


def test_windows_registers_a_service_else_a_task_at_logon(tmp_path: Path) -> None:
    [service, task] = steps(programs(), "Windows", tmp_path)
    assert service.command[1:5] == ("register", "-N", NAME, "-D")
    assert service.command[6:8] == ("-S", "auto")
    assert task.fallback and task.command[:7] == (
        "schtasks", "/Create", "/TN", NAME, "/SC", "ONLOGON", "/TR",
    )  # fmt: skip
    assert f'"{BIN}/pg_ctl" start -D ' in task.command[7]


def answering(**codes: int) -> tuple[list[tuple[str, ...]], Runner]:
    """A stand-in for the PC's commands (Windows' cannot run here): each program answers with
    the given exit code; the commands asked for are kept."""
    asked: list[tuple[str, ...]] = []

    def run(command: tuple[str, ...]) -> subprocess.CompletedProcess[str]:
        asked.append(command)
        code = codes.get(Path(command[0]).name, 0)
        return subprocess.CompletedProcess(command, code, "", "Access is denied." if code else "")

    return asked, run


def test_without_admin_rights_windows_falls_back_to_the_task_and_says_why(tmp_path: Path) -> None:
    asked, run = answering(pg_ctl=1)
    service, task = make_autostart(programs(), "Windows", tmp_path, run)
    assert not service.done and service.why == "Access is denied."
    assert task.done and asked[-1][0] == "schtasks"


def test_with_the_service_registered_no_task_is_made(tmp_path: Path) -> None:
    asked, run = answering()
    [service] = make_autostart(programs(), "Windows", tmp_path, run)
    assert service.done and [command[0] for command in asked] == [f"{BIN}/pg_ctl"]


def no_user_session() -> bool:
    try:
        probe = subprocess.run(["systemctl", "--user", "show-environment"], capture_output=True)
    except FileNotFoundError:
        return True
    return probe.returncode != 0


@pytest.mark.skipif(not no_user_session(), reason="this PC has a systemd user session")
def test_here_the_unit_is_written_and_the_missing_session_is_said(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("XDG_CONFIG_HOME", raising=False)
    unit, *commands = make_autostart(programs(), "Linux", tmp_path)
    assert unit.done and unit.step.file is not None
    assert unit.step.file.read_text() == systemd_unit(programs())
    assert commands and not any(outcome.done for outcome in commands)
    assert all("No systemd user session" in outcome.why for outcome in commands)
    assert "systemctl --user enable --now shopcards-server" in commands[0].why
