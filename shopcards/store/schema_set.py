"""The card file's set of schema migrations, and how a migration runs its SQL.

Held apart from ``store/schema.py`` so that the migrations from m015 on
(``store/schema_since_m015.py``) register into the same set without importing schema.py back.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from shopcards.store.migration_sets import MigrationSet

if TYPE_CHECKING:
    from sqlite_utils import Database

MIGRATION_SET = "shopcards"
migrations = MigrationSet(MIGRATION_SET)


def run_script(db: Database, script: str) -> None:
    """Run ``;``-separated statements inside the migration's transaction.

    ``executescript`` would commit the open transaction first, so a failing migration could
    leave a file half-migrated.
    """
    for statement in script.split(";"):
        if statement.strip():
            db.execute(statement)
