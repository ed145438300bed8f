"""Folding text for search: "stefan" finds "Ștefan", "SÖDERBERG" finds "Söderberg"."""

from __future__ import annotations

import re
import unicodedata

# Letters that carry no combining mark to strip but that a person types without the accent.
_PLAIN = str.maketrans(
    {
        "ø": "o",
        "ł": "l",
        "đ": "d",
        "ð": "d",
        "þ": "th",
        "æ": "ae",
        "œ": "oe",
        "ı": "i",
        "ך": "כ",
        "ם": "מ",
        "ן": "נ",
        "ף": "פ",
        "ץ": "צ",
    }
)
_WORD = re.compile(r"\w+")
_CONTROLS = (
    "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f"  # Cc but for tab and line breaks
    "\ud800-\udfff"  # Cs
    "\ue000-\uf8ff\U000f0000-\U000ffffd\U00100000-\U0010fffd"  # Co
    "\u2028\u2029"
)
_UNTYPED = re.compile(f"[{_CONTROLS}\t\n\r]")
_UNTYPED_IN_LINES = re.compile(f"[{_CONTROLS}]")


def fold(text: str) -> str:
    """Lower-case, strip accents and marks (also Hebrew points), map final Hebrew letters."""
    if text.isascii():  # nothing to strip or map: most words of a card, ten times faster
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return bare.translate(_PLAIN)


def words(text: str) -> list[str]:
    """The folded words of ``text``, as the search index stores them."""
    return _WORD.findall(fold(text))


def has_control_chars(text: str, allow_newlines: bool = False) -> bool:
    """True when ``text`` holds a control character a person did not mean to type: one of
    Unicode's categories Cc, Cs or Co, or a line or paragraph separator (one regular
    expression: an import checks every field of 100,000 rows)."""
    return bool((_UNTYPED_IN_LINES if allow_newlines else _UNTYPED).search(text))
