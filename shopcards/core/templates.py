"""Letter and card templates the owner edits: a tiny markup with merge fields.

The markup is small on purpose, so a shop owner can write it in a plain text box:

* a blank line starts a new paragraph; a single line break is kept as a line break;
* ``**bold**``, ``*italic*`` and ``***both***``;
* ``{given_name}`` and the other names in :data:`MERGE_FIELDS` are filled in per customer;
* a backslash prints the next character as it is: ``\\*``, ``\\{``, ``\\}``, ``\\\\``.

A template file may start with a header of ``key: value`` lines closed by a line ``---``
(``name``, ``kind``, ``occasion``, ``subject`` for letters, ``front`` for cards).

Every mistake is found when the template is parsed, before anything prints: the error says
what is wrong, on which line and column, and for a misspelled field which field was meant.
Parsing never raises anything but :class:`TemplateError`.
"""

from __future__ import annotations

import difflib
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from types import MappingProxyType
from typing import Final

from shopcards.core.i18n import N_, _
from shopcards.core.template_problems import MissingValuesError, TemplateError, TemplateProblem

MERGE_FIELDS: Final[Mapping[str, str]] = MappingProxyType(
    {
        "salutation": N_("How the customer is greeted, e.g. “Dear Ms Popescu”"),
        "given_name": N_("The customer's given name"),
        "family_name": N_("The customer's family name"),
        "full_name": N_("Given and family name together"),
        "shop_name": N_("The shop's name"),
        "shop_phone": N_("The shop's phone number"),
        "shop_address": N_("The shop's address on one line"),
        "last_visit": N_("The date of the customer's last purchase"),
        "birthday": N_("The customer's birthday (day and month)"),
        "customer_since": N_("The date the customer's card was made"),
        "today": N_("The date the letter is printed"),
        "event_date": N_("The date of the event you invite to (asked when printing)"),
        "prize": N_("What the customer won (asked when printing)"),
        "cashback_balance": N_("The customer's cash-back to spend, in the shop's money"),
        "cashback_expiring": N_("Cash-back that expires within the next 92 days (empty: none)"),
        "cashback_expiring_date": N_("The first day that cash-back can last be spent"),
        "tier": N_("The customer's loyalty tier, e.g. “Gold” (empty without one)"),
        "discount": N_("The discount of the customer's loyalty tier, e.g. “15%”"),
    }
)
"""Every merge field a template may use, with a line the template editor shows for it."""


class TemplateKind(StrEnum):
    """A letter goes in an envelope; a card is folded from one sheet."""

    LETTER = "letter"
    CARD = "card"


HEADER_KEYS: Final[tuple[str, ...]] = ("name", "kind", "occasion", "subject", "front")
"""The keys a template file's header may hold."""

_ESCAPABLE = "\\*{}"


@dataclass(frozen=True)
class Text:
    """Literal text with its emphasis."""

    text: str
    bold: bool = False
    italic: bool = False


@dataclass(frozen=True)
class Field:
    """A merge field, with where it was written (for messages about its value)."""

    name: str
    bold: bool = False
    italic: bool = False
    line: int = 0
    column: int = 0


Run = Text | Field
Line = tuple[Run, ...]


@dataclass(frozen=True)
class Span:
    """A piece of finished text with its emphasis: what the printing engine draws."""

    text: str
    bold: bool = False
    italic: bool = False


FilledLine = tuple[Span, ...]


@dataclass(frozen=True)
class Paragraph:
    """One paragraph: its lines, each a sequence of runs."""

    lines: tuple[Line, ...]

    @property
    def fields(self) -> frozenset[str]:
        """The merge fields the paragraph uses; none means it is the same for everyone."""
        return frozenset(run.name for line in self.lines for run in line if isinstance(run, Field))

    def fill(self, values: Mapping[str, str]) -> tuple[FilledLine, ...]:
        """The paragraph with its fields replaced by ``values``."""
        return tuple(fill_line(line, values) for line in self.lines)


