"""Folded greeting cards, each printed on one A4 or Letter sheet.

Quarter-fold (one page, printed on one side): fold the sheet in half top to bottom with the
print outside, then in half again left to right. The bottom half of the sheet becomes the
outside (front cover bottom-right, back cover bottom-left) and the top half the inside, which
is why the inside panels are drawn upside down: after folding they are the right way up, the
message on the inside right.

Half-fold (two landscape pages, printed double-sided, flipped on the short edge): page one is
the outside (back cover left, front cover right), page two the inside (message on the right).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.lib.colors import Color
from reportlab.pdfgen.canvas import Canvas

from shopcards.core.templates import FilledLine, Span, Template, fill_line
from shopcards.printing.arts import art_for
from shopcards.printing.images import draw_image
from shopcards.printing.model import Letterhead, Recipient
from shopcards.printing.pages import LETTER_GEOMETRY, MM
from shopcards.printing.textlayout import Align, Layout, draw_lines

FOLDS = ("quarter", "half")
MESSAGE_SIZES = (13.0, 12.0, 11.0, 10.0, 9.0, 8.0)
GREY = Color(0.4, 0.4, 0.4)
_ART = "shopcards-card-art"
_BACK = "shopcards-card-back"


@dataclass(frozen=True)
class Panel:
    """One face of the folded card: its corner on the sheet (points) and whether it is upside
    down on the sheet."""

    x: float
    y: float
    width: float
    height: float
    upside_down: bool = False


@dataclass(frozen=True)
class CardLayout:
    """The four faces of a card and the page each lies on (0 = first page of the card)."""

    front: tuple[int, Panel]
    back: tuple[int, Panel]
    inside_left: tuple[int, Panel]
    inside_right: tuple[int, Panel]
    pages: int


def card_layout(sheet_width: float, sheet_height: float, fold: str) -> CardLayout:
    """Where each face goes for a portrait sheet of the given size (points)."""
    if fold == "quarter":
        w, h = sheet_width / 2, sheet_height / 2
        return CardLayout(
            front=(0, Panel(w, 0, w, h)),
            back=(0, Panel(0, 0, w, h)),
            inside_left=(0, Panel(w, h, w, h, upside_down=True)),
            inside_right=(0, Panel(0, h, w, h, upside_down=True)),
            pages=1,
        )
    w, h = sheet_height / 2, sheet_width  # landscape sheet, folded down the middle
    return CardLayout(
        front=(0, Panel(w, 0, w, h)),
        back=(0, Panel(0, 0, w, h)),
        inside_left=(1, Panel(0, 0, w, h)),
        inside_right=(1, Panel(w, 0, w, h)),
        pages=2,
    )


class _InPanel:
    """Draw inside a panel in the panel's own upright coordinates (origin bottom-left)."""

    def __init__(self, canvas: Canvas, panel: Panel) -> None:
        self.canvas = canvas
        self.panel = panel

    def __enter__(self) -> Canvas:
        self.canvas.saveState()
        if self.panel.upside_down:
            self.canvas.translate(self.panel.x + self.panel.width, self.panel.y + self.panel.height)
            self.canvas.rotate(180)
        else:
            self.canvas.translate(self.panel.x, self.panel.y)
        return self.canvas

    def __exit__(self, *exc: object) -> None:
        self.canvas.restoreState()


