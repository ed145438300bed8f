"""The card list's rows (:class:`CardSummary`) as read from the ``customers`` table."""

from __future__ import annotations

from typing import Any

from shopcards.core.card import CardSummary
from shopcards.store.reads import Reads

SUMMARY_COLUMNS = """c.id, c.card_no, c.given_name, c.family_name, c.postcode, c.city,
    (SELECT number FROM phones p WHERE p.customer_id = c.id ORDER BY p.id LIMIT 1),
    c.email, c.sort_key, c.archived_at IS NOT NULL"""
"""The columns a list row is made of (:func:`summary`), of a card ``c``."""
SUMMARIES_KEPT = 4_096
"""List rows kept as made (:func:`summary`): many pages' worth."""
_summaries_made: dict[tuple[Any, ...], CardSummary] = {}


def summaries(db: Reads, ids: list[int]) -> list[CardSummary]:
    """The list rows of the cards ``ids``, in alphabetical order."""
    if not ids:
        return []
    sql = (
        f"SELECT {SUMMARY_COLUMNS} FROM customers c WHERE c.id IN ({', '.join('?' * len(ids))}) "
        "ORDER BY c.sort_key, c.id"
    )
    return [summary(row) for row in db.execute(sql, ids).fetchall()]


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
