"""Where the card file, its backups and the bundled resources live.

platformdirs gives each operating system's usual data folder, so an upgrade or a reinstall of
the program never touches the customer data. ``SHOPCARDS_HOME`` overrides the folder (tests, a
portable install on a USB stick).

The card file holds every customer's name and address, so what shopcards creates is the
user's alone on POSIX systems: files 0600, its own folders 0700 (:func:`private_folder`,
:func:`private_file`). Windows gives a user's data folder to that user already.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import platformdirs

APP_NAME = "shopcards"


def data_dir() -> Path:
    """The folder that holds the default card file and its backups."""
    override = os.environ.get("SHOPCARDS_HOME")
    if override:
        return Path(override)
    return platformdirs.user_data_path(APP_NAME, appauthor=False)


def default_db() -> Path:
    """The card file opened when no ``--db`` is given."""
    return data_dir() / "shopcards.db"


def backups_dir(db_path: Path) -> Path:
    """Backups sit in a folder beside the card file they copy, named after it."""
    return db_path.parent / "backups" / db_path.stem


def private_folder(folder: Path) -> Path:
    """Create ``folder`` if needed and make it this user's alone (0700). Only for folders
    shopcards owns (the data folder, backups): never a folder the user chose or ``/tmp``."""
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    _chmod(folder, 0o700)
    for above in folder.parents:
        if not owned_by_shopcards(above):
            break
        _chmod(above, 0o700)
    return folder


def private_file(path: Path) -> Path:
    """Create ``path`` empty if it does not exist, and make it this user's alone (0600)."""
    if not path.exists():
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT, 0o600))
    _chmod(path, 0o600)
    return path


def owned_by_shopcards(folder: Path) -> bool:
    """True for the data folder and folders inside it, which :func:`private_folder` may lock."""
    return folder == data_dir() or data_dir() in folder.parents


def _chmod(path: Path, mode: int) -> None:
    """Set ``mode`` on POSIX; a file of another account (a shared folder) is left as it is."""
    if os.name == "posix":
        try:
            os.chmod(path, mode)
        except PermissionError:
            return


def resources_dir() -> Path:
    """Fonts, icons and templates: inside a PyInstaller bundle, or at the top of a checkout."""
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"
