"""Phones are read in the card's country, else the shop's (issue 10): a Finnish mobile typed
as Finns write it is stored, found and matched as Finnish."""

from __future__ import annotations

from pathlib import Path

import pytest

from shopcards.core.card import CardQuery
from shopcards.core.phones import region_for_country
from shopcards.services import cards, purchase_import
from shopcards.services.session import Session
from shopcards.services.settings import update_settings
from tests.conftest import card_input

FINNISH_MOBILE = "040 765 4321"


def _add(session: Session, country: str = "") -> str:
    card = cards.add_card(
        session, card_input("Aino", "Koivu", country=country, phones=[("", FINNISH_MOBILE)])
    )
    return card.phones[0].number


def test_a_finnish_shop_stores_a_national_number_as_finnish(owner: Session) -> None:
    update_settings(owner, region="FI", locale="fi_FI")
    assert _add(owner) == "+358407654321"


@pytest.mark.parametrize("country", ["Finland", "Suomi", "FI", "finlande", "Finnland"])
def test_a_british_shop_reads_the_phone_in_the_cards_own_country(
    owner: Session, country: str
) -> None:
    assert owner.settings.region == "GB"
    assert _add(owner, country) == "+358407654321"


def test_an_unknown_country_falls_back_to_the_shops_region() -> None:
    assert region_for_country("Narnia", "fi") == "FI"
    assert region_for_country("", "SE") == "SE"
    assert region_for_country("Sverige", "FI") == "SE"


@pytest.mark.parametrize("shop_region", ["FI", "GB"])
@pytest.mark.parametrize("typed", [FINNISH_MOBILE, "0407654321", "+358 40 765 4321"])
def test_the_number_is_found_however_it_is_typed(
    owner: Session, typed: str, shop_region: str
) -> None:
    """In a British shop too, when the card says Finland: the national form is a token."""
    update_settings(owner, region=shop_region)
    _add(owner, "Finland")
    found = cards.list_cards(owner, CardQuery(text=typed))
    assert [c.display_name for c in found] == ["Koivu, Aino"]


def test_the_till_import_matches_the_national_number(owner: Session, tmp_path: Path) -> None:
    update_settings(owner, region="FI", locale="fi_FI", currency="EUR")
    _add(owner)
    export = tmp_path / "till.csv"
    export.write_text(f"Date;Amount;Phone\n2026-11-20;12,50;{FINNISH_MOBILE}\n", encoding="utf-8")
    report = purchase_import.import_purchases(owner, export)
    assert report.imported and not report.problems
    assert [m.matched_by for m in report.matched] == ["phone"]