BRACES: Final[Mapping[str, str]] = MappingProxyType({"open": "{", "close": "}"})
"""The braces, as placeholders: a message about them keeps ``{…}`` for its values only."""


@dataclass(frozen=True)
class Template:
    """A parsed template, ready to be filled in for each customer."""

    name: str
    kind: TemplateKind
    occasion: str
    paragraphs: tuple[Paragraph, ...]
    subject: Line = ()
    front: Line = ()
    source: str = field(default="", compare=False)

    @property
    def fields(self) -> frozenset[str]:
        """Every merge field used anywhere in the template."""
        used = {run.name for run in (*self.subject, *self.front) if isinstance(run, Field)}
        for paragraph in self.paragraphs:
            used |= paragraph.fields
        return frozenset(used)

    def check_values(self, values: Mapping[str, str], who: str = "") -> None:
        """Raise :class:`MissingValuesError` unless ``values`` fills every field used."""
        missing = [name for name in self.fields if name not in values]
        if missing:
            raise MissingValuesError(missing, who)


def suggest_field(name: str, known: Iterable[str] = MERGE_FIELDS) -> str:
    """The known field closest to a misspelled ``name``, or "" when none is close."""
    candidates = list(known)
    folded = name.strip().lower().replace(" ", "_").replace("-", "_")
    if folded in candidates:
        return folded
    close = difflib.get_close_matches(folded, candidates, n=1, cutoff=0.6)
    return close[0] if close else ""


def fill_line(line: Line, values: Mapping[str, str]) -> FilledLine:
    """One line with its fields replaced; a missing value raises MissingValuesError."""
    spans: list[Span] = []
    for run in line:
        if isinstance(run, Text):
            spans.append(Span(run.text, run.bold, run.italic))
            continue
        if run.name not in values:
            raise MissingValuesError([run.name])
        spans.append(Span(clean_value(values[run.name]), run.bold, run.italic))
    return tuple(spans)


def clean_value(value: str) -> str:
    """A merge value as one line of composed text: breaks and control characters become spaces.

    NFC composes "s" + combining comma into "ș", so a font's ready-made glyph is used.
    """
    text = unicodedata.normalize("NFC", value)
    return "".join(" " if unicodedata.category(ch) in ("Cc", "Zl", "Zp") else ch for ch in text)


