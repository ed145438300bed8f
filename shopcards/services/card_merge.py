"""Merging two cards that turn out to be one person (owner only).

The owner picks the card that is kept and, field by field, what it holds
(:mod:`shopcards.core.card_merge`); everything of the other card then moves to it and the
other card is recorded as merged (:mod:`shopcards.store.card_merge` says what moves and how a
frozen prize-drawing month is left alone). One transaction, one line in the change log.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from shopcards.core.card import Card
from shopcards.core.card_merge import KEPT, choices_with, differing_fields, merged_card
from shopcards.core.errors import ShopError
from shopcards.core.i18n import _
from shopcards.services.session import Session, require_owner
from shopcards.store import card_merge as store
from shopcards.store import changes, customers


@dataclass(frozen=True)
class Merged:
    """The kept card after the merge, the number of the card merged into it, and how many
    rows moved from each table."""

    card: Card
    merged_card_no: str
    moved: Mapping[str, int]


def merge_cards(
    session: Session, keep_id: int, other_id: int, take: Mapping[str, str] | None = None
) -> Merged:
    """Merge the card ``other_id`` into ``keep_id``; ``take`` maps a field key to ``other``
    or ``both`` (or ``kept``) where the owner chose so, the rest as
    :func:`core.card_merge.default_choices` says. Owner only."""
    require_owner(session, _("merge two cards"))
    if keep_id == other_id:
        raise ShopError(_("A card cannot be merged with itself: choose two different cards."))
    with session.card_file.write() as db:
        kept, other = customers.get(db, keep_id), customers.get(db, other_id)
        chosen = choices_with(kept, other, take or {})
        card = customers.update(
            db,
            merged_card(kept, other, chosen),
            kept,
            session.alphabet,
            session.actor,
            session.now(),
        )
        moved = store.move_everything(db, keep_id, other_id, session.today().isoformat())
        store.retire(db, keep_id, other_id, other.card_no, session.now(), session.actor)
        changes.record(
            db,
            session.actor,
            session.now(),
            "customer",
            keep_id,
            "merged",
            {
                "merged_card_no": other.card_no,
                "merged_id": other_id,
                "took_from_other": _taken(kept, other, chosen),
                "choices": chosen,
                "moved": moved,
            },
        )
        return Merged(card, other.card_no, moved)


def _taken(kept: Card, other: Card, chosen: Mapping[str, str]) -> list[str]:
    """The fields in which the kept card now holds something of the other's."""
    differing = {field.key for field in differing_fields(kept, other)}
    return [key for key, choice in chosen.items() if choice != KEPT and key in differing]


def merged_numbers(session: Session, card_id: int) -> list[str]:
    """The card numbers merged into the card, which still find it at the till."""
    return store.merged_numbers(session.db, card_id)
