"""Staff are left out of the prize drawing, so only the owner may mark a card as staff."""

from __future__ import annotations

import pytest

from shopcards.core.errors import PermissionDenied
from shopcards.services import cards
from shopcards.services.session import Session
from tests.conftest import card_input


def test_a_clerk_cannot_make_a_card_staff(owner: Session, clerk: Session) -> None:
    card = cards.add_card(owner, card_input())
    with pytest.raises(PermissionDenied, match="staff"):
        cards.update_card(clerk, card, card_input(is_staff=True))
    assert cards.get_card(owner, card.id or 0).is_staff is False


def test_a_clerk_cannot_add_a_staff_card(clerk: Session) -> None:
    with pytest.raises(PermissionDenied, match="Only the owner may mark a card as staff"):
        cards.add_card(clerk, card_input(is_staff=True))


def test_a_clerk_may_edit_a_staff_card_without_touching_the_flag(
    owner: Session, clerk: Session
) -> None:
    card = cards.add_card(owner, card_input(is_staff=True))
    edited = cards.update_card(clerk, card, card_input(is_staff=True, city="Turku"))
    assert edited.is_staff and edited.city == "Turku"
    with pytest.raises(PermissionDenied):
        cards.update_card(clerk, edited, card_input(is_staff=False, city="Turku"))
