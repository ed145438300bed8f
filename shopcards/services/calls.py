"""Logging phone calls to customers, and a card's calls (owner only, as all of insights)."""

from __future__ import annotations

from shopcards.core.calls import NO_PHONE, Call, CallInput, validate_call
from shopcards.core.card import Consent
from shopcards.core.errors import ValidationError
from shopcards.core.i18n import _
from shopcards.services.session import Session, require_owner
from shopcards.store import calls as store
from shopcards.store import changes, customers
from shopcards.store.purchases import ensure_customer


def log_call(session: Session, customer_id: int, inp: CallInput) -> Call:
    """Save a call on the customer's card; ValidationError names each wrong field, and refuses
    a call the shop made to a customer who asked not to be called (one they made is kept)."""
    # Translators: ends "Only the owner may …"
    require_owner(session, _("log calls to customers"))
    entry = validate_call(inp, session.today())
    with session.card_file.write() as db:
        ensure_customer(db, customer_id)
        if not entry.incoming and customers.get(db, customer_id).consent_phone is Consent.NO:
            raise ValidationError(
                {
                    "incoming": _(
                        "{no_phone}. Log the call only if they called the shop.",
                        no_phone=_(NO_PHONE),
                    )
                }
            )
        call = store.insert(db, customer_id, entry, session.actor, session.now())
        changes.record(
            db,
            session.actor,
            session.now(),
            "customer",
            customer_id,
            "call_logged",
            {
                "call": call.id,
                "called_on": call.called_on,
                "outcome": call.outcome.value,
                "complaint": call.complaint,
                "follow_up_on": call.follow_up_on,
                "incoming": call.incoming,
            },
        )
    return call


def calls_for(session: Session, customer_id: int) -> list[Call]:
    """The customer's calls, newest first."""
    # Translators: ends "Only the owner may …"
    require_owner(session, _("see the calls to customers"))
    return store.for_customer(session.db, customer_id)
