"""The consent rules: which writes make events, how the card words them, and when a call may
be suggested."""

from __future__ import annotations

import pytest

from shopcards.core.card import Card, Consent, JoinedVia
from shopcards.core.consent import (
    Channel,
    ConsentEvent,
    How,
    changed_channels,
    describe,
    how_for_new,
    may_call,
    suggest_contact,
    with_consent,
)
from shopcards.services import catalogues

YES, NO, NOT_ASKED = Consent.YES, Consent.NO, Consent.NOT_ASKED


def test_a_new_card_records_what_was_asked_and_an_edit_what_changed() -> None:
    new = Card(consent_post=YES, consent_email=NO)
    assert changed_channels(None, new) == [(Channel.POST, YES), (Channel.EMAIL, NO)]
    assert changed_channels(new, new) == []
    assert changed_channels(new, with_consent(new, Channel.POST, NO)) == [(Channel.POST, NO)]
    assert with_consent(new, Channel.PHONE, YES).consent_phone is YES


def test_a_new_cards_consent_was_given_the_way_the_card_came() -> None:
    assert [how_for_new(j) for j in JoinedVia] == [How.TILL_SLIP, How.FORM, How.IMPORT]


def test_the_card_words_each_channel() -> None:
    event = ConsentEvent(1, Channel.POST, YES, How.TILL_SLIP, "2026-03-12T10:00:00", "clerk", "")
    assert describe(Channel.POST, YES, event) == "Post: yes, since 2026-03-12 (till slip, clerk)"
    assert describe(Channel.EMAIL, NOT_ASKED, None) == "E-mail: not asked"
    old = ConsentEvent(1, Channel.POST, YES, How.UNKNOWN, "2024-01-02T00:00:00", "", "")
    assert describe(Channel.POST, YES, old) == (
        "Post: yes, since 2024-01-02 (unknown (before records))"
    )


@pytest.mark.parametrize(
    ("phone", "has_phone", "post", "has_address", "said", "callable_"),
    [
        (YES, True, NO, False, "Call", True),
        (NO, True, YES, True, "Letter (no phone consent)", False),
        (NOT_ASKED, True, YES, False, "None (no phone consent)", False),
        (NO, True, NO, True, "None (no phone consent)", False),
        (YES, False, YES, True, "Letter (no phone number)", True),
    ],
)
def test_a_call_is_suggested_only_with_consent_and_a_number(
    phone: Consent, has_phone: bool, post: Consent, has_address: bool, said: str, callable_: bool
) -> None:
    suggestion = suggest_contact(phone, has_phone, post, has_address)
    assert suggestion == said
    assert may_call(suggestion) is callable_


def test_a_call_is_refused_by_the_suggestion_not_by_its_words() -> None:
    """In Finnish the words differ; "Call…" is still refused without consent."""
    catalogues.start("fi")
    refused = suggest_contact(NO, True, YES, True)
    assert refused != "Letter (no phone consent)"
    assert may_call(refused) is False
    assert may_call(suggest_contact(YES, True, NO, False)) is True
