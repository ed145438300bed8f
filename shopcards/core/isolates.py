"""Values inside right-to-left messages, kept in their own order: Unicode's bidi isolates.

In a Hebrew sentence a value filled into a message (a path, a phone, an amount, a Latin name)
is laid out by the bidi algorithm with the Hebrew around it, and its parts can come out in the
wrong order: "/tmp/x/shop.db" as "tmp/x/shop.db/", a phone's groups reversed. FIRST STRONG
ISOLATE (U+2068) … POP DIRECTIONAL ISOLATE (U+2069) around it lays it out on its own, as
written. core/i18n.py fills every value of a right-to-left language's messages so
(:func:`fill`); this module knows nothing of languages.

Two things come with it. A unit the message writes against a value ("{percent}%", "#{seq}")
goes into the value's isolate, or the "%" crosses to the number's other side. And a message of
values alone ("{status}: {count}") has no letter outside its isolates, where the bidi rules
look for the paragraph's direction: it is led by a RIGHT-TO-LEFT MARK (U+200F), or Qt and the
page laid "חדש: 2" out left to right.

What no bidi algorithm reads (the terminal), what is drawn glyph by glyph (reportlab has no
glyph for the marks) and file names take the marks out again (:func:`unmarked`).
"""

from __future__ import annotations

import re
import string
import unicodedata

FIRST_STRONG_ISOLATE = "\u2068"
POP_DIRECTIONAL_ISOLATE = "\u2069"
RIGHT_TO_LEFT_MARK = "\u200f"
_MARKS = FIRST_STRONG_ISOLATE + POP_DIRECTIONAL_ISOLATE + RIGHT_TO_LEFT_MARK
_NO_MARKS = str.maketrans("", "", _MARKS)
_UNIT_AFTER = re.compile(f"{POP_DIRECTIONAL_ISOLATE}([^\\s\\w{FIRST_STRONG_ISOLATE}]+)")
_UNIT_BEFORE = re.compile(f"([^\\s\\w{POP_DIRECTIONAL_ISOLATE}]+){FIRST_STRONG_ISOLATE}")
_INNERMOST = re.compile(f"{FIRST_STRONG_ISOLATE}[^{_MARKS[:2]}]*{POP_DIRECTIONAL_ISOLATE}")


def isolate(text: str) -> str:
    """``text`` between the isolates (once: an isolated value is not isolated again)."""
    if not text or (text[0] == FIRST_STRONG_ISOLATE and text[-1] == POP_DIRECTIONAL_ISOLATE):
        return text
    return f"{FIRST_STRONG_ISOLATE}{text}{POP_DIRECTIONAL_ISOLATE}"


def unmarked(text: str) -> str:
    """``text`` without the isolates and right-to-left marks."""
    return text.translate(_NO_MARKS)


class _IsolatingFormatter(string.Formatter):
    """``str.format`` that isolates each value it fills in."""

    def format_field(self, value: object, format_spec: str) -> str:
        return isolate(super().format_field(value, format_spec))


_ISOLATING = _IsolatingFormatter()


def fill(message: str, values: dict[str, object]) -> str:
    """A right-to-left ``message`` with its ``{placeholders}`` filled, each value isolated
    with the units written against it, led by a right-to-left mark when it is values alone."""
    filled = _with_units(_ISOLATING.vformat(message, (), values))
    return filled if _has_letter_outside(filled) else RIGHT_TO_LEFT_MARK + filled


def _with_units(text: str) -> str:
    """A number's terminators ("%", "#", "€", "°": Unicode's class ET) written against an
    isolate taken into it; other signs (a colon, a bracket) stay the sentence's."""

    def after(found: re.Match[str]) -> str:
        signs = found.group(1)
        units = _units(signs)
        return f"{signs[:units]}{POP_DIRECTIONAL_ISOLATE}{signs[units:]}"

    def before(found: re.Match[str]) -> str:
        signs = found.group(1)
        cut = len(signs) - _units(signs[::-1])
        return f"{signs[:cut]}{FIRST_STRONG_ISOLATE}{signs[cut:]}"

    return _UNIT_BEFORE.sub(before, _UNIT_AFTER.sub(after, text))


def _units(signs: str) -> int:
    """How many of ``signs``, from the start, are a number's terminators."""
    count = 0
    while count < len(signs) and unicodedata.bidirectional(signs[count]) == "ET":
        count += 1
    return count


def _has_letter_outside(text: str) -> bool:
    """Whether ``text`` has a strong character outside its isolates (rule P2 looks there)."""
    outside = text
    while (inner := _INNERMOST.sub("", outside)) != outside:
        outside = inner
    return any(unicodedata.bidirectional(ch) in ("L", "R", "AL") for ch in outside)
