"""Make the shop's server start with the PC: whichever way the PC's system has.

One description of the server (its programs, data folder and log) becomes the steps of each
system — files to write and commands to run:

- Linux: a systemd user unit (``~/.config/systemd/user/shopcards-server.service``), enabled
  with ``systemctl --user enable --now``, and ``loginctl enable-linger`` so it starts at boot
  rather than at the owner's login. As root (no user session there), a system unit in
  ``/etc/systemd/system`` that runs the server as its own user.
- macOS: a launchd agent (``~/Library/LaunchAgents/org.shopcards.server.plist``), loaded with
  ``launchctl load -w``; launchd keeps ``postgres`` itself running.
- Windows: a service (``pg_ctl register -S auto``, which needs an administrator), else a
  scheduled task at logon (``schtasks /Create /SC ONLOGON``).

Only what this PC has is run; a step that cannot run here (no systemd user session, no admin
rights) is reported with why, and the sharing goes on. Call :func:`make_autostart` before
:func:`shopcards.services.shared_server.start`: where the system starts the server at once
(systemd ``--now``, launchd), ``start`` then finds it running; elsewhere ``start`` runs it.
"""

from __future__ import annotations

import os
import platform
import plistlib
import shutil
import subprocess
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from shopcards.core.i18n import _
from shopcards.services.server_process import binaries, service_user
from shopcards.services.shared_server import START_TIMEOUT_S, ServerPlan

NAME = "shopcards-server"
LAUNCHD_LABEL = "org.shopcards.server"


@dataclass(frozen=True)
class Step:
    """A file to write, or a command to run; ``fallback`` steps run only if the one before
    failed (the Windows scheduled task when the service cannot be registered)."""

    command: tuple[str, ...] = ()
    file: Path | None = None
    text: str = ""
    fallback: bool = False
    needs: tuple[str, ...] = field(default=())
    """A command that must work first (a probe for a systemd user session)."""


@dataclass(frozen=True)
class Outcome:
    step: Step
    done: bool
    why: str = ""
    """What stopped it, in the PC's words (a command's error output)."""

    def not_done(self) -> str:
        """What the owner is told of a step that did not run (the command, or the file)."""
        step = " ".join(self.step.command) or str(self.step.file)
        return _("Not done: {step} ({why})", step=step, why=self.why)


@dataclass(frozen=True)
class ServerPrograms:
    """The one description every system's steps are made from."""

    pg_ctl: Path
    postgres: Path
    data: Path
    log: Path
    user: str | None
    """The system user the server runs as (root's case), else None."""

    @classmethod
    def of(cls, plan: ServerPlan) -> ServerPrograms:
        folder = binaries()
        return cls(
            _program(folder, "pg_ctl"), _program(folder, "postgres"), plan.data, plan.log,
            service_user(),
        )  # fmt: skip


def _program(folder: Path, name: str) -> Path:
    return folder / (f"{name}.exe" if os.name == "nt" else name)


def steps(programs: ServerPrograms, system: str, home: Path) -> list[Step]:
    """What makes the server start with the PC on ``system`` (``platform.system()``); the
    files go under ``home`` (the user's home folder)."""
    if system == "Darwin":
        return _launchd(programs, home)
    if system == "Windows":
        return _windows(programs)
    return _systemd(programs, home)


def systemd_unit(programs: ServerPrograms) -> str:
    pg_ctl, data, log = (f'"{path}"' for path in (programs.pg_ctl, programs.data, programs.log))
    run_as = [f"User={programs.user}", f"Group={programs.user}"] if programs.user else []
    wanted_by = "multi-user.target" if programs.user else "default.target"
    return "\n".join(
        [
            "[Unit]",
            "Description=shopcards: the shop's card file server (PostgreSQL)",
            "After=network-online.target",
            "Wants=network-online.target",
            "",
            "[Service]",
            "Type=forking",
            *run_as,
            f"ExecStart={pg_ctl} start -D {data} -l {log} -w -t {START_TIMEOUT_S}",
            f"ExecStop={pg_ctl} stop -D {data} -m fast -w",
            f"ExecReload={pg_ctl} reload -D {data}",
            f"PIDFile={programs.data / 'postmaster.pid'}",
            "Restart=on-failure",
            "",
            "[Install]",
            f"WantedBy={wanted_by}",
            "",
        ]
    )


