"""The card file's tables, as named migrations that each run in one transaction.

A migration is never edited once released: a change to the schema is a new function appended
below. The schema version of a file is the number of migrations it has applied; a file that has
applied one this program does not know comes from a newer shopcards and is refused.

A migration is frozen: plain SQL, importing nothing of ours that can change later, so it does
to an old file exactly what it did when it was released. Work on the data itself (re-filing
cards with today's collation) is a data step in ``store/data_steps.py``, run after the schema
is current. tests/store/fixtures holds a card file made by each earlier release.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from shopcards.store.schema_set import MIGRATION_SET, migrations, run_script

if TYPE_CHECKING:
    from sqlite_utils import Database

__all__ = ["MIGRATION_SET", "known_names", "migrations", "run_script"]


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
        """,
    )


def known_names() -> list[str]:
    """Names of the migrations this program knows, oldest first."""
    return migrations.names()


@migrations(name="m002_purchase_lists")
def _m002(db: Database) -> None:
    """A card's purchase list shows voided purchases too, so it needs an index without the
    ``voided_at IS NULL`` filter. With amount and voided_at in it, it also answers a card's
    figures alone: SQLite 3.40 still reads ``voided_at`` from the table through the partial
    index ``purchases_customer``. A sale's returns are found by ``returns_id``."""
    run_script(
        db,
        """
        CREATE INDEX purchases_list ON purchases(customer_id, date, id, amount, voided_at);
        CREATE INDEX purchases_returns ON purchases(returns_id) WHERE returns_id IS NOT NULL;
        """,
    )


@migrations(name="m003_drawing")
def _m003(db: Database) -> None:
    """The monthly prize drawing. ``drawing_entries``: who entered which month (gone with the
    card when it is erased). ``drawings``: one row per month drawn, with everything frozen at
    the draw (rules, the entry list itself and its SHA-256, the seed, the picks in order) so it
    can be replayed; it holds card ids, never names. ``drawing_steps``: the winner, then each
    move to the next alternate, with who did it, when and why."""
    run_script(
        db,
        """
        CREATE TABLE drawing_entries (
            month TEXT NOT NULL,
            customer_id INTEGER NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
            entered_at TEXT NOT NULL,
            entered_by TEXT NOT NULL,
            PRIMARY KEY (month, customer_id)
        ) WITHOUT ROWID;
        CREATE INDEX drawing_entries_customer ON drawing_entries(customer_id);
        CREATE TABLE drawings (
            id INTEGER PRIMARY KEY,
            month TEXT NOT NULL UNIQUE,
            rules TEXT NOT NULL,
            sampler TEXT NOT NULL,
            entries TEXT NOT NULL,
            entries_sha256 TEXT NOT NULL,
            seed TEXT NOT NULL,
            picks TEXT NOT NULL,
            drawn_at TEXT NOT NULL,
            drawn_by TEXT NOT NULL
        );
        CREATE TABLE drawing_steps (
            id INTEGER PRIMARY KEY,
            drawing_id INTEGER NOT NULL REFERENCES drawings(id),
            place INTEGER NOT NULL,
            customer_id INTEGER NOT NULL,
            action TEXT NOT NULL,
            reason TEXT NOT NULL DEFAULT '',
            at TEXT NOT NULL,
            actor TEXT NOT NULL,
            UNIQUE (drawing_id, place)
        );
        """,
    )


