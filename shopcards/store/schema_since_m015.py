"""The card file's migrations from m015 on, continuing ``store/schema.py`` (same rules: each is
frozen SQL, never edited once released, appended below in order). Only schema.py imports this
module, after its own m014, which keeps the order."""

from __future__ import annotations

from sqlite_utils import Database

from shopcards.store.migration_set import migrations, run_script


@migrations(name="m015_merged_cards")
def _m015_merged_cards(db: Database) -> None:
    """Two cards found to be one person. ``merged_cards``: the card number of a card merged
    into another and the card it went into, so the old number (on plastic in the customer's
    purse, in an old till export) still finds the kept card; ``merged_into`` follows a later
    merge of the kept card. ``not_duplicates``: pairs the owner said are not the same person
    (lower id first), so the duplicate list does not show them again."""
    run_script(
        db,
        """
        CREATE TABLE merged_cards (
            card_no TEXT PRIMARY KEY,
            merged_into INTEGER NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
            merged_at TEXT NOT NULL,
            by TEXT NOT NULL
        );
        CREATE INDEX merged_cards_into ON merged_cards(merged_into);
        CREATE TABLE not_duplicates (
            first_id INTEGER NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
            second_id INTEGER NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
            marked_at TEXT NOT NULL,
            by TEXT NOT NULL,
            PRIMARY KEY (first_id, second_id),
            CHECK (first_id < second_id)
        ) WITHOUT ROWID;
        CREATE INDEX not_duplicates_second ON not_duplicates(second_id)
        """,
    )
