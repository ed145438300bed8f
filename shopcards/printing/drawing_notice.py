"""The prize drawing's notices for the shop window (the winner's letter is an ordinary letter
from the letters feature, see services/drawing.py).

Before the draw, the published notice says what the draw is bound to: the entry list's SHA-256
and the commitment to the secret seed, so people in the shop can check the draw afterwards.
After it, the winner's notice is one A4 page in big friendly type that names the winner only by
given name and initial ("Anna V."), as the caller gives it, with the commitment and the revealed
seed in small print. Both use the engine's fonts and line layout, so any script prints, Hebrew
right-to-left, and both speak the language the caller gives (the shop's letters' language): the
words people read are translated, the proof's values are printed as they are.
"""

from __future__ import annotations

from pathlib import Path

from reportlab.lib.colors import Color, HexColor
from reportlab.pdfgen.canvas import Canvas

from shopcards.core.i18n import ENGLISH, Words, words
from shopcards.core.printed import PrintResult
from shopcards.core.templates import Span
from shopcards.printing.arts import fireworks
from shopcards.printing.fonts import font_book
from shopcards.printing.output import Job, write_combined
from shopcards.printing.pages import MM
from shopcards.printing.textlayout import Align, LaidLine, Layout, draw_lines

ACCENT = HexColor("#C2410C")
INK = HexColor("#1F2937")
SOFT = HexColor("#4B5563")
_PAGE = (210 * MM, 297 * MM)
_MARGIN = 22 * MM


def print_window_notice(
    out: Path,
    *,
    shop_name: str,
    month_name: str,
    winner: str,
    entrants: int,
    proof: tuple[str, ...] = (),
    words: Words | None = None,
) -> PrintResult:
    """An A4 notice: "Our November 2026 prize drawing — the winner is Anna V. —
    Congratulations!", a thank-you to everyone who took part, and ``proof`` in small print
    (the published commitment and the revealed seed), in ``words``' language."""
    said = words or _english()
    notice = _Notice(Layout(font_book()), said, shop_name, month_name, winner, entrants, proof)
    title = said.gettext("{month} prize drawing", month=month_name)
    job: Job[None] = Job(_PAGE, title, shop_name, notice.draw)
    return write_combined(out, job, [None])


def print_published_notice(
    out: Path,
    *,
    shop_name: str,
    month_name: str,
    entrants: int,
    proof: tuple[str, ...],
    words: Words | None = None,
) -> PrintResult:
    """The A4 notice put up before the draw: "Our November 2026 prize drawing will be drawn
    from these entries with this seed", ``proof`` being the entry hash and the commitment."""
    said = words or _english()
    notice = _Published(Layout(font_book()), said, shop_name, month_name, "", entrants, proof)
    title = said.gettext("{month} prize drawing notice", month=month_name)
    job: Job[None] = Job(_PAGE, title, shop_name, notice.draw)
    return write_combined(out, job, [None])


def _english() -> Words:
    return words(ENGLISH)


