"""The fonts every printed page uses, and the choice of font per character.

Noto Sans covers Latin, Greek and Cyrillic; Hebrew and Armenian live in their own Noto fonts.
reportlab draws each string in one font, so text is cut into runs, each in the first font
(of the wanted weight and slant) that has a glyph for it. The fonts are registered once per
process and embedded (subset) in each PDF, so the page prints the same on any computer.

Widths are summed from the fonts' own tables and cached per word: laying out ten thousand
letters measures the same words over and over.
"""

from __future__ import annotations

import threading
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

# Style index = bold * 2 + italic. Hebrew and Armenian have no italic: the upright face serves.
_FALLBACKS: tuple[tuple[str, ...], ...] = (
    ("ShopSans", "ShopHebrew", "ShopArmenian"),
    ("ShopSans-Italic", "ShopHebrew", "ShopArmenian"),
    ("ShopSans-Bold", "ShopHebrew-Bold", "ShopArmenian-Bold"),
    ("ShopSans-BoldItalic", "ShopHebrew-Bold", "ShopArmenian-Bold"),
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
        self._widths: dict[str, dict[int, float]] = {}
        self._covered: dict[str, frozenset[str]] = {}
        for name, file in _FILES.items():
            path = folder / file
            if name not in pdfmetrics.getRegisteredFontNames():
                pdfmetrics.registerFont(TTFont(name, str(path)))
            face = pdfmetrics.getFont(name).face
            self._widths[name] = {cp: w / 1000.0 for cp, w in face.charWidths.items()}
            self._covered[name] = frozenset(chr(cp) for cp in face.charToGlyph)
        main = pdfmetrics.getFont(REGULAR).face
        self.metrics = FontMetrics(main.ascent / 1000.0, -main.descent / 1000.0)
        self._default_width = {name: 0.6 for name in _FILES}
        self._char_font: list[dict[str, str]] = [{} for _ in _FALLBACKS]
        self._word_widths: dict[tuple[str, str], float] = {}

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
            candidates = _FALLBACKS[style]
            font = next((f for f in candidates if ch in self._covered[f]), candidates[0])
            cache[ch] = font
        return font

    def width(self, text: str, font: str, size: float) -> float:
        """The advance width of ``text`` in ``font`` at ``size`` points (cached per word)."""
        key = (font, text)
        unit = self._word_widths.get(key)
        if unit is None:
            table = self._widths[font]
            default = self._default_width[font]
            unit = sum([table.get(ord(ch), default) for ch in text])
            if len(self._word_widths) > _WORD_CACHE_LIMIT:
                self._word_widths.clear()
            self._word_widths[key] = unit
        return unit * size

    def text_width(self, text: str, size: float, bold: bool = False, italic: bool = False) -> float:
        """The width of ``text`` with fallback fonts, as the engine would draw it."""
        return sum(self.width(part, font, size) for font, part in self.runs(text, bold, italic))


_lock = threading.Lock()
_book: FontBook | None = None


def font_book() -> FontBook:
    """The process-wide font book (fonts are read and registered on first use, once)."""
    global _book
    with _lock:
        if _book is None:
            _book = FontBook(resources_dir() / "fonts")
        return _book
