"""`shopcards demo` never touches a real shop's card file."""

from __future__ import annotations

import pytest

from shopcards.core.card import CardQuery
from shopcards.core.errors import ShopError
from shopcards.services import cards, settings
from shopcards.services.demo import build_demo
from shopcards.services.session import Session
from tests.conftest import card_input


def test_a_demo_is_refused_on_a_file_with_cards_made_by_hand(owner: Session) -> None:
    cards.add_card(owner, card_input("Anna", "Virtanen"))
    with pytest.raises(ShopError, match="already holds a real shop") as refused:
        build_demo(owner, 5)
    assert "--db" in refused.value.message
    assert cards.count_cards(owner, CardQuery()) == 1


def test_a_demo_is_refused_on_a_shop_its_owner_set_up(owner: Session) -> None:
    settings.update_settings(owner, shop_name="Pekka's Books", locale="sv_SE", currency="SEK")
    with pytest.raises(ShopError, match="already holds a real shop"):
        build_demo(owner, 5)
    owner.forget_settings()
    assert (owner.settings.shop_name, owner.settings.currency) == ("Pekka's Books", "SEK")
    assert cards.count_cards(owner, CardQuery()) == 0


def test_a_new_file_and_a_demo_file_take_a_demo(owner: Session) -> None:
    build_demo(owner, 5)
    build_demo(owner, 5, seed=2)  # a demo file is not a real shop: it may grow
    assert cards.count_cards(owner, CardQuery()) == 10
