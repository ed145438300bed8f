"""The words the window uses for a card's coded values, shared by the card view and the form:
core/card_fields.py's tables, each said in the language in use when it is looked up."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Generic, TypeVar

from shopcards.core import card_fields
from shopcards.core.card import Consent
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


GREETINGS = Labels(card_fields.GREETINGS)
CONSENT = Labels({Consent.YES: N_("Yes"), Consent.NO: N_("No"), Consent.NOT_ASKED: N_("Not asked")})
JOINED_VIA = Labels(card_fields.JOINED_VIA)
CUSTOMER_TYPES = Labels({None: "—", **card_fields.CUSTOMER_TYPES})
FIELD_LABELS = Labels(
    {**card_fields.CARD_FIELDS, "address": card_fields.CARD_FIELDS["address_lines"]}
)
"""Each field's visible label (core/card_fields.py, the one table of them; the form's address
block is its lines'); the form's inputs carry the same as their accessible name."""


def greeting_label(code: str) -> str:
    """A built-in greeting's name, or a shop-added one shown as it was typed."""
    return GREETINGS.get(code, code.replace("_", " ").capitalize())
