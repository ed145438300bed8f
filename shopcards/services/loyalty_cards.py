"""Loyalty cards to print: from a choice of customers to a PDF of credit-card-size cards, each
with the customer's name and their card number as a barcode the till's scanner reads.

The steps, as for letters (services/letters.py), which the window and the command line both
take:

1. :func:`plan_cards` reads who is meant (chosen card ids, or a selection such as ``all``,
   ``cards:0000017,0000025`` or, once the tiers register it, ``tier:Gold``), leaves out who
   cannot get a card, each with the reason (an archived card, an erased or unknown id, a name
   in a script the printed cards cannot show), and checks the sheet and where to start on it.
   Cards for more than one customer are the owner's (they carry names out of the card file);
   a clerk may print the card of one customer, e.g. a new one at the till.
2. :func:`write_cards` draws the PDF from the plan alone, so a worker thread may run it; it is
   saved whole or not at all, and cancelling (``progress`` returns False) leaves no file.
3. :func:`print_cards` does both for the command line and logs the file as an export in the
   change log (names written to a file leave the card file).

The printing engine (reportlab) is imported only when a sheet is checked or a batch drawn.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from babel.numbers import format_decimal

from shopcards.core.card import Card
from shopcards.core.errors import ValidationError
from shopcards.core.i18n import N_, _, format_locale, ngettext, words
from shopcards.core.mailing import Excluded
from shopcards.services import letter_selections
from shopcards.services.exports import record_export
from shopcards.services.letter_setup import PrintSetup, letterhead_of, print_setup
from shopcards.services.session import Session, require_owner
from shopcards.store import customers
from shopcards.store import letters as store

if TYPE_CHECKING:
    from shopcards.core.printed import PrintResult
    from shopcards.core.progress import Report

__all__ = [
    "ARCHIVED",
    "NO_SUCH_CARD",
    "SHEET",
    "SINGLE",
    "CardOutcome",
    "CardPlan",
    "CardRequest",
    "CardToPrint",
    "card_sheets",
    "plan_cards",
    "print_cards",
    "write_cards",
]

SHEET = "C32011"
"""The default: an A4 sheet of 10 business-card blanks."""
SINGLE = "SINGLE"
"""One card per 85.6 × 54 mm page (a card printer, or to cut out)."""
ARCHIVED = N_("archived: bring the card back first")
NO_SUCH_CARD = N_("no such card: erased, or never made")
"""Why a card is left out (in English: translated where the plan is made)."""


@dataclass(frozen=True)
class CardRequest:
    """Whose cards to print and on what.

    Give ``customer_ids`` (the cards chosen in the cabinet) or a ``selection`` in the letters'
    words (:mod:`shopcards.services.letter_selections`: ``all`` is every card not archived).
    ``sheet`` is a key of :func:`card_sheets`; ``start_at`` the first free blank on a part-used
    sheet (1 = top-left).
    """

    customer_ids: tuple[int, ...] = ()
    selection: str = ""
    sheet: str = SHEET
    start_at: int = 1


@dataclass(frozen=True)
class CardToPrint:
    """One card: whose it is, its number (what the barcode holds) and the name it shows."""

    customer_id: int
    card_no: str
    name: str


@dataclass(frozen=True)
class CardPlan:
    """Cards ready to draw, who was left out and why, and the shop as the cards show it."""

    request: CardRequest
    cards: tuple[CardToPrint, ...]
    skipped: tuple[Excluded, ...]
    chosen: int
    """How many customers the request named."""
    setup: PrintSetup

    def summary(self) -> str:
        """ "12 loyalty cards; 2 left out" — the line the screen and the command line print."""
        count, left_out = len(self.cards), len(self.skipped)
        written = format_locale("")
        cards = ngettext(
            "{count} loyalty card",
            "{count} loyalty cards",
            count,
            count=format_decimal(count, locale=written),
        )
        if not left_out:
            return cards
        return ngettext(
            "{cards}; {count} left out",
            "{cards}; {count} left out",
            left_out,
            cards=cards,
            count=format_decimal(left_out, locale=written),
        )


@dataclass(frozen=True)
class CardOutcome:
    """What :func:`print_cards` planned and wrote (``result.cancelled``: nothing was)."""

    plan: CardPlan
    result: PrintResult


def card_sheets() -> list[tuple[str, str]]:
    """(key, name) of each sheet cards print on, the default first: for a choice on screen."""
    from shopcards.printing import CARD_SHEETS

    return [(key, sheet.name) for key, sheet in CARD_SHEETS.items()]


def plan_cards(session: Session, request: CardRequest) -> CardPlan:
    """Work out whose cards print, without drawing anything.

    Raises ValidationError (no customers named, both ids and a selection, an unknown sheet, a
    start-at beyond the sheet, a bad selection), PermissionDenied (a clerk and more than one
    customer) or NotFound (a card number in a ``cards:`` selection that is no card).
    """
    _check_sheet(request)
    ids = _chosen_ids(session, request)
    if len(ids) > 1:
        require_owner(
            session,
            # Translators: ends "Only the owner may …"
            _("print loyalty cards for more than one customer (a clerk may print one)"),
        )
    existing = set(store.existing(session.db, ids))
    skipped = [
        Excluded(i, "", _("card id {id}", id=i), _(NO_SUCH_CARD)) for i in ids if i not in existing
    ]
    found = [customers.get(session.db, card_id) for card_id in ids if card_id in existing]
    skipped += [_excluded(card, _(ARCHIVED)) for card in found if card.archived_at]
    live = [card for card in found if not card.archived_at]
    skipped += _unprintable(live)
    out = {entry.customer_id for entry in skipped}
    cards = tuple(
        CardToPrint(card.id, card.card_no, _name(card))
        for card in live
        if card.id is not None and card.id not in out
    )
    return CardPlan(request, cards, tuple(skipped), len(ids), print_setup(session.settings, ""))


def write_cards(plan: CardPlan, out: Path, *, progress: Report | None = None) -> PrintResult:
    """Draw the plan's cards into the PDF ``out`` with the shop's logo, name and printer
    offset. Needs no card file, so a worker thread may run it. ValidationError when the plan
    has no cards; CannotWrite (naming the path) when ``out`` cannot be written."""
    from shopcards import printing

    if not plan.cards:
        raise ValidationError(
            {"customers": _("Nobody to print a card for: {plan}.", plan=plan.summary())}
        )
    cards = [printing.LoyaltyCard(card.name, card.card_no) for card in plan.cards]
    return printing.print_loyalty_cards(
        cards,
        out,
        letterhead=letterhead_of(plan.setup),
        sheet=plan.request.sheet,
        start_at=plan.request.start_at,
        offset_mm=plan.setup.offset_mm,
        progress=progress,
        said=words(plan.setup.language),
    )


def print_cards(
    session: Session, request: CardRequest, out: Path, *, progress: Report | None = None
) -> CardOutcome:
    """Plan and draw the cards, and log the file in the change log; a cancel
    (:class:`~shopcards.core.errors.Cancelled`) leaves no file and no log line."""
    plan = plan_cards(session, request)
    result = write_cards(plan, out, progress=progress)
    record_export(session, "loyalty cards", out, len(plan.cards))
    return CardOutcome(plan, result)


def _check_sheet(request: CardRequest) -> None:
    from shopcards.printing import CARD_SHEETS

    sheet = CARD_SHEETS.get(request.sheet.upper())
    if sheet is None:
        raise ValidationError(
            {
                "sheet": _(
                    "“{sheet}” is not one of {sheets}",
                    sheet=request.sheet,
                    sheets=", ".join(CARD_SHEETS),
                )
            }
        )
    if not 1 <= request.start_at <= sheet.per_sheet:
        where = _("one card per page: start at 1") if sheet.per_sheet == 1 else sheet.name
        raise ValidationError(
            {
                "start_at": _(
                    "start at 1 to {last}, not {typed} ({sheet})",
                    last=sheet.per_sheet,
                    typed=request.start_at,
                    sheet=where,
                )
            }
        )


def _chosen_ids(session: Session, request: CardRequest) -> list[int]:
    if request.customer_ids and request.selection:
        raise ValidationError({"customers": _("Choose cards by id or by a selection, not both.")})
    if request.customer_ids:
        return list(dict.fromkeys(request.customer_ids))
    if not request.selection.strip():
        raise ValidationError({"customers": _("Choose whose loyalty cards to print.")})
    return letter_selections.find(session, request.selection)


def _name(card: Card) -> str:
    """The name on the card: given name first, without a title ("Anna Virtanen")."""
    return card.full_name or card.display_name


def _excluded(card: Card, reason: str) -> Excluded:
    assert card.id is not None
    return Excluded(card.id, card.card_no, card.display_name, reason)


def _unprintable(cards: Sequence[Card]) -> list[Excluded]:
    """Customers whose name has letters no font of the printing engine can draw: left out
    with the reason rather than handed a card with a blank where their name goes."""
    from shopcards.printing.fonts import font_book

    book = font_book()
    found: list[Excluded] = []
    for card in cards:
        scripts = book.missing(_name(card))
        if scripts:
            reason = _(
                "name in a script the printed cards cannot show yet ({scripts})", scripts=scripts
            )
            found.append(_excluded(card, reason))
    return found
