"""The card file's migrations from m015 on, continuing ``store/schema.py`` (same rules: each is
frozen SQL, never edited once released, appended below in order)."""

from __future__ import annotations

from sqlite_utils import Database

from shopcards.store.schema import migrations, run_script


@migrations(name="m015_consent_events")
def _m015_consent_events(db: Database) -> None:
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
