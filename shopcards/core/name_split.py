"""One column holding the whole name ("Virtanen, Anna", "Dr. Anna Maria Virtanen", "דוד בן
גוריון") split into the card's given and family name, as a person would without asking.

The rule is the one most lists follow: "Family, Given" when there is a comma, else the last
word is the family name (with the particles before it: "van der Berg", "bin Laden", "בן
גוריון", and a suffix after it: "Smith Jr."). A title in front is set apart. Nothing is ever
lost: every character of the text is in the title, the given or the family name.
"""

from __future__ import annotations

from dataclasses import dataclass

from shopcards.core.text import fold

_TITLES = frozenset(
    fold(word).rstrip(".")
    for word in (
        "Mr", "Mrs", "Ms", "Miss", "Mx", "Dr", "Prof", "Rev", "Sir", "Dame", "Lady", "Lord",
        "Herra", "Rouva", "Neiti", "Tri", "Toht", "Dl", "Dna", "Dra", "Domnul", "Doamna",
        "Domnișoara", "Ing", "Av", "מר", "גב'", "גברת", "ד״ר", 'ד"ר', "פרופ'", "עו״ד", 'עו"ד',
        "Պրն", "Տիկ", "Տիկին", "Դոկտ",
    )
)  # fmt: skip
"""Titles in the five languages, folded and without a final full stop."""
_PARTICLES = frozenset(
    fold(word)
    for word in (
        "van", "von", "der", "den", "de", "da", "di", "del", "della", "dos", "das", "du", "la",
        "le", "ter", "ten", "bin", "ibn", "al", "el", "ben", "bat", "בן", "בת", "אבו",
    )
)  # fmt: skip
"""Small words that belong to the family name that follows them."""
_SUFFIXES = frozenset(("jr", "sr", "ii", "iii", "iv", "jun", "sen"))


@dataclass(frozen=True)
class NameParts:
    title: str
    given: str
    family: str


def split_full_name(text: str) -> tuple[str, str]:
    """(given, family) from one whole name; a title in front is left out (see
    :func:`split_name` to keep it)."""
    parts = split_name(text)
    return parts.given, parts.family


def split_name(text: str) -> NameParts:
    """Title, given and family name from one whole name, spaces between words made single."""
    head, comma, tail = text.partition(",")
    if comma and tail.strip() and not _only_suffixes(tail.split()):
        title, given = _titles(tail.split())
        return NameParts(title, _joined(given), _joined(head.split()))
    title, words = _titles(head.split())
    suffix = f",{tail}" if comma and tail.strip() else comma  # "Smith, Jr." keeps its comma
    if len(words) == 1 and not title and not suffix:
        return NameParts("", words[0], "")  # one word and no title: a first name ("Anna")
    end = len(words)
    while end > 1 and _is_suffix(words[end - 1]):
        end -= 1
    start = max(end - 1, 0)
    while start > 0 and _is_particle(words[start - 1], first=start == 1):
        start -= 1
    family = _joined(words[start:]) + (_joined(suffix.split()) if suffix else "")
    return NameParts(title, _joined(words[:start]), family)


def _is_particle(word: str, first: bool) -> bool:
    """A word of the family name that follows it; the first word of a name only when written
    small ("van Gogh", but "Ben Cohen" and "Van Morrison" have given names)."""
    return fold(word) in _PARTICLES and (not first or word.islower())


def _titles(words: list[str]) -> tuple[str, list[str]]:
    """The titles in front of ``words`` (never all of them), and the words after."""
    count = 0
    while count < len(words) - 1 and fold(words[count]).rstrip(".") in _TITLES:
        count += 1
    return _joined(words[:count]), words[count:]


def _is_suffix(word: str) -> bool:
    return fold(word).strip(".,") in _SUFFIXES


def _only_suffixes(words: list[str]) -> bool:
    return bool(words) and all(_is_suffix(word) for word in words)


def _joined(words: list[str]) -> str:
    return " ".join(words)