def _systemd(programs: ServerPrograms, home: Path) -> list[Step]:
    unit = systemd_unit(programs)
    if programs.user:
        return [
            Step(file=Path("/etc/systemd/system") / f"{NAME}.service", text=unit),
            Step(command=("systemctl", "daemon-reload")),
            Step(command=("systemctl", "enable", "--now", NAME)),
        ]
    config = Path(os.environ.get("XDG_CONFIG_HOME") or home / ".config")
    probe = ("systemctl", "--user", "show-environment")
    return [
        Step(file=config / "systemd" / "user" / f"{NAME}.service", text=unit),
        Step(command=("systemctl", "--user", "daemon-reload"), needs=probe),
        Step(command=("systemctl", "--user", "enable", "--now", NAME), needs=probe),
        Step(command=("loginctl", "enable-linger"), needs=probe),
    ]


def launchd_agent(programs: ServerPrograms) -> str:
    agent = {
        "Label": LAUNCHD_LABEL,
        "ProgramArguments": [str(programs.postgres), "-D", str(programs.data)],
        "RunAtLoad": True,
        "KeepAlive": True,
        "StandardErrorPath": str(programs.log),
        "StandardOutPath": str(programs.log),
    }
    return plistlib.dumps(agent).decode("utf-8")


def _launchd(programs: ServerPrograms, home: Path) -> list[Step]:
    agent = home / "Library" / "LaunchAgents" / f"{LAUNCHD_LABEL}.plist"
    return [
        Step(file=agent, text=launchd_agent(programs)),
        Step(command=("launchctl", "load", "-w", str(agent))),
    ]


def _windows(programs: ServerPrograms) -> list[Step]:
    pg_ctl, data = str(programs.pg_ctl), str(programs.data)
    register = (pg_ctl, "register", "-N", NAME, "-D", data, "-S", "auto", "-w")
    start = f'"{pg_ctl}" start -D "{data}" -l "{programs.log}"'
    at_logon = ("schtasks", "/Create", "/TN", NAME, "/SC", "ONLOGON", "/TR", start, "/F")
    return [Step(command=register), Step(command=at_logon, fallback=True)]


Runner = Callable[[tuple[str, ...]], subprocess.CompletedProcess[str]]


def _run(command: tuple[str, ...]) -> subprocess.CompletedProcess[str]:
    """Run a command of this PC's system; one it lacks is a failure that says so."""
    if shutil.which(command[0]) is None:
        missing = _("This PC has no {program}.", program=command[0])
        return subprocess.CompletedProcess(command, 127, "", missing)
    return subprocess.run(command, capture_output=True, text=True, timeout=60)


def make_autostart(
    programs: ServerPrograms,
    system: str | None = None,
    home: Path | None = None,
    run: Runner = _run,
) -> list[Outcome]:
    """Write this PC's files and run its commands (``programs`` from
    :meth:`ServerPrograms.of`); say for each step whether it was done and, if not, why.
    Nothing here raises: the start with the PC is worth having, not worth failing a share."""
    outcomes: list[Outcome] = []
    for step in steps(programs, system or platform.system(), home or Path.home()):
        if step.fallback and (not outcomes or outcomes[-1].done):
            continue
        outcomes.append(_do(step, run))
    return outcomes


def _do(step: Step, run: Runner) -> Outcome:
    if step.file is not None:
        try:
            step.file.parent.mkdir(parents=True, exist_ok=True)
            step.file.write_text(step.text, encoding="utf-8")
        except OSError as error:
            return Outcome(step, False, str(error))
        return Outcome(step, True)
    if step.needs:
        probe = run(step.needs)
        if probe.returncode != 0:
            return Outcome(step, False, _no_session(probe))
    done = run(step.command)
    return Outcome(step, done.returncode == 0, (done.stderr or done.stdout).strip())


def _no_session(probe: subprocess.CompletedProcess[str]) -> str:
    return _(
        "No systemd user session on this PC ({reason}): the server starts with the PC once "
        "“systemctl --user enable --now {name}” is run in the owner's session.",
        reason=(probe.stderr or probe.stdout).strip() or probe.returncode,
        name=NAME,
    )
