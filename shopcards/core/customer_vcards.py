"""A phone's, Google's, Apple's or Outlook's contacts (vCard 2.1, 3.0 or 4.0, ``.vcf``) read
through vobject into a :class:`~shopcards.core.customer_table.CustomerTable`: one row per
contact under the fixed :data:`HEADINGS`, which ``core/customer_headings.py`` recognises.

Before vobject sees the text, photos are dropped (a card has none, and a broken one stops
vobject) and quoted-printable lines an old phone broke with a final "=" are joined (vobject
does not). A contact with neither a structured name (N) nor a formatted one (FN) is refused,
naming it and its line; one with only FN has it split as a name column would be.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from shopcards.core.customer_table import CustomerFileError, CustomerTable
from shopcards.core.i18n import _
from shopcards.core.name_split import split_name
from shopcards.core.progress import Report, tell

HEADINGS = (
    "Title", "Given name", "Middle name", "Family name", "Full name", "Address line 1",
    "Address line 2", "Address line 3", "Postcode", "City", "Country", "Phone", "Mobile phone",
    "Work phone", "Other phones", "E-mail", "Other e-mails", "Birthday", "Anniversary",
    "Notes", "Interests", "Organisation",
)  # fmt: skip
"""The columns of a contacts file; "Other e-mails" and "Organisation" hold what a card has no
field for, shown in the preview but not imported unless the owner maps them ("Other phones"
are added to the card's phones)."""
EVERY = 1_000
_BEGIN = re.compile(r"^BEGIN:VCARD\s*$", re.IGNORECASE)
_PHOTO = re.compile(r"^(?:[\w-]+\.)?(?:PHOTO|LOGO|SOUND|KEY)[;:]", re.IGNORECASE)
_QUOTED = re.compile(r"^[^:]*ENCODING=QUOTED-PRINTABLE[^:]*:", re.IGNORECASE)
_LISTS = re.compile(r"^(?:[\w-]+\.)?(?:CATEGORIES|NICKNAME)\b", re.IGNORECASE)
_DATE = re.compile(r"^(?:(\d{4})|--)-?(\d{2})-?(\d{2})(?:T.*)?$")
_NO_YEAR = {"1604", "0000", "1900"}
"""Years that mean "not known": Apple writes 1604 (with X-APPLE-OMIT-YEAR), others 0000; a
vCard 4 birthday without a year starts with "--"."""


@dataclass
class _Row:
    cells: dict[str, str] = field(default_factory=dict)

    def put(self, heading: str, value: str) -> None:
        """Fill ``heading``, or add ``value`` to it if it holds something already."""
        value = value.strip()
        if value:
            old = self.cells.get(heading, "")
            self.cells[heading] = f"{old}, {value}" if old else value


def read_vcards(text: str, source: str, report: Report | None = None) -> CustomerTable:
    """Every contact of a contacts file as one row."""
    import vobject
    from vobject.base import ParseError

    starts, cleaned = _cleaned(text)
    if not starts:
        raise CustomerFileError(
            _("{source} holds no contact (no line “BEGIN:VCARD”).", source=source)
        )
    rows: list[tuple[str, ...]] = []
    try:
        for number, contact in enumerate(vobject.readComponents(cleaned), start=1):
            line = starts[min(number, len(starts)) - 1]
            where = _(
                "{source}: contact {number} (line {line})",
                source=source,
                number=number,
                line=format(line, ","),
            )
            rows.append(_row(contact, where))
            if number % EVERY == 0:
                tell(
                    report,
                    number,
                    len(starts),
                    _(
                        "Reading {source}: contact {number}",
                        source=source,
                        number=format(number, ","),
                    ),
                )
    except (ParseError, ValueError) as exc:  # ValueError: base64 that is not
        contact = len(rows) + 1  # (vobject's own line numbers count some lines twice)
        problem = getattr(exc, "msg", exc)
        raise CustomerFileError(
            _(
                "{source}: contact {number} (line {line}) cannot be read ({problem}). Nothing "
                "was read.",
                source=source,
                number=contact,
                line=format(starts[contact - 1], ","),
                problem=problem,
            )
            if contact <= len(starts)
            else _(
                "{source}: contact {number} cannot be read ({problem}). Nothing was read.",
                source=source,
                number=contact,
                problem=problem,
            )
        ) from exc
    return CustomerTable(source, "vcf", HEADINGS, tuple(rows), first_row=1)


def _cleaned(text: str) -> tuple[list[int], str]:
    """The line each contact starts on, and the text without photos and with
    quoted-printable lines joined."""
    starts: list[int] = []
    kept: list[str] = []
    skipping = joining = False
    for number, line in enumerate(text.splitlines(), start=1):
        if _BEGIN.match(line):
            starts.append(number)
        if skipping and (line[:1] in (" ", "\t") or (line and ":" not in line)):
            continue  # the photo goes on (folded, or vCard 2.1's base64 lines)
        skipping = bool(_PHOTO.match(line))
        if skipping:
            continue
        if joining:
            kept[-1] = kept[-1][:-1] + line
        else:
            kept.append(line)
        joining = bool(_QUOTED.match(kept[-1])) and kept[-1].endswith("=")
    return starts, "\r\n".join(_escaped_21(kept)) + "\r\n"


def _escaped_21(lines: list[str]) -> list[str]:
    """The lines with vCard 2.1's plain commas escaped as 3.0 writes them: vobject reads a
    2.1 "NOTE:Good customer, likes tea" as "Good customer" otherwise."""
    version = ""
    escaped = []
    for line in lines:
        if _BEGIN.match(line):
            version = ""
        elif line.upper().startswith("VERSION:"):
            version = line[8:].strip()
        name, colon, value = line.partition(":")
        if version == "2.1" and colon and not _LISTS.match(name):
            line = name + colon + re.sub(r"(?<!\\),", r"\\,", value)
        escaped.append(line)
    return escaped


def _row(contact: Any, where: str) -> tuple[str, ...]:
    row = _Row()
    _name(contact, row, where)
    _address(contact, row)
    _phones(contact, row)
    for index, line in enumerate(_lines(contact, "email")):
        row.put("E-mail" if index == 0 else "Other e-mails", str(line.value))
    row.put("Birthday", _date(_first(contact, "bday")))
    anniversary = _first(contact, "anniversary") or _first(contact, "x-anniversary")
    row.put("Anniversary", _date(anniversary))
    row.cells["Notes"] = "\n".join(str(line.value).strip() for line in _lines(contact, "note"))
    for line in _lines(contact, "categories"):
        values = line.value if isinstance(line.value, list) else [line.value]
        for value in values:
            row.put("Interests", str(value))
    for line in _lines(contact, "org"):
        values = line.value if isinstance(line.value, list) else [line.value]
        row.put("Organisation", " ".join(str(value) for value in values))
    return tuple(row.cells.get(heading, "").strip() for heading in HEADINGS)


def _name(contact: Any, row: _Row, where: str) -> None:
    formatted = _first(contact, "fn")
    structured = _lines(contact, "n")
    name = structured[0].value if structured else None
    given = _part(name, "given")
    family = " ".join(filter(None, (_part(name, "family"), _part(name, "suffix"))))
    title = _part(name, "prefix")
    if not (given or family) and formatted:
        parts = split_name(formatted)
        title, given, family = title or parts.title, parts.given, parts.family
    if not (given or family or formatted.strip()):
        raise CustomerFileError(
            _(
                "{where} has no name (no N and no FN): give it one in the phone or address "
                "book, or delete it, and export the contacts again. Nothing was read.",
                where=where,
            )
        )
    row.put("Title", title)
    row.put("Given name", given)
    row.put("Middle name", _part(name, "additional"))
    row.put("Family name", family)
    row.put("Full name", formatted)


def _part(name: Any, part: str) -> str:
    value = getattr(name, part, "") if name is not None else ""
    return " ".join(value) if isinstance(value, list) else str(value or "").strip()


def _address(contact: Any, row: _Row) -> None:
    """The home address (else the preferred, else the first) as the card's fields."""
    lines = _lines(contact, "adr")
    if not lines:
        return
    chosen = next((a for a in lines if "home" in _types(a)), None)
    chosen = chosen or next((a for a in lines if "pref" in _types(a)), lines[0])
    adr = chosen.value
    parts = [*_part(adr, "street").splitlines(), _part(adr, "extended"), _part(adr, "box")]
    parts += [_part(adr, "region")]
    parts = [" ".join(part.split()) for part in parts if part.strip()]
    for index, part in enumerate(parts[:2]):
        row.put(f"Address line {index + 1}", part)
    row.put("Address line 3", "\n".join(parts[2:]))  # one line each, as a CSV export has them
    row.put("Postcode", _part(adr, "code"))
    row.put("City", _part(adr, "city"))
    row.put("Country", _part(adr, "country"))


def _phones(contact: Any, row: _Row) -> None:
    """Each phone in the column of its TYPE (cell/mobile, work, else the phone), a second
    of one kind among the other phones."""
    for line in _lines(contact, "tel"):
        kinds = _types(line)
        heading = "Mobile phone" if kinds & {"cell", "mobile", "iphone"} else "Phone"
        heading = "Work phone" if "work" in kinds and heading == "Phone" else heading
        number = re.sub(r"^tel:", "", str(line.value).strip(), flags=re.IGNORECASE)
        row.put("Other phones" if row.cells.get(heading) else heading, number)


def _types(line: Any) -> set[str]:
    """A property's TYPE however the vCard writes it: TYPE=CELL,VOICE (3.0), TYPE="cell,voice"
    (4.0) or ;CELL;PREF (2.1)."""
    values = [*line.params.get("TYPE", []), *getattr(line, "singletonparams", [])]
    return {kind.strip().lower() for value in values for kind in str(value).split(",")}


def _lines(contact: Any, name: str) -> list[Any]:
    return list(contact.contents.get(name, []))


def _first(contact: Any, name: str) -> str:
    lines = _lines(contact, name)
    return str(lines[0].value).strip() if lines else ""


def _date(text: str) -> str:
    """A vCard date as ISO: "1980-03-15", or "--03-15" without a year; other text as it is."""
    found = _DATE.match(text.strip())
    if not found:
        return text
    year, month, day = found.groups()
    return f"{year}-{month}-{day}" if year and year not in _NO_YEAR else f"--{month}-{day}"
