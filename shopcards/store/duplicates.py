"""What the duplicate search reads of every card, and the pairs marked "not the same person"."""

from __future__ import annotations

from collections import defaultdict

from shopcards.core.duplicates import Person
from shopcards.store.handle import Database


def people(db: Database) -> list[Person]:
    """Every card, with its phones: two queries, however many cards."""
    phones: dict[int, list[str]] = defaultdict(list)
    for card_id, number in db.execute("SELECT customer_id, number FROM phones").fetchall():
        phones[int(card_id)].append(str(number))
    rows = db.execute(
        "SELECT id, given_name, family_name, postcode, coalesce(birthday, ''), email, "
        "coalesce(card_no, '') FROM customers"
    ).fetchall()
    return [
        Person(int(cid), given, family, postcode, birthday, email, tuple(phones[cid]), card_no)
        for cid, given, family, postcode, birthday, email, card_no in rows
    ]


def not_same(db: Database) -> set[tuple[int, int]]:
    """The pairs the owner said are two people (lower id first)."""
    rows = db.execute("SELECT first_id, second_id FROM not_duplicates").fetchall()
    return {(int(a), int(b)) for a, b in rows}


def mark_not_same(db: Database, one: int, two: int, at: str, by: str) -> bool:
    """Remember that the two cards are two people; False when it was marked already."""
    cursor = db.execute(
        "INSERT OR IGNORE INTO not_duplicates (first_id, second_id, marked_at, by) "
        "VALUES (?, ?, ?, ?)",
        [min(one, two), max(one, two), at, by],
    )
    return cursor.rowcount == 1
