"""A postal address set in a box: in an envelope window, on an envelope, on a label.

The address must stay inside its box whatever its length (a window shows nothing outside it,
a label ends at its edge), so the font shrinks until every line fits, down to a size still
easy to read; only then is a too-long line cut with an ellipsis. A Hebrew address (its first
line is right-to-left) is right-aligned as a whole.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.pdfgen.canvas import Canvas

from shopcards.core.templates import clean_value
from shopcards.printing.bidi_text import is_rtl_paragraph
from shopcards.printing.textlayout import Align, LaidLine, Layout, draw_lines

LEADING = 1.2


@dataclass(frozen=True)
class FittedAddress:
    """Address lines laid out at the size that fits, with their line spacing in points."""

    lines: tuple[LaidLine, ...]
    size: float
    leading: float
    rtl: bool


def clean_lines(lines: Sequence[str]) -> list[str]:
    """The address's non-empty lines, each on one line."""
    cleaned = (" ".join(clean_value(line).split()) for line in lines)
    return [line for line in cleaned if line]


def fit_address(
    layout: Layout,
    lines: Sequence[str],
    width: float,
    height: float,
    size: float,
    min_size: float = 7.0,
) -> FittedAddress:
    """Lay ``lines`` out at the largest size from ``size`` down to ``min_size`` that fits."""
    texts = clean_lines(lines)
    rtl = is_rtl_paragraph("\n".join(texts))
    extent = layout.book.metrics.ascent + layout.book.metrics.descent
    current = size
    while True:
        leading = current * LEADING
        laid = [layout.line(text, current, bold=False, rtl=rtl) for text in texts]
        needed = extent * current + leading * (len(laid) - 1)
        if needed <= height + 0.01 and all(line.width <= width for line in laid):
            return FittedAddress(tuple(laid), current, leading, rtl)
        if current - 0.5 < min_size:
            break
        current -= 0.5
    leading = current * LEADING
    room = max(1, int((height - extent * current + 0.01) // leading) + 1)
    if len(texts) > room:
        texts = [*texts[: room - 1], ", ".join(texts[room - 1 :])]
    laid = [layout.fitted_line(text, width, current, rtl=rtl) for text in texts]
    return FittedAddress(tuple(laid), current, leading, rtl)


def draw_address(
    canvas: Canvas,
    address: FittedAddress,
    x: float,
    top: float,
    width: float,
    ascent: float,
    align: Align = Align.START,
) -> None:
    """Draw the address with the top of its first line at ``top`` (points from the bottom).

    ``ascent`` is the font's ascent as a fraction of the size; the first baseline is placed so
    that the tallest letters just touch ``top``.
    """
    baseline = top - ascent * address.size
    draw_lines(canvas, address.lines, x, baseline, width, address.leading, align)
