"""A card's consent record, and withdrawing a consent in one click.

Anyone at the desk may withdraw (a customer asks at the till not to get letters any more);
the withdrawal is an event like any other change of consent, in the card's own transaction.
"""

from __future__ import annotations

from shopcards.core.card import Card, Consent
from shopcards.core.consent import Channel, ConsentEvent, How, value_of, with_consent
from shopcards.services.session import Session
from shopcards.store import changes, consents, customers


def latest(session: Session, card_id: int) -> dict[Channel, ConsentEvent]:
    """Each channel's last consent event: when, how and by whom its present value was given."""
    return consents.latest(session.db, card_id)


def history(session: Session, card_id: int) -> list[ConsentEvent]:
    """Every change of the card's consents, oldest first."""
    return consents.history(session.db, card_id)


def withdraw(session: Session, card_id: int, channel: Channel, how: How = How.IN_PERSON) -> Card:
    """Set ``channel`` to "no" on the card as it is now (whatever the form holds), recording
    when, how and by whom; a channel already "no" is left as it is."""
    with session.card_file.write() as db:
        current = customers.get(db, card_id)
        if value_of(current, channel) is Consent.NO:
            return current
        withdrawn = with_consent(current, channel, Consent.NO)
        stored = customers.update(
            db, withdrawn, current, session.alphabet, session.actor, session.now(), how
        )
        changes.record(
            db,
            session.actor,
            session.now(),
            "customer",
            card_id,
            "consent_withdrawn",
            {"channel": channel.value, "how": how.value},
        )
    return stored
