"""The last letter and the last card sent to a customer, for their card: apart from
services/letters (templates, selections, printing) so the card shows it without loading those."""

from __future__ import annotations

from dataclasses import dataclass

from shopcards.core.mailing import Sent
from shopcards.core.templates import TemplateKind
from shopcards.services.session import Session
from shopcards.store import letters as store


@dataclass(frozen=True)
class LastSent:
    """The latest letter and the latest card on a customer's card."""

    letter: Sent | None
    card: Sent | None


def last_sent(session: Session, customer_id: int) -> LastSent:
    """The last letter and the last card sent to the customer (shown on their card)."""
    return LastSent(
        store.last_sent(session.db, customer_id, TemplateKind.LETTER.value),
        store.last_sent(session.db, customer_id, TemplateKind.CARD.value),
    )
