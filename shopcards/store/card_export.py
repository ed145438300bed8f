"""Reading cards and purchases a page at a time for an export.

An export of 100,000 cards reads them in pages of :data:`PAGE`, one statement a page (SQLite
puts each card's phones and interests together), as plain records rather than Card objects,
which cost more to make than the rest of a CSV export: never one card at a time and never all
at once, so the file is written as the pages come and memory holds one page.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlite_utils import Database

from shopcards.core.card import Phone
from shopcards.core.card_export import CardRecord, PurchaseLine

PAGE = 500
"""Cards read per page (SQLite takes up to 32,766 parameters; 500 ids keep each page quick)."""
_LIVE = "c.erased_at IS NULL"
_UNIT, _RECORD = "\x1f", "\x1e"
"""ASCII's unit and record separators, which no typed text holds (core.validation refuses
control characters), put a card's phones and interests together in one text."""


def card_count(db: Database) -> int:
    """How many cards the file holds, archived ones too."""
    return int(db.execute(f"SELECT count(*) FROM customers c WHERE {_LIVE}").fetchone()[0])


def cards_after(db: Database, after_id: int, limit: int = PAGE) -> list[CardRecord]:
    """The next ``limit`` cards (archived too) after the card ``after_id``, by card number."""
    return _records(db, f"{_LIVE} AND c.id > ? ORDER BY c.id LIMIT ?", [after_id, limit])


def cards_by_ids(db: Database, ids: Sequence[int]) -> list[CardRecord]:
    """The cards ``ids`` (at most :data:`PAGE`), in the order given; an id that is not a card
    is left out."""
    marks = ", ".join("?" * len(ids))
    rows = _rows(db, f"c.id IN ({marks})", list(ids))
    found = {int(row[0]): row for row in rows}
    return [_record(found[card_id]) for card_id in ids if card_id in found]


_COLUMNS = f"""c.id, coalesce(c.card_no, ''), c.title, c.salutation, c.given_name, c.family_name,
    c.address, c.postcode, c.city, c.country,
    (SELECT group_concat(label || char({ord(_UNIT)}) || number, char({ord(_RECORD)}))
        FROM (SELECT label, number FROM phones WHERE customer_id = c.id ORDER BY id)),
    c.email, coalesce(c.birthday, ''), c.anniversary, c.anniversary_what, c.greeting,
    (SELECT group_concat(name, char({ord(_RECORD)})) FROM (SELECT t.name FROM customer_tags ct
        JOIN tags t ON t.id = ct.tag_id WHERE ct.customer_id = c.id ORDER BY t.name)),
    c.consent_post, c.consent_phone, c.consent_email, coalesce(c.customer_type, ''),
    c.is_staff, c.joined_via, c.created_at, coalesce(c.archived_at, ''), c.notes"""
"""A card's fields in :class:`CardRecord`'s order, with its phones and interests as one text
each (their own rows put together by SQLite: one statement reads a whole page)."""


def _rows(db: Database, where: str, params: list[Any]) -> list[tuple[Any, ...]]:
    return list(db.execute(f"SELECT {_COLUMNS} FROM customers c WHERE {where}", params))


def _records(db: Database, where: str, params: list[Any]) -> list[CardRecord]:
    return [_record(row) for row in _rows(db, where, params)]


def _record(row: tuple[Any, ...]) -> CardRecord:
    """A row of :data:`_COLUMNS` as a record: the address, phones and interests split up."""
    card_id, card_no, title, salutation, given, family, address, *rest = row
    postcode, city, country, phones, email, birthday, anniversary, *rest = rest
    anniversary_what, greeting, interests, post, phone, mail, kind, staff, *rest = rest
    joined_via, created_at, archived_at, notes = rest
    return CardRecord(
        int(card_id),
        card_no,
        title,
        salutation,
        given,
        family,
        tuple(filter(None, address.split("\n"))),
        postcode,
        city,
        country,
        tuple(Phone(*_phone(item)) for item in phones.split(_RECORD)) if phones else (),
        email,
        birthday,
        anniversary,
        anniversary_what,
        greeting,
        tuple(interests.split(_RECORD)) if interests else (),
        post,
        phone,
        mail,
        kind,
        bool(staff),
        joined_via,
        created_at,
        archived_at,
        notes,
    )


def _phone(item: str) -> tuple[str, str]:
    """(number, label) from "label<US>number"."""
    label, _, number = item.partition(_UNIT)
    return number, label


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
