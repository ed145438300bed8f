"""The fonts every printed page uses, and the choice of font per character.

Noto Sans covers Latin, Greek and Cyrillic; Hebrew and Armenian live in their own Noto fonts;
Arabic, Georgian and Thai in theirs, and Chinese and Japanese in Droid Sans Fallback. reportlab
draws each string in one font, so text is cut into runs, each in the first font (of the wanted
weight and slant) that has a glyph for it. The fonts are registered once per process and
embedded (subset) in each PDF, so the page prints the same on any computer. The less common
scripts' fonts (4 MB of them Chinese) are read only when a character needs them.

reportlab does not shape text. Arabic is handed over in its presentation forms (see
bidi_text.shaped); scripts that cannot be drawn right without shaping (Devanagari and the
other Indic scripts, Korean for want of a TrueType font) have no font here, so
:meth:`FontBook.missing` names them and the letters service leaves such a customer out, with
the reason, instead of printing a blank or a garbled name.

Widths are summed from the fonts' own tables and cached per word: laying out ten thousand
letters measures the same words over and over.
"""

from __future__ import annotations

import threading
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from shopcards.paths import resources_dir

# (registered name, file) for each face; the order within a style is the fallback order.
_FILES: dict[str, str] = {
    "ShopSans": "NotoSans-Regular.ttf",
    "ShopSans-Bold": "NotoSans-Bold.ttf",
    "ShopSans-Italic": "NotoSans-Italic.ttf",
    "ShopSans-BoldItalic": "NotoSans-BoldItalic.ttf",
    "ShopHebrew": "NotoSansHebrew-Regular.ttf",
    "ShopHebrew-Bold": "NotoSansHebrew-Bold.ttf",
    "ShopArmenian": "NotoSansArmenian-Regular.ttf",
    "ShopArmenian-Bold": "NotoSansArmenian-Bold.ttf",
}
_MORE_FILES: dict[str, str] = {
    "ShopArabic": "NotoSansArabic-Regular.ttf",
    "ShopArabic-Bold": "NotoSansArabic-Bold.ttf",
    "ShopGeorgian": "NotoSansGeorgian-Regular.ttf",
    "ShopGeorgian-Bold": "NotoSansGeorgian-Bold.ttf",
    "ShopThai": "NotoSansThai-Regular.ttf",
    "ShopThai-Bold": "NotoSansThai-Bold.ttf",
    "ShopCJK": "DroidSansFallbackFull.ttf",
}
"""Read when a character none of :data:`_FILES` has turns up."""

# Style index = bold * 2 + italic. Only Noto Sans has italics: the upright face serves.
_FALLBACKS: tuple[tuple[str, ...], ...] = (
    ("ShopSans", "ShopHebrew", "ShopArmenian"),
    ("ShopSans-Italic", "ShopHebrew", "ShopArmenian"),
    ("ShopSans-Bold", "ShopHebrew-Bold", "ShopArmenian-Bold"),
    ("ShopSans-BoldItalic", "ShopHebrew-Bold", "ShopArmenian-Bold"),
)
_MORE_FALLBACKS: tuple[tuple[str, ...], ...] = (
    ("ShopArabic", "ShopGeorgian", "ShopThai", "ShopCJK"),
    ("ShopArabic", "ShopGeorgian", "ShopThai", "ShopCJK"),
    ("ShopArabic-Bold", "ShopGeorgian-Bold", "ShopThai-Bold", "ShopCJK"),
    ("ShopArabic-Bold", "ShopGeorgian-Bold", "ShopThai-Bold", "ShopCJK"),
)

REGULAR = "ShopSans"
BOLD = "ShopSans-Bold"
ITALIC = "ShopSans-Italic"

_WORD_CACHE_LIMIT = 200_000


@dataclass(frozen=True, slots=True)
class FontMetrics:
    """Ascent and descent of the main face, as fractions of the font size."""

    ascent: float
    descent: float