class _Notice:
    """Draws the notice top to bottom, each line centred, the name as large as fits."""

    def __init__(
        self,
        layout: Layout,
        said: Words,
        shop_name: str,
        month_name: str,
        winner: str,
        entrants: int,
        proof: tuple[str, ...] = (),
    ) -> None:
        self.proof = proof
        self.layout = layout
        self.said = said
        self.shop_name = shop_name
        self.month_name = month_name
        self.winner = winner
        self.entrants = entrants
        self.width = _PAGE[0] - 2 * _MARGIN
        self.top = 0.0
        """Where the next line's ascent starts, in points from the bottom of the page."""

    def draw(self, canvas: Canvas, _item: None) -> None:
        self._frame(canvas)
        canvas.saveState()
        canvas.translate(_MARGIN, _PAGE[1] - 84 * MM)
        fireworks(canvas, self.width, 62 * MM)
        canvas.restoreState()
        self.top = _PAGE[1] - 90 * MM
        self._line(canvas, self.shop_name, 22, SOFT, bold=True)
        self.top -= 8 * MM
        said = self.said
        self._line(
            canvas, said.gettext("Our {month} prize drawing", month=self.month_name), 30, INK
        )
        # Translators: the next line of the notice, in huge type, is the winner's name.
        self._line(canvas, said.gettext("The winner is"), 30, INK)
        self.top -= 6 * MM
        self._line(canvas, self.winner, 110, ACCENT, bold=True)
        self.top -= 6 * MM
        self._line(canvas, said.gettext("Congratulations!"), 40, INK, bold=True)
        self._thanks(canvas)
        self._proof(canvas, 16 * MM, 8)
        canvas.showPage()

    def _proof(self, canvas: Canvas, bottom: float, size: float) -> None:
        """The proof lines at ``size``, their last line ``bottom`` above the page's foot."""
        self.top = bottom + self._proof_height(size)
        for text in self.proof:
            self._line(canvas, text, size, SOFT)

    def _proof_height(self, size: float) -> float:
        return size * 1.3 * len(self.proof)

    def _frame(self, canvas: Canvas) -> None:
        canvas.setStrokeColor(ACCENT)
        canvas.setLineWidth(5)
        inset = 10 * MM
        canvas.roundRect(inset, inset, _PAGE[0] - 2 * inset, _PAGE[1] - 2 * inset, 8 * MM)

    def _line(
        self, canvas: Canvas, text: str, size: float, colour: Color, bold: bool = False
    ) -> None:
        """``text`` centred on one line at ``size``, smaller if it must be to fit."""
        line = self.layout.line(text, size, bold)
        while line.width > self.width and size > 24:
            size -= 2
            line = self.layout.line(text, size, bold)
        if line.width > self.width:
            line = self.layout.fitted_line(text, self.width, size, bold)
        metrics = self.layout.book.metrics
        baseline = self.top - metrics.ascent * size
        self._draw(canvas, [line], baseline, size, colour)
        self.top = baseline - metrics.descent * size

    def _thanks(self, canvas: Canvas) -> None:
        """A thank-you to everyone who took part, at the foot of the page."""
        text = self.said.ngettext(
            "Thank you for taking part! Ask at the till to enter this month's drawing!",
            "Thank you to all {count} customers who took part. Ask at the till to enter this "
            "month's drawing!",
            self.entrants,
            count=str(self.entrants),
        )
        size, leading = 17.0, 17.0 * 1.35
        lines = self._wrapped(text, size)
        base = 34 * MM + self._proof_height(8)
        self._draw(canvas, lines, base + leading * (len(lines) - 1), leading, SOFT)

    def _wrapped(self, text: str, size: float) -> list[LaidLine]:
        """``text`` broken to the page's width, in its own direction (Hebrew right to left)."""
        return self.layout.paragraph([(Span(text),)], self.width - 16 * MM, size)

    def _block(self, canvas: Canvas, text: str, size: float, colour: Color) -> None:
        """A centred paragraph from the current top down (a whole sentence, however long
        the language makes it)."""
        lines, leading = self._wrapped(text, size), size * 1.3
        baseline = self.top - self.layout.book.metrics.ascent * size
        self._draw(canvas, lines, baseline, leading, colour)
        self.top = baseline - leading * (len(lines) - 1) - self.layout.book.metrics.descent * size

    def _draw(
        self, canvas: Canvas, lines: list[LaidLine], baseline: float, leading: float, colour: Color
    ) -> None:
        canvas.setFillColor(colour)
        draw_lines(canvas, lines, _MARGIN, baseline, self.width, leading, Align.CENTER)


class _Published(_Notice):
    """The notice before the draw: the month, who takes part, and what binds the draw."""

    def draw(self, canvas: Canvas, _item: None) -> None:
        self._frame(canvas)
        self.top = _PAGE[1] - 40 * MM
        self._line(canvas, self.shop_name, 22, SOFT, bold=True)
        self.top -= 10 * MM
        said = self.said
        title = said.gettext("Our {month} prize drawing", month=self.month_name)
        self._line(canvas, title, 30, INK, bold=True)
        self.top -= 6 * MM
        taking_part = said.ngettext(
            "{count} customer takes part. The winner is drawn with a seed fixed before the draw:",
            "{count} customers take part. The winner is drawn with a seed fixed before the draw:",
            self.entrants,
            count=str(self.entrants),
        )
        self._block(canvas, taking_part, 20, INK)
        self.top -= 10 * MM
        checking = said.gettext(
            "After the draw the seed is revealed. Anyone can check that it matches the "
            "commitment below and replay the pick: nobody, not even the shop, could choose the "
            "winner."
        )
        self._block(canvas, checking, 14, SOFT)
        self._proof(canvas, 90 * MM, 11)
        canvas.showPage()
