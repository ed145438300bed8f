"""Consent events in and out of the ``consent_events`` table (migration m019).

Written in the transaction that writes the card (store.customers calls :func:`record_changes`),
so a card's consent and its record never disagree. Erasing the card deletes its events
(ON DELETE CASCADE).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from shopcards.core.card import Card, Consent
from shopcards.core.consent import (
    Channel,
    ConsentEvent,
    How,
    changed_channels,
    how_for_new,
)
from shopcards.store.changes import this_desk
from shopcards.store.dialect import among, many_rows

if TYPE_CHECKING:
    from shopcards.store.handle import Database

_COLUMNS = "customer_id, channel, value, how, at, actor, desk"
_INSERT = f"INSERT INTO consent_events ({_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?)"


def record_new(db: Database, ids: list[int], cards: list[Card], at: str, actor: str) -> None:
    """One event per consent given on each new card, as given the way the card came (till
    slip, form, import), dated the card's own creation if it has one (a demo customer)."""
    _insert(
        db,
        [
            (card_id, channel, value, how_for_new(card.joined_via), card.created_at or at, actor)
            for card_id, card in zip(ids, cards, strict=True)
            for channel, value in changed_channels(None, card)
        ],
    )


def record_changes(
    db: Database, customer_id: int, before: Card, after: Card, how: How, at: str, actor: str
) -> None:
    """One event per channel whose consent the write of ``after`` over ``before`` changes;
    nothing for a save that leaves the consents as they were."""
    _insert(
        db,
        [
            (customer_id, channel, value, how, at, actor)
            for channel, value in changed_channels(before, after)
        ],
    )


def _insert(db: Database, events: list[tuple[int, Channel, Consent, How, str, str]]) -> None:
    desk = this_desk()
    db.conn.executemany(
        _INSERT,
        [
            (customer_id, channel.value, value.value, how.value, at, actor, desk)
            for customer_id, channel, value, how, at, actor in events
        ],
    )


def history(db: Database, customer_id: int) -> list[ConsentEvent]:
    """Every consent event of the card, oldest first."""
    rows = db.execute(
        f"SELECT {_COLUMNS} FROM consent_events WHERE customer_id = ? ORDER BY at, id",
        [customer_id],
    ).fetchall()
    return [_event(*row) for row in rows]


def latest(db: Database, customer_id: int) -> dict[Channel, ConsentEvent]:
    """Each channel's last event: what the card's present value rests on."""
    return {event.channel: event for event in history(db, customer_id)}


def reach(db: Database, ids: list[int]) -> dict[int, tuple[Consent, bool, Consent, bool]]:
    """(phone consent, has a phone, post consent, has a postal address) of each card in
    ``ids``: what decides whether a call may be suggested (core.consent.suggest_contact).
    One statement over the ids as one list (dialect.among) (8,000 cards: about 0.1 s)."""
    listed, values = among(db, "c.id", ids)
    rows = many_rows(
        db,
        "SELECT c.id, c.consent_phone, "
        "EXISTS (SELECT 1 FROM phones p WHERE p.customer_id = c.id), c.consent_post, "
        "c.address != '' AND c.city != '' AND (c.family_name != '' OR c.given_name != '') "
        f"FROM customers c WHERE {listed}",
        [values],
    )
    return {
        int(card_id): (_CONSENTS[phone], bool(has_phone), _CONSENTS[post], bool(has_address))
        for card_id, phone, has_phone, post, has_address in rows
    }


_CONSENTS = {consent.value: consent for consent in Consent}
"""Each stored consent's member, looked up: calling the enum for each of a list's tens of
thousands of cards, twice, took a tenth of a second."""


def _event(
    customer_id: int, channel: str, value: str, how: str, at: str, actor: str, desk: str
) -> ConsentEvent:
    return ConsentEvent(
        int(customer_id), Channel(channel), Consent(value), How(how), at, actor, desk
    )
