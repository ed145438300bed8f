"""The words the window uses for a card's coded values, shared by the card view and the form."""

from __future__ import annotations

from shopcards.core.card import Consent, CustomerType, JoinedVia

GREETINGS = {
    "christmas": "Christmas",
    "hanukkah": "Hanukkah",
    "new_year": "New Year",
    "none": "None",
}
CONSENT = {Consent.YES: "Yes", Consent.NO: "No", Consent.NOT_ASKED: "Not asked"}
JOINED_VIA = {
    JoinedVia.TILL: "Slip at the till",
    JoinedVia.OWNER: "Added by the owner",
    JoinedVia.IMPORT: "Imported",
}
CUSTOMER_TYPES = {
    None: "—",
    CustomerType.LOYAL: "Loyal",
    CustomerType.DISCOUNT: "Discount",
    CustomerType.IMPULSE: "Impulse",
    CustomerType.NEED_BASED: "Need-based",
    CustomerType.WANDERING: "Wandering",
}
FIELD_LABELS = {
    "title": "Title",
    "salutation": "Salutation",
    "given_name": "Given name",
    "family_name": "Family name",
    "address": "Address",
    "address_lines": "Address",
    "postcode": "Postcode",
    "city": "City",
    "country": "Country",
    "phones": "Phones",
    "email": "E-mail",
    "birthday": "Birthday",
    "anniversary": "Anniversary",
    "anniversary_what": "Anniversary of",
    "greeting": "Greeting card",
    "interests": "Interests",
    "consent_post": "Post consent",
    "consent_phone": "Phone consent",
    "consent_email": "E-mail consent",
    "joined_via": "Joined via",
    "customer_type": "Customer type",
    "is_staff": "Staff member",
    "notes": "Notes",
    "archived_at": "Archived",
    "card_no": "Card no.",
}
"""Each field's visible label; the form's inputs carry the same as their accessible name."""


def greeting_label(code: str) -> str:
    """A built-in greeting's name, or a shop-added one shown as it was typed."""
    return GREETINGS.get(code, code.replace("_", " ").capitalize())
