"""The engine's entry points: check everything first, then draw a batch into PDF files.

Every check that can fail (the template's kind, a missing merge value, an unreadable logo, an
impossible label sheet) runs before the first page is drawn, so an error never leaves a
half-printed batch; drawing then goes to a temporary file that is renamed at the end.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

from shopcards.core.errors import ValidationError
from shopcards.core.i18n import ENGLISH, N_, Words, _, words
from shopcards.core.printed import PrintResult
from shopcards.core.progress import Report
from shopcards.core.templates import Template, TemplateKind
from shopcards.printing.cards import FOLDS, CardPrinter
from shopcards.printing.envelopes import EnvelopePrinter
from shopcards.printing.fonts import font_book
from shopcards.printing.images import check_image
from shopcards.printing.labels import LabelPrinter
from shopcards.printing.letters import LetterPrinter
from shopcards.printing.loyalty_cards import (
    CARD_TITLE,
    LoyaltyCard,
    LoyaltyCardPrinter,
    check_cards,
)
from shopcards.printing.model import Letterhead, Recipient
from shopcards.printing.output import Job, write_combined, write_separate
from shopcards.printing.pages import (
    CARD_SHEETS,
    ENVELOPES,
    LABEL_SHEETS,
    LETTER_GEOMETRY,
    MM,
    LabelSheet,
)
from shopcards.printing.textlayout import Layout

ENVELOPES_TITLE = N_("Envelopes")
LABELS_TITLE = N_("Address labels")
CARDS_TITLE = N_("Loyalty cards")
"""The PDFs' titles (a viewer shows them in its title bar)."""


def _layout() -> Layout:
    return Layout(font_book())


def _choice(value: str, allowed: Sequence[str], what: str) -> str:
    key = value.upper().replace(" ", "").replace("#", "")
    if key not in allowed:
        raise ValidationError(
            {what: _("“{value}” is not one of {allowed}", value=value, allowed=", ".join(allowed))}
        )
    return key


def _check_template(template: Template, kind: TemplateKind) -> None:
    if template.kind is not kind:
        said = _(
            "“{name}” is a {kind} template, not a {wanted} one",
            name=template.name,
            kind=template.kind.value,
            wanted=kind.value,
        )
        raise ValidationError({"template": said})


def _check_values(
    template: Template,
    recipients: Sequence[Recipient],
    values_for: Callable[[Recipient], Mapping[str, str]],
) -> None:
    """Every recipient has a value for every field the template uses (or nothing prints)."""
    for number, recipient in enumerate(recipients, start=1):
        template.check_values(
            values_for(recipient), who=recipient.key or _("recipient {number}", number=number)
        )


def _check_letterhead(letterhead: Letterhead) -> None:
    check_image(letterhead.logo)
    check_image(letterhead.signature)


def _write(
    out: Path,
    job: Job[Recipient],
    recipients: Sequence[Recipient],
    separate_files: bool,
    progress: Report | None,
) -> PrintResult:
    if separate_files:
        keys = [recipient.key for recipient in recipients]
        return write_separate(out, job, recipients, keys, progress)
    return write_combined(out, job, recipients, progress)


def print_letters(
    template: Template,
    recipients: Sequence[Recipient],
    out: Path,
    *,
    letterhead: Letterhead,
    paper: str = "A4",
    date_text: str = "",
    separate_files: bool = False,
    progress: Report | None = None,
) -> PrintResult:
    """One personalised letter per recipient, addressed for a window envelope.

    ``paper`` is "A4" (DIN 5008, DL/C5 window) or "Letter" (US #10 window). ``out`` is the
    PDF, or with ``separate_files`` the folder that gets one PDF per recipient.
    """
    paper = _choice(paper, tuple(LETTER_GEOMETRY), "paper")
    _check_template(template, TemplateKind.LETTER)
    _check_letterhead(letterhead)
    printer = LetterPrinter(template, letterhead, _layout(), paper, date_text)
    _check_values(template, recipients, printer.values_for)
    size = (printer.page_width, printer.page_height)
    job = Job(size, template.name, letterhead.shop_name, printer.draw, printer.setup)
    return _write(out, job, recipients, separate_files, progress)


def print_cards(
    template: Template,
    recipients: Sequence[Recipient],
    out: Path,
    *,
    letterhead: Letterhead,
    paper: str = "A4",
    fold: str = "quarter",
    separate_files: bool = False,
    progress: Report | None = None,
) -> PrintResult:
    """One folded greeting card per recipient, printed on one sheet.

    ``fold="quarter"``: one page per card, printed on one side, folded twice. ``fold="half"``:
    two landscape pages per card (outside, inside) for double-sided printing, flipped on the
    short edge, folded once.
    """
    paper = _choice(paper, tuple(LETTER_GEOMETRY), "paper")
    if fold not in FOLDS:
        raise ValidationError(
            {"fold": _("“{value}” is not one of {allowed}", value=fold, allowed=", ".join(FOLDS))}
        )
    _check_template(template, TemplateKind.CARD)
    _check_letterhead(letterhead)
    printer = CardPrinter(template, letterhead, _layout(), paper, fold)
    _check_values(template, recipients, printer.values_for)
    job = Job(printer.page_size, template.name, letterhead.shop_name, printer.draw, printer.setup)
    return _write(out, job, recipients, separate_files, progress)


