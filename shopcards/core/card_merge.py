"""What the kept card holds after two cards of one person are merged, field by field.

The owner chooses, for each field, the kept card's value (``kept``), the other card's
(``other``), or for a list both united (``both``: phones, interests, notes). Without a choice a
field keeps the kept card's value, or takes the other's when the kept card has none; lists are
united; a consent takes the "no" of either card, since a customer who said no on one card has
said no (a merge must never re-grant what was withdrawn). An address is taken whole from the
card that fills in more of it (lines, postcode, city, country).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

from shopcards.core.card import Card, Consent
from shopcards.core.errors import ShopError
from shopcards.core.i18n import _

KEPT = "kept"
OTHER = "other"
BOTH = "both"


@dataclass(frozen=True)
class MergeField:
    """One choice of the merge: its key, and the Card attributes it carries together."""

    key: str
    attributes: tuple[str, ...]
    unites: bool = False

    def value(self, card: Card) -> tuple[Any, ...]:
        return tuple(getattr(card, name) for name in self.attributes)


MERGE_FIELDS: tuple[MergeField, ...] = (
    MergeField("given_name", ("given_name",)),
    MergeField("family_name", ("family_name",)),
    MergeField("title", ("title",)),
    MergeField("salutation", ("salutation",)),
    MergeField("address", ("address_lines", "postcode", "city", "country")),
    MergeField("phones", ("phones",), unites=True),
    MergeField("email", ("email",)),
    MergeField("birthday", ("birthday",)),
    MergeField("anniversary", ("anniversary", "anniversary_what")),
    MergeField("greeting", ("greeting",)),
    MergeField("interests", ("interests",), unites=True),
    MergeField("consent_post", ("consent_post",)),
    MergeField("consent_phone", ("consent_phone",)),
    MergeField("consent_email", ("consent_email",)),
    MergeField("customer_type", ("customer_type",)),
    MergeField("is_staff", ("is_staff",)),
    MergeField("notes", ("notes",), unites=True),
)
FIELD_KEYS = tuple(field.key for field in MERGE_FIELDS)


def field_named(key: str) -> MergeField:
    for field in MERGE_FIELDS:
        if field.key == key:
            return field
    raise ShopError(
        _(
            "“{key}” is not a field of a card. The fields are: {fields}.",
            key=key,
            fields=", ".join(FIELD_KEYS),
        )
    )


def default_choices(kept: Card, other: Card) -> dict[str, str]:
    """The choice per field when the owner says nothing (see the module's docstring)."""
    return {field.key: _default(field, kept, other) for field in MERGE_FIELDS}


def choices_with(kept: Card, other: Card, take: Mapping[str, str]) -> dict[str, str]:
    """The default choices with the owner's ``take`` (field key -> kept/other/both) over them;
    ShopError naming a field or a choice that does not exist."""
    chosen = default_choices(kept, other)
    for key, choice in take.items():
        field = field_named(key)
        allowed = (KEPT, OTHER, BOTH) if field.unites else (KEPT, OTHER)
        if choice not in allowed:
            raise ShopError(
                _(
                    "“{choice}” is no choice for {key}: say {allowed}.",
                    choice=choice,
                    key=key,
                    # Translators: between the choices kept, other and both
                    allowed=_(" or ").join(allowed),
                )
            )
        chosen[key] = choice
    return chosen


def merged_card(kept: Card, other: Card, choices: Mapping[str, str]) -> Card:
    """The kept card as it will be after the merge (its id, number and history its own)."""
    changes: dict[str, Any] = {}
    for field in MERGE_FIELDS:
        choice = choices.get(field.key, KEPT)
        if choice == OTHER:
            changes.update({name: getattr(other, name) for name in field.attributes})
        elif choice == BOTH:
            changes[field.key] = _united(field.key, kept, other)
    return replace(kept, **changes)


def differing_fields(kept: Card, other: Card) -> list[MergeField]:
    """The fields in which the two cards differ: the only ones worth asking about."""
    return [field for field in MERGE_FIELDS if field.value(kept) != field.value(other)]


def _default(field: MergeField, kept: Card, other: Card) -> str:
    if field.unites:
        return BOTH
    mine, theirs = field.value(kept), field.value(other)
    if field.key.startswith("consent_"):
        return OTHER if theirs[0] is Consent.NO or mine[0] is Consent.NOT_ASKED else KEPT
    return OTHER if _filled(field, other) > _filled(field, kept) else KEPT


def _filled(field: MergeField, card: Card) -> int:
    """How many of the field's parts the card fills in (a greeting of "none" fills nothing):
    the other card's address wins when it is more complete."""
    return sum(1 for value in field.value(card) if value and value != "none")


def _united(key: str, kept: Card, other: Card) -> Any:
    if key == "phones":
        numbers = {phone.number for phone in kept.phones}
        return kept.phones + tuple(p for p in other.phones if p.number not in numbers)
    if key == "interests":
        return tuple(sorted(set(kept.interests) | set(other.interests), key=str.casefold))
    lines = (*kept.notes.splitlines(), *other.notes.splitlines())  # each line once
    return "\n".join(dict.fromkeys(line for line in lines if line.strip()))
