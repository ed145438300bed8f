"""A small shop for the letters tests (services, command line, window): eight customers with
known consent, addresses in five countries and scripts, two at one address, and purchases."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from pypdf import PdfReader

from shopcards.core.purchase import PurchaseInput
from shopcards.services import cards, purchases
from shopcards.services.session import Session
from shopcards.services.settings import update_settings
from tests.conftest import card_input


@dataclass(frozen=True)
class Customer:
    given: str
    family: str
    fields: dict[str, str]
    last_visit: str = ""


HELSINKI = {"address": "Kauppakatu 12 A 3", "postcode": "00100", "city": "Helsinki"}
CUSTOMERS = {
    "anna": Customer(
        "Anna",
        "Virtanen",
        HELSINKI | {"consent_post": "yes", "birthday": "--12-20", "greeting": "christmas"},
        "2025-03-03",
    ),
    "mikko": Customer(
        "Mikko",
        "Virtanen",
        {
            "address": "kauppakatu 12 a 3",
            "postcode": "00 100",
            "city": "HELSINKI",
            "consent_post": "yes",
            "birthday": "1980-01-05",
            "greeting": "christmas",
        },
        "2026-10-01",
    ),
    "john": Customer(
        "John",
        "Smith",
        {
            "address": "10 Downing Street",
            "postcode": "SW1A 2AA",
            "city": "London",
            "country": "GB",
            "consent_post": "no",
            "greeting": "christmas",
        },
    ),
    "erik": Customer("Erik", "Söderberg", {"consent_post": "yes", "birthday": "--12-24"}),
    "ioana": Customer(
        "Ioana",
        "Ștefănescu",
        {
            "address": "Strada Țării 5, ap. 3",
            "postcode": "400123",
            "city": "Cluj-Napoca",
            "country": "RO",
            "consent_post": "not_asked",
        },
    ),
    "david": Customer(
        "דוד",
        "כהן",
        {
            "address": "רחוב הרצל 12",
            "postcode": "6100000",
            "city": "תל אביב",
            "country": "IL",
            "consent_post": "yes",
            "greeting": "hanukkah",
            "birthday": "--12-28",
        },
        "2026-11-02",
    ),
    "aram": Customer(
        "Արամ",
        "Պետրոսյան",
        {
            "address": "Աբովյան փողոց 10",
            "postcode": "0010",
            "city": "Երևան",
            "country": "AM",
            "consent_post": "yes",
            "anniversary": "2010-06-15",
            "greeting": "new_year",
        },
    ),
    "paivi": Customer(
        "Päivi",
        "Järvinen",
        {
            "address": "Hämeenkatu 7 B 12",
            "postcode": "33100",
            "city": "Tampere",
            "consent_post": "yes",
            "birthday": "--02-29",
            "greeting": "new_year",
        },
        "2024-05-17",
    ),
}


def build_shop(session: Session) -> dict[str, int]:
    """Fill the owner's card file; returns the card id of each customer by short name."""
    update_settings(
        session,
        shop_name="Aurora Deli",
        region="FI",
        locale="en_GB",
        shop_address="Kauppakatu 1\n00100 Helsinki",
        shop_phone="+358 9 123 4567",
    )
    ids: dict[str, int] = {}
    for short, customer in CUSTOMERS.items():
        card = cards.add_card(
            session,
            card_input(customer.given, customer.family, **customer.fields),
            allow_duplicate=True,
        )
        assert card.id is not None
        ids[short] = card.id
        if customer.last_visit:
            purchases.record_purchase(
                session, card.id, PurchaseInput("12.50", date=customer.last_visit)
            )
            purchases.record_purchase(session, card.id, PurchaseInput("3.00", date="2020-01-01"))
    return ids


def page_texts(path: Path) -> list[str]:
    return [page.extract_text() for page in PdfReader(path).pages]


def words(text: str) -> set[str]:
    """The words of a text in any order (pypdf reads a Hebrew line's words from the left)."""
    return set(re.findall(r"\w+", text))


def names_on(text: str) -> set[str]:
    """Which of the shop's customers a page names (given and family name both on it)."""
    found = words(text)
    return {short for short, c in CUSTOMERS.items() if words(f"{c.given} {c.family}") <= found}
