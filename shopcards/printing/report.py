"""The insights screen on one A4 page: the 80/20 chart, the segments, the lapsed and declining
customers worth most, who is due a letter or a call, and how the last letter batches did.

Charts are drawn with the canvas's own lines and shapes, so they print sharp at any size; all
text goes through the letter engine's layout, so names in Hebrew or Armenian print right. In a
right-to-left language the page is mirrored (reading_side): the sections start at the right
margin, the charts' share axis runs from the right, the bars grow leftwards.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from reportlab.lib.colors import Color
from reportlab.pdfgen.canvas import Canvas

from shopcards.core.files import atomic_path
from shopcards.core.i18n import _, ngettext, right_to_left
from shopcards.core.insights import (
    NEXT_PERCENT,
    RESPONSE_DAYS,
    TOP_PERCENT,
    BatchResult,
    CustomerList,
    Kind,
)
from shopcards.core.insights_text import format_rates, format_uplift
from shopcards.core.overview import Overview
from shopcards.core.segments import Segments
from shopcards.printing.fonts import font_book
from shopcards.printing.pages import MM
from shopcards.printing.reading_side import ReadingSide
from shopcards.printing.report_words import Figures, due_line, pareto_lines, thresholds_line
from shopcards.printing.textlayout import Align, Layout, draw_lines

PAGE_WIDTH, PAGE_HEIGHT = 210 * MM, 297 * MM
MARGIN = 15 * MM
WIDTH = PAGE_WIDTH - 2 * MARGIN
FULL = WIDTH / MM
"""The width between the margins in millimetres, as :meth:`_Page.text` takes widths."""
TEXT = 8.5
SMALL = 7.5
HEADING = 11
ROW = 4.4 * MM
LIST_ROWS = 8
PARETO_NAMES = 5
BATCH_ROWS = 4

INK = Color(0.11, 0.12, 0.14)
GREY = Color(0.42, 0.44, 0.47)
RULE = Color(0.78, 0.8, 0.83)
TOP_COLOUR = Color(0.18, 0.44, 0.84)
NEXT_COLOUR = Color(0.55, 0.71, 0.93)
REST_COLOUR = Color(0.86, 0.89, 0.94)
SEGMENT_COLOURS = (
    TOP_COLOUR,
    NEXT_COLOUR,
    Color(0.96, 0.62, 0.27),
    Color(0.98, 0.8, 0.6),
    Color(0.7, 0.72, 0.75),
)


@dataclass(frozen=True)
class ReportHeading:
    shop_name: str
    locale: str
    currency: str


def write_report(
    path: Path, overview: Overview, names: Mapping[int, str], heading: ReportHeading
) -> Path:
    """Draw the one-page report to ``path`` (written whole or not at all). ``names`` holds the
    name of every customer the page lists (the first rows of the lapsed and declining)."""
    with atomic_path(Path(path)) as tmp:
        canvas = Canvas(
            str(tmp),
            pagesize=(PAGE_WIDTH, PAGE_HEIGHT),
            pageCompression=1,
            initialFontName=font_book().regular,
        )
        canvas.setTitle(_("Customer insights — {shop}", shop=heading.shop_name))
        canvas.setAuthor(heading.shop_name)
        canvas.setCreator("shopcards")
        _Page(canvas, heading, names).draw(overview)
        canvas.showPage()
        canvas.save()
    return Path(path)


class _Page:
    """Draws top-down: ``y`` is millimetres from the top edge, as one measures a printout."""

    def __init__(self, canvas: Canvas, heading: ReportHeading, names: Mapping[int, str]) -> None:
        self.canvas = canvas
        self.heading = heading
        self.names = names
        self.layout = Layout(font_book())
        self.figures = Figures(heading.locale, heading.currency)
        self.side = ReadingSide(WIDTH, right_to_left())
        """The page reads as its words do (the window's language): right to left in Hebrew."""

    def draw(self, overview: Overview) -> None:
        self._title(overview)
        self._pareto(overview, 34)
        self._segments(overview.segments, 115)
        self._two_lists(overview.lapsed, overview.declining, 168)
        self._due(overview, 222)
        self._batches(overview.batches, 240)
        self.text(
            _("Printed by shopcards on {date}", date=self.figures.value(Kind.DATE, overview.today)),
            0,
            287,
            FULL,
            SMALL,
            colour=GREY,
        )

    # Sections ---------------------------------------------------------------------------------

    def _title(self, overview: Overview) -> None:
        self.text(_("Customer insights"), 0, 15, FULL, 16, bold=True)
        self.text(
            _(
                "{shop} · as of {date}",
                shop=self.heading.shop_name,
                date=self.figures.value(Kind.DATE, overview.today),
            ),
            0,
            21,
            FULL,
            TEXT + 0.5,
            colour=GREY,
        )
        self.rule(25)

    def _pareto(self, overview: Overview, top: float) -> None:
        split = overview.pareto
        period = _(
            "sales by customer, {start} – {end}",
            start=self.figures.value(Kind.DATE, split.start),
            end=self.figures.value(Kind.DATE, split.end),
        )
        self.section(_("The 80/20 split"), period, top)
        box = (12.0, top + 7, 88.0, 62.0)  # x, y, width, height in mm (x from the margin)
        self._pareto_chart(overview, box)
        x, width = 108.0, FULL - 108.0
        y = top + 12
        for line, bold in pareto_lines(split, self.figures):
            self.text(line, x, y, width, TEXT + 0.5, bold=bold)
            y += 6
        best = [self.names.get(card_id, "") for card_id in split.top.ids[:PARETO_NAMES]]
        if best:
            self.text(
                _("Best customers: {names}", names=", ".join(name for name in best if name)),
                x,
                y + 2,
                width,
                SMALL,
                colour=GREY,
            )

    def _pareto_chart(self, overview: Overview, box: tuple[float, float, float, float]) -> None:
        split = overview.pareto
        left, top, width, height = box
        c = self.canvas

        def at(share_x: float, share_y: float) -> tuple[float, float]:
            return (
                MARGIN + self.side.point((left + share_x * width) * MM),
                PAGE_HEIGHT - (top + height - share_y * height) * MM,
            )

        bands = (
            (0.0, TOP_PERCENT / 100, TOP_COLOUR),
            (TOP_PERCENT / 100, (TOP_PERCENT + NEXT_PERCENT) / 100, NEXT_COLOUR),
        )
        for lo, hi, colour in bands:
            c.setFillColor(Color(colour.red, colour.green, colour.blue, alpha=0.16))
            x0, y0 = at(lo, 0)
            x1, y1 = at(hi, 1)
            c.rect(x0, y0, x1 - x0, y1 - y0, stroke=0, fill=1)
        c.setStrokeColor(RULE)
        c.setLineWidth(0.4)
        for tick in range(0, 101, 20):
            x, y0 = at(tick / 100, 0)
            _x, y1 = at(tick / 100, 1)
            c.line(x, y0, x, y1)
            xa, y = at(0, tick / 100)
            xb, _y = at(1, tick / 100)
            c.line(xa, y, xb, y)
            self.text(
                f"{tick}%",
                left + tick / 100 * width - 4,
                top + height + 3.5,
                8,
                SMALL,
                colour=GREY,
                align=Align.CENTER,
            )
            self.text(
                f"{tick}%",
                left - 11,
                top + height - tick / 100 * height + 1.2,
                9,
                SMALL,
                colour=GREY,
                align=self.side.end(),
            )
        c.setDash(2, 2)
        c.line(*at(0, 0), *at(1, 1))
        c.setDash()
        if split.customers:
            path = c.beginPath()
            path.moveTo(*at(*split.curve[0]))
            for point in split.curve[1:]:
                path.lineTo(*at(*point))
            c.setStrokeColor(TOP_COLOUR)
            c.setLineWidth(1.4)
            c.drawPath(path, stroke=1, fill=0)
        self.text(
            _("share of customers, best first"),
            left,
            top + height + 7.5,
            width,
            SMALL,
            colour=GREY,
            align=Align.CENTER,
        )
        self.text(
            f"{self.figures.percent(split.top_share)}",
            left + 1,
            top + 4,
            18,
            TEXT,
            bold=True,
            colour=TOP_COLOUR,
        )
        self.text(
            f"+{self.figures.percent(split.next_share)}",
            left + TOP_PERCENT / 100 * width + 1,
            top + 4,
            30,
            TEXT,
            bold=True,
            colour=TOP_COLOUR,
        )

    def _segments(self, segments: Segments, top: float) -> None:
        self.section(_("Segments"), _("visits and spend over the last 12 months"), top)
        y = top + 7
        widest = max((g.share for g in segments.groups), default=0.0) or 1.0
        for group, colour in zip(segments.groups, SEGMENT_COLOURS, strict=True):
            self.text(group.segment.label, 0, y + 3.2, 38, TEXT)
            self.canvas.setFillColor(colour)
            bar = 70 * group.share / widest
            self.canvas.rect(
                MARGIN + self.side.box(40 * MM, max(bar, 0.3) * MM),
                PAGE_HEIGHT - (y + 4) * MM,
                max(bar, 0.3) * MM,
                3.6 * MM,
                stroke=0,
                fill=1,
            )
            share = _("{share} of sales", share=self.figures.percent(group.share))
            self.text(share, 40 + bar + 2, y + 3.2, 30, TEXT)
            self.text(
                ngettext(
                    "{count} customer · {money}",
                    "{count} customers · {money}",
                    group.count,
                    count=self.figures.count(group.count),
                    money=self.figures.money(group.spend),
                ),
                128,
                y + 3.2,
                FULL - 128,
                TEXT,
                align=self.side.end(),
            )
            y += 6.5
        self.text(
            thresholds_line(segments, self.figures),
            0,
            y + 3,
            FULL,
            SMALL,
            colour=GREY,
        )

    def _two_lists(self, lapsed: CustomerList, declining: CustomerList, top: float) -> None:
        half = (FULL - 8) / 2
        self._short_list(
            lapsed,
            _("Lapsed: {count}", count=self.figures.count(len(lapsed))),
            0,
            half,
            top,
            (_("Yearly spend"), _("Last purchase")),
        )
        self._short_list(
            declining,
            _("Declining: {count}", count=self.figures.count(len(declining))),
            half + 8,
            half,
            top,
            (_("Yearly spend"), _("Change")),
        )

    def _short_list(
        self,
        listed: CustomerList,
        title: str,
        x: float,
        width: float,
        top: float,
        headers: Sequence[str],
    ) -> None:
        self.section(title, _("worth most first"), top, x, width)
        columns = [c for c in listed.columns if c.header in headers]
        y = top + 7 + ROW / MM
        figure_width = 26.0
        name_width = width - figure_width * len(columns)
        self.text(_("Name"), x, y, name_width, SMALL, colour=GREY)
        for i, column in enumerate(columns):
            self.text(
                column.header,
                x + name_width + i * figure_width,
                y,
                figure_width,
                SMALL,
                colour=GREY,
                align=Align.RIGHT,
            )
        for row in range(min(LIST_ROWS, len(listed))):
            y += ROW / MM
            name = self.names.get(listed.ids[row]) or _("card {id}", id=listed.ids[row])
            self.text(name, x, y, name_width - 2, TEXT)
            for i, column in enumerate(columns):
                self.text(
                    self.figures.value(column.kind, column.values[row]),
                    x + name_width + i * figure_width,
                    y,
                    figure_width,
                    TEXT,
                    align=Align.RIGHT,
                )
        if not len(listed):
            self.text(_("Nobody."), x, y + ROW / MM, width, TEXT, colour=GREY)

    def _due(self, overview: Overview, top: float) -> None:
        self.section(_("Due for contact"), _("among customers who agreed to it"), top)
        self.text(
            due_line(overview, self.figures),
            0,
            top + 10,
            FULL,
            TEXT,
        )

    def _batches(self, batches: Sequence[BatchResult], top: float) -> None:
        first, second = RESPONSE_DAYS
        self.section(
            _("Did it work?"),
            _(
                "who bought within {first} and {second} days of a letter, against those held back",
                first=first,
                second=second,
            ),
            top,
        )
        headers = (
            _("Sent"),
            _("Template"),
            _("Mailed"),
            _("Held back"),
            _("Bought, {days} days", days=first),
            _("Bought, {days} days", days=second),
            _("Uplift, {days} days", days=first),
        )
        widths = (22, 42, 15, 17, 30, 30, 24)
        y = top + 7 + ROW / MM
        self._row(headers, widths, y, SMALL, GREY)
        for batch in batches[:BATCH_ROWS]:
            y += ROW / MM
            self._row(
                (
                    self.figures.value(Kind.DATE, batch.sent_on),
                    batch.template,
                    self.figures.count(batch.mailed.recipients),
                    self.figures.count(batch.held_out.recipients),
                    format_rates(batch, first, self.heading.locale),
                    format_rates(batch, second, self.heading.locale),
                    format_uplift(batch, first, self.heading.locale),
                ),
                widths,
                y,
                TEXT,
                INK,
            )
        if not batches:
            self.text(_("No letter batches yet."), 0, y + ROW / MM, FULL, TEXT, colour=GREY)
            return
        self.text(
            _(
                "Bought: share of the mailed / of those held back. "
                "* Not all the days have passed yet."
            ),
            0,
            y + ROW / MM + 1.5,
            FULL,
            SMALL,
            colour=GREY,
        )

    def _row(
        self, cells: Sequence[str], widths: Sequence[float], y: float, size: float, colour: Color
    ) -> None:
        x = 0.0
        for i, (cell, width) in enumerate(zip(cells, widths, strict=True)):
            align = Align.START if i < 2 else Align.RIGHT
            self.text(cell, x, y, width - 2, size, colour=colour, align=align)
            x += width

    # Drawing helpers --------------------------------------------------------------------------

    def section(
        self, title: str, note: str, top: float, x: float = 0.0, width: float = FULL
    ) -> None:
        title_width = font_book().text_width(title, HEADING, bold=True) / MM + 3
        self.text(title, x, top + 4, width, HEADING, bold=True)
        self.text(note, x + title_width, top + 4, width - title_width, SMALL, colour=GREY)

    def rule(self, y: float) -> None:
        self.canvas.setStrokeColor(RULE)
        self.canvas.setLineWidth(0.5)
        self.canvas.line(MARGIN, PAGE_HEIGHT - y * MM, MARGIN + WIDTH, PAGE_HEIGHT - y * MM)

    def text(
        self,
        text: str,
        x: float,
        baseline: float,
        width: float,
        size: float,
        bold: bool = False,
        colour: Color = INK,
        align: Align = Align.START,
    ) -> None:
        """One line ``x`` mm in from the reading side's margin, its baseline ``baseline`` mm
        from the top, shortened with "…" to fit ``width`` mm."""
        line = self.layout.fitted_line(text, width * MM, size, bold)
        self.canvas.setFillColor(colour)
        draw_lines(
            self.canvas,
            [line],
            MARGIN + self.side.box(x * MM, width * MM),
            PAGE_HEIGHT - baseline * MM,
            width * MM,
            size * 1.2,
            self.side.align(align),
        )