def print_envelopes(
    recipients: Sequence[Recipient],
    out: Path,
    *,
    letterhead: Letterhead,
    size: str = "DL",
    progress: Report | None = None,
    said: Words | None = None,
) -> PrintResult:
    """One envelope per recipient: the shop top-left, the recipient right of centre.

    ``size`` is one of DL, C5, C6, US10; the PDF is titled in ``said``'s language (the
    letters'; English unless told).
    """
    key = _choice(size, tuple(ENVELOPES), "size")
    _check_letterhead(letterhead)
    printer = EnvelopePrinter(ENVELOPES[key], letterhead, _layout())
    title = (said or words(ENGLISH)).gettext(ENVELOPES_TITLE)
    job = Job(printer.page_size, title, letterhead.shop_name, printer.draw, printer.setup)
    return write_combined(out, job, recipients, progress)


def print_labels(
    recipients: Sequence[Recipient],
    out: Path,
    *,
    sheet: str | LabelSheet = "L7160",
    start_at: int = 1,
    offset_mm: tuple[float, float] = (0.0, 0.0),
    progress: Report | None = None,
    said: Words | None = None,
) -> PrintResult:
    """Address labels, filling sheets across then down, the PDF titled in ``said``'s language
    (the letters' language; English unless told).

    ``sheet`` is a name in LABEL_SHEETS or a custom LabelSheet; ``start_at`` (1-based) skips
    the labels already peeled off a part-used first sheet; ``offset_mm`` = (right, down) moves
    everything to correct a printer that prints off the mark (negative: left, up).
    """
    chosen = _sheet(sheet, LABEL_SHEETS, start_at, offset_mm)
    printer = LabelPrinter(chosen, _layout(), start_at, offset_mm)
    size = (chosen.page_width * MM, chosen.page_height * MM)
    title = (said or words(ENGLISH)).gettext(LABELS_TITLE)
    job = Job(size, title, "", printer.draw, finish=printer.finish)
    return write_combined(out, job, recipients, progress)


def _sheet(
    sheet: str | LabelSheet,
    named: Mapping[str, LabelSheet],
    start_at: int,
    offset_mm: tuple[float, float],
) -> LabelSheet:
    """The sheet asked for (a name in ``named`` or a custom one), checked with where to start
    on it and how far to move everything."""
    chosen = named[_choice(sheet, tuple(named), "sheet")] if isinstance(sheet, str) else sheet
    chosen.check()
    if not 1 <= start_at <= chosen.per_sheet:
        raise ValidationError(
            {"start_at": _("must be between 1 and {last}", last=chosen.per_sheet)}
        )
    if any(abs(v) > 20 for v in offset_mm):
        raise ValidationError({"offset": _("a printer offset is at most 20 mm either way")})
    return chosen


def print_loyalty_cards(
    cards: Sequence[LoyaltyCard],
    out: Path,
    *,
    letterhead: Letterhead,
    sheet: str | LabelSheet = "C32011",
    start_at: int = 1,
    offset_mm: tuple[float, float] = (0.0, 0.0),
    progress: Report | None = None,
    said: Words | None = None,
) -> PrintResult:
    """Loyalty cards with the card number as a barcode, filling sheets across then down, their
    words in ``said``'s language (the letters' language; English unless told).

    ``sheet`` is a name in CARD_SHEETS ("C32011": 10 business-card blanks on A4, "SINGLE":
    one 85.6 × 54 mm card per page) or a custom LabelSheet; ``start_at`` and ``offset_mm`` as
    for :func:`print_labels`. Every card number must be digits with its check digit.
    """
    chosen = _sheet(sheet, CARD_SHEETS, start_at, offset_mm)
    _check_letterhead(letterhead)
    check_cards(cards)
    said = said or words(ENGLISH)
    printer = LoyaltyCardPrinter(
        chosen, letterhead, _layout(), start_at, offset_mm, said.gettext(CARD_TITLE)
    )
    size = (chosen.page_width * MM, chosen.page_height * MM)
    title = said.gettext(CARDS_TITLE)
    job = Job(size, title, letterhead.shop_name, printer.draw, printer.setup, printer.finish)
    return write_combined(out, job, cards, progress)
