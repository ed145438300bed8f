"""Envelopes printed directly: the shop's name and address top-left, the recipient right of
centre in the lower half, where sorting machines and postmen look for it, in a window the size
of a DIN one (:data:`~shopcards.printing.pages.ADDRESS_WINDOW`): a Latin address from its left
edge, a Hebrew or Arabic one right-aligned to its right edge."""

from __future__ import annotations

from reportlab.lib.colors import Color
from reportlab.pdfgen.canvas import Canvas

from shopcards.printing.addresses import draw_address, fit_address
from shopcards.printing.images import draw_image
from shopcards.printing.model import Letterhead, Recipient
from shopcards.printing.pages import MM, Envelope
from shopcards.printing.textlayout import Layout, draw_lines

_SENDER = "shopcards-envelope-sender"
_EDGE = 10.0  # mm from the top and left edges to the sender block
GREY = Color(0.3, 0.3, 0.3)


class EnvelopePrinter:
    """Draws one envelope per recipient; the sender block is a form drawn once per PDF."""

    def __init__(self, envelope: Envelope, letterhead: Letterhead, layout: Layout) -> None:
        self.envelope = envelope
        self.letterhead = letterhead
        self.layout = layout
        self.page_size = (envelope.width * MM, envelope.height * MM)

    def setup(self, canvas: Canvas) -> None:
        """The sender block: logo (if any), then name in bold and the address beneath."""
        canvas.beginForm(_SENDER)
        height = self.page_size[1]
        x = _EDGE * MM
        top = height - _EDGE * MM
        if self.letterhead.logo is not None:
            side = 14 * MM
            draw_image(canvas, self.letterhead.logo, x, top - side, side, side, anchor="nw")
            x += side + 3 * MM
        width = self.envelope.width * 0.42 * MM - x
        ascent = self.layout.book.metrics.ascent
        name = self.layout.fitted_line(self.letterhead.shop_name, width, 9.5, bold=True)
        baseline = top - ascent * 9.5
        draw_lines(canvas, [name], x, baseline, width, 0)
        canvas.setFillColor(GREY)
        details = [*self.letterhead.address, self.letterhead.phone]
        lines = [self.layout.fitted_line(text, width, 8) for text in details if text]
        draw_lines(canvas, lines, x, baseline - 11.5, width, 10)
        canvas.setFillColor(Color(0, 0, 0))
        canvas.endForm()

    def draw(self, canvas: Canvas, recipient: Recipient) -> None:
        """One envelope: the sender form, then the recipient's address fitted to its block."""
        canvas.doForm(_SENDER)
        box = self.envelope.recipient
        x, _, width, height = box.pdf_rect(self.envelope.height)
        fitted = fit_address(self.layout, recipient.address, width, height, 12.0, 8.0)
        top = self.page_size[1] - box.top * MM
        draw_address(canvas, fitted, x, top, width, self.layout.book.metrics.ascent)
        canvas.showPage()
