"""Reading the text files spreadsheets and tills write: which encoding, which separator, one
line at a time. Shared by the purchase import (``core/purchase_file.py``) and the customer
import (``core/customer_csv.py``), so both read the same files the same way.

A file starting with a byte-order mark is read as it says; one that is UTF-8 throughout is
UTF-8; anything else was saved in a Windows code page, and which one is judged from the text
each would make (see :func:`guess_encoding`).
"""

from __future__ import annotations

import codecs
import csv
import io
import re
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import BinaryIO, TextIO

from shopcards.core.i18n import _
from shopcards.core.text import fold

DELIMITERS = (";", ",", "\t", "|")
MAX_LINE = 64 * 1024
"""Characters in one line of a file; a longer one is refused, never read whole."""
SAMPLE = 1 << 20
"""Bytes read from the start of a file to judge its encoding."""

CODE_PAGES = {
    "cp1252": "Windows-1252",
    "cp1250": "Windows-1250",
    "cp1255": "Windows-1255",
    "cp1251": "Windows-1251",
    "cp1253": "Windows-1253",
}
"""The code pages a spreadsheet in the shops' countries saves "CSV" in, most likely first
(Western, Central European, Hebrew, Cyrillic, Greek): where two read a file equally well,
the first wins."""
_RARE = set("ªº¹²³¼½¾¤¦¨´¸¯¬µ±¶§þÞðĺĹľĽŕŔ")
"""Characters that a code page makes of another's letters and that no name or address in the
shops' languages holds (Romanian ş read as Windows-1252 is º, Finnish å as Windows-1250 ĺ)."""
_WORD = re.compile(r"[^\W\d_]+")
_ACCENTED = re.compile(r"[\u00c0-\u024f]{3}")
_SCRIPTS = ("LATIN", "GREEK", "CYRILLIC", "HEBREW", "ARABIC", "ARMENIAN")


def guess_encoding(head: bytes) -> tuple[str, str]:
    """The codec to read a file with, and its name for a person, from the file's first bytes."""
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16", "UTF-16"
    odd, even = head[1::2].count(0), head[::2].count(0)  # UTF-16 without its mark: every
    if len(head) >= 4 and max(odd, even) * 2 > len(head) // 2:  # other byte of ASCII is 0
        return ("utf-16-le", "UTF-16 LE") if odd > even else ("utf-16-be", "UTF-16 BE")
    if _is_utf8(head):
        bom = head.startswith(codecs.BOM_UTF8)
        return "utf-8-sig", _("UTF-8 with byte-order mark") if bom else "UTF-8"
    return _code_page(head)


def _is_utf8(head: bytes) -> bool:
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as exc:
        return exc.start >= len(head) - 3 and len(head) == SAMPLE  # a character cut short
    return True


def _code_page(head: bytes) -> tuple[str, str]:
    """The code page whose reading of the file's non-ASCII lines has the fewest implausible
    characters, the first in :data:`CODE_PAGES` between equals. charset-normalizer's guess
    joins them last, for a file in a code page none of ours is; on short texts it is no
    judge between ours (it reads a short Hebrew list as Ukrainian DOS text, a Finnish one as
    Central European). A short Greek file may be read as Cyrillic: the owner can say which."""
    sample = b"\n".join(line for line in head.splitlines() if not line.isascii())[: 1 << 16]
    candidates = dict(CODE_PAGES)
    guessed = _normalizer_guess(sample)
    if guessed:
        candidates.setdefault(guessed, guessed)
    scores: list[tuple[int, int, str]] = []
    for rank, codec in enumerate(candidates):
        try:
            text = sample.decode(codec)
        except (UnicodeDecodeError, LookupError):
            continue
        scores.append((implausible(text), rank, codec))
    codec = min(scores)[-1] if scores else "cp1252"  # unreadable anyhow: bytes become "\ufffd"
    return codec, candidates.get(codec, "Windows-1252")


def _normalizer_guess(sample: bytes) -> str:
    from charset_normalizer import from_bytes

    best = from_bytes(sample).best() if sample else None
    return best.encoding if best is not None else ""


