"""Address labels on sticky sheets (Avery and the like), filled across then down.

A part-used sheet is started at label N, and a printer that prints a little off the mark is
corrected with an offset; both shift only where labels are drawn, never the sheet's geometry.
:class:`SheetCursor` does that for anything printed cell by cell on a sheet (loyalty cards on
business-card blanks too).
"""

from __future__ import annotations

from reportlab.pdfgen.canvas import Canvas

from shopcards.printing.addresses import draw_address, fit_address
from shopcards.printing.model import Recipient
from shopcards.printing.pages import Box, LabelSheet
from shopcards.printing.textlayout import Layout

PAD_X = 4.0  # mm inside each label's left and right edge
PAD_Y = 2.5  # mm inside its top and bottom edge


class SheetCursor:
    """The next free cell of a sheet: starts at cell ``start_at`` of the first sheet, moves
    every cell by the printer offset, and starts a new page when a sheet is full."""

    def __init__(
        self, sheet: LabelSheet, start_at: int = 1, offset_mm: tuple[float, float] = (0.0, 0.0)
    ) -> None:
        self.sheet = sheet
        self.offset = offset_mm
        self._next = start_at - 1
        self._page_has_cells = False

    def cell(self, index: int) -> Box:
        """Where the cell at ``index`` lands after the printer offset."""
        box = self.sheet.cell(index)
        return Box(box.left + self.offset[0], box.top + self.offset[1], box.width, box.height)

    def take(self, canvas: Canvas) -> Box:
        """The next cell to draw in (on a new page when this one is full)."""
        if self._next >= self.sheet.per_sheet:
            canvas.showPage()
            self._next = 0
        box = self.cell(self._next)
        self._next += 1
        self._page_has_cells = True
        return box

    def finish(self, canvas: Canvas) -> None:
        """Close the last, possibly part-filled, sheet."""
        if self._page_has_cells:
            canvas.showPage()
            self._page_has_cells = False


class LabelPrinter:
    """Draws one label per recipient, starting a new sheet when one is full."""

    def __init__(
        self,
        sheet: LabelSheet,
        layout: Layout,
        start_at: int = 1,
        offset_mm: tuple[float, float] = (0.0, 0.0),
    ) -> None:
        self.sheet = sheet
        self.layout = layout
        self.cursor = SheetCursor(sheet, start_at, offset_mm)
        self.finish = self.cursor.finish

    def draw(self, canvas: Canvas, recipient: Recipient) -> None:
        """Draw the next label, vertically centred in its cell."""
        inner = self.cursor.take(canvas).inset(PAD_X, PAD_Y)
        x, y, width, height = inner.pdf_rect(self.sheet.page_height)
        fitted = fit_address(self.layout, recipient.address, width, height, 10.0, 6.5)
        metrics = self.layout.book.metrics
        block = (metrics.ascent + metrics.descent) * fitted.size
        block += fitted.leading * (len(fitted.lines) - 1)
        top = y + height - max(0.0, (height - block) / 2)
        draw_address(canvas, fitted, x, top, width, metrics.ascent)
