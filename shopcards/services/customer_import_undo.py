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
from shopcards.core.i18n import _
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
    require_owner(session, _("undo a customer import"))
    with session.card_file.write() as db:
        batch = store.batch(db, batch_id)
        if batch is None:
            raise NotFound(_("There is no customer import number {number}.", number=batch_id))
        if batch.undone_at:
            raise ShopError(
                _(
                    "Import {number} ({file}) was undone at {when}.",
                    number=batch_id,
                    file=batch.file,
                    when=batch.undone_at,
                )
            )
        if batch.at[:10] != session.today().isoformat():
            raise ShopError(
                _(
                    "Import {number} ({file}) was made on {day}; an import can only be undone "
                    "the day it was made. Edit or erase its cards one by one.",
                    number=batch_id,
                    file=batch.file,
                    day=batch.at[:10],
                )
            )
        cards = store.batch_cards(db, batch_id)
        added = [card_id for card_id, kind, *_rest in cards if kind == "added"]
        now_at = store.versions(db, [card_id for card_id, *_rest in cards])
        edited = [
            no for card_id, _kind, _at, version, no in cards if now_at.get(card_id) != version
        ]
        recorded = store.with_records(db, added)
        used = [no for card_id, _kind, _at, _version, no in cards if card_id in recorded]
        _refuse(batch_id, batch.file, edited, used)
        store.delete_cards(db, added)
        for card_id, kind, *_rest in cards:
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
    values = {"number": batch_id, "file": file, "edited": _cards(edited), "used": _cards(used)}
    if edited and used:
        raise ShopError(
            _(
                "Import {number} ({file}) was not undone, as some of its cards were edited "
                "since: {edited}; and some with purchases, calls, letters or entries recorded "
                "since: {used}. Nothing was changed.",
                **values,
            )
        )
    if edited:
        raise ShopError(
            _(
                "Import {number} ({file}) was not undone, as some of its cards were edited "
                "since: {edited}. Nothing was changed.",
                **values,
            )
        )
    if used:
        raise ShopError(
            _(
                "Import {number} ({file}) was not undone, as some of its cards were with "
                "purchases, calls, letters or entries recorded since: {used}. Nothing was "
                "changed.",
                **values,
            )
        )


def _cards(numbers: list[str]) -> str:
    named = ", ".join(numbers[:NAMED])
    if len(numbers) > NAMED:
        return _(
            "cards {numbers} and {more} more", numbers=named, more=format(len(numbers) - NAMED, ",")
        )
    return _("cards {numbers}", numbers=named)


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
