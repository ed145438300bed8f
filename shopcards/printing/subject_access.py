"""'Everything we keep about this customer' as a PDF the customer can read.

A4 pages: the card's fields, then one table per kind of record (consents, purchases, calls…).
Cells wrap; a long table goes on over the next page with its heading and column labels
repeated, and a row taller than what is left of a page continues on the next, line by line.
All text goes through the letter engine's layout, so a Hebrew or Armenian name prints right;
in a right-to-left language the page is mirrored (reading_side): labels on the right, a
table's first column rightmost, every line set from the right margin.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from reportlab.lib.colors import Color
from reportlab.pdfgen.canvas import Canvas

from shopcards.core.files import atomic_path
from shopcards.core.insights import Kind, Value
from shopcards.core.insights_text import format_moment, format_value
from shopcards.core.subject_access import CARD_HEADING, TITLE, Column, Section, SubjectAccess
from shopcards.core.templates import Span
from shopcards.printing.fonts import font_book
from shopcards.printing.pages import MM
from shopcards.printing.reading_side import ReadingSide
from shopcards.printing.textlayout import Align, LaidLine, Layout, draw_lines

PAGE_WIDTH, PAGE_HEIGHT = 210 * MM, 297 * MM
MARGIN = 18 * MM
WIDTH = PAGE_WIDTH - 2 * MARGIN
TOP, BOTTOM = 20 * MM, PAGE_HEIGHT - 18 * MM
"""The first baseline and the lowest, in points from the top edge."""
TEXT, SMALL, HEADING = 8.5, 7.5, 11.5
LEADING = TEXT * 1.3
GAP = 3 * MM
"""Between two columns, and above a section."""
FIXED = {Kind.DATE: 30 * MM, Kind.MONEY: 24 * MM, Kind.NUMBER: 12 * MM}
"""Widths of the columns whose values are short; text columns share the rest."""
LABEL_WIDTH = 40 * MM
INK = Color(0.11, 0.12, 0.14)
GREY = Color(0.42, 0.44, 0.47)
RULE = Color(0.78, 0.8, 0.83)


def write_pdf(path: Path, access: SubjectAccess) -> Path:
    """Draw ``access`` to ``path`` (written whole or not at all)."""
    with atomic_path(Path(path)) as tmp:
        canvas = Canvas(
            str(tmp),
            pagesize=(PAGE_WIDTH, PAGE_HEIGHT),
            pageCompression=1,
            initialFontName=font_book().regular,
        )
        said = access.said
        canvas.setTitle(
            said.gettext(
                "{title} — card {card_no}", title=said.gettext(TITLE), card_no=access.card_no
            )
        )
        canvas.setAuthor(access.shop)
        canvas.setCreator("shopcards")
        pages = _Pages(canvas, access)
        pages.title()
        pages.card()
        for section in access.sections:
            pages.table(section)
        pages.finish()
        canvas.save()
    return Path(path)


class _Pages:
    """Draws top-down; ``y`` is the next baseline in points from the top edge."""

    def __init__(self, canvas: Canvas, access: SubjectAccess) -> None:
        self.canvas = canvas
        self.access = access
        self.layout = Layout(font_book())
        self.y = TOP
        self.page = 1
        self.repeat: tuple[Section, list[float]] | None = None
        self.said = access.said
        """The words' language: the customer's copy speaks the shop's letters' language."""
        self.side = ReadingSide(WIDTH, self.said.right_to_left)
        """The page reads as its words do: right to left in Hebrew."""

    def title(self) -> None:
        self.line(self.said.gettext(TITLE), 0, WIDTH, 16, bold=True)
        self.y += 8 * MM
        made = format_value(Kind.DATE, self.access.made_at, self.access.locale, "")
        name = self.layout.fitted_line(self.access.name, WIDTH, 12, bold=True)
        self.draw(name, 0, WIDTH, INK)  # under the title, from the page's side in any script
        self.y += 5.5 * MM
        who = self.said.gettext(
            "Card {card_no} · {shop} · {date}",
            card_no=self.access.card_no,
            shop=self.access.shop,
            date=made,
        )
        self.line(who, 0, WIDTH, TEXT, colour=GREY)
        self.y += 4 * MM

    def card(self) -> None:
        self.heading(self.said.gettext(CARD_HEADING))
        for field in self.access.card:
            widths = [LABEL_WIDTH, WIDTH - LABEL_WIDTH - GAP]
            self.row([field.label, field.shown(self.said, self.access.locale)], widths, (GREY, INK))

    def table(self, section: Section) -> None:
        widths = _widths(section.columns)
        self.heading(section.heading)
        if not section.rows:
            self.row([section.empty], [WIDTH], (GREY,))
            return
        self.labels(section, widths)
        self.repeat = (section, widths)
        aligns = _aligns(section.columns)
        for values in section.rows:
            texts = [self.cell(c, v) for c, v in zip(section.columns, values, strict=True)]
            self.row(texts, widths, aligns=aligns)
        self.repeat = None

    def finish(self) -> None:
        self.footer()
        self.canvas.showPage()

    # Pieces -----------------------------------------------------------------------------------

    def heading(self, text: str) -> None:
        if self.y + GAP + 3 * LEADING > BOTTOM:  # a heading never ends a page alone
            self.new_page()
        self.y += GAP
        self.line(text, 0, WIDTH, HEADING, bold=True)
        self.y += 2 * MM
        self.rule()
        self.y += LEADING

    def labels(self, section: Section, widths: Sequence[float]) -> None:
        labels = [c.label for c in section.columns]
        self.row(labels, widths, [GREY] * len(labels), SMALL, _aligns(section.columns))

    def row(
        self,
        texts: Sequence[str],
        widths: Sequence[float],
        colours: Sequence[Color] = (),
        size: float = TEXT,
        aligns: Sequence[Align] = (),
    ) -> None:
        """One row of cells side by side (ink, and set from the reading side, unless told
        otherwise); each wraps within its width, and a row that does not fit goes on over the
        next page."""
        cells = [self.wrap(text, width, size) for text, width in zip(texts, widths, strict=True)]
        colours = colours or [INK] * len(cells)
        aligns = aligns or [Align.START] * len(cells)
        for index in range(max(len(lines) for lines in cells)):
            if self.y > BOTTOM:
                self.new_page()
            x = 0.0
            for lines, width, colour, align in zip(cells, widths, colours, aligns, strict=True):
                if index < len(lines):
                    self.draw(lines[index], x, width, colour, align)
                x += width + GAP
            self.y += size * 1.3
        self.y += 1

    def cell(self, column: Column, value: Value) -> str:
        if column.kind is Kind.DATE:
            return format_moment(value, self.access.locale)  # a record's moment: its time too
        return format_value(
            column.kind, column.shown(value, self.said), self.access.locale, self.access.currency
        )

    def new_page(self) -> None:
        self.footer()
        self.canvas.showPage()
        self.page += 1
        self.y = TOP
        if self.repeat is not None:
            section, widths = self.repeat
            heading = self.said.gettext("{heading} (continued)", heading=section.heading)
            self.line(heading, 0, WIDTH, HEADING, bold=True)
            self.y += 2 * MM
            self.rule()
            self.y += LEADING
            self.labels(section, widths)

    def footer(self) -> None:
        text = self.said.gettext(
            "{shop} · card {card_no} · page {page}",
            shop=self.access.shop,
            card_no=self.access.card_no,
            page=self.page,
        )
        saved, self.y = self.y, PAGE_HEIGHT - 10 * MM
        self.line(text, 0, WIDTH, SMALL, colour=GREY, align=Align.CENTER)
        self.y = saved

    def wrap(self, text: str, width: float, size: float) -> list[LaidLine]:
        paragraphs = [(Span(part),) for part in (text or "").split("\n")]
        return self.layout.paragraph(paragraphs, width, size) if text else []

    def line(
        self,
        text: str,
        x: float,
        width: float,
        size: float,
        bold: bool = False,
        colour: Color = INK,
        align: Align = Align.START,
    ) -> None:
        self.draw(self.layout.fitted_line(text, width, size, bold), x, width, colour, align)

    def draw(
        self, line: LaidLine, x: float, width: float, colour: Color, align: Align = Align.START
    ) -> None:
        """``line`` in the box ``x`` in from the reading side, ``width`` wide."""
        self.canvas.setFillColor(colour)
        left = MARGIN + self.side.box(x, width)
        align = self.side.align(align)
        draw_lines(self.canvas, [line], left, PAGE_HEIGHT - self.y, width, line.size, align)

    def rule(self) -> None:
        self.canvas.setStrokeColor(RULE)
        self.canvas.setLineWidth(0.5)
        y = PAGE_HEIGHT - self.y
        self.canvas.line(MARGIN, y, MARGIN + WIDTH, y)


def _aligns(columns: Sequence[Column]) -> list[Align]:
    """Figures right-aligned, so their digits line up; the rest from the reading side."""
    return [Align.RIGHT if c.kind in (Kind.MONEY, Kind.NUMBER) else Align.START for c in columns]


def _widths(columns: Sequence[Column]) -> list[float]:
    """Each column's width: fixed for dates, money and numbers; text columns share the rest,
    each by its :attr:`Column.share`."""
    fixed = sum(FIXED.get(c.kind, 0.0) for c in columns)
    parts = sum(c.share for c in columns if c.kind not in FIXED)
    part = (WIDTH - fixed - GAP * (len(columns) - 1)) / max(parts, 1)
    return [FIXED.get(c.kind, part * c.share) for c in columns]
