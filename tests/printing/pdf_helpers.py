"""Reading printed PDFs back: page texts, and where each piece of text sits.

Positions come from pypdf's ``visitor_text``: each call gives a piece of text with the text
matrix and the current transformation; the piece's start point on the page is the text
matrix's origin mapped through the transformation. The end point is the start plus the width
the engine's own font book measures (the PDF's widths come from the same font files).
:func:`words` asks poppler instead, for where a reader's program sees each word.
"""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass
from html import unescape
from pathlib import Path

from pypdf import PdfReader

from shopcards.printing.fonts import font_book


@dataclass(frozen=True)
class Placed:
    """A piece of text on a page: its start point (points) and font size."""

    text: str
    x: float
    y: float
    size: float
    a: float  # the x scale of the transformation: -1 when drawn upside down

    @property
    def width(self) -> float:
        return font_book().text_width(self.text.strip(), self.size)


def pages(path: Path) -> list[str]:
    """The text of every page."""
    return [page.extract_text() for page in PdfReader(path).pages]


def placed(path: Path, page_number: int = 0) -> list[Placed]:
    """Every non-blank piece of text on a page with its position."""
    found: list[Placed] = []

    def visit(text: str, cm: list[float], tm: list[float], font: object, size: float) -> None:
        if not text.strip():
            return
        tx, ty = tm[4], tm[5]
        x = tx * cm[0] + ty * cm[2] + cm[4]
        y = tx * cm[1] + ty * cm[3] + cm[5]
        scale = (tm[0] ** 2 + tm[1] ** 2) ** 0.5 * (cm[0] ** 2 + cm[1] ** 2) ** 0.5
        found.append(Placed(text.replace("\n", ""), x, y, size * scale, cm[0] * tm[0]))

    PdfReader(path).pages[page_number].extract_text(visitor_text=visit)
    return found


def media_box(path: Path, page_number: int = 0) -> tuple[float, float]:
    """A page's width and height in points."""
    box = PdfReader(path).pages[page_number].mediabox
    return float(box.width), float(box.height)


@dataclass(frozen=True)
class Word:
    """A word as poppler's ``pdftotext -bbox`` finds it: its text in reading order and its
    box in points from the page's top left (independent of the engine that drew it)."""

    text: str
    left: float
    right: float
    top: float


def words(path: Path, page_number: int = 1) -> list[Word]:
    """Every word on a page (the first is 1), as poppler reads it."""
    html = subprocess.run(
        ["pdftotext", "-bbox", "-f", str(page_number), "-l", str(page_number), str(path), "-"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return [
        Word(unescape(text), float(left), float(right), float(top))
        for left, top, right, text in _WORD.findall(html)
    ]


_WORD = re.compile(
    r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="[\d.]+">(.*?)</word>'
)
