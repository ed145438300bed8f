"""Purchases in and out of the ``purchases`` table.

Nothing here deletes a purchase: a mistake is voided (it stays, struck through, with who and
when) or edited, and an edit checks the row's ``version`` so that two desks never silently
overwrite each other.
"""

from __future__ import annotations

import json
from dataclasses import fields, replace
from typing import Any

from shopcards.core.changes import Change
from shopcards.core.errors import Conflict, NotFound
from shopcards.core.history import Counted
from shopcards.core.i18n import _
from shopcards.core.purchase import Purchase, PurchaseEntry
from shopcards.store.customers import card_no_forms
from shopcards.store.dialect import inserted_id, many_rows
from shopcards.store.handle import Database

_COLUMNS = ", ".join(f.name for f in fields(Purchase))
SORTABLE = ("date", "amount", "items", "category", "receipt_no")
"""Columns a purchase list may be sorted by; anything else is refused, never put in SQL."""


def insert(
    db: Database,
    customer_id: int,
    entry: PurchaseEntry,
    returns_id: int | None,
    actor: str,
    now: str,
) -> Purchase:
    new_id = inserted_id(
        db,
        "INSERT INTO purchases (customer_id, date, amount, items, category, receipt_no, "
        "returns_id, created_at, created_by, updated_at, updated_by) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            customer_id,
            entry.date,
            entry.amount,
            entry.items,
            entry.category,
            entry.receipt_no,
            returns_id,
            now,
            actor,
            now,
            actor,
        ],
    )
    return Purchase(
        id=new_id,
        customer_id=customer_id,
        date=entry.date,
        amount=entry.amount,
        items=entry.items,
        category=entry.category,
        receipt_no=entry.receipt_no,
        returns_id=returns_id,
        created_at=now,
        created_by=actor,
        updated_at=now,
        updated_by=actor,
    )


def get(db: Database, purchase_id: int) -> Purchase:
    row = db.execute(f"SELECT {_COLUMNS} FROM purchases WHERE id = ?", [purchase_id]).fetchone()
    if row is None:
        raise NotFound(_("There is no purchase number {number}", number=purchase_id))
    return Purchase(*row)


def update(db: Database, base: Purchase, entry: PurchaseEntry, actor: str, now: str) -> Purchase:
    """Save ``entry`` over ``base``; Conflict when another desk saved it since it was read."""
    current = _current(db, base)
    changed = replace(
        current,
        date=entry.date,
        amount=entry.amount,
        items=entry.items,
        category=entry.category,
        receipt_no=entry.receipt_no,
        updated_at=now,
        updated_by=actor,
        version=current.version + 1,
    )
    db.execute(
        "UPDATE purchases SET date = ?, amount = ?, items = ?, category = ?, receipt_no = ?, "
        "updated_at = ?, updated_by = ?, version = ? WHERE id = ?",
        [
            changed.date,
            changed.amount,
            changed.items,
            changed.category,
            changed.receipt_no,
            now,
            actor,
            changed.version,
            base.id,
        ],
    )
    return changed


def void(db: Database, base: Purchase, reason: str, actor: str, now: str) -> Purchase:
    """Mark ``base`` void (it stays visible and stops counting); Conflict as for update."""
    current = _current(db, base)
    db.execute(
        "UPDATE purchases SET voided_at = ?, voided_by = ?, void_reason = ?, updated_at = ?, "
        "updated_by = ?, version = version + 1 WHERE id = ?",
        [now, actor, reason, now, actor, base.id],
    )
    return replace(
        current,
        voided_at=now,
        voided_by=actor,
        void_reason=reason,
        updated_at=now,
        updated_by=actor,
        version=current.version + 1,
    )


def page(
    db: Database,
    customer_id: int,
    sort: str = "date",
    descending: bool = True,
    offset: int = 0,
    limit: int = 200,
) -> list[Purchase]:
    """One page of a customer's purchases, voided ones included, in the order asked for."""
    if sort not in SORTABLE:
        raise ValueError(f"cannot sort purchases by {sort!r}")
    direction = "DESC" if descending else "ASC"
    rows = db.execute(
        f"SELECT {_COLUMNS} FROM purchases WHERE customer_id = ? "
        f"ORDER BY {sort} {direction}, id {direction} LIMIT ? OFFSET ?",
        [customer_id, limit, offset],
    ).fetchall()
    return [Purchase(*row) for row in rows]


def count(db: Database, customer_id: int) -> int:
    return int(
        db.execute(
            "SELECT count(*) FROM purchases WHERE customer_id = ?", [customer_id]
        ).fetchone()[0]
    )


def counted_for_customer(db: Database, customer_id: int) -> list[Counted]:
    """(date, amount) of the customer's purchases that count, from the index alone (a long
    history's thousands of rows read at once: dialect.many_rows)."""
    rows = many_rows(
        db,
        "SELECT date, amount FROM purchases WHERE customer_id = ? AND voided_at IS NULL",
        [customer_id],
    )
    return [(str(date), int(amount)) for date, amount in rows]


