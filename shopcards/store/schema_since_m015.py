"""The card file's migrations from m015 on, continuing ``store/schema.py`` (same rules: each is
frozen SQL, never edited once released, appended below in order). Only schema.py imports this
module, after its own m014, which keeps the order."""

from __future__ import annotations

from sqlite_utils import Database

from shopcards.store.migration_set import migrations, run_script

__all__ = ["Database", "migrations", "run_script"]
