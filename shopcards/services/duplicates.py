"""Finding the cards that may be one person, over the whole card file (owner only), and
remembering the pairs the owner said are two people."""

from __future__ import annotations

from dataclasses import dataclass

from shopcards.core.duplicates import Pair, Person, find_pairs
from shopcards.core.i18n import _
from shopcards.core.progress import Report
from shopcards.services.session import Session, require_owner
from shopcards.store import changes
from shopcards.store import duplicates as store


@dataclass(frozen=True)
class Duplicate:
    """A pair as the owner sees it: the two cards and why they may be one person."""

    pair: Pair
    first: Person
    second: Person

    @property
    def why(self) -> str:
        return self.pair.why


def find_duplicates(session: Session, report: Report | None = None) -> list[Duplicate]:
    """Every pair of cards that may be one person (see :mod:`shopcards.core.duplicates`),
    strongest first, without those marked not the same person. Owner only."""
    require_owner(session, _("look for duplicate cards"))
    people = store.people(session.db)
    pairs = find_pairs(people, store.not_same(session.db), report)
    by_id = {person.id: person for person in people}
    return [Duplicate(pair, by_id[pair.first_id], by_id[pair.second_id]) for pair in pairs]


def mark_not_same(session: Session, one: int, two: int) -> None:
    """The owner says the two cards are two people: the pair is not listed again. Owner only."""
    require_owner(session, _("mark two cards as different people"))
    with session.card_file.write() as db:
        if store.mark_not_same(db, one, two, session.now(), session.actor):
            for card_id, partner in ((one, two), (two, one)):
                changes.record(
                    db,
                    session.actor,
                    session.now(),
                    "customer",
                    card_id,
                    "not_a_duplicate",
                    {"of_card_id": partner},
                )