class FontBook:
    """Registered fonts with fast width look-ups and per-character fallback."""

    def __init__(self, folder: Path) -> None:
        self._folder = folder
        self._widths: dict[str, dict[int, float]] = {}
        self._covered: dict[str, frozenset[str]] = {}
        self._fallbacks = _FALLBACKS
        self._register(_FILES)
        main = pdfmetrics.getFont(REGULAR).face
        self.metrics = FontMetrics(main.ascent / 1000.0, -main.descent / 1000.0)
        self._char_font: list[dict[str, str]] = [{} for _ in _FALLBACKS]
        self._word_widths: dict[tuple[str, str], float] = {}
        self._more_lock = threading.Lock()

    def _register(self, files: dict[str, str]) -> None:
        for name, file in files.items():
            if name not in pdfmetrics.getRegisteredFontNames():
                pdfmetrics.registerFont(TTFont(name, str(self._folder / file)))
            face = pdfmetrics.getFont(name).face
            self._widths[name] = {cp: w / 1000.0 for cp, w in face.charWidths.items()}
            self._covered[name] = frozenset(chr(cp) for cp in face.charToGlyph)

    def _read_more_fonts(self) -> None:
        """Register the less common scripts' fonts (once, whichever thread asks first)."""
        with self._more_lock:
            if self._fallbacks is _FALLBACKS:
                self._register(_MORE_FILES)
                self._fallbacks = tuple(
                    (*core, *more) for core, more in zip(_FALLBACKS, _MORE_FALLBACKS, strict=True)
                )

    def missing(self, text: str) -> str:
        """The scripts of the letters in ``text`` that no font here can draw, e.g. "Hangul",
        or "" when every letter prints (spaces and controls are not letters)."""
        lacking = {
            _script_of(ch)
            for ch in set(text)
            if ch.isprintable() and not ch.isspace() and not self._has_glyph(ch)
        }
        return ", ".join(sorted(lacking))

    def _has_glyph(self, ch: str) -> bool:
        font = self._font_for(ch, 0)
        return ch in self._covered[font]

    @property
    def regular(self) -> str:
        """The name of the main upright face."""
        return REGULAR

    def face_name(self, bold: bool, italic: bool) -> str:
        """The main face's name for a style (what a run of plain Latin text uses)."""
        return _FALLBACKS[bold * 2 + italic][0]

    def runs(self, text: str, bold: bool = False, italic: bool = False) -> list[tuple[str, str]]:
        """Cut ``text`` into ``(font name, text)`` runs, each drawable in one font."""
        style = bold * 2 + italic
        main = _FALLBACKS[style][0]
        if self._covered[main].issuperset(text):
            return [(main, text)]
        runs: list[tuple[str, str]] = []
        for ch in text:
            font = self._font_for(ch, style)
            if runs and runs[-1][0] == font:
                runs[-1] = (font, runs[-1][1] + ch)
            else:
                runs.append((font, ch))
        return runs

    def _font_for(self, ch: str, style: int) -> str:
        cache = self._char_font[style]
        font = cache.get(ch)
        if font is None:
            candidates = self._fallbacks[style]
            font = next((f for f in candidates if ch in self._covered[f]), None)
            if font is None and self._fallbacks is _FALLBACKS:
                self._read_more_fonts()
                candidates = self._fallbacks[style]
                font = next((f for f in candidates if ch in self._covered[f]), None)
            font = font or candidates[0]
            cache[ch] = font
        return font

    def width(self, text: str, font: str, size: float) -> float:
        """The advance width of ``text`` in ``font`` at ``size`` points (cached per word)."""
        key = (font, text)
        unit = self._word_widths.get(key)
        if unit is None:
            table = self._widths[font]
            unit = sum([table.get(ord(ch), 0.6) for ch in text])
            if len(self._word_widths) > _WORD_CACHE_LIMIT:
                self._word_widths.clear()
            self._word_widths[key] = unit
        return unit * size

    def text_width(self, text: str, size: float, bold: bool = False, italic: bool = False) -> float:
        """The width of ``text`` with fallback fonts, as the engine would draw it."""
        return sum(self.width(part, font, size) for font, part in self.runs(text, bold, italic))


def _script_of(ch: str) -> str:
    """How a person would name what ``ch`` is written in: "Hangul", "Devanagari", "symbols"."""
    if not unicodedata.category(ch).startswith(("L", "M")):
        return "symbols"
    word = unicodedata.name(ch, "unknown").split()[0]
    return word if word == "CJK" else word.capitalize()


_lock = threading.Lock()
_book: FontBook | None = None


def font_book() -> FontBook:
    """The process-wide font book (fonts are read and registered on first use, once)."""
    global _book
    with _lock:
        if _book is None:
            _book = FontBook(resources_dir() / "fonts")
        return _book
