"""Work on a card file's data, run once per file after its schema is current.

Migrations (``store/schema.py``) are frozen SQL; what needs today's code, such as filing cards
again with today's collation, is a data step here. Each step is recorded in the same
``_sqlite_migrations`` table under a set of its own, so it runs once per file, and it may use
today's code because it is about the data, not the shape of the file.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from shopcards.core.collation import Alphabet
from shopcards.core.settings import ShopSettings
from shopcards.store import customers, search_index, settings
from shopcards.store.migration_sets import MigrationSet

if TYPE_CHECKING:
    from sqlite_utils import Database

DATA_STEP_SET = "shopcards-data"
data_steps = MigrationSet(DATA_STEP_SET)


@data_steps(name="d001_indexes_early_files_lack")
def _d001(db: Database) -> None:
    """m001 and m002 were edited after they were released: ``customers_key_by_id`` was added
    and ``purchases_list`` widened. A file made by those releases lacks them, and the list
    (which names ``customers_key_by_id``) failed on it. Every file gets them once, as today's
    schema has them; a file that has them is left as it is."""
    db.execute(
        "CREATE INDEX IF NOT EXISTS customers_key_by_id ON customers(id, sort_key) "
        "WHERE archived_at IS NULL"
    )
    wide = "CREATE INDEX purchases_list ON purchases(customer_id, date, id, amount, voided_at)"
    row = db.execute("SELECT sql FROM sqlite_master WHERE name = 'purchases_list'").fetchone()
    if row is None or row[0] != wide:
        db.execute("DROP INDEX IF EXISTS purchases_list")
        db.execute(wide)


@data_steps(name="d002_file_other_scripts")
def _d002(db: Database) -> None:
    """Chinese, Georgian, Thai… names got a sort key without their letters (so they all sorted
    first, in no order); file them again. Only a key shorter than its names can have lost a
    letter, so a file of Latin names is not read through."""
    alphabet = Alphabet.for_locale(ShopSettings.from_dict(settings.load(db)).locale)
    customers.refile_all(
        db, alphabet, "length(sort_key) < length(family_name) + length(given_name) + 1"
    )


@data_steps(name="d003_search_words_cut_in_python")
def _d003(db: Database) -> None:
    """The search index's words were cut by SQLite's own splitter, which kept "O'Connor" as
    two words and made a typed ``_`` an FTS5 syntax error; index every card again with the
    words cut as ``core.search`` cuts them (apostrophes and hyphens join a word)."""
    search_index.reindex_all(db)


@data_steps(name="d004_highest_card_id")
def _d004(db: Database) -> None:
    """Cards erased before m011 left no high-water mark, and the next new card could take an
    erased card's number. Raise the mark to every card id the file still names: the cards
    themselves and the change log's lines about a card (every release has logged an erasure
    against the card's id)."""
    db.execute(
        "UPDATE card_id_high_water SET highest = max(highest, "
        "(SELECT coalesce(max(id), 0) FROM customers), "
        "(SELECT coalesce(max(entity_id), 0) FROM changes WHERE entity = 'customer'))"
    )


PHONE_KINDS_SAID: dict[str, tuple[str, ...]] = {
    "mobile": ("mobile", "matkapuhelin", "mobil", "נייד", "բջջային"),
    "home": ("home", "koti", "acasă", "בית", "տուն"),
    "work": ("work", "työ", "serviciu", "עבודה", "աշխատանք"),
}
"""The words the card form offered for each phone kind, in English, Finnish, Romanian, Hebrew
and Armenian, as the releases before d005 saved them. Frozen here, as a migration's SQL is:
the step means the words those releases wrote, whatever the catalogues say later."""


@data_steps(name="d005_phone_kinds_by_key")
def _d005(db: Database) -> None:
    """The card form saved a phone's kind in the window's language ("matkapuhelin", "נייד"),
    which the export's Mobile column and a vCard's TEL type do not know, and which a window
    in another language showed untranslated. Keep each by its key ("mobile"), as the form now
    does (core/card_fields.py); a label the shop typed itself stays as typed."""
    for key, said in PHONE_KINDS_SAID.items():
        others = [word for word in said if word != key]
        marks = ", ".join("?" * len(others))
        db.execute(f"UPDATE phones SET label = ? WHERE label IN ({marks})", [key, *others])
