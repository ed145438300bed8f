"""Right-to-left text (Hebrew, Arabic) in visual order, one line at a time.

Arabic letters change shape with their neighbours, which reportlab does not do: each word is
first turned into its joined presentation forms (:func:`shaped`, by arabic-reshaper), which
the bidi algorithm then orders like any right-to-left text.

reportlab draws characters in the order it is given them, left to right, so Hebrew must be
handed over in visual order. python-bidi's ``get_display`` reorders one line correctly, but a
paragraph must be broken into lines first (the break points are logical) and every line then
reordered with the *paragraph's* direction: a wrapped Hebrew line that starts with a Latin
word is still a right-to-left line.

Bold, italic and the fallback font of each character must survive the reordering, so this
module takes the embedding levels python-bidi computed for the line (its debug output holds
them, per UTF-8 byte) and applies rule L2 of the Unicode bidi algorithm to the pieces itself.
The result is checked against ``get_display``; if they ever disagree (a newer python-bidi), the
plain ``get_display`` string is drawn instead, losing only the emphasis. Brackets are mirrored
here, as get_display leaves that to the renderer, and a Hebrew point is put back after its letter.

A value filled into a Hebrew message comes between U+2068 and U+2069 (first strong isolate
and its pop, :func:`shopcards.core.i18n.isolated`): the line is reordered with them, so a path
or a phone keeps its own order, and then they are dropped (:func:`without_isolates`), as no
font has a glyph for them and reportlab would draw a box.

The PDF holds the glyphs in this visual order and no ``/ActualText``: pypdf, poppler and pdf.js
turn visual right-to-left runs back into logical order when they extract text, and a logical
``/ActualText`` made poppler's ``pdftotext`` reverse the line a second time.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence
from functools import lru_cache

from arabic_reshaper import reshape
from bidi import get_base_level, get_display
from bidi.mirror import MIRRORED

from shopcards.core.i18n import unmarked

Piece = tuple[str, str]
"""``(font name, text)``: a run drawable in one font."""

_RTL = re.compile(
    "[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc\u200f\u202b\u202e\u2067"
    "\U00010800-\U00010fff\U0001e800-\U0001efff]"
)
_LEVEL = re.compile(r"Level\(\s*(\d+),?\s*\)")


_ARABIC = re.compile("[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff]")


def shaped(word: str) -> str:
    """Arabic letters in the forms they take joined to their neighbours; other text as it is.
    Letters join only within a word, so a layout may shape word by word."""
    return str(reshape(word)) if _ARABIC.search(word) else word


def has_rtl(text: str) -> bool:
    """True when ``text`` holds a right-to-left character (most text has none: a fast path)."""
    return _RTL.search(text) is not None


def is_rtl_paragraph(text: str) -> bool:
    """The paragraph's direction, from its first strong character (rules P2, P3)."""
    return has_rtl(text) and get_base_level(text) == 1


@lru_cache(maxsize=4096)
def _levels(text: str, rtl: bool) -> tuple[int, ...]:
    """The resolved embedding level of each character of one line."""
    info = str(get_display(text, base_dir="R" if rtl else "L", debug=True))
    start = info.find("levels:")
    end = info.find("paragraphs:", start)
    per_byte = [int(v) for v in _LEVEL.findall(info[start:end])]
    levels: list[int] = []
    offset = 0
    for ch in text:
        levels.append(per_byte[offset] if offset < len(per_byte) else int(rtl))
        offset += len(ch.encode("utf-8"))
    return tuple(levels)


def _visual_indices(levels: Sequence[int]) -> list[int]:
    """Rule L2: reverse every run at or above each level, from the highest down to 1."""
    order = list(range(len(levels)))
    if not levels:
        return order
    lowest_odd = min(level for level in levels) | 1
    for level in range(max(levels), lowest_odd - 1, -1):
        i = 0
        while i < len(order):
            if levels[order[i]] >= level:
                j = i
                while j < len(order) and levels[order[j]] >= level:
                    j += 1
                order[i:j] = order[i:j][::-1]
                i = j
            else:
                i += 1
    return order


def _marks_after_base(chars: list[str], fonts: list[str]) -> None:
    """Put combining marks reversed before their base back after it (zero-width overlays)."""
    i = 0
    while i < len(chars):
        if unicodedata.combining(chars[i]):
            j = i
            while j < len(chars) and unicodedata.combining(chars[j]):
                j += 1
            if j < len(chars):
                chars[i : j + 1] = [chars[j], *chars[i:j][::-1]]
                fonts[i : j + 1] = [fonts[j], *fonts[i:j][::-1]]
            i = j + 1
        else:
            i += 1


def _group(chars: list[str], fonts: list[str]) -> list[Piece]:
    pieces: list[Piece] = []
    for ch, font in zip(chars, fonts, strict=True):
        if pieces and pieces[-1][0] == font:
            pieces[-1] = (font, pieces[-1][1] + ch)
        else:
            pieces.append((font, ch))
    return pieces


def without_isolates(pieces: Sequence[Piece]) -> list[Piece]:
    """``pieces`` without the isolates, which only direct the reordering and are never drawn."""
    return [(font, bare) for font, part in pieces if (bare := unmarked(part))]


def visual_pieces(
    pieces: Sequence[Piece], rtl: bool, font_of: Callable[[str], str] | None = None
) -> list[Piece]:
    """One line's pieces, given in logical order, reordered for drawing left to right, without
    the isolates that directed the reordering.

    ``rtl`` is the paragraph's direction. ``font_of`` picks a font per character for the
    fallback path (when the reordering cannot be matched with ``get_display``).
    """
    text = "".join(part for _, part in pieces)
    if not rtl and not has_rtl(text):
        return without_isolates(pieces)
    fonts_logical = [font for font, part in pieces for _ in part]
    levels = _levels(text, rtl)
    order = _visual_indices(levels)
    chars = [text[k] for k in order]
    fonts = [fonts_logical[k] for k in order]
    expected = str(get_display(text, base_dir="R" if rtl else "L"))
    if "".join(chars) == expected:
        # get_display does not mirror brackets; a "(" inside Hebrew must be drawn as ")".
        chars = [
            MIRRORED.get(ch, ch) if levels[k] % 2 else ch
            for ch, k in zip(chars, order, strict=True)
        ]
    else:
        chars = list(expected)
        default = pieces[0][0] if pieces else ""
        fonts = [font_of(ch) if font_of else default for ch in chars]
    _marks_after_base(chars, fonts)
    return without_isolates(_group(chars, fonts))
