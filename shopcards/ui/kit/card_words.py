"""The words the window uses for a card's coded values, shared by the card view and the form."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Generic, TypeVar

from shopcards.core.card import Consent, CustomerType, JoinedVia
from shopcards.core.i18n import N_, _

K = TypeVar("K")


class Labels(Mapping[K, str], Generic[K]):
    """Words kept by key (marked with ``N_`` where written, at import time), each said in the
    language in use when it is looked up: the screens that index these read them translated."""

    def __init__(self, words: Mapping[K, str]) -> None:
        self._words = dict(words)

    def __getitem__(self, key: K) -> str:
        return _(self._words[key])

    def __iter__(self) -> Iterator[K]:
        return iter(self._words)

    def __len__(self) -> int:
        return len(self._words)

    def __or__(self, more: Mapping[K, str]) -> Labels[K]:
        return Labels({**self._words, **more})


GREETINGS = Labels(
    {
        "christmas": N_("Christmas"),
        "hanukkah": N_("Hanukkah"),
        "new_year": N_("New Year"),
        "none": N_("None"),
    }
)
CONSENT = Labels({Consent.YES: N_("Yes"), Consent.NO: N_("No"), Consent.NOT_ASKED: N_("Not asked")})
JOINED_VIA = Labels(
    {
        JoinedVia.TILL: N_("Slip at the till"),
        JoinedVia.OWNER: N_("Added by the owner"),
        JoinedVia.IMPORT: N_("Imported"),
    }
)
CUSTOMER_TYPES = Labels(
    {
        None: "—",
        CustomerType.LOYAL: N_("Loyal"),
        CustomerType.DISCOUNT: N_("Discount"),
        CustomerType.IMPULSE: N_("Impulse"),
        CustomerType.NEED_BASED: N_("Need-based"),
        CustomerType.WANDERING: N_("Wandering"),
    }
)
FIELD_LABELS = Labels(
    {
        "title": N_("Title"),
        "salutation": N_("Salutation"),
        "given_name": N_("Given name"),
        "family_name": N_("Family name"),
        "address": N_("Address"),
        "address_lines": N_("Address"),
        "postcode": N_("Postcode"),
        "city": N_("City"),
        "country": N_("Country"),
        "phones": N_("Phones"),
        "email": N_("E-mail"),
        "birthday": N_("Birthday"),
        "anniversary": N_("Anniversary"),
        "anniversary_what": N_("Anniversary of"),
        "greeting": N_("Greeting card"),
        "interests": N_("Interests"),
        "consent_post": N_("Post consent"),
        "consent_phone": N_("Phone consent"),
        "consent_email": N_("E-mail consent"),
        "joined_via": N_("Joined via"),
        "customer_type": N_("Customer type"),
        "is_staff": N_("Staff member"),
        "notes": N_("Notes"),
        "archived_at": N_("Archived"),
        "card_no": N_("Card no."),
    }
)
"""Each field's visible label; the form's inputs carry the same as their accessible name."""


def greeting_label(code: str) -> str:
    """A built-in greeting's name, or a shop-added one shown as it was typed."""
    return GREETINGS.get(code, code.replace("_", " ").capitalize())
