"""Breaking styled paragraphs into lines that fit, and drawing those lines.

The order of work matters for right-to-left text: words are measured and lines are broken in
logical order, and only then is each finished line put into visual order (bidi_text). A
paragraph whose first strong letter is Hebrew is laid out right-to-left and right-aligned.

Laid-out lines are plain values, so the letter engine lays out the parts of a template that do
not change per customer once, and only the personalised paragraphs per letter.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum

from reportlab.pdfgen.canvas import Canvas

from shopcards.core.i18n import unmarked
from shopcards.core.templates import FilledLine, Span
from shopcards.printing.bidi_text import has_rtl, is_rtl_paragraph, shaped, visual_pieces
from shopcards.printing.fonts import FontBook

_SPACE = re.compile(r"(\s+)")
_ELLIPSIS = "…"


class Align(Enum):
    """Horizontal alignment; START is left for left-to-right and right for Hebrew paragraphs,
    LEFT and RIGHT are so whatever the line's direction."""

    START = "start"
    CENTER = "center"
    RIGHT = "right"
    LEFT = "left"


@dataclass(frozen=True, slots=True)
class Frag:
    """A run of glyphs in one font; a line's fragments are drawn one after the other."""

    font: str
    text: str


@dataclass(frozen=True, slots=True)
class LaidLine:
    """One line ready to draw: fragments in visual order, its width and size.

    ``rtl`` is the paragraph's direction (right-aligned); ``bidi`` says the line holds
    right-to-left text and was reordered; ``logical`` is its text in reading order.
    """

    frags: tuple[Frag, ...]
    width: float
    size: float
    rtl: bool
    logical: str
    bidi: bool = False


@dataclass(frozen=True, slots=True)
class _Word:
    pieces: tuple[tuple[str, str], ...]  # (font, text) in logical order
    width: float
    space_after: bool
    bidi: bool


@dataclass(frozen=True, slots=True)
class _Token:
    """A whitespace-free piece of one span, measured (``None`` stands for whitespace)."""

    pieces: tuple[tuple[str, str], ...]
    width: float
    bidi: bool


_TOKEN_CACHE_LIMIT = 50_000


