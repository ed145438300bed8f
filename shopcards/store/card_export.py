"""Reading cards and purchases a page at a time for an export.

An export of 100,000 cards reads them in pages of :data:`PAGE`, as plain records rather than
Card objects, which cost more to make than the rest of a CSV export: never one card at a time
and never all at once, so the file is written as the pages come and memory holds one page.
A page is three set-based reads: its cards by id, then the phones and the interests of all
of them at once, each in card order along an index (``phones_customer``, the primary key of
``customer_tags``), put with their cards here. Asking for each card's phones and interests
in the card's own row (two subqueries per card, joined into texts to split again) took 0.8 s
of SQLite's time for 100,000 cards, and 0.6 s more to split; the three reads take 0.55 s.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from shopcards.core.card import Phone
from shopcards.core.card_export import CardRecord, PurchaseLine
from shopcards.store.handle import Database

PAGE = 500
"""Cards read per page (SQLite takes up to 32,766 parameters; 500 ids keep each page quick)."""
_LIVE = "c.erased_at IS NULL"
_COLUMNS = """c.id, coalesce(c.card_no, ''), c.title, c.salutation, c.given_name, c.family_name,
    c.address, c.postcode, c.city, c.country, NULL, c.email, coalesce(c.birthday, ''),
    c.anniversary, c.anniversary_what, c.greeting, NULL, c.consent_post, c.consent_phone,
    c.consent_email, coalesce(c.customer_type, ''), c.is_staff, c.joined_via, c.created_at,
    coalesce(c.archived_at, ''), c.notes"""
"""A card's fields in :class:`CardRecord`'s order; NULL where its phones and interests go."""
_ADDRESS, _PHONES, _INTERESTS, _STAFF = 6, 10, 16, 21
"""Where in a row of :data:`_COLUMNS` the fields are that :func:`_records` fills or reads."""
_PHONES_OF = "SELECT customer_id, number, label FROM phones WHERE {cards} ORDER BY customer_id, id"
_INTERESTS_OF = (
    "SELECT ct.customer_id, t.name FROM customer_tags ct JOIN tags t ON t.id = ct.tag_id "
    "WHERE {cards} ORDER BY ct.customer_id, t.name"
)
"""The phones (in the order typed) and the interests (by name, as tags.name's NOCASE sorts
them) of the cards ``{cards}`` chooses by ``customer_id``."""


def card_count(db: Database) -> int:
    """How many cards the file holds, archived ones too."""
    return int(db.execute(f"SELECT count(*) FROM customers c WHERE {_LIVE}").fetchone()[0])


def cards_after(db: Database, after_id: int, limit: int = PAGE) -> list[CardRecord]:
    """The next ``limit`` cards (archived too) after the card ``after_id``, by card number."""
    sql = f"SELECT {_COLUMNS} FROM customers c WHERE {_LIVE} AND c.id > ? ORDER BY c.id LIMIT ?"
    rows = db.execute(sql, [after_id, limit]).fetchall()
    if not rows:
        return []
    return _records(db, rows, "customer_id BETWEEN ? AND ?", [rows[0][0], rows[-1][0]])


def cards_by_ids(db: Database, ids: Sequence[int]) -> list[CardRecord]:
    """The cards ``ids`` (at most :data:`PAGE`), in the order given; an id that is not a card
    is left out."""
    marks = ", ".join("?" * len(ids))
    sql = f"SELECT {_COLUMNS} FROM customers c WHERE {_LIVE} AND c.id IN ({marks})"
    rows = db.execute(sql, list(ids)).fetchall()
    found = {card.id: card for card in _records(db, rows, f"customer_id IN ({marks})", ids)}
    return [found[card_id] for card_id in ids if card_id in found]


def _records(
    db: Database, rows: list[tuple[Any, ...]], cards: str, params: Sequence[int]
) -> list[CardRecord]:
    """The card ``rows`` (:data:`_COLUMNS`) as records, with the phones and interests of the
    cards that ``cards`` (a condition on ``customer_id``) chooses."""
    phones: dict[int, list[Phone]] = {}
    for card_id, number, label in db.execute(_PHONES_OF.format(cards=cards), params):
        phones.setdefault(card_id, []).append(Phone(number, label))
    interests: dict[int, list[str]] = {}
    for card_id, name in db.execute(_INTERESTS_OF.format(cards=cards), params):
        interests.setdefault(card_id, []).append(name)
    records = []
    for row in rows:
        card = list(row)
        card_id, address = card[0], card[_ADDRESS]
        card[_ADDRESS] = tuple(filter(None, address.split("\n"))) if address else ()
        card[_PHONES] = tuple(phones.get(card_id, ()))
        card[_INTERESTS] = tuple(interests.get(card_id, ()))
        card[_STAFF] = bool(card[_STAFF])
        records.append(CardRecord._make(card))
    return records


def purchase_count(db: Database, first: str, last: str) -> int:
    """How many purchases (not voided) were made from ``first`` to ``last`` (ISO dates)."""
    sql = "SELECT count(*) FROM purchases WHERE voided_at IS NULL AND date BETWEEN ? AND ?"
    return int(db.execute(sql, [first, last]).fetchone()[0])


def purchases_after(
    db: Database, first: str, last: str, after: tuple[str, int] | None, limit: int = PAGE
) -> tuple[list[PurchaseLine], tuple[str, int] | None]:
    """The next ``limit`` purchases (not voided) from ``first`` to ``last`` by date, after
    the one at (date, id) ``after``; and where this page ended (None when nothing is left).

    A purchase whose customer was erased has no card number or name: it stays in the
    shop's totals, anonymous."""
    since = ""
    params: list[Any] = [first, last]
    if after is not None:
        since = " AND (p.date, p.id) > (?, ?)"
        params += after
    rows = db.execute(
        "SELECT p.date, p.id, coalesce(c.card_no, ''), coalesce(c.given_name, ''), "
        "coalesce(c.family_name, ''), p.receipt_no, p.amount, p.items, p.category "
        "FROM purchases p LEFT JOIN customers c ON c.id = p.customer_id "
        f"WHERE p.voided_at IS NULL AND p.date BETWEEN ? AND ?{since} "
        "ORDER BY p.date, p.id LIMIT ?",
        [*params, limit],
    ).fetchall()
    lines = [
        PurchaseLine(card_no, given, family, date, receipt, int(amount), items, category)
        for date, _id, card_no, given, family, receipt, amount, items, category in rows
    ]
    end = (str(rows[-1][0]), int(rows[-1][1])) if rows else None
    return lines, end
