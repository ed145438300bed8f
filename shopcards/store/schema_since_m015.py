"""The card file's migrations from m015 on, continuing ``store/schema.py`` (same rules: each is
frozen SQL, never edited once released, appended below in order)."""

from __future__ import annotations

from sqlite_utils import Database

from shopcards.store.schema import migrations, run_script


@migrations(name="m015_customer_import")
def _m015_customer_import(db: Database) -> None:
    """Customer imports. ``customer_import_batches``: one row per import saved (who, when, at
    which desk, the file's name, how many cards it added, updated and skipped; ``undone_at``
    once taken back). ``customer_import_cards``: the cards each batch added or updated, with
    the file's row and the card's version just after, so an undo sees a card edited since;
    a card erased leaves it with its card. ``customer_import_mappings``: the column mappings
    the owner saved by name (heading to field, as JSON)."""
    run_script(
        db,
        """
        CREATE TABLE customer_import_batches (
            id INTEGER PRIMARY KEY,
            at TEXT NOT NULL,
            actor TEXT NOT NULL,
            desk TEXT NOT NULL DEFAULT '',
            file TEXT NOT NULL,
            added INTEGER NOT NULL DEFAULT 0,
            updated INTEGER NOT NULL DEFAULT 0,
            skipped INTEGER NOT NULL DEFAULT 0,
            undone_at TEXT,
            undone_by TEXT
        );
        CREATE TABLE customer_import_cards (
            batch_id INTEGER NOT NULL REFERENCES customer_import_batches(id),
            customer_id INTEGER NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
            kind TEXT NOT NULL CHECK (kind IN ('added', 'updated')),
            row INTEGER NOT NULL,
            version INTEGER NOT NULL,
            PRIMARY KEY (batch_id, customer_id)
        ) WITHOUT ROWID;
        CREATE INDEX customer_import_cards_customer ON customer_import_cards(customer_id);
        CREATE TABLE customer_import_mappings (
            name TEXT PRIMARY KEY,
            columns TEXT NOT NULL,
            saved_at TEXT NOT NULL,
            saved_by TEXT NOT NULL
        );
        """,
    )