class _LineParser:
    """Parses the inline markup of one line, carrying emphasis across the paragraph's lines."""

    def __init__(self, problems: list[TemplateProblem], fields_allowed: bool = True) -> None:
        self.problems = problems
        self.fields_allowed = fields_allowed
        self.bold = False
        self.italic = False
        self.bold_at = (0, 0)
        self.italic_at = (0, 0)

    def parse(self, text: str, line_no: int, col_offset: int = 0) -> Line:
        runs: list[Run] = []
        buf: list[str] = []

        def flush() -> None:
            if buf:
                runs.append(Text("".join(buf), self.bold, self.italic))
                buf.clear()

        i = 0
        while i < len(text):
            ch = text[i]
            col = i + 1 + col_offset
            if ch == "\\" and i + 1 < len(text) and text[i + 1] in _ESCAPABLE:
                buf.append(text[i + 1])
                i += 2
            elif ch == "*":
                end = i
                while end < len(text) and text[end] == "*":
                    end += 1
                flush()
                self._emphasis(end - i, line_no, col)
                i = end
            elif ch == "{":
                close = self._find_close(text, i, line_no, col)
                if close < 0:
                    buf.append(ch)
                    i += 1
                    continue
                flush()
                self._field(text[i + 1 : close], line_no, col, runs)
                i = close + 1
            elif ch == "}":
                self._problem(
                    line_no,
                    col,
                    _(
                        "a {close} with no {open} before it (write \\{close} to print a brace)",
                        **BRACES,
                    ),
                )
                i += 1
            else:
                if _is_control(ch):
                    self._problem(
                        line_no,
                        col,
                        _("an invisible control character (U+{code})", code=f"{ord(ch):04X}"),
                    )
                else:
                    buf.append(ch)
                i += 1
        flush()
        return _merge_texts(runs)

    def finish(self) -> None:
        """Report emphasis still open when the paragraph ends."""
        if self.bold:
            line, col = self.bold_at
            self._problem(line, col, _("** (bold) is not closed in this paragraph"))
        if self.italic:
            line, col = self.italic_at
            self._problem(line, col, _("* (italic) is not closed in this paragraph"))
        self.bold = self.italic = False

    def _emphasis(self, count: int, line_no: int, col: int) -> None:
        if count > 3:
            self._problem(
                line_no,
                col,
                _("{count} asterisks in a row: use ** for bold, * for italic", count=count),
            )
            return
        if count in (2, 3):
            self.bold = not self.bold
            self.bold_at = (line_no, col)
        if count in (1, 3):
            self.italic = not self.italic
            self.italic_at = (line_no, col)

    def _find_close(self, text: str, start: int, line_no: int, col: int) -> int:
        for j in range(start + 1, len(text)):
            if text[j] == "}":
                return j
            if text[j] == "{":
                self._problem(
                    line_no,
                    col,
                    _("a {open} is not closed by {close} before the next {open}", **BRACES),
                )
                return -1
        self._problem(
            line_no, col, _("a {open} is not closed by {close} on the same line", **BRACES)
        )
        return -1

    def _field(self, raw: str, line_no: int, col: int, runs: list[Run]) -> None:
        name = raw.strip()
        if not self.fields_allowed:
            self._problem(line_no, col, _("merge fields cannot be used here"))
        elif not name:
            self._problem(
                line_no,
                col,
                _("an empty {open}{close} : write a field name between the braces", **BRACES),
            )
        elif name not in MERGE_FIELDS:
            self._unknown_field(name, line_no, col)
        else:
            runs.append(Field(name, self.bold, self.italic, line_no, col))

    def _unknown_field(self, name: str, line_no: int, col: int) -> None:
        shown = name if len(name) <= 40 else name[:37] + "..."
        suggestion = suggest_field(name)
        field, meant = f"{{{shown}}}", f"{{{suggestion}}}"
        message = (
            _("unknown merge field {field}; did you mean {meant}?", field=field, meant=meant)
            if suggestion
            else _("unknown merge field {field}", field=field)
        )
        self.problems.append(TemplateProblem(line_no, col, message, name, suggestion))

    def _problem(self, line_no: int, col: int, message: str) -> None:
        self.problems.append(TemplateProblem(line_no, col, message))


def _is_control(ch: str) -> bool:
    return ch != "\t" and unicodedata.category(ch) in ("Cc", "Cs", "Co", "Zl", "Zp")


def _merge_texts(runs: list[Run]) -> Line:
    """Join neighbouring texts of the same emphasis, so layout sees fewer pieces."""
    merged: list[Run] = []
    for run in runs:
        last = merged[-1] if merged else None
        if (
            isinstance(run, Text)
            and isinstance(last, Text)
            and (last.bold, last.italic) == (run.bold, run.italic)
        ):
            merged[-1] = Text(last.text + run.text, run.bold, run.italic)
        else:
            merged.append(run)
    return tuple(merged)


def _split_header(lines: list[str]) -> tuple[list[str], int]:
    """The header lines and the index of the first body line.

    A header is there only when the first written line is ``known_key: ...`` and a ``---``
    line follows, so a body that merely contains ``---`` is never mistaken for one.
    """
    first = next((line for line in lines if line.strip()), "")
    if first.partition(":")[0].strip().lower() not in HEADER_KEYS or ":" not in first:
        return [], 0
    for index, line in enumerate(lines):
        if line.strip() == "---":
            return lines[:index], index + 1
    return [], 0