def implausible(text: str) -> int:
    """How many characters of ``text`` could not be in a name or address as typed: control
    characters, the rare signs of :data:`_RARE`, letters of two scripts in one word, a mark
    that follows no letter, runs of three accented Latin letters (Hebrew read as
    Windows-1252 is "ãåã"), and words of a script with capitals that hold none (Hebrew read
    as Windows-1251 is "гег лдп", where names would be "Иван")."""
    count, previous = 0, ""
    for ch in text:
        kind = unicodedata.category(ch)
        count += ch in _RARE or (kind[0] == "C" and ch not in "\t\r\n")
        if kind[0] == "M":
            count += not previous.isalpha()
        else:
            previous = ch
    return count + sum(_odd(word) for word in _WORD.findall(text))


def _odd(word: str) -> int:
    """How many of the three oddities of a word :func:`implausible` counts it has."""
    scripts = {_script(ch) for ch in word} - {""}
    small = any(ch.islower() and not ch.isascii() for ch in word) and not any(
        ch.isupper() for ch in word
    )
    return (len(scripts) > 1) + bool(_ACCENTED.search(word)) + (small and len(word) > 1)


def _script(ch: str) -> str:
    name = unicodedata.name(ch, "")
    return next((script for script in _SCRIPTS if name.startswith(script)), "")


@contextmanager
def open_text(stream: BinaryIO, encoding: str | None = None) -> Iterator[tuple[TextIO, str]]:
    """The file as text from its start, and the name of its encoding (``encoding`` when the
    caller names one, else judged by :func:`guess_encoding` from its first megabyte); the
    file stays open afterwards, for the next pass."""
    stream.seek(0)
    head = stream.read(SAMPLE)
    stream.seek(0)
    codec, name = (encoding, encoding) if encoding else guess_encoding(head)
    if codec.lower().replace("-", "").replace("_", "") in ("utf8", "utf8sig"):
        codec = "utf-8-sig"  # a byte-order mark is never a character of the first heading
    wrapper = io.TextIOWrapper(stream, encoding=codec, errors="replace", newline="")
    try:
        yield wrapper, name
    finally:
        if not stream.closed:  # a pass stopped half-way may end after the file was closed
            wrapper.detach()


class Lines:
    """The file's lines one at a time, ``number`` the last one given; a line over
    :data:`MAX_LINE` characters is skipped (read in pieces, never whole), ``too_long`` told
    its number, and a blank line given in its place."""

    def __init__(self, text: TextIO, too_long: Callable[[int], None] | None = None) -> None:
        self.text = text
        self.number = 0
        self.skipped = 0
        self._too_long = too_long

    def __iter__(self) -> Iterator[str]:
        while line := self.text.readline(MAX_LINE + 1):
            self.number += 1
            if len(line) > MAX_LINE and not line.endswith(("\n", "\r")):
                while line and not line.endswith(("\n", "\r")):
                    line = self.text.readline(MAX_LINE)
                self.skipped += 1
                if self._too_long is not None:
                    self._too_long(self.number)
                yield "\n"  # a blank line in its place keeps the row numbers
                continue
            yield line


def first_line(lines: Lines) -> str | None:
    """The first non-blank line (the heading line), without its line end; None when the
    file holds none. ``lines.skipped`` says whether a line too long came before it."""
    for line in lines:
        if lines.skipped:
            return None
        if line.strip():
            return line.rstrip("\r\n")
    return None


def split_line(line: str, delimiter: str) -> list[str]:
    """One line's fields, quotes as a spreadsheet writes them."""
    return next(csv.reader(io.StringIO(line), delimiter=delimiter), [])


def best_delimiter(header: str, recognised: Callable[[Sequence[str]], int]) -> str:
    """The separator under which the heading line names the most columns ``recognised``
    knows; failing that, the one that splits it into the most fields."""
    return max(
        DELIMITERS,
        key=lambda d: (recognised(split_line(header, d)), len(split_line(header, d))),
    )


def heading_key(heading: str) -> str:
    """A column heading as files' headings are compared: folded, letters and digits only
    ("E-mail Address" and "email address" are one; so are "Oraș" and "oras")."""
    return "".join(ch for ch in fold(heading) if ch.isalnum())