def returned_so_far(db: Database, sale_id: int) -> int:
    """How much of the sale has already come back (a positive number), voided returns aside."""
    row = db.execute(
        "SELECT coalesce(-sum(amount), 0) FROM purchases "
        "WHERE returns_id = ? AND voided_at IS NULL",
        [sale_id],
    ).fetchone()
    return int(row[0])


def categories(db: Database, limit: int = 50) -> list[str]:
    """The categories used most, for the till's suggestions."""
    rows = db.execute(
        "SELECT category FROM purchases WHERE category != '' "
        "GROUP BY category ORDER BY count(*) DESC, category LIMIT ?",
        [limit],
    ).fetchall()
    return [str(name) for (name,) in rows]


def changes_for_customer(db: Database, customer_id: int, limit: int = 200) -> list[Change]:
    """The history of a card and of its purchases, newest first."""
    rows = db.execute(
        "SELECT id, at, actor, entity, entity_id, action, details FROM changes "
        "WHERE entity = 'customer' AND entity_id = :id "
        "UNION ALL SELECT c.id, c.at, c.actor, c.entity, c.entity_id, c.action, c.details "
        "FROM changes c JOIN purchases p ON c.entity = 'purchase' AND c.entity_id = p.id "
        "WHERE p.customer_id = :id ORDER BY 2 DESC, 1 DESC LIMIT :limit",
        {"id": customer_id, "limit": limit},
    ).fetchall()
    return [
        Change(at, actor, entity, int(entity_id), action, _details(details))
        for _id, at, actor, entity, entity_id, action, details in rows
    ]


def _details(text: str) -> dict[str, Any]:
    value = json.loads(text)
    return value if isinstance(value, dict) else {}


def _current(db: Database, base: Purchase) -> Purchase:
    current = get(db, base.id)
    if current.version != base.version:
        changed = [
            f.name
            for f in fields(Purchase)
            if f.name not in ("version", "updated_at", "updated_by")
            and getattr(current, f.name) != getattr(base, f.name)
        ]
        raise Conflict(
            _(
                "This purchase was changed at another desk ({when}, by the {who}) since you "
                "opened it.",
                when=current.updated_at,
                who=current.updated_by,
            ),
            changed,
        )
    return current


def ensure_customer(db: Database, customer_id: int) -> None:
    """NotFound unless the card exists and has not been erased."""
    row = db.execute("SELECT erased_at FROM customers WHERE id = ?", [customer_id]).fetchone()
    if row is None or row[0] is not None:
        raise NotFound(_("There is no card with id {id}; it may have been erased", id=customer_id))


def cards_with_card_no(db: Database, card_no: str) -> list[tuple[int, str]]:
    """(id, card number) of the card with this number, or of the card a merged card with it
    went into, unless erased: for matching an import."""
    forms = list(card_no_forms(card_no))
    merged = "id IN (SELECT merged_into FROM merged_cards WHERE card_no IN (?, ?))"
    return _cards(db, f"(card_no IN (?, ?) OR {merged})", forms + forms)


def cards_with_phone(db: Database, e164: str) -> list[tuple[int, str]]:
    return _cards(db, "id IN (SELECT customer_id FROM phones WHERE number = ?)", [e164])


def cards_with_email(db: Database, email: str) -> list[tuple[int, str]]:
    return _cards(db, "email != '' AND email = ? COLLATE NOCASE", [email])


def already_recorded(
    db: Database, customer_id: int, date: str, amount: int, receipt_no: str
) -> bool:
    """Whether this very purchase (same card, day, amount and receipt) is already stored."""
    row = db.execute(
        "SELECT 1 FROM purchases WHERE receipt_no = ? AND receipt_no != '' AND customer_id = ? "
        "AND date = ? AND amount = ? AND voided_at IS NULL LIMIT 1",
        [receipt_no, customer_id, date, amount],
    ).fetchone()
    return row is not None


def sale_returned(
    db: Database, customer_id: int, date: str, amount: int, receipt_no: str
) -> int | None:
    """The id of the sale a return of ``amount`` on ``date`` takes back, for an import: the
    card's sale with the same receipt, else its latest sale of at least ``amount`` on or
    before ``date``; voided sales aside."""
    base = "SELECT id FROM purchases WHERE customer_id = ? AND voided_at IS NULL AND date <= ? "
    latest = " ORDER BY date DESC, id DESC LIMIT 1"
    if receipt_no:
        row = db.execute(
            base + "AND amount > 0 AND receipt_no = ?" + latest, [customer_id, date, receipt_no]
        ).fetchone()
        if row is not None:
            return int(row[0])
    row = db.execute(base + "AND amount >= ?" + latest, [customer_id, date, amount]).fetchone()
    return None if row is None else int(row[0])


def card_no_of(db: Database, customer_id: int) -> str:
    row = db.execute("SELECT card_no FROM customers WHERE id = ?", [customer_id]).fetchone()
    return "" if row is None else str(row[0] or "")


def _cards(db: Database, where: str, params: list[Any]) -> list[tuple[int, str]]:
    rows = db.execute(
        f"SELECT id, card_no FROM customers WHERE erased_at IS NULL AND {where} "
        "ORDER BY id LIMIT 5",
        params,
    ).fetchall()
    return [(int(card_id), str(card_no or "")) for card_id, card_no in rows]