def _parse_header(
    header: list[str], problems: list[TemplateProblem]
) -> tuple[dict[str, str], dict[str, int]]:
    values: dict[str, str] = {}
    where: dict[str, int] = {}
    for number, raw in enumerate(header, start=1):
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        key, sep, value = raw.partition(":")
        key = key.strip().lower()
        if not sep or key not in HEADER_KEYS:
            known = ", ".join(HEADER_KEYS)
            problems.append(
                TemplateProblem(
                    number, 1, _("a header line is “key: value” ({known})", known=known)
                )
            )
            continue
        values[key] = value.strip()
        where[key] = number
    return values, where


def _header_line(
    key: str,
    values: dict[str, str],
    where: dict[str, int],
    raw: list[str],
    problems: list[TemplateProblem],
) -> Line:
    if key not in values:
        return ()
    number = where[key]
    offset = raw[number - 1].index(":") + 1
    offset += len(raw[number - 1][offset:]) - len(raw[number - 1][offset:].lstrip())
    parser = _LineParser(problems)
    line = parser.parse(values[key], number, offset)
    parser.finish()
    return line


def _parse_kind(
    values: dict[str, str], where: dict[str, int], problems: list[TemplateProblem]
) -> TemplateKind:
    raw = values.get("kind", "letter").lower()
    try:
        return TemplateKind(raw)
    except ValueError:
        problems.append(TemplateProblem(where.get("kind", 1), 1, _("kind is “letter” or “card”")))
        return TemplateKind.LETTER


def _parse_body(
    lines: list[str], first: int, problems: list[TemplateProblem]
) -> tuple[Paragraph, ...]:
    paragraphs: list[Paragraph] = []
    current: list[Line] = []
    parser = _LineParser(problems)
    for number, raw in enumerate(lines[first:], start=first + 1):
        text = raw.rstrip()
        if not text.strip():
            if current:
                parser.finish()
                paragraphs.append(Paragraph(tuple(current)))
                current = []
            continue
        current.append(parser.parse(text, number))
    if current:
        parser.finish()
        paragraphs.append(Paragraph(tuple(current)))
    return tuple(paragraphs)


def parse_template(text: str, source: str = "", name: str = "") -> Template:
    """Parse a template's text; raise :class:`TemplateError` listing every mistake.

    ``source`` (a file name) goes into the message; ``name`` is used when the header has none.
    """
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    problems: list[TemplateProblem] = []
    header, body_start = _split_header(lines)
    values, where = _parse_header(header, problems)
    kind = _parse_kind(values, where, problems)
    subject = _header_line("subject", values, where, lines, problems)
    front = _header_line("front", values, where, lines, problems)
    paragraphs = _parse_body(lines, body_start, problems)
    if not paragraphs and not problems:
        # Just under the header; a header that closes on the last line has no line under it.
        line = min(body_start + 1, len(lines))
        problems.append(TemplateProblem(line, 1, _("the template has no text")))
    if problems:
        problems.sort(key=lambda p: (p.line, p.column))
        raise TemplateError(problems, source)
    title = values.get("name") or name or source or _("Untitled")
    occasion = values.get("occasion", "").strip().lower()
    return Template(title, kind, occasion, paragraphs, subject, front, source)


def load_template(path: Path) -> Template:
    """Read and parse one template file (UTF-8); errors name the file."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise TemplateError(
            [TemplateProblem(1, 1, _("cannot be read ({problem})", problem=exc))], path.name
        ) from exc
    return parse_template(text, source=path.name, name=path.stem.replace("_", " ").capitalize())


def load_templates(folder: Path) -> tuple[Template, ...]:
    """Every ``*.txt`` template in ``folder``, sorted by kind then name."""
    found = [load_template(path) for path in sorted(folder.glob("*.txt"))]
    return tuple(sorted(found, key=lambda t: (t.kind != TemplateKind.LETTER, t.name.lower())))
