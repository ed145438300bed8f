"""Logging calls to customers and reading them back on the card."""

from __future__ import annotations

import pytest

from shopcards.core.calls import CallInput, Outcome
from shopcards.core.errors import NotFound, ValidationError
from shopcards.services import calls, cards
from shopcards.services.session import Session
from tests.conftest import card_input


@pytest.fixture
def anna(owner: Session) -> int:
    card = cards.add_card(owner, card_input("Anna", "Virtanen"))
    assert card.id is not None
    return card.id


def test_calls_are_listed_newest_first(owner: Session, anna: int) -> None:
    calls.log_call(owner, anna, CallInput("no_answer", "2026-10-01"))
    saved = calls.log_call(
        owner,
        anna,
        CallInput("reached", "2026-11-20", "Unhappy with the last delivery", True, "2026-12-01"),
    )
    assert saved.id and saved.created_by == "owner"
    listed = calls.calls_for(owner, anna)
    assert [c.called_on for c in listed] == ["2026-11-20", "2026-10-01"]
    assert listed[0] == saved
    assert listed[0].outcome is Outcome.REACHED and listed[0].complaint
    assert listed[0].follow_up_on == "2026-12-01"
    assert listed[1].outcome is Outcome.NO_ANSWER and listed[1].follow_up_on is None


def test_a_call_is_in_the_cards_history_without_what_was_said(owner: Session, anna: int) -> None:
    calls.log_call(owner, anna, CallInput("left_message", reason="Wants the catalogue"))
    change = cards.card_history(owner, anna)[0]
    assert change.action == "call_logged"
    assert change.details["outcome"] == "left_message"
    assert "Wants the catalogue" not in str(change.details)


def test_nothing_is_saved_from_a_wrong_call(owner: Session, anna: int) -> None:
    with pytest.raises(ValidationError) as caught:
        calls.log_call(owner, anna, CallInput("reached", "2026-12-24"))
    assert "called_on" in caught.value.fields
    assert calls.calls_for(owner, anna) == []


def test_no_call_to_a_card_that_is_not_there(owner: Session) -> None:
    with pytest.raises(NotFound):
        calls.log_call(owner, 404, CallInput("reached"))


def test_erasing_a_card_erases_its_calls(owner: Session, anna: int) -> None:
    calls.log_call(owner, anna, CallInput("reached", reason="Moving to Tampere"))
    cards.erase_card(owner, anna)
    assert owner.db.execute("SELECT count(*) FROM calls").fetchone()[0] == 0
