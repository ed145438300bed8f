"""The card list's rows as read from the ``customers`` table: whole (:class:`CardSummary`), or
as the list's first paint needs them (core.card.ListRow), the first phones read after.

A keystroke at 100,000 cards reads its page in about the time of a plain query of four
columns (issue 12); looking up each row's first phone beside it cost as much again (a
seek in ``phones`` per row), and making ten-field rows more, so the list reads the narrow
row, and the phones of the rows it shows in one statement once they are on screen.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from shopcards.core.card import CardSummary, ListRow
from shopcards.store.dialect import is_postgres
from shopcards.store.reads import Reads

if TYPE_CHECKING:
    from shopcards.store.handle import Connection

SUMMARY_COLUMNS = """c.id, c.card_no, c.given_name, c.family_name, c.postcode, c.city,
    (SELECT number FROM phones p WHERE p.customer_id = c.id ORDER BY p.id LIMIT 1),
    c.email, c.sort_key, c.archived_at IS NOT NULL"""
"""The columns a list row is made of (:func:`summary`), of a card ``c``."""
LIST_COLUMNS = "c.id, c.sort_key, c.given_name, c.family_name, c.city"
"""The columns of a :data:`core.card.ListRow`, of a card ``c``."""
SUMMARIES_KEPT = 4_096
"""List rows kept as made (:func:`summary`): many pages' worth."""
_summaries_made: dict[tuple[Any, ...], CardSummary] = {}


def rows(db: Reads, ids: list[int], columns: str) -> list[tuple[Any, ...]]:
    """The ``columns`` of the cards ``ids``, in alphabetical order."""
    if not ids:
        return []
    sql = (
        f"SELECT {columns} FROM customers c WHERE c.id IN ({', '.join('?' * len(ids))}) "
        "ORDER BY c.sort_key, c.id"
    )
    return db.execute(sql, ids).fetchall()


def list_rows(found: list[tuple[Any, ...]]) -> list[ListRow]:
    """Rows read with :data:`LIST_COLUMNS`, typed as such."""
    return cast(list[ListRow], found)


def summaries(db: Reads, ids: list[int]) -> list[CardSummary]:
    """The list rows of the cards ``ids``, in alphabetical order."""
    return [summary(row) for row in rows(db, ids, SUMMARY_COLUMNS)]


def first_phones(db: Reads, ids: list[int]) -> dict[int, str]:
    """Each card's first phone (as :data:`SUMMARY_COLUMNS` has it; "" for none), in one
    statement for the rows a list shows."""
    found = dict.fromkeys(ids, "")
    if ids:
        sql = (
            "SELECT customer_id, number FROM phones "
            f"WHERE customer_id IN ({', '.join('?' * len(ids))}) ORDER BY id DESC"
        )
        for card_id, number in db.execute(sql, ids).fetchall():
            found[card_id] = number  # the lowest id comes last
    return found


def file_state(conn: Connection) -> tuple[int, int]:
    """What changes whenever the card file may have: the rows this connection has written,
    and SQLite's count of the changes others made (``data_version``); a list keeps what it
    read of the file (the phones) while this stays the same. A shared store counts every
    commit of every PC (``store_writes``) instead."""
    sql = "SELECT n FROM store_writes" if is_postgres(conn) else "PRAGMA data_version"
    (others,) = conn.execute(sql).fetchone()
    return conn.total_changes, int(others)


def summary(row: tuple[Any, ...]) -> CardSummary:
    """The list row of a card's columns, made once: typing one word shows mostly the same
    cards keystroke after keystroke, and making a frozen dataclass of ten fields costs a
    keystroke at 100,000 cards about what its query does. Kept by all its columns, so a card
    changed since is made anew."""
    made = _summaries_made.get(row)
    if made is None:
        if len(_summaries_made) >= SUMMARIES_KEPT:
            _summaries_made.clear()
        made = _summaries_made[row] = _new_summary(row)
    return made


def _new_summary(row: tuple[Any, ...]) -> CardSummary:
    card_id, card_no, given, family, postcode, city, phone, email, sort_key, archived = row
    return CardSummary(
        int(card_id),
        card_no or "",
        given,
        family,
        postcode,
        city,
        phone or "",
        email,
        sort_key,
        bool(archived),
    )