@migrations(name="m004_letters")
def _m004(db: Database) -> None:
    """Letters and cards sent. ``letter_batches``: one row per printed batch (who, when, which
    template by its shown name and its key, the selection as typed, whether households were
    merged, the share held back to measure the effect, how many pieces and how many left out).
    ``letters_sent``: one row per customer in a batch (a household letter gives each member a
    row; ``held_out`` 1 = chosen but held back, sent nothing). ``templates``: the owner's own
    templates and edited built-ins (an edited built-in keeps its key and wins over the file)."""
    run_script(
        db,
        """
        CREATE TABLE letter_batches (
            id INTEGER PRIMARY KEY,
            created_at TEXT NOT NULL,
            created_by TEXT NOT NULL,
            template TEXT NOT NULL,
            template_key TEXT NOT NULL DEFAULT '',
            kind TEXT NOT NULL,
            selection TEXT NOT NULL,
            households INTEGER NOT NULL DEFAULT 0,
            holdout_share REAL NOT NULL DEFAULT 0,
            pieces INTEGER NOT NULL DEFAULT 0,
            excluded INTEGER NOT NULL DEFAULT 0
        );
        CREATE TABLE letters_sent (
            id INTEGER PRIMARY KEY,
            batch_id INTEGER NOT NULL REFERENCES letter_batches(id),
            customer_id INTEGER NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
            template TEXT NOT NULL,
            kind TEXT NOT NULL,
            sent_at TEXT NOT NULL,
            held_out INTEGER NOT NULL DEFAULT 0
        );
        CREATE INDEX letters_sent_customer ON letters_sent(customer_id, kind, sent_at);
        CREATE INDEX letters_sent_batch ON letters_sent(batch_id);
        CREATE TABLE templates (
            key TEXT PRIMARY KEY,
            text TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            updated_by TEXT NOT NULL
        );
        """,
    )


@migrations(name="m005_calls")
def _m005(db: Database) -> None:
    """Phone calls the owner logged: when, how it went, the reason the customer gave, a
    complaint flag and a date to call again. Gone with the card when it is erased."""
    run_script(
        db,
        """
        CREATE TABLE calls (
            id INTEGER PRIMARY KEY,
            customer_id INTEGER NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
            called_on TEXT NOT NULL,
            outcome TEXT NOT NULL,
            reason TEXT NOT NULL DEFAULT '',
            complaint INTEGER NOT NULL DEFAULT 0,
            follow_up_on TEXT,
            created_at TEXT NOT NULL,
            created_by TEXT NOT NULL
        );
        CREATE INDEX calls_customer ON calls(customer_id, called_on);
        CREATE INDEX calls_follow_up ON calls(follow_up_on) WHERE follow_up_on IS NOT NULL;
        """,
    )


@migrations(name="m006_file_other_scripts")
def _m006(db: Database) -> None:
    """Released as a re-filing with that day's collation code, which made the migration change
    whenever that code did. The re-filing is now the data step ``d002_file_other_scripts``;
    the schema did not change here, and the name stays so that files that ran it still open."""


@migrations(name="m007_template_version")
def _m007(db: Database) -> None:
    """Two desks editing one template: each save checks the version it started from, as a
    card's does, so the second save is told instead of overwriting the first. A stored
    template starts at 1; a built-in not yet edited has no row (version 0 to the program)."""
    run_script(
        db,
        "ALTER TABLE templates ADD COLUMN version INTEGER NOT NULL DEFAULT 1",
    )


@migrations(name="m008_change_desk")
def _m008(db: Database) -> None:
    """The change log names the desk (the PC) as well as the role: a wrong PIN, an owner's
    login or an export can then be traced to the PC it came from. Older lines say ''."""
    run_script(db, "ALTER TABLE changes ADD COLUMN desk TEXT NOT NULL DEFAULT ''")


@migrations(name="m009_drawing_chain")
def _m009(db: Database) -> None:
    """The drawing's commit–reveal and its chain. ``drawing_notices``: a month's published
    notice (rules, the frozen entry list and its SHA-256, the secret seed until the draw, its
    commitment); a discarded notice leaves this table but stays in the chain.
    ``drawing_chain``: every drawing record (published, discarded, drawn, next alternate),
    each linked to the SHA-256 of the one before (core/drawing.py says how)."""
    run_script(
        db,
        """
        CREATE TABLE drawing_notices (
            month TEXT PRIMARY KEY,
            rules TEXT NOT NULL,
            entries TEXT NOT NULL,
            entries_sha256 TEXT NOT NULL,
            seed TEXT NOT NULL,
            commitment TEXT NOT NULL,
            published_at TEXT NOT NULL
        );
        CREATE TABLE drawing_chain (
            seq INTEGER PRIMARY KEY,
            month TEXT NOT NULL,
            kind TEXT NOT NULL,
            body TEXT NOT NULL,
            prev_sha256 TEXT NOT NULL,
            sha256 TEXT NOT NULL,
            at TEXT NOT NULL,
            actor TEXT NOT NULL,
            desk TEXT NOT NULL
        );
        CREATE INDEX drawing_chain_month ON drawing_chain(month, seq);
        """,
    )


