"""A consent withdrawn is respected everywhere: no letter to "no post", no call suggested to
"no phone" on the lists of people to win back, and no call the shop made logged to them."""

from __future__ import annotations

import datetime as dt

import pytest

from shopcards.core.calls import CallInput
from shopcards.core.consent import Channel
from shopcards.core.errors import ValidationError
from shopcards.core.purchase import PurchaseInput
from shopcards.services import calls, cards, consents, insights, letters, purchases
from shopcards.services.insights import CONTACT
from shopcards.services.letters import LetterRequest, Output
from shopcards.services.session import Session
from tests.conftest import card_input
from tests.letters_shop import build_shop

YEAR = (dt.date(2025, 11, 24), dt.date(2026, 11, 23))
ADDRESS = {"address": "Kauppakatu 12", "postcode": "00100", "city": "Helsinki"}


def _lapsed(owner: Session, given: str, phone: str, post: str) -> int:
    """A customer who last bought two years ago, with a phone and an address."""
    card = cards.add_card(
        owner,
        card_input(
            given,
            "Lahti",
            phones=[("mobile", "040 123 45" + str(len(given)))],
            consent_phone=phone,
            consent_post=post,
            **ADDRESS,
        ),
        allow_duplicate=True,
    )
    assert card.id is not None
    purchases.record_purchase(owner, card.id, PurchaseInput("40.00", date="2024-10-01"))
    purchases.record_purchase(owner, card.id, PurchaseInput("60.00", date="2024-11-01"))
    return card.id


def test_a_withdrawn_post_consent_gets_no_letter_and_is_listed_with_the_reason(
    owner: Session,
) -> None:
    ids = build_shop(owner)
    consents.withdraw(owner, ids["anna"], Channel.POST)
    plan = letters.plan_batch(owner, LetterRequest(Output.LETTERS, "all", "letter_quarterly"))
    reasons = {entry.customer_id: entry.reason for entry in plan.excluded}
    assert reasons[ids["anna"]] == "said no to post"
    assert ids["anna"] not in {i for piece in plan.pieces for i in piece.customer_ids}


def test_the_lapsed_list_suggests_a_call_only_to_those_who_agreed(owner: Session) -> None:
    ids = {
        "call": _lapsed(owner, "Aino", "yes", "yes"),
        "letter": _lapsed(owner, "Eino", "no", "yes"),
        "none": _lapsed(owner, "Ilmari", "not_asked", "no"),
        "withdrawn": _lapsed(owner, "Oona", "yes", "no"),
    }
    consents.withdraw(owner, ids["withdrawn"], Channel.PHONE)
    for listed in (insights.lapsed(owner), insights.overview(owner, *YEAR).lapsed):
        column = next(c for c in listed.columns if c.header == CONTACT)
        said = dict(zip(listed.ids, column.values, strict=True))
        assert said == {
            ids["call"]: "Call",
            ids["letter"]: "Letter (no phone consent)",
            ids["none"]: "None (no phone consent)",
            ids["withdrawn"]: "None (no phone consent)",
        }
    due_calls = insights.due_for_contact(owner).calls
    assert set(due_calls.ids) == {ids["call"]}


def test_an_outgoing_call_to_no_phone_is_refused_but_theirs_is_logged(owner: Session) -> None:
    card_id = _lapsed(owner, "Aino", "no", "yes")
    with pytest.raises(ValidationError) as caught:
        calls.log_call(owner, card_id, CallInput("reached", reason="Wants the catalogue"))
    assert caught.value.fields["incoming"].startswith(
        "Phone: no — the customer asked not to be called"
    )
    assert calls.calls_for(owner, card_id) == []
    saved = calls.log_call(owner, card_id, CallInput("reached", incoming=True))
    assert saved.incoming and calls.calls_for(owner, card_id) == [saved]
