"""Personalised letters for window envelopes: A4 after DIN 5008 form B, or US Letter.

Each page carries the letterhead, the recipient's address where the envelope's window will
show it (with the shop's return line above it), the date, the subject, the body and the
signature. What is the same on every letter is prepared once per batch: the letterhead, footer
and fold marks become one PDF form drawn by reference on every page, the signature another, and
paragraphs without merge fields are laid out once. Only the address and the paragraphs that
hold merge fields are laid out per letter, which keeps a batch of ten thousand fast.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.lib.colors import Color
from reportlab.pdfgen.canvas import Canvas

from shopcards.core.templates import FilledLine, Span, Template, fill_line
from shopcards.printing.addresses import draw_address, fit_address
from shopcards.printing.images import draw_image
from shopcards.printing.model import Letterhead, Recipient
from shopcards.printing.pages import LETTER_GEOMETRY, MM, LetterGeometry
from shopcards.printing.textlayout import Align, LaidLine, Layout, draw_lines

BODY_SIZE = 10.5
BODY_LEADING = 14.5
PARAGRAPH_GAP = 7.0
SUBJECT_SIZE = 11.5
GREY = Color(0.38, 0.38, 0.38)
RULE = Color(0.7, 0.7, 0.7)

_FIRST = "shopcards-letter-first"
_NEXT = "shopcards-letter-next"
_SIGNATURE = "shopcards-signature"
_SIGNATURE_BOX = (50.0 * MM, 16.0 * MM)


@dataclass
class _Cursor:
    """Where the next line goes: the current page number and baseline."""

    page: int
    baseline: float


class LetterPrinter:
    """Draws one letter per recipient from a template, a letterhead and a paper size."""

    def __init__(
        self,
        template: Template,
        letterhead: Letterhead,
        layout: Layout,
        paper: str = "A4",
        date_text: str = "",
    ) -> None:
        self.template = template
        self.letterhead = letterhead
        self.layout = layout
        self.geometry: LetterGeometry = LETTER_GEOMETRY[paper]
        self.page_width = self.geometry.paper.width * MM
        self.page_height = self.geometry.paper.height * MM
        self.left = self.geometry.margin_left * MM
        self.width = self.page_width - self.left - self.geometry.margin_right * MM
        self.base_values = {**letterhead.values(), "today": date_text}
        self.date_text = date_text
        self._laid: dict[tuple[tuple[FilledLine, ...], float], tuple[LaidLine, ...]] = {}
        self._static = {
            index: self._lay(paragraph.fill({}))
            for index, paragraph in enumerate(template.paragraphs)
            if not paragraph.fields
        }
        self._closing = self._closing_lines()
        self._signer = [self.layout.line(letterhead.signer or letterhead.shop_name, BODY_SIZE)]

    def values_for(self, recipient: Recipient) -> dict[str, str]:
        """The merge values of one letter: the shop's, the date, then the customer's own."""
        return {**self.base_values, **recipient.values}

    # -- once per PDF -------------------------------------------------------------------

    def setup(self, canvas: Canvas) -> None:
        """Draw the forms every page refers to: letterhead, footer and fold marks; signature."""
        canvas.beginForm(_FIRST)
        self._draw_letterhead(canvas)
        self._draw_return_line(canvas)
        if self.date_text:
            self._draw_date(canvas)
        self._draw_footer(canvas)
        self._draw_fold_marks(canvas)
        canvas.endForm()
        canvas.beginForm(_NEXT)
        self._draw_footer(canvas)
        canvas.endForm()
        if self.letterhead.signature is not None:
            canvas.beginForm(_SIGNATURE, 0, 0, *_SIGNATURE_BOX)
            draw_image(canvas, self.letterhead.signature, 0, 0, *_SIGNATURE_BOX, anchor="sw")
            canvas.endForm()

    def _draw_letterhead(self, canvas: Canvas) -> None:
        head = self.letterhead
        top = self.page_height
        logo_room = 0.0
        if head.logo is not None:
            logo_w, logo_h = 42 * MM, 24 * MM
            right = self.page_width - self.geometry.margin_right * MM
            draw_image(canvas, head.logo, right - logo_w, top - 12 * MM - logo_h, logo_w, logo_h)
            logo_room = logo_w + 6 * MM
        name = self.layout.fitted_line(head.shop_name, self.width - logo_room, 20, bold=True)
        draw_lines(canvas, [name], self.left, top - 22 * MM, self.width - logo_room, 0)
        canvas.setFillColor(GREY)
        details = [" · ".join(head.address), " · ".join(p for p in (head.phone, head.email) if p)]
        for offset, text in zip((28.5, 32.5), details, strict=True):
            if text:
                line = self.layout.fitted_line(text, self.width - logo_room, 8.5)
                draw_lines(canvas, [line], self.left, top - offset * MM, self.width - logo_room, 0)
        canvas.setFillColor(Color(0, 0, 0))
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.5)
        canvas.line(self.left, top - 38 * MM, self.left + self.width, top - 38 * MM)

    def _draw_footer(self, canvas: Canvas) -> None:
        head = self.letterhead
        parts = (head.shop_name, *head.address, head.phone, head.email)
        line = self.layout.fitted_line(" · ".join(p for p in parts if p), self.width, 7.5)
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.5)
        canvas.line(self.left, 17 * MM, self.left + self.width, 17 * MM)
        canvas.setFillColor(GREY)
        draw_lines(canvas, [line], self.left, 12 * MM, self.width, 0, Align.CENTER)
        canvas.setFillColor(Color(0, 0, 0))

    def _draw_fold_marks(self, canvas: Canvas) -> None:
        canvas.setStrokeColor(Color(0.55, 0.55, 0.55))
        canvas.setLineWidth(0.4)
        middle = self.geometry.paper.height / 2
        for mark in self.geometry.fold_marks:
            length = 4 * MM if abs(mark - middle) < 0.01 else 6 * MM
            y = self.page_height - mark * MM
            canvas.line(4 * MM, y, 4 * MM + length, y)

    # -- once per letter ----------------------------------------------------------------

    def draw(self, canvas: Canvas, recipient: Recipient) -> None:
        """Draw one personalised letter, on as many pages as it takes."""
        values = self.values_for(recipient)
        canvas.doForm(_FIRST)
        self._draw_window(canvas, recipient.address)
        cursor = _Cursor(1, self.page_height - self.geometry.body_top * MM)
        if self.template.subject:
            subject = fill_line(self.template.subject, values)
            bold = tuple(Span(span.text, True, span.italic) for span in subject)
            heading = self._lay((bold,), SUBJECT_SIZE)
            self._flow(canvas, cursor, heading, SUBJECT_SIZE * 1.35)
            cursor.baseline -= 10 * MM - SUBJECT_SIZE * 1.35
        for index, paragraph in enumerate(self.template.paragraphs):
            lines = self._static.get(index) or self._lay(paragraph.fill(values))
            if index:
                cursor.baseline -= PARAGRAPH_GAP
            self._flow(canvas, cursor, lines, BODY_LEADING)
        self._draw_closing(canvas, cursor)
        canvas.showPage()

    def _lay(self, lines: tuple[FilledLine, ...], size: float = BODY_SIZE) -> tuple[LaidLine, ...]:
        """A filled paragraph laid out, remembered by its text: many letters share one."""
        key = (lines, size)
        laid = self._laid.get(key)
        if laid is None:
            laid = tuple(self.layout.paragraph(lines, self.width, size))
            if len(self._laid) > 2048:
                self._laid.clear()
            self._laid[key] = laid
        return laid

    def _draw_return_line(self, canvas: Canvas) -> None:
        """The shop's address in small print at the top of the window (same on every page)."""
        window = self.geometry.window
        x, _, width, _ = window.inset(5.0, 0.0).pdf_rect(self.geometry.paper.height)
        top = self.page_height - window.top * MM
        back = self.layout.fitted_line(self.letterhead.one_line, width, 6.5)
        canvas.setFillColor(GREY)
        draw_lines(canvas, [back], x, top - 4.5 * MM, width, 0)
        canvas.setFillColor(Color(0, 0, 0))
        canvas.setStrokeColor(GREY)
        canvas.setLineWidth(0.3)
        canvas.line(x, top - 5.4 * MM, x + min(width, back.width), top - 5.4 * MM)

    def _draw_window(self, canvas: Canvas, address: Sequence[str]) -> None:
        """The recipient's address, fitted under the return line inside the window."""
        window = self.geometry.window
        x, _, width, _ = window.inset(5.0, 0.0).pdf_rect(self.geometry.paper.height)
        top = self.page_height - window.top * MM
        room_top = 8.0 if window.height > 35 else 6.5
        height = (window.height - room_top - 2.0) * MM
        fitted = fit_address(self.layout, address, width, height, BODY_SIZE, 7.0)
        draw_address(canvas, fitted, x, top - room_top * MM, width, self.layout.book.metrics.ascent)

    def _draw_date(self, canvas: Canvas) -> None:
        line = self.layout.fitted_line(self.date_text, self.width, BODY_SIZE)
        baseline = self.page_height - self.geometry.date_top * MM
        draw_lines(canvas, [line], self.left, baseline, self.width, 0, Align.RIGHT)

    def _flow(
        self, canvas: Canvas, cursor: _Cursor, lines: Sequence[LaidLine], leading: float
    ) -> None:
        """Draw lines from the cursor down, going on to a new page at the bottom margin."""
        bottom = self.page_height - self.geometry.body_bottom * MM
        start = 0
        while start < len(lines):
            room = int((cursor.baseline - bottom) // leading) + 1
            if room <= 0:
                self._next_page(canvas, cursor)
                continue
            chunk = lines[start : start + room]
            cursor.baseline = draw_lines(
                canvas, chunk, self.left, cursor.baseline, self.width, leading
            )
            start += len(chunk)

    def _next_page(self, canvas: Canvas, cursor: _Cursor) -> None:
        canvas.showPage()
        canvas.doForm(_NEXT)
        cursor.page += 1
        note = self.layout.line(f"{self.letterhead.shop_name} · {cursor.page}", 8)
        canvas.setFillColor(GREY)
        draw_lines(
            canvas, [note], self.left, self.page_height - 15 * MM, self.width, 0, Align.RIGHT
        )
        canvas.setFillColor(Color(0, 0, 0))
        cursor.baseline = self.page_height - 28 * MM

    def _closing_lines(self) -> tuple[LaidLine, ...]:
        head = self.letterhead
        return tuple(self.layout.paragraph([(Span(head.closing),)], self.width, BODY_SIZE))

    def _draw_closing(self, canvas: Canvas, cursor: _Cursor) -> None:
        """Closing words, signature and name, kept together on one page."""
        head = self.letterhead
        signature_height = _SIGNATURE_BOX[1] if head.signature is not None else 8 * MM
        needed = 2 * BODY_LEADING + signature_height + BODY_LEADING
        if cursor.baseline - needed < self.page_height - self.geometry.body_bottom * MM:
            self._next_page(canvas, cursor)
        cursor.baseline -= PARAGRAPH_GAP + BODY_LEADING
        draw_lines(canvas, self._closing, self.left, cursor.baseline, self.width, BODY_LEADING)
        top_of_signature = cursor.baseline - 4 * MM
        # A Hebrew letter closes on the right, signature and name under its closing words.
        rtl = any(line.rtl for line in self._closing)
        if head.signature is not None:
            canvas.saveState()
            x = self.left + self.width - _SIGNATURE_BOX[0] if rtl else self.left
            canvas.translate(x, top_of_signature - signature_height)
            canvas.doForm(_SIGNATURE)
            canvas.restoreState()
        cursor.baseline = top_of_signature - signature_height - 4.5 * MM
        align = Align.RIGHT if rtl else Align.START
        draw_lines(
            canvas, self._signer, self.left, cursor.baseline, self.width, BODY_LEADING, align
        )