class CardPrinter:
    """Draws one card per recipient; the picture and the back cover are forms drawn once."""

    def __init__(
        self,
        template: Template,
        letterhead: Letterhead,
        layout: Layout,
        paper: str = "A4",
        fold: str = "quarter",
    ) -> None:
        self.template = template
        self.letterhead = letterhead
        self.layout = layout
        paper_size = LETTER_GEOMETRY[paper].paper
        width, height = paper_size.width * MM, paper_size.height * MM
        self.faces = card_layout(width, height, fold)
        self.page_size = (width, height) if fold == "quarter" else (height, width)
        self.fold = fold
        self.art, self.accent = art_for(template.occasion)
        self.base_values = letterhead.values()

    def values_for(self, recipient: Recipient) -> dict[str, str]:
        """The merge values of one card: the shop's, then the customer's own."""
        return {**self.base_values, **recipient.values}

    def setup(self, canvas: Canvas) -> None:
        """Forms for what every card shares: the front picture and the back cover."""
        panel = self.faces.front[1]
        canvas.beginForm(_ART, 0, 0, panel.width, panel.height)
        self._draw_front_art(canvas, panel.width, panel.height)
        canvas.endForm()
        canvas.beginForm(_BACK, 0, 0, panel.width, panel.height)
        self._draw_back(canvas, panel.width, panel.height)
        canvas.endForm()

    def draw(self, canvas: Canvas, recipient: Recipient) -> None:
        """One card: its page(s) with all four faces."""
        values = self.values_for(recipient)
        for page in range(self.faces.pages):
            self._draw_guides(canvas)
            if self.faces.front[0] == page:
                with _InPanel(canvas, self.faces.front[1]) as c:
                    c.doForm(_ART)
                    self._draw_front_title(c, self.faces.front[1], values)
                with _InPanel(canvas, self.faces.back[1]) as c:
                    c.doForm(_BACK)
            if self.faces.inside_right[0] == page:
                with _InPanel(canvas, self.faces.inside_right[1]) as c:
                    paragraphs = [p.fill(values) for p in self.template.paragraphs]
                    self._draw_message(c, self.faces.inside_right[1], paragraphs)
            canvas.showPage()

    def _draw_front_art(self, canvas: Canvas, width: float, height: float) -> None:
        inset = 7 * MM
        canvas.setStrokeColor(self.accent)
        canvas.setLineWidth(1.2)
        canvas.roundRect(inset, inset, width - 2 * inset, height - 2 * inset, 4 * MM)
        art_box = (width - 2 * inset - 8 * MM, (height - 2 * inset) * 0.62)
        canvas.saveState()
        canvas.translate(inset + 4 * MM, height - inset - 4 * MM - art_box[1])
        self.art(canvas, *art_box)
        canvas.restoreState()

    def _draw_front_title(self, canvas: Canvas, panel: Panel, values: dict[str, str]) -> None:
        if not self.template.front:
            return
        spans = spans_bold(fill_line(self.template.front, values))
        margin = 13 * MM  # inside the border, with room to breathe
        width = panel.width - 2 * margin
        size = 24.0
        lines = self.layout.paragraph([spans], width, size)
        while (len(lines) > 1 or lines[0].width > width) and size > 15:
            size -= 1
            lines = self.layout.paragraph([spans], width, size)
        canvas.setFillColor(self.accent)
        baseline = panel.height * 0.25 + (len(lines) - 1) * size * 0.6
        draw_lines(canvas, lines, margin, baseline, width, size * 1.2, Align.CENTER)

    def _draw_back(self, canvas: Canvas, width: float, height: float) -> None:
        head = self.letterhead
        inner = width - 20 * MM
        baseline = 30 * MM
        if head.logo is not None:
            draw_image(
                canvas,
                head.logo,
                (width - 30 * MM) / 2,
                baseline + 8 * MM,
                30 * MM,
                16 * MM,
                anchor="s",
            )
        name = self.layout.fitted_line(head.shop_name, inner, 9, bold=True)
        draw_lines(canvas, [name], 10 * MM, baseline, inner, 0, Align.CENTER)
        canvas.setFillColor(GREY)
        details = [self.layout.fitted_line(t, inner, 7.5) for t in (*head.address, head.phone) if t]
        draw_lines(canvas, details, 10 * MM, baseline - 11, inner, 9.5, Align.CENTER)

    def _draw_message(
        self, canvas: Canvas, panel: Panel, paragraphs: Sequence[Sequence[FilledLine]]
    ) -> None:
        """The inside message, centred, at the largest size that fits the panel."""
        width = panel.width - 24 * MM
        room = panel.height - 30 * MM
        for size in MESSAGE_SIZES:
            blocks = [self.layout.paragraph(p, width, size) for p in paragraphs]
            leading, gap = size * 1.4, size * 0.8
            height = sum(len(b) for b in blocks) * leading + gap * (len(blocks) - 1)
            if height <= room:
                break
        top = panel.height / 2 + height / 2
        baseline = top - size
        for block in blocks:
            baseline = draw_lines(canvas, block, 12 * MM, baseline, width, leading, Align.CENTER)
            baseline -= gap

    def _draw_guides(self, canvas: Canvas) -> None:
        """Short light ticks at the sheet's edges where it is to be folded."""
        width, height = self.page_size
        canvas.setStrokeColor(Color(0.75, 0.75, 0.75))
        canvas.setLineWidth(0.4)
        near, far = 5 * MM, 9 * MM
        canvas.line(width / 2, near, width / 2, far)
        canvas.line(width / 2, height - near, width / 2, height - far)
        if self.fold == "quarter":
            canvas.line(near, height / 2, far, height / 2)
            canvas.line(width - near, height / 2, width - far, height / 2)


def spans_bold(spans: FilledLine) -> FilledLine:
    """The same spans, all bold (the front title is always bold)."""
    return tuple(Span(s.text, True, s.italic) for s in spans)
