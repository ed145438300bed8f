"""What a letter batch is: the request (what to print, for whom), the plan it becomes (each
piece with its merge values, who is left out and why) and the outcome, kept apart from
services/letters.py, which makes and prints them."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING

from shopcards.core.i18n import N_, _, ngettext, npgettext
from shopcards.core.mailing import Excluded
from shopcards.core.templates import Template, TemplateKind

if TYPE_CHECKING:
    from shopcards.printing import PrintResult
    from shopcards.services.letter_setup import PrintSetup
    from shopcards.services.templates import TemplateInfo


ASKED_FIELDS: Mapping[str, str] = MappingProxyType(
    {
        "event_date": N_("Event date"),
        "prize": N_("Prize"),
    }
)
"""Merge fields typed in when printing, with the label of their input (translate it where
shown)."""
MAX_HOLDOUT = 0.5
HELD_BACK = N_("held back to measure the effect")
"""The reason shown beside a customer the owner's hold-out kept from a mailing."""


class Output(StrEnum):
    """What a batch prints."""

    LETTERS = "letters"
    CARDS = "cards"
    ENVELOPES = "envelopes"
    LABELS = "labels"

    @property
    def template_kind(self) -> TemplateKind | None:
        """The kind of template this output prints, or None when it takes no template."""
        return {Output.LETTERS: TemplateKind.LETTER, Output.CARDS: TemplateKind.CARD}.get(self)


@dataclass(frozen=True)
class LetterRequest:
    """What the owner asked for: what to print, for whom, from which template, and how."""

    output: Output
    selection: str
    template_key: str = ""
    template_file: Path | None = None
    """A template file to print from instead of a template in the card file."""
    households: bool = False
    """One letter per address instead of one per person."""
    extra: Mapping[str, str] = field(default_factory=dict)
    """Values of the :data:`ASKED_FIELDS` the template uses."""
    holdout_share: float = 0.0
    """A share of the recipients (0–0.5) chosen at random and sent nothing, so "Did it work?"
    can compare them with those who were sent it. None unless the owner asks for it: a
    customer is never silently left without the letter meant for them."""
    label_start: int = 1
    """Labels: the first free label on a part-used sheet (1 = top-left)."""
    reply: bool = False
    """A letter the customer asked for by taking part (the prize winner's): it needs a postal
    address and no "no" to post, but not a "yes" (a till slip seldom asks)."""


@dataclass(frozen=True)
class Piece:
    """One letter, card, envelope or label: its cards, merge values, address, file key."""

    customer_ids: tuple[int, ...]
    values: Mapping[str, str]
    address: tuple[str, ...]
    key: str
    name: str


@dataclass(frozen=True)
class BatchPlan:
    """A batch ready to draw: the pieces, who was left out and why, and who was held back."""

    request: LetterRequest
    template: TemplateInfo | None
    parsed: Template | None
    pieces: tuple[Piece, ...]
    excluded: tuple[Excluded, ...]
    held_back: tuple[Excluded, ...]
    """Who the owner's hold-out kept from the mailing (named, so the owner can see who)."""
    chosen: int
    """How many customers the selection named."""
    blank: Mapping[str, int]
    """Merge field -> how many pieces have nothing to put there (e.g. no last visit yet)."""
    setup: PrintSetup

    @property
    def held_out(self) -> tuple[int, ...]:
        """The ids of the customers held back."""
        return tuple(entry.customer_id for entry in self.held_back)

    @property
    def customers(self) -> int:
        """How many customers get something (a household letter counts each person)."""
        return sum(len(piece.customer_ids) for piece in self.pieces)

    def summary(self) -> str:
        """ "38 letters to 41 customers; 12 left out" — the line the screen and CLI print."""
        pieces = _pieces_to(self.request.output, len(self.pieces))
        text = ngettext(
            "{pieces} to {count} customer",
            "{pieces} to {count} customers",
            self.customers,
            pieces=pieces,
            count=_number(self.customers),
        )
        if self.excluded:
            n = len(self.excluded)
            left = ngettext("{count} left out", "{count} left out", n, count=_number(n))
            text = _("{summary}; {more}", summary=text, more=left)
        if self.held_out:
            n = len(self.held_out)
            held = ngettext(
                "{count} customer held back to compare",
                "{count} customers held back to compare",
                n,
                count=_number(n),
            )
            text = _("{summary}; {more}", summary=text, more=held)
        return text


def _number(n: int) -> str:
    return f"{n:,}"


def _pieces_to(output: Output, n: int) -> str:
    """ "38 letters", "1 card": what a batch prints, counted."""
    count = _number(n)
    if output is Output.LETTERS:
        return ngettext("{count} letter", "{count} letters", n, count=count)
    if output is Output.CARDS:
        return npgettext("greeting cards", "{count} card", "{count} cards", n, count=count)
    if output is Output.ENVELOPES:
        return ngettext("{count} envelope", "{count} envelopes", n, count=count)
    return ngettext("{count} label", "{count} labels", n, count=count)


@dataclass(frozen=True)
class BatchOutcome:
    plan: BatchPlan
    result: PrintResult
    batch_id: int | None


# Planning -------------------------------------------------------------------------------------
