"""Consent with when, how and by whom: recorded on creation, on a change, on a withdrawal, and
not on a save that leaves it as it was."""

from __future__ import annotations

from shopcards.core.card import Consent, JoinedVia
from shopcards.core.consent import Channel, How, describe
from shopcards.services import cards, consents
from shopcards.services.session import Session
from shopcards.store.changes import this_desk
from tests.conftest import card_input


def test_a_till_slip_records_each_consent_given(clerk: Session) -> None:
    card = cards.add_card(
        clerk,
        card_input(consent_post="yes", consent_phone="no", joined_via=JoinedVia.TILL.value),
    )
    assert card.id is not None
    events = consents.history(clerk, card.id)
    assert [(e.channel, e.value, e.how, e.by) for e in events] == [
        (Channel.POST, Consent.YES, How.TILL_SLIP, "clerk"),
        (Channel.PHONE, Consent.NO, How.TILL_SLIP, "clerk"),
    ]  # e-mail "not asked": nothing to record
    assert events[0].at == clerk.now() and events[0].desk == this_desk()
    assert (
        describe(Channel.POST, card.consent_post, consents.latest(clerk, card.id)[Channel.POST])
        == "Post: yes, since 2026-11-23 (till slip, clerk)"
    )


def test_an_edit_records_only_the_consents_it_changes(owner: Session) -> None:
    card = cards.add_card(owner, card_input(consent_post="yes"))
    assert card.id is not None
    same = cards.update_card(owner, card, card_input(consent_post="yes", city="Turku"))
    assert len(consents.history(owner, card.id)) == 1  # an unchanged save records nothing
    cards.update_card(
        owner, same, card_input(consent_post="yes", consent_email="yes"), consent_how=How.PHONE
    )
    last = consents.history(owner, card.id)[-1]
    assert (last.channel, last.value, last.how, last.by) == (
        Channel.EMAIL,
        Consent.YES,
        How.PHONE,
        "owner",
    )
    assert consents.history(owner, card.id)[0].how is How.FORM  # the owner's form


def test_withdrawing_is_one_step_recorded_and_changes_the_card(clerk: Session) -> None:
    card = cards.add_card(clerk, card_input(consent_post="yes", consent_phone="yes"))
    assert card.id is not None
    withdrawn = consents.withdraw(clerk, card.id, Channel.POST)
    assert withdrawn.consent_post is Consent.NO and withdrawn.consent_phone is Consent.YES
    last = consents.latest(clerk, card.id)[Channel.POST]
    assert (last.value, last.how, last.by) == (Consent.NO, How.IN_PERSON, "clerk")
    assert cards.card_history(clerk, card.id)[0].action == "consent_withdrawn"
    again = consents.withdraw(clerk, card.id, Channel.POST)
    assert again.version == withdrawn.version  # already "no": nothing written
    assert len(consents.history(clerk, card.id)) == 3


def test_erasing_the_card_erases_its_consent_record(owner: Session) -> None:
    card = cards.add_card(owner, card_input(consent_post="yes"))
    assert card.id is not None
    cards.erase_card(owner, card.id)
    assert consents.history(owner, card.id) == []
