"""The card file's tables, as named migrations that each run in one transaction.

A migration is never edited once released: a change to the schema is a new function appended
below. The schema version of a file is the number of migrations it has applied; a file that has
applied one this program does not know comes from a newer shopcards and is refused.
"""

from __future__ import annotations

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

MIGRATION_SET = "shopcards"
migrations = Migrations(MIGRATION_SET)


@migrations(name="m001_cards_and_purchases")
def _m001(db: Database) -> None:
    run_script(
        db,
        """
        CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        CREATE TABLE customers (
            id INTEGER PRIMARY KEY,
            card_no TEXT UNIQUE,
            title TEXT NOT NULL DEFAULT '',
            salutation TEXT NOT NULL DEFAULT '',
            given_name TEXT NOT NULL DEFAULT '',
            family_name TEXT NOT NULL DEFAULT '',
            address TEXT NOT NULL DEFAULT '',
            postcode TEXT NOT NULL DEFAULT '',
            city TEXT NOT NULL DEFAULT '',
            country TEXT NOT NULL DEFAULT '',
            email TEXT NOT NULL DEFAULT '',
            birthday TEXT,
            birthday_md TEXT,
            anniversary TEXT NOT NULL DEFAULT '',
            anniversary_what TEXT NOT NULL DEFAULT '',
            greeting TEXT NOT NULL DEFAULT 'none',
            consent_post TEXT NOT NULL DEFAULT 'not_asked',
            consent_phone TEXT NOT NULL DEFAULT 'not_asked',
            consent_email TEXT NOT NULL DEFAULT 'not_asked',
            joined_via TEXT NOT NULL DEFAULT 'owner',
            customer_type TEXT,
            is_staff INTEGER NOT NULL DEFAULT 0,
            notes TEXT NOT NULL DEFAULT '',
            archived_at TEXT,
            erased_at TEXT,
            created_at TEXT NOT NULL,
            created_by TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            updated_by TEXT NOT NULL,
            version INTEGER NOT NULL DEFAULT 1,
            sort_key TEXT NOT NULL,
            drawer TEXT NOT NULL
        );
        CREATE INDEX customers_order ON customers(sort_key, id) WHERE archived_at IS NULL;
        CREATE INDEX customers_drawer ON customers(drawer, sort_key, id)
            WHERE archived_at IS NULL;
        CREATE INDEX customers_key_by_id ON customers(id, sort_key) WHERE archived_at IS NULL;
        CREATE INDEX customers_email ON customers(email COLLATE NOCASE) WHERE email != '';
        CREATE INDEX customers_postcode ON customers(postcode);
        CREATE INDEX customers_birthday ON customers(birthday_md) WHERE birthday_md IS NOT NULL;
        CREATE TABLE phones (
            id INTEGER PRIMARY KEY,
            customer_id INTEGER NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
            number TEXT NOT NULL,
            label TEXT NOT NULL DEFAULT ''
        );
        CREATE INDEX phones_number ON phones(number);
        CREATE INDEX phones_customer ON phones(customer_id);
        CREATE TABLE tags (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE COLLATE NOCASE);
        CREATE TABLE customer_tags (
            customer_id INTEGER NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
            tag_id INTEGER NOT NULL REFERENCES tags(id) ON DELETE CASCADE,
            PRIMARY KEY (customer_id, tag_id)
        ) WITHOUT ROWID;
        CREATE INDEX customer_tags_tag ON customer_tags(tag_id);
        CREATE VIRTUAL TABLE customer_search USING fts5(
            words, tokenize = 'unicode61 remove_diacritics 2', prefix = '1 2 3', detail = none
        );
        CREATE TABLE purchases (
            id INTEGER PRIMARY KEY,
            customer_id INTEGER REFERENCES customers(id) ON DELETE SET NULL,
            date TEXT NOT NULL,
            amount INTEGER NOT NULL,
            items TEXT NOT NULL DEFAULT '',
            category TEXT NOT NULL DEFAULT '',
            receipt_no TEXT NOT NULL DEFAULT '',
            returns_id INTEGER REFERENCES purchases(id),
            voided_at TEXT,
            voided_by TEXT,
            void_reason TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL,
            created_by TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            updated_by TEXT NOT NULL,
            version INTEGER NOT NULL DEFAULT 1
        );
        CREATE INDEX purchases_customer ON purchases(customer_id, date, amount)
            WHERE voided_at IS NULL;
        CREATE INDEX purchases_date ON purchases(date, customer_id, amount)
            WHERE voided_at IS NULL;
        CREATE INDEX purchases_receipt ON purchases(receipt_no) WHERE receipt_no != '';
        CREATE TABLE changes (
            id INTEGER PRIMARY KEY,
            at TEXT NOT NULL,
            actor TEXT NOT NULL,
            entity TEXT NOT NULL,
            entity_id INTEGER NOT NULL,
            action TEXT NOT NULL,
            details TEXT NOT NULL DEFAULT '{}'
        );
        CREATE INDEX changes_entity ON changes(entity, entity_id);
        """
    )


def run_script(db: Database, script: str) -> None:
    """Run ``;``-separated statements inside the migration's transaction.

    ``executescript`` would commit the open transaction first, so a failing migration could
    leave a file half-migrated.
    """
    for statement in script.split(";"):
        if statement.strip():
            db.execute(statement)


def known_names() -> list[str]:
    """Names of the migrations this program knows, oldest first."""
    return [migration.name for migration in migrations.pending(Database(memory=True))]


@migrations(name="m002_purchase_lists")
def _m002(db: Database) -> None:
    """A card's purchase list shows voided purchases too, so it needs an index without the
    ``voided_at IS NULL`` filter; and a sale's returns are found by ``returns_id``."""
    run_script(
        db,
        """
        CREATE INDEX purchases_list ON purchases(customer_id, date, id);
        CREATE INDEX purchases_returns ON purchases(returns_id) WHERE returns_id IS NOT NULL;
        """,
    )
