"""Where the card file, its backups and the bundled resources live.

platformdirs gives each operating system's usual data folder, so an upgrade or a reinstall of
the program never touches the customer data. ``SHOPCARDS_HOME`` overrides the folder (tests, a
portable install on a USB stick).
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


def resources_dir() -> Path:
    """Fonts, icons and templates: inside a PyInstaller bundle, or at the top of a checkout."""
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"
