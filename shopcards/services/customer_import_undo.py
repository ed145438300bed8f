"""Taking back a customer import as a whole, the day it was made (owner only): the cards it
added go, the cards it updated get back the values they held before.

Nothing is taken back half: if something was recorded on a card the import added (a purchase,
a call, a letter…), or a card it added or updated was edited since, the undo is refused with
those cards named, and the owner decides what to do with them first.
"""

from __future__ import annotations

from dataclasses import dataclass

from shopcards.core.customer_update import restore
from shopcards.core.errors import NotFound, ShopError
from shopcards.services.session import Session, require_owner
from shopcards.store import changes, customers
from shopcards.store import customer_import as store

NAMED = 10


@dataclass(frozen=True)
class Undone:
    removed: int
    restored: int


def undo_import(session: Session, batch_id: int) -> Undone:
    """Take back import ``batch_id`` in one transaction, or refuse saying why."""
    require_owner(session, "undo a customer import")
    with session.card_file.write() as db:
        batch = store.batch(db, batch_id)
        if batch is None:
            raise NotFound(f"There is no customer import number {batch_id}.")
        if batch.undone_at:
            raise ShopError(f"Import {batch_id} ({batch.file}) was undone at {batch.undone_at}.")
        if batch.at[:10] != session.today().isoformat():
            raise ShopError(
                f"Import {batch_id} ({batch.file}) was made on {batch.at[:10]}; an import can "
                "only be undone the day it was made. Edit or erase its cards one by one."
            )
        cards = store.batch_cards(db, batch_id)
        added = [card_id for card_id, kind, *_ in cards if kind == "added"]
        now_at = store.versions(db, [card_id for card_id, *_ in cards])
        edited = [no for card_id, _, _, version, no in cards if now_at.get(card_id) != version]
        recorded = store.with_records(db, added)
        used = [no for card_id, _, _, _, no in cards if card_id in recorded]
        _refuse(batch_id, batch.file, edited, used)
        store.delete_cards(db, added)
        for card_id, kind, *_ in cards:
            if kind == "updated":
                _put_back(session, batch_id, card_id)
        store.mark_undone(db, batch_id, session.actor, session.now())
        facts = {"batch": batch_id, "file": batch.file, "removed": len(added)}
        facts["restored"] = len(cards) - len(added)
        changes.record(
            db, session.actor, session.now(), "card_file", 0, "customers_import_undone", facts
        )
    return Undone(len(added), len(cards) - len(added))


def _refuse(batch_id: int, file: str, edited: list[str], used: list[str]) -> None:
    reasons = []
    if edited:
        reasons.append(f"edited since: {_cards(edited)}")
    if used:
        reasons.append(f"with purchases, calls, letters or entries recorded since: {_cards(used)}")
    if reasons:
        raise ShopError(
            f"Import {batch_id} ({file}) was not undone, as some of its cards were "
            + "; and some ".join(reasons)
            + ". Nothing was changed."
        )


def _cards(numbers: list[str]) -> str:
    more = f" and {len(numbers) - NAMED:,} more" if len(numbers) > NAMED else ""
    return "cards " + ", ".join(numbers[:NAMED]) + more


def _put_back(session: Session, batch_id: int, card_id: int) -> None:
    db = session.db
    for before in store.updated_values(db, batch_id, card_id):
        base = customers.get(db, card_id)
        customers.update(
            db, restore(base, before), base, session.alphabet, session.actor, session.now()
        )
    changes.record(
        db, session.actor, session.now(), "customer", card_id, "import_undone", {"batch": batch_id}
    )
