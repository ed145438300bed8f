"""A set of named steps run once per card file, in order: the schema's migrations
(store/schema.py) and the data steps (store/data_steps.py).

Registered with the decorator of ``sqlite_utils.Migrations``, which applies them and records
each in its ``_sqlite_migrations`` table. Which ones a file has applied is one query on that
table, so opening a current card file reads it through the plain connection and never imports
sqlite-utils (with click, dateutil and pluggy ~0.1 s of the start; issue 12).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

from shopcards.store.dialect import POSTGRESQL, SQLITE, of
from shopcards.store.reads import Reads

if TYPE_CHECKING:
    from sqlite_utils import Database

APPLIED_TABLE = "_sqlite_migrations"
"""sqlite-utils' record of the steps applied (``Migrations.migrations_table``); a shared card
file has it too, copied with the card file it was made from (store/pg_schema.py)."""
IS_THERE = {
    SQLITE: "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?",
    POSTGRESQL: "SELECT 1 FROM information_schema.tables "
    "WHERE table_schema = current_schema() AND table_name = ?",
}
"""Whether a table is there: the schema's bookkeeping, side by side (a card file's
``sqlite_master``, PostgreSQL's ``information_schema``)."""

Step = TypeVar("Step", bound=Callable[["Database"], None])


class MigrationSet:
    """The steps of one set, oldest first, by name."""

    def __init__(self, name: str) -> None:
        self.name = name
        self._steps: list[tuple[str, Callable[[Database], None]]] = []

    def __call__(self, *, name: str) -> Callable[[Step], Step]:
        """Register the decorated function as the next step, called ``name``."""

        def register(step: Step) -> Step:
            if name in self.names():
                raise ValueError(f"The step {name!r} is already in the set {self.name!r}")
            self._steps.append((name, step))
            return step

        return register

    def names(self) -> list[str]:
        """Every step this program knows, oldest first."""
        return [name for name, _step in self._steps]

    def applied(self, db: Reads) -> list[str]:
        """The steps the card file has applied, in the order it applied them."""
        table = db.execute(IS_THERE[of(db)], [APPLIED_TABLE]).fetchone()
        if table is None:
            return []
        rows = db.execute(
            f"SELECT name FROM {APPLIED_TABLE} WHERE migration_set = ? ORDER BY rowid",
            [self.name],
        )
        return [name for (name,) in rows]

    def pending(self, db: Reads) -> list[str]:
        """The steps the card file has yet to apply, in the order they will run."""
        return [name for name, _step in self.pending_steps(db)]

    def pending_steps(self, db: Reads) -> list[tuple[str, Callable[[Database], None]]]:
        """The steps yet to apply, each with its function: how a shared card file, which
        ``sqlite_utils.Migrations`` cannot run on, is upgraded (store/shared_upgrade.py)."""
        applied = set(self.applied(db))
        return [(name, step) for name, step in self._steps if name not in applied]

    def unknown(self, applied: list[str]) -> list[str]:
        """The steps of ``applied`` (a card file's) that this program does not know: the
        file was written by a newer shopcards."""
        known = set(self.names())
        return [name for name in applied if name not in known]

    def apply(self, db: Database, stop_before: str | None = None) -> None:
        """Apply the pending steps (up to ``stop_before``), each in a transaction with its
        record, through ``sqlite_utils.Migrations``."""
        from sqlite_utils.migrations import Migrations

        migrations = Migrations(self.name)
        for name, step in self._steps:
            migrations(name=name)(step)
        migrations.apply(db, stop_before=stop_before)
