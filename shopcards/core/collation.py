"""Alphabetical order and drawers the way a local reader expects them.

No ICU binding installs from PyPI as a wheel, so the shop's alphabet is tailored here for the
languages shops ask for: the letters a locale treats as letters of their own (Finnish Å Ä Ö
after Z, Romanian Ă Â Î Ș Ț after their base letter) keep their place; every other accent sorts
with its base letter. Other scripts keep Unicode's order (alphabetical for Greek, Cyrillic,
Armenian and Hebrew), the shop's own script first. Letters of scripts without drawers of their
own (Chinese, Japanese, Georgian, Thai, Korean…) come after all of these, in Unicode's order,
and are filed in the ``#`` drawer.

The sort key is a plain string so SQLite can keep it in an index and page through a million
cards in order without loading them.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from shopcards.core.text import fold

_LATIN = "abcdefghijklmnopqrstuvwxyz"

# Letters that the language files as letters of their own, inserted into the Latin alphabet.
_TAILORED_LATIN: dict[str, str] = {
    "fi": _LATIN + "åäö",
    "sv": _LATIN + "åäö",
    "da": _LATIN + "æøå",
    "nb": _LATIN + "æøå",
    "no": _LATIN + "æøå",
    "ro": "aăâbcdefghiîjklmnopqrsștțuvwxyz",
    "et": "abcdefghijklmnopqrsšzžtuvwõäöüxy",
    "tr": "abcçdefgğhıijklmnoöprsştuüvyz",
}

# Scripts by the first and last code point of their letters; the drawer names the script's span.
_SCRIPTS: tuple[tuple[str, int, int, str], ...] = (
    ("latin", 0x0041, 0x024F, "A–Z"),
    ("greek", 0x0370, 0x03FF, "Α–Ω"),
    ("cyrillic", 0x0400, 0x04FF, "А–Я"),
    ("armenian", 0x0531, 0x058F, "Ա–Ֆ"),
    ("hebrew", 0x05D0, 0x05EA, "א–ת"),
    ("arabic", 0x0600, 0x06FF, "ا–ي"),
)
_HOME_SCRIPT = {
    "el": "greek",
    "ru": "cyrillic",
    "uk": "cyrillic",
    "bg": "cyrillic",
    "sr": "cyrillic",
    "hy": "armenian",
    "he": "hebrew",
    "ar": "arabic",
}
_FINALS = str.maketrans({"ך": "כ", "ם": "מ", "ן": "נ", "ף": "פ", "ץ": "צ"})
OTHER_DRAWER = "#"
_OTHER_SCRIPTS = chr(0x3000 + len(_SCRIPTS) * 0x400)
"""Put before a letter of a script not in _SCRIPTS: above every code _SCRIPTS' letters get."""


