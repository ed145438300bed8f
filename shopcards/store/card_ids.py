"""Card ids, which are also the card numbers printed on loyalty cards: never given twice, not
even after a card is erased or an older backup restored (the high-water mark of m011)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from shopcards.store.handle import Database


def new_ids(db: Database, count: int) -> range:
    """Ids for ``count`` new cards, above every id ever issued, so no card number is given
    twice. Two desks cannot take the same ids: every write starts with BEGIN IMMEDIATE."""
    first = highest_issued_id(db) + 1
    return range(first, first + count)


def highest_issued_id(db: Database) -> int:
    """The highest card id this file has given out: that of a card in the table, or of one
    erased (the high-water mark of migration m011, which deleting a card raises)."""
    row = db.execute(
        "SELECT max((SELECT coalesce(max(id), 0) FROM customers), highest) FROM card_id_high_water"
    ).fetchone()
    return int(row[0])


def keep_ids_above(db: Database, card_id: int) -> None:
    """Give no new card ``card_id`` or an id below it: a restored backup does not know the
    cards issued since it was taken, whose numbers are on plastic cards in customers' hands."""
    db.execute("UPDATE card_id_high_water SET highest = max(highest, ?)", [card_id])
