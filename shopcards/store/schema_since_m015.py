"""The card file's migrations from m015 on, continuing ``store/schema.py`` (same rules: each is
frozen SQL, never edited once released, appended below in order). Only schema.py imports this
module, after its own m014, which keeps the order."""

from __future__ import annotations

from typing import TYPE_CHECKING

from shopcards.store.schema_set import migrations, run_script

if TYPE_CHECKING:
    from sqlite_utils import Database


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


@migrations(name="m016_customer_import")
def _m016_customer_import(db: Database) -> None:
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


@migrations(name="m017_search_words_in_order")
def _m017_search_words_in_order(db: Database) -> None:
    """Each listed card's search words beside its sort key, in (word, sort key) order: the
    first page of a word's matches in alphabetical order is then a range of this index, not
    a sort of every match after looking each up by id (57 ms for a common given name at
    1,000,000 cards). Words beginning with a digit (phones, card and post numbers) are left
    to the word index; archived cards are left out (the list shows them apart). The words
    are those the word index holds (its content, already cut and folded), so both find the
    same cards (a file whose words SQLite cut, before data step d003, gets them there)."""
    run_script(
        db,
        """
        CREATE TABLE search_words (
            word TEXT NOT NULL,
            sort_key TEXT NOT NULL,
            card_id INTEGER NOT NULL,
            PRIMARY KEY (word, sort_key, card_id)
        ) WITHOUT ROWID;
        INSERT OR IGNORE INTO search_words (word, sort_key, card_id)
            SELECT w.value, c.sort_key, c.id
            FROM customers c
            JOIN (SELECT id, '["' || replace(c0, ' ', '","') || '"]' AS words
                FROM customer_search_content) s ON s.id = c.id,
            json_each(CASE WHEN json_valid(s.words) THEN s.words ELSE '[]' END) w
            WHERE c.archived_at IS NULL AND w.value NOT GLOB '[0-9]*' AND w.value != ''
            ORDER BY 1, 2, 3
        """,
    )


@migrations(name="m018_erasure_log")
def _m018_erasure_log(db: Database) -> None:
    """The erasure log: the card (its id and number) of each customer forgotten at their
    request and the day, nothing else (no name: it is what stays). A restore of an older
    backup forgets them again from it. ``index_merged`` turns 1 once the search index's old
    segments, which hold the card's words, are merged away; ``wiped_on`` stays NULL until the
    file and its write-ahead log no longer hold the forgotten pages (a desk reading at that
    moment delays it): until both, the wipe is pending."""
    run_script(
        db,
        """
        CREATE TABLE erasure_log (
            card_id INTEGER PRIMARY KEY,
            card_no TEXT NOT NULL,
            erased_on TEXT NOT NULL,
            index_merged INTEGER NOT NULL DEFAULT 0,
            wiped_on TEXT
        );
        CREATE INDEX erasure_log_pending ON erasure_log(card_id) WHERE wiped_on IS NULL
        """,
    )


@migrations(name="m019_consent_events")
def _m019_consent_events(db: Database) -> None:
    """Consent with when, how and by whom (issue 14); a file from before gets one event per
    channel the customer said yes or no to, dated the card's creation, how unknown. Calls say
    whether the customer called the shop (a call to a "no phone" customer is only theirs)."""
    run_script(
        db,
        """
        CREATE TABLE consent_events (
            id INTEGER PRIMARY KEY,
            customer_id INTEGER NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
            channel TEXT NOT NULL,
            value TEXT NOT NULL,
            how TEXT NOT NULL,
            at TEXT NOT NULL,
            actor TEXT NOT NULL DEFAULT '',
            desk TEXT NOT NULL DEFAULT ''
        );
        CREATE INDEX consent_events_customer ON consent_events(customer_id, channel, id);
        INSERT INTO consent_events (customer_id, channel, value, how, at)
            SELECT id, 'post', consent_post, 'unknown', created_at FROM customers
            WHERE consent_post != 'not_asked';
        INSERT INTO consent_events (customer_id, channel, value, how, at)
            SELECT id, 'phone', consent_phone, 'unknown', created_at FROM customers
            WHERE consent_phone != 'not_asked';
        INSERT INTO consent_events (customer_id, channel, value, how, at)
            SELECT id, 'email', consent_email, 'unknown', created_at FROM customers
            WHERE consent_email != 'not_asked';
        ALTER TABLE calls ADD COLUMN incoming INTEGER NOT NULL DEFAULT 0
        """,
    )
