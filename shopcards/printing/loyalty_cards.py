"""Loyalty cards: credit-card size, the shop's logo and name, the customer's name, and the card
number as a barcode that the till's scanner reads.

The barcode is Code 128, not EAN-13: a card number is digits only (with its Luhn check digit),
and Code 128's set C packs two digits into one symbol, so a 7-digit number is 90 modules long
and fits a card with wide bars; it encodes exactly the card number the till's scan field takes
(EAN-13 would add a prefix and a check digit of its own, and the scanner would type those too).
Code 128 carries its own check symbol, so a misread bar is caught by the scanner as well.

The bars are sized for a real scanner at arm's length: the narrowest bar (the X-dimension) is
1/60 inch, 0.42 mm, which is a whole number of dots on 300 and 600 dpi printers (5 and 10), so
no bar is rounded thinner than its neighbours; each side keeps a quiet zone of at least 10 X
(here 6.35 mm, reportlab's default), and the bars are 10 mm tall. Nothing else is drawn beside
the bars.

Cards print one per page (85.6 × 54 mm, for a card printer or to cut out) or on A4 sheets of
business-card blanks, with the start-at and printer offset of the label sheets
(:class:`~shopcards.printing.labels.SheetCursor`). What every card shares (logo, shop name,
title) is a PDF form drawn once per file.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.graphics.barcode.code128 import Code128
from reportlab.lib.colors import Color, black
from reportlab.pdfgen.canvas import Canvas

from shopcards.core.card_numbers import is_card_number
from shopcards.core.errors import ValidationError
from shopcards.core.i18n import N_, _
from shopcards.core.templates import Span
from shopcards.printing.images import draw_image
from shopcards.printing.labels import SheetCursor
from shopcards.printing.model import Letterhead
from shopcards.printing.pages import INCH_MM, MM, LabelSheet
from shopcards.printing.textlayout import Align, LaidLine, Layout, draw_lines

X_DIM_MM = INCH_MM / 60
"""The narrowest bar: 0.42 mm, 5 dots at 300 dpi and 10 at 600 dpi."""
QUIET_MM = max(10 * X_DIM_MM, INCH_MM / 4)
"""White on each side of the bars: at least 10 X, and a quarter inch as reportlab's default."""
BAR_HEIGHT_MM = 10.0
MAX_DIGITS = 20
"""The longest card number whose bars and quiet zones fit across a card (153 modules)."""
PAD_MM = 4.0
"""The margin inside each card: blanks are cut with a little play."""
NAME_SIZES = (13.0, 12.0, 11.0, 10.0, 9.0)
GREY = Color(0.35, 0.35, 0.35)
_FACE = "shopcards-loyalty-face"
CARD_TITLE = N_("Loyalty card")
"""The words under the shop's name on every card (said in the letters' language)."""


@dataclass(frozen=True)
class LoyaltyCard:
    """One card to print: the name it shows and the card number its barcode holds."""

    name: str
    card_no: str


def check_cards(cards: Sequence[LoyaltyCard]) -> None:
    """Every card number is one the till accepts (digits with a valid check digit), short
    enough for its barcode to fit the card: a barcode that scans to a number that opens no
    card is worse than none."""
    wrong = [
        card.card_no
        for card in cards
        if not is_card_number(card.card_no) or len(card.card_no) > MAX_DIGITS
    ]
    if wrong:
        shown = ", ".join(f"“{number}”" for number in wrong[:5])
        raise ValidationError(
            {"card_no": _("not a card number (digits and check digit): {shown}", shown=shown)}
        )


def bars(card_no: str) -> list[tuple[int, int]]:
    """The card number as Code 128 bars, ``(left, width)`` in modules (X) from the start
    character to the stop pattern: reportlab's encoder picks set C for digit pairs and adds
    the check symbol."""
    symbol = Code128(card_no)
    symbol.validate()
    symbol.encode()
    symbol.decompose()
    found: list[tuple[int, int]] = []
    left = 0
    for ch in symbol.decomposed:  # "A".."D": a bar of 1-4 modules, "a".."d": a space
        width = ord(ch.lower()) - ord("a") + 1
        if ch.isupper():
            found.append((left, width))
        left += width
    return found


