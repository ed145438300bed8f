"""What an import's "update" does to a card, and how the import's undo takes it back.

The existing card takes the file's non-empty fields; phones and interests are added to the
card's own rather than replacing them. The values the card held before are kept as JSON in the
change log, so undoing the import puts exactly those back.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from shopcards.core.card import Card, Consent, CustomerType, PartialDate, Phone

_BLANK = Card()
FILLED = (
    "title", "salutation", "given_name", "family_name", "address_lines", "postcode", "city",
    "country", "phones", "email", "birthday", "anniversary", "anniversary_what", "greeting",
    "interests", "consent_post",
    "consent_phone", "consent_email", "customer_type", "notes",
)  # fmt: skip
"""The fields an imported row can give a card."""
_ADDED_TO = ("phones", "interests")


def fill(existing: Card, incoming: Card) -> Card:
    """``existing`` with every field ``incoming`` gives (is not blank in) taken from it."""
    taken: dict[str, Any] = {}
    for name in FILLED:
        value = getattr(incoming, name)
        if value == getattr(_BLANK, name):
            continue
        if name == "phones":
            value = _added_phones(existing.phones, value)
        elif name in _ADDED_TO:
            value = tuple(dict.fromkeys((*getattr(existing, name), *value)))
        taken[name] = value
    return replace(existing, **taken)


def _added_phones(held: tuple[Phone, ...], given: tuple[Phone, ...]) -> tuple[Phone, ...]:
    """The card's phones, then the file's numbers it does not have yet: a number the card
    holds as "mobile" and the file without a label (a contact's second mobile) is one phone."""
    numbers = {phone.number for phone in held}
    return (*held, *(phone for phone in given if phone.number not in numbers))


def values_before(before: Card, after: Card) -> dict[str, Any]:
    """The fields ``after`` changed, with the values ``before`` held, as JSON can hold them."""
    return {
        name: _plain(getattr(before, name))
        for name in FILLED
        if getattr(before, name) != getattr(after, name)
    }


def restore(card: Card, before: dict[str, Any]) -> Card:
    """``card`` with the values :func:`values_before` kept put back."""
    return replace(card, **{name: _typed(name, value) for name, value in before.items()})


def _plain(value: Any) -> Any:
    if isinstance(value, PartialDate):
        return value.iso()
    if isinstance(value, tuple):
        return [[p.number, p.label] if isinstance(p, Phone) else p for p in value]
    return value.value if isinstance(value, (Consent, CustomerType)) else value


def _typed(name: str, value: Any) -> Any:
    if name == "birthday":
        return PartialDate.from_iso(value) if value else None
    if name == "phones":
        return tuple(Phone(number, label) for number, label in value)
    if name in ("address_lines", "interests"):
        return tuple(value)
    if name.startswith("consent_"):
        return Consent(value)
    if name == "customer_type":
        return CustomerType(value) if value else None
    return value
