"""The card file's migrations from m015 on, continuing ``store/schema.py`` (same rules: each is
frozen SQL, never edited once released, appended below in order)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from shopcards.store.schema import migrations, run_script

if TYPE_CHECKING:
    from sqlite_utils import Database

__all__ = ["Database", "migrations", "run_script"]
