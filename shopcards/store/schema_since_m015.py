"""The card file's migrations from m015 on, continuing ``store/schema.py`` (same rules: each is
frozen SQL, never edited once released, appended below in order)."""

from __future__ import annotations

from sqlite_utils import Database

from shopcards.store.schema import migrations, run_script


@migrations(name="m015_erasure_log")
def _m015_erasure_log(db: Database) -> None:
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
