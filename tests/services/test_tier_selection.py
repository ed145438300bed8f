"""``tier:NAME`` picks the customers in a loyalty tier today, for letters and loyalty cards."""

from __future__ import annotations

from pathlib import Path

import pytest

from shopcards.core.errors import ValidationError
from shopcards.core.loyalty_tiers import Rule, Tier
from shopcards.services import cards, letter_selections, loyalty_cards, loyalty_tiers
from shopcards.services.session import Session
from shopcards.services.settings import update_settings
from tests.conftest import card_input


@pytest.fixture
def gold(owner: Session) -> list[int]:
    """Three customers; Bea and Ari placed in Gold by hand (no sales needed)."""
    update_settings(owner, tiers_on=True)
    loyalty_tiers.save_tiers(owner, [Tier("Gold", 1500, Rule.SPEND, threshold=100_000)])
    ids = {
        name: cards.add_card(owner, card_input(name, "Test")).id or 0
        for name in ("Bea", "Cid", "Ari")
    }
    for name in ("Bea", "Ari"):
        loyalty_tiers.place_by_hand(owner, ids[name], "Gold", "2027-06-01", "a regular")
    return [ids["Ari"], ids["Bea"]]


def test_a_tier_selects_its_customers_in_the_cabinets_order(
    owner: Session, gold: list[int]
) -> None:
    assert letter_selections.find(owner, "tier:gold") == gold
    kinds = {kind.name: kind for kind in letter_selections.selection_kinds()}
    assert kinds["tier"].choices is not None and kinds["tier"].choices(owner) == [("Gold", "Gold")]


def test_a_name_that_is_no_tier_is_refused_with_the_tiers_there_are(
    owner: Session, gold: list[int]
) -> None:
    with pytest.raises(ValidationError) as refused:
        letter_selections.find(owner, "tier:Platinum")
    assert "“Platinum” is not a loyalty tier (Gold)" in refused.value.message


def test_loyalty_cards_for_a_tier(owner: Session, gold: list[int], tmp_path: Path) -> None:
    outcome = loyalty_cards.print_cards(
        owner, loyalty_cards.CardRequest(selection="tier:Gold"), tmp_path / "gold.pdf"
    )
    assert [card.customer_id for card in outcome.plan.cards] == gold