@dataclass(frozen=True)
class Alphabet:
    """The order and the drawers of one shop locale (e.g. ``fi_FI``, ``ro``, ``he_IL``)."""

    language: str
    latin: str
    script_order: tuple[str, ...]

    @classmethod
    @lru_cache(maxsize=8)  # asked for each keystroke's page (services.session)
    def for_locale(cls, locale: str) -> Alphabet:
        language = locale.replace("-", "_").split("_")[0].lower() or "en"
        home = _HOME_SCRIPT.get(language, "latin")
        order = (home, *(name for name, *_ in _SCRIPTS if name != home))
        return cls(language, _TAILORED_LATIN.get(language, _LATIN), order)

    def home_letters(self) -> list[str]:
        """The drawers of the shop's own script, one per letter, in order."""
        home = self.script_order[0]
        if home == "latin":
            return [ch.upper() for ch in self.latin if ch.upper() != ch.lower()]
        first, last = next((lo, hi) for name, lo, hi, _ in _SCRIPTS if name == home)
        letters = [chr(cp) for cp in range(first, last + 1) if _is_base_letter(chr(cp))]
        return [ch.upper() for ch in letters if ch.translate(_FINALS) == ch]

    def drawers(self) -> list[str]:
        """Every drawer in cabinet order: home letters, one per other script, then ``#``."""
        others = [span for name, _, _, span in _SCRIPTS if name in self.script_order[1:]]
        return [*self.home_letters(), *others, OTHER_DRAWER]

    def sort_key(self, family_name: str, given_name: str) -> str:
        """A string whose plain code-point order is the alphabetical order of the names.

        A card with only a given name ("Madonna") is filed under that name.
        """
        if not family_name.strip():
            family_name, given_name = given_name, ""
        return f"{self._word_key(family_name)}\x01{self._word_key(given_name)}"

    # A keystroke asks it for its plan and its page; alphabets are few and kept (for_locale).
    @lru_cache(maxsize=1024)  # noqa: B019
    def prefix_range(self, prefix: str) -> tuple[str, str]:
        """Sort keys ``lo <= key < hi`` of the names that begin with ``prefix``.

        A plain last letter also takes in its accented forms ("o" finds "Öttinger" in a German
        shop, where Ö is an O), but not a letter the locale files apart (Ö in Finland).
        """
        low = self._word_key(prefix)
        if not low:
            return "", "\U0010ffff"
        last = low[-1]
        base = chr(0x3000 + self.script_order.index("latin") * 0x400)
        plain_latin = (
            base <= last < chr(ord(base) + 2 * len(self.latin))
            and (ord(last) - ord(base)) % 2 == 0
            and not low[:-1].endswith(_OTHER_SCRIPTS)  # 〆 is a letter of its own, not "o"
        )
        if plain_latin:
            return low, low[:-1] + chr(ord(last) + 2)
        return low, low + "\U0010ffff"

    def drawer(self, family_name: str, given_name: str) -> str:
        """The drawer a card is filed in: the first letter of the family name (or given name)."""
        name = (family_name or given_name).strip()
        first = next((ch for ch in name if ch.isalpha()), "")
        if not first:
            return OTHER_DRAWER
        script = _script_of(first)
        if script == self.script_order[0]:
            letter = self._home_letter(first)
            if letter:
                return letter
        for name_, _, _, span in _SCRIPTS:
            if name_ == script and script != self.script_order[0]:
                return span
        return OTHER_DRAWER

    def _home_letter(self, ch: str) -> str:
        low = ch.lower().translate(_FINALS)
        if self.script_order[0] == "latin":
            if low in self.latin:
                return low.upper()
            base = fold(low)[:1]
            return base.upper() if base in self.latin else ""
        base = fold(low)[:1]
        return base.upper() if base else ""

    def _word_key(self, text: str) -> str:
        out: list[str] = []
        for ch in text.lower():
            code = self._char_code(ch)
            if code is not None:
                out.append(code)
        return "".join(out)

    def _char_code(self, ch: str) -> str | None:
        if ch.isspace() or ch in "-'’":
            return "\x02"
        if ch.isdigit():
            return chr(0x30 + int(ch)) if ch in "0123456789" else chr(0x30)
        if ch in self.latin:
            return self._code("latin", self.latin.index(ch) * 2)
        base = fold(ch).translate(_FINALS)
        if not base:
            return None
        head = base[0]
        if head in self.latin:
            # an accented letter sorts just after its plain base letter
            return self._code("latin", self.latin.index(head) * 2 + (head != ch)) + base[1:]
        script = _script_of(head)
        if script is None:  # a Hangul syllable folds to its jamo: each counts, in order
            return "".join(_OTHER_SCRIPTS + c for c in base if c.isalpha()) or None
        return self._code(script, ord(head) - _script_start(script))

    def _code(self, script: str, index: int) -> str:
        rank = self.script_order.index(script)
        return chr(0x3000 + rank * 0x400 + index)


def _script_of(ch: str) -> str | None:
    cp = ord(ch)
    for name, lo, hi, _ in _SCRIPTS:
        if lo <= cp <= hi:
            return name
    return None


def _script_start(script: str) -> int:
    return next(lo for name, lo, _, _ in _SCRIPTS if name == script)


def _is_base_letter(ch: str) -> bool:
    return unicodedata.category(ch) in ("Lu", "Lo")
