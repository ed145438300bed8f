"""The card file's migrations from m015 on, continuing ``store/schema.py`` (same rules: each is
frozen SQL, never edited once released, appended below in order)."""

from __future__ import annotations

from sqlite_utils import Database

from shopcards.store.schema import migrations, run_script

__all__ = ["Database", "migrations", "run_script"]


@migrations(name="m015_search_words_in_order")
def _m015(db: Database) -> None:
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