class Layout:
    """Line breaking and drawing with one font book.

    Tokenised, measured spans are cached: a template's fixed text is cut into words and
    measured once per batch, however many letters are laid out with it.
    """

    def __init__(self, book: FontBook) -> None:
        self.book = book
        self._tokens: dict[tuple[str, bool, bool, float], tuple[_Token | None, ...]] = {}

    def paragraph(
        self, lines: Sequence[FilledLine], width: float, size: float, rtl: bool | None = None
    ) -> list[LaidLine]:
        """Break a paragraph (its explicit lines, each a list of spans) to fit ``width``."""
        if rtl is None:
            rtl = is_rtl_paragraph("\n".join(span.text for line in lines for span in line))
        laid: list[LaidLine] = []
        for line in lines:
            words = self._words(line, size)
            laid.extend(self._break(words, width, size, rtl))
        return laid

    def line(self, text: str, size: float, bold: bool = False, rtl: bool | None = None) -> LaidLine:
        """One line of plain text, never broken (an address line, a heading)."""
        if rtl is None:
            rtl = is_rtl_paragraph(text)
        words = self._words((Span(text, bold),), size)
        return self._finish(words, size, rtl, self._width_of(words, size))

    def fitted_line(
        self, text: str, width: float, size: float, bold: bool = False, rtl: bool | None = None
    ) -> LaidLine:
        """One line shortened with an ellipsis when it is wider than ``width``."""
        laid = self.line(text, size, bold, rtl)
        if laid.width <= width:
            return laid
        cut = len(text)
        while cut > 1 and laid.width > width:
            cut -= 1
            laid = self.line(text[:cut].rstrip() + _ELLIPSIS, size, bold, rtl)
        return laid

    def _span_tokens(self, span: Span, size: float) -> tuple[_Token | None, ...]:
        key = (span.text, span.bold, span.italic, size)
        cached = self._tokens.get(key)
        if cached is not None:
            return cached
        tokens: list[_Token | None] = []
        for part in _SPACE.split(span.text):
            if not part:
                continue
            if part.isspace():
                tokens.append(None)
                continue
            part = shaped(part)
            pieces = tuple(self.book.runs(part, span.bold, span.italic))
            width = sum(self.book.width(text, font, size) for font, text in pieces)
            tokens.append(_Token(pieces, width, has_rtl(part)))
        if len(self._tokens) > _TOKEN_CACHE_LIMIT:
            self._tokens.clear()
        result = self._tokens[key] = tuple(tokens)
        return result

    def _words(self, spans: Sequence[Span], size: float) -> list[_Word]:
        """Whitespace-separated words; a word may mix styles ("**Ana**," is one word)."""
        words: list[_Word] = []
        pieces: list[tuple[str, str]] = []
        width = 0.0
        bidi = False
        for span in spans:
            for token in self._span_tokens(span, size):
                if token is not None:
                    pieces.extend(token.pieces)
                    width += token.width
                    bidi = bidi or token.bidi
                elif pieces:
                    words.append(_Word(tuple(pieces), width, True, bidi))
                    pieces, width, bidi = [], 0.0, False
                elif words and not words[-1].space_after:
                    last = words[-1]
                    words[-1] = _Word(last.pieces, last.width, True, last.bidi)
        if pieces:
            words.append(_Word(tuple(pieces), width, False, bidi))
        return words

    def _space(self, size: float) -> float:
        return self.book.width(" ", self.book.face_name(False, False), size)

    def _width_of(self, words: Sequence[_Word], size: float) -> float:
        gaps = sum(1 for word in words[:-1] if word.space_after)
        return sum(word.width for word in words) + gaps * self._space(size)

    def _break(self, words: list[_Word], width: float, size: float, rtl: bool) -> list[LaidLine]:
        if not words:
            return [LaidLine((), 0.0, size, rtl, "")]
        space = self._space(size)
        lines: list[LaidLine] = []
        current: list[_Word] = []
        used = 0.0
        for word in words:
            for part in self._split_long(word, width, size):
                extra = (space if current and current[-1].space_after else 0.0) + part.width
                if current and used + extra > width:
                    lines.append(self._finish(current, size, rtl, used))
                    current, used = [], 0.0
                    extra = part.width
                current.append(part)
                used += extra
        lines.append(self._finish(current, size, rtl, used))
        return lines

    def _split_long(self, word: _Word, width: float, size: float) -> list[_Word]:
        """A word wider than the whole line is cut where it must (a long e-mail address)."""
        if word.width <= width:
            return [word]
        parts: list[_Word] = []
        current: list[tuple[str, str]] = []
        used = 0.0
        for font, text in word.pieces:
            for ch in text:
                w = self.book.width(ch, font, size)
                if current and used + w > width:
                    parts.append(_Word(tuple(current), used, False, word.bidi))
                    current, used = [], 0.0
                if current and current[-1][0] == font:
                    current[-1] = (font, current[-1][1] + ch)
                else:
                    current.append((font, ch))
                used += w
        parts.append(_Word(tuple(current), used, word.space_after, word.bidi))
        return parts

    def _finish(self, words: Sequence[_Word], size: float, rtl: bool, width: float) -> LaidLine:
        logical: list[tuple[str, str]] = []
        space_font = self.book.face_name(False, False)
        last = len(words) - 1
        for index, word in enumerate(words):
            logical.extend(word.pieces)
            if word.space_after and index < last:
                logical.append((space_font, " "))
        text = unmarked("".join([part for _, part in logical]))
        bidi = rtl or any(word.bidi for word in words)
        logical = visual_pieces(logical, rtl, self._font_of)  # also drops the isolates
        frags = tuple(Frag(font, part) for font, part in _merge_pieces(logical))
        return LaidLine(frags, width, size, rtl, text, bidi)

    def _font_of(self, ch: str) -> str:
        return self.book.runs(ch)[0][0]


def _merge_pieces(pieces: Sequence[tuple[str, str]]) -> list[tuple[str, str]]:
    merged: list[tuple[str, str]] = []
    for font, text in pieces:
        if merged and merged[-1][0] == font:
            merged[-1] = (font, merged[-1][1] + text)
        else:
            merged.append((font, text))
    return merged


def line_x(line: LaidLine, x: float, width: float, align: Align) -> float:
    """The left edge of ``line`` drawn in the box ``x``..``x + width``."""
    if align is Align.CENTER:
        return x + (width - line.width) / 2
    if align is Align.LEFT:
        return x
    if align is Align.RIGHT or line.rtl:
        return x + width - line.width
    return x


def draw_lines(
    canvas: Canvas,
    lines: Sequence[LaidLine],
    x: float,
    baseline: float,
    width: float,
    leading: float,
    align: Align = Align.START,
) -> float:
    """Draw ``lines`` from the first ``baseline`` down; return the baseline after the last.

    Right-to-left lines are already in visual order, so every line is drawn the same way.
    """
    text = canvas.beginText()
    current: tuple[str, float] | None = None
    for line in lines:
        if line.frags:
            text.setTextOrigin(line_x(line, x, width, align), baseline)
            for frag in line.frags:
                if current != (frag.font, line.size):
                    current = (frag.font, line.size)
                    text.setFont(frag.font, line.size)
                # Each piece starts where the one before ended (a PDF text operator advances
                # by the glyphs' widths), so no position and no width is computed per piece.
                text._textOut(frag.text)
        baseline -= leading
    canvas.drawText(text)
    return baseline
