"""What the kept card holds after a merge when the owner says nothing, and what each choice
gives: gaps filled from the other card, the fuller address taken whole, lists united, a "no"
to contact kept, and a choice that does not exist named."""

from __future__ import annotations

import pytest

from shopcards.core.card import Card, Consent, Phone
from shopcards.core.card_merge import choices_with, default_choices, merged_card
from shopcards.core.errors import ShopError

KEPT = Card(
    given_name="Timo",
    family_name="Lindholm",
    postcode="90622",
    city="Oulu",
    phones=(Phone("+358405587267", "mobile"),),
    consent_post=Consent.YES,
    consent_phone=Consent.NOT_ASKED,
    greeting="none",
    notes="Likes tea.",
    interests=("tea",),
)
OTHER = Card(
    given_name="Tim",
    family_name="Lindholm",
    address_lines=("Hämeentie 80",),
    postcode="90622",
    city="Oulu",
    country="FI",
    phones=(Phone("+358405587267", ""), Phone("+358501112223", "work")),
    email="timo@example.fi",
    consent_post=Consent.NO,
    consent_phone=Consent.YES,
    greeting="christmas",
    notes="Likes tea.\nAsks for receipts.",
    interests=("Coffee", "tea"),
)


def test_said_nothing_the_kept_card_is_completed_from_the_other() -> None:
    card = merged_card(KEPT, OTHER, default_choices(KEPT, OTHER))
    assert card.given_name == "Timo"
    assert (card.address_lines, card.country) == (("Hämeentie 80",), "FI")
    assert card.email == "timo@example.fi"
    assert card.greeting == "christmas"
    assert card.phones == (Phone("+358405587267", "mobile"), Phone("+358501112223", "work"))
    assert card.interests == ("Coffee", "tea")
    assert card.notes == "Likes tea.\nAsks for receipts."
    assert (card.consent_post, card.consent_phone) == (Consent.NO, Consent.YES)


def test_each_choice_is_what_the_owner_took() -> None:
    take = {"given_name": "other", "address": "kept", "interests": "kept", "phones": "other"}
    card = merged_card(KEPT, OTHER, choices_with(KEPT, OTHER, take))
    assert (card.given_name, card.address_lines, card.interests) == ("Tim", (), ("tea",))
    assert card.phones == OTHER.phones


@pytest.mark.parametrize(
    ("take", "said"),
    [({"size": "other"}, "“size” is not a field"), ({"email": "both"}, "say kept or other")],
)
def test_a_choice_that_does_not_exist_is_named(take: dict[str, str], said: str) -> None:
    with pytest.raises(ShopError, match=said):
        choices_with(KEPT, OTHER, take)