def draw_barcode(canvas: Canvas, card_no: str, centre: float, bottom: float) -> None:
    """Draw the barcode centred on ``centre`` with its bars from ``bottom`` up (points).

    The bars are written as one path in module units under a scale, not one reportlab rect
    each: a rect formats four floats in Python, and that was half the time of a card.
    """
    found = bars(card_no)
    modules = found[-1][0] + found[-1][1]
    x_dim = X_DIM_MM * MM
    canvas.saveState()
    canvas.translate(centre - modules * x_dim / 2, bottom)
    canvas.scale(x_dim, BAR_HEIGHT_MM * MM)
    canvas.setFillColor(black)
    canvas.addLiteral(" ".join(f"{left} 0 {width} 1 re" for left, width in found) + " f")
    canvas.restoreState()


class LoyaltyCardPrinter:
    """Draws one card per customer in the next cell of the sheet."""

    def __init__(
        self,
        sheet: LabelSheet,
        letterhead: Letterhead,
        layout: Layout,
        start_at: int = 1,
        offset_mm: tuple[float, float] = (0.0, 0.0),
        title: str = CARD_TITLE,
    ) -> None:
        self.sheet = sheet
        self.letterhead = letterhead
        self.layout = layout
        self.title = title
        self.cursor = SheetCursor(sheet, start_at, offset_mm)
        self.finish = self.cursor.finish
        self.width = sheet.label_width * MM
        self.height = sheet.label_height * MM
        self.pad = PAD_MM * MM

    def setup(self, canvas: Canvas) -> None:
        """The face every card shares: the logo top-left, the shop's name and the title."""
        canvas.beginForm(_FACE, 0, 0, self.width, self.height)
        top = self.height - self.pad
        x = self.pad
        if self.letterhead.logo is not None:
            side = 10 * MM
            draw_image(canvas, self.letterhead.logo, x, top - side, 1.8 * side, side, anchor="nw")
            x += 1.8 * side + 2.5 * MM
        width = self.width - self.pad - x
        ascent = self.layout.book.metrics.ascent
        name = self.layout.fitted_line(self.letterhead.shop_name, width, 10.5, bold=True)
        baseline = top - ascent * 10.5
        draw_lines(canvas, [name], x, baseline, width, 0)
        canvas.setFillColor(GREY)
        title = self.layout.fitted_line(self.title, width, 7.5)
        align = Align.RIGHT if name.rtl else Align.START  # under the name, whichever its side
        draw_lines(canvas, [title], x, baseline - 11, width, 0, align)
        canvas.setFillColor(black)
        canvas.endForm()

    def draw(self, canvas: Canvas, card: LoyaltyCard) -> None:
        """One card in the next cell: the shared face, the name, the barcode and its digits."""
        x, y, _, _ = self.cursor.take(canvas).pdf_rect(self.sheet.page_height)
        canvas.saveState()
        canvas.translate(x, y)
        canvas.doForm(_FACE)
        inner = self.width - 2 * self.pad
        names = self._name_lines(card.name, inner)
        leading = names[-1].size * 1.2
        baseline = 26 * MM + leading * (len(names) - 1)
        draw_lines(canvas, names, self.pad, baseline, inner, leading)
        draw_barcode(canvas, card.card_no, self.width / 2, self.pad + 4 * MM)
        digits = self.layout.line(card.card_no, 8)
        draw_lines(canvas, [digits], self.pad, self.pad + 1 * MM, inner, 0, Align.CENTER)
        canvas.restoreState()

    def _name_lines(self, name: str, width: float) -> list[LaidLine]:
        """The name in bold at the largest size that fits one line; a name too long even at
        the smallest size wraps onto two lines (the second cut with "…" if need be), so the
        customer finds their whole name on the card."""
        for size in NAME_SIZES:
            line = self.layout.line(name, size, bold=True)
            if line.width <= width:
                return [line]
        size = NAME_SIZES[-1]
        lines = self.layout.paragraph([(Span(name, bold=True),)], width, size)
        if len(lines) <= 2:
            return lines
        rest = " ".join(line.logical for line in lines[1:])
        return [lines[0], self.layout.fitted_line(rest, width, size, bold=True)]