@migrations(name="m010_loyalty_ledger")
def _m010(db: Database) -> None:
    """The loyalty cash-back ledger, append-only: a balance is the sum of a customer's rows.

    ``cashback_ledger``: one row per movement (earn, spend, expire, adjust, reverse, refund,
    undo) in integer minor units (points are minor units too), signed (+ in, - out), with the
    purchase it belongs to, the rate an earn used (basis points), who, when, the shop's date,
    a reason, and ``shortfall``: what a reversal could not take back because the balance was
    too small. A row with a positive amount is a *lot* with its last day (``expires_on``, NULL
    for never). ``cashback_takes``: which lots each negative row used, and how much of each,
    so what is left of a lot, and so its expiry, is exact. ``cashback_open_lots``: the lots
    with money left, an index kept beside the ledger (a lot leaves it when used up), so a
    spend, the till's view and expiry read only those, however long the ledger grows.
    Erasing a customer keeps their rows, anonymous (customer_id NULL), for the shop's totals."""
    run_script(
        db,
        """
        CREATE TABLE cashback_ledger (
            id INTEGER PRIMARY KEY,
            customer_id INTEGER REFERENCES customers(id) ON DELETE SET NULL,
            kind TEXT NOT NULL,
            amount INTEGER NOT NULL,
            shortfall INTEGER NOT NULL DEFAULT 0,
            purchase_id INTEGER REFERENCES purchases(id),
            rate_bp INTEGER,
            expires_on TEXT,
            on_date TEXT NOT NULL,
            reason TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL,
            created_by TEXT NOT NULL,
            desk TEXT NOT NULL DEFAULT ''
        );
        CREATE INDEX cashback_ledger_customer ON cashback_ledger(customer_id, amount);
        CREATE INDEX cashback_ledger_purchase ON cashback_ledger(purchase_id)
            WHERE purchase_id IS NOT NULL;
        CREATE INDEX cashback_ledger_day ON cashback_ledger(on_date, kind);
        CREATE TABLE cashback_takes (
            movement_id INTEGER NOT NULL REFERENCES cashback_ledger(id) ON DELETE CASCADE,
            lot_id INTEGER NOT NULL REFERENCES cashback_ledger(id) ON DELETE CASCADE,
            amount INTEGER NOT NULL CHECK (amount > 0),
            PRIMARY KEY (movement_id, lot_id)
        ) WITHOUT ROWID;
        CREATE INDEX cashback_takes_lot ON cashback_takes(lot_id, amount);
        CREATE TABLE cashback_open_lots (
            lot_id INTEGER PRIMARY KEY REFERENCES cashback_ledger(id) ON DELETE CASCADE,
            customer_id INTEGER NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
            expires_on TEXT
        );
        CREATE INDEX cashback_open_lots_customer ON cashback_open_lots(customer_id, expires_on);
        CREATE INDEX cashback_open_lots_expiry ON cashback_open_lots(expires_on)
            WHERE expires_on IS NOT NULL;
        """,
    )


@migrations(name="m011_card_id_high_water")
def _m011(db: Database) -> None:
    """A card number is never given twice. The number is made from the card's id, and SQLite
    gives a new row the highest id in the table + 1: erasing the newest card freed its id, and
    the next new customer got the erased one's number (their old plastic card opened the new
    customer at the till, and the change log mixed the two people).

    ``card_id_high_water`` (one row) holds the highest card id given out that may no longer be
    in ``customers``; a new card's id is above it and above every id in the table. The trigger
    raises it as a card is deleted, in the deleting transaction, whatever deletes it. The data
    step ``d004_highest_card_id`` fills it for files in which cards were erased before."""
    run_script(
        db,
        """
        CREATE TABLE card_id_high_water (
            one INTEGER PRIMARY KEY CHECK (one = 1),
            highest INTEGER NOT NULL
        );
        INSERT INTO card_id_high_water (one, highest) VALUES (1, 0)
        """,
    )
    db.execute(  # its body holds a ';', which run_script would cut
        "CREATE TRIGGER card_id_high_water_on_delete AFTER DELETE ON customers BEGIN "
        "UPDATE card_id_high_water SET highest = max(highest, OLD.id) WHERE one = 1; END"
    )


@migrations(name="m012_archived_cards")
def _m012(db: Database) -> None:
    """The archived cards by id (few in any shop): a search counts its matches in the word
    index and takes away the archived ones among them, instead of looking every match up
    (half a second for "+358" at 1,000,000 cards)."""
    run_script(db, "CREATE INDEX customers_archived ON customers(id) WHERE archived_at IS NOT NULL")


@migrations(name="m013_loyalty_tiers")
def _m013(db: Database) -> None:
    """Loyalty discount tiers. ``loyalty_tiers``: the owner's table (name, discount in basis
    points, the rule: net spend of at least ``threshold`` minor units over 12 months, or the
    top ``top_bp`` basis points of customers by it). ``loyalty_placements``: who was in which
    tier from which day to which (``to_date`` NULL: still), written by the recompute only when
    a customer's tier changes, and by the owner's placement by hand (``rule`` 'manual',
    ``to_date`` its end date, ``note`` the reason); ``spend`` and ``bar`` say why.
    ``sale_discounts``: the tier and the discount given on a sale, keyed by the purchase."""
    run_script(
        db,
        """
        CREATE TABLE loyalty_tiers (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE COLLATE NOCASE,
            rate_bp INTEGER NOT NULL CHECK (rate_bp BETWEEN 0 AND 10000),
            rule TEXT NOT NULL CHECK (rule IN ('spend', 'top')),
            threshold INTEGER NOT NULL DEFAULT 0,
            top_bp INTEGER NOT NULL DEFAULT 0,
            position INTEGER NOT NULL
        );
        CREATE TABLE loyalty_placements (
            id INTEGER PRIMARY KEY,
            customer_id INTEGER NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
            tier_id INTEGER REFERENCES loyalty_tiers(id) ON DELETE SET NULL,
            tier_name TEXT NOT NULL,
            rule TEXT NOT NULL,
            spend INTEGER NOT NULL DEFAULT 0,
            bar INTEGER NOT NULL DEFAULT 0,
            from_date TEXT NOT NULL,
            to_date TEXT,
            note TEXT NOT NULL DEFAULT '',
            placed_at TEXT NOT NULL,
            placed_by TEXT NOT NULL
        );
        CREATE INDEX loyalty_placements_customer ON loyalty_placements(customer_id, from_date);
        CREATE INDEX loyalty_placements_open ON loyalty_placements(customer_id, tier_id)
            WHERE to_date IS NULL AND rule != 'manual';
        CREATE TABLE sale_discounts (
            purchase_id INTEGER PRIMARY KEY REFERENCES purchases(id),
            tier_id INTEGER REFERENCES loyalty_tiers(id) ON DELETE SET NULL,
            tier_name TEXT NOT NULL,
            rate_bp INTEGER NOT NULL,
            discount INTEGER NOT NULL
        );
        """,
    )


@migrations(name="m014_longer_search_prefixes")
def _m014(db: Database) -> None:
    """The word index keeps the words' first 1 to 10 letters ready, not just 1 to 3. A typed
    word of 4 letters or more otherwise merges the lists of every indexed word it begins:
    "salonen" begins thousands of e-mail words ("salonen945"…), 9 ms a keystroke at 1,000,000
    cards against 1 ms with its own list. The index grows about 2.5 times (80 MB more at a
    million cards); the words themselves are copied as they are."""
    run_script(
        db,
        """
        CREATE VIRTUAL TABLE customer_search_wide USING fts5(
            words, tokenize = 'unicode61 remove_diacritics 2',
            prefix = '1 2 3 4 5 6 7 8 9 10', detail = none
        );
        INSERT INTO customer_search_wide (rowid, words)
            SELECT id, c0 FROM customer_search_content;
        DROP TABLE customer_search;
        ALTER TABLE customer_search_wide RENAME TO customer_search;
        INSERT INTO customer_search (customer_search) VALUES ('optimize')
        """,
    )


# Migrations from m015 on are in store/schema_since_m015.py, this file having reached its size.
# Importing it here, after m014, registers them after m014 and in their own order; nothing else
# imports it.
from shopcards.store import schema_since_m015  # noqa: E402, F401
