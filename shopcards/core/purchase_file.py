"""Reading a till's or POS system's purchase export (CSV), however messy it is.

Exports come with a byte-order mark or without, in UTF-8, UTF-16 or Windows-1252, with ``;``,
``,`` or tab between fields, decimal commas, dates written four different ways, and blank lines.
This module reads what it can and names, by row number (as a spreadsheet shows it), every row
it cannot read and why. It matches nothing to cards: that needs the card file.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import BinaryIO, TextIO

from shopcards.core.errors import ShopError
from shopcards.core.i18n import N_, _
from shopcards.core.money import NotAnAmount, parse_amount
from shopcards.core.purchase import MAX_TEXT
from shopcards.core.purchase_dates import day_first, file_date
from shopcards.core.purchase_headings import COLUMNS
from shopcards.core.text import fold
from shopcards.core.text_files import (
    MAX_LINE,
    Lines,
    best_delimiter,
    first_line,
    heading_key,
    open_text,
    split_line,
)
from shopcards.core.validation import text_problem

IDENTIFIERS = ("card_no", "phone", "email")
FIELD_ALIASES = {"card": "card_no", "receipt": "receipt_no"}
"""Shorter names a person may use for a field when naming its column (``--column card=Kundnr``)."""
LINE_TOO_LONG = N_("line too long (more than {limit} characters)")
_CACHED = 1 << 16
_UNREADABLE = "\ufffd"
"""What a byte that is not text in the file's encoding is read as."""


@dataclass(frozen=True)
class FileRow:
    """One readable row of the export; ``line`` is its row number in the file."""

    line: int
    date: str
    amount: int
    card_no: str = ""
    phone: str = ""
    email: str = ""
    receipt_no: str = ""
    items: str = ""
    category: str = ""


@dataclass(frozen=True)
class RowProblem:
    line: int
    reason: str


@dataclass
class PurchaseFile:
    """How the export is written, and how many rows it holds; the rows themselves are read
    one at a time by :func:`purchase_rows`, so a file of millions takes no more memory."""

    encoding: str = "UTF-8"
    delimiter: str = ";"
    day_first: bool = True
    columns: dict[str, str] = field(default_factory=dict)
    """Our field name -> the column heading it was read from."""
    headings: list[str] = field(default_factory=list)
    """Every column heading, in the file's order."""
    row_count: int = 0
    """Non-blank rows after the heading line (a line too long counts as one)."""
    indexes: dict[str, int] = field(default_factory=dict)
    """Our field name -> the index of its column."""

    @property
    def unused(self) -> list[str]:
        """Headings of the columns nothing was read from (so the owner can name them)."""
        used = set(self.columns.values())
        return [heading for heading in self.headings if heading and heading not in used]


def read_purchase_file(
    stream: BinaryIO,
    locale: str,
    named: Mapping[str, str] | None = None,
    date_order: str | None = None,
) -> PurchaseFile:
    """Read how an export is written; raises ShopError when the file as a whole cannot be used.

    ``named`` maps a field (a key of :data:`COLUMNS` or :data:`FIELD_ALIASES`) to the heading
    of its column, for exports whose headings are not recognised on their own. The whole file
    is read once, a line at a time, to count its rows and settle the date order from all of
    them (or take ``date_order``, ``"dmy"`` or ``"mdy"``, the owner's choice).
    """
    layout = _layout(stream, field_names(named or {}))
    parsed = PurchaseFile(
        encoding=layout.encoding,
        delimiter=layout.delimiter,
        columns={name: heading for name, (_index, heading) in layout.columns.items()},
        headings=layout.headings,
        indexes={name: index for name, (index, _heading) in layout.columns.items()},
    )
    too_long: list[RowProblem] = []

    def dates() -> Iterator[tuple[int, str]]:
        for line, cells in _records(stream, layout, too_long):
            parsed.row_count += 1
            yield line, _cell(cells, layout.columns, "date")

    rows = dates()
    parsed.day_first = day_first(rows, locale, date_order)
    for _row in rows:  # the rest of the rows, when the order was settled without them
        pass
    parsed.row_count += len(too_long)
    return parsed


def purchase_rows(
    stream: BinaryIO,
    read: PurchaseFile,
    locale: str,
    currency: str,
    today: dt.date,
    zone: dt.tzinfo | None = None,
) -> Iterator[FileRow | RowProblem]:
    """Each row of the export read by :func:`read_purchase_file`, in file order: the purchase
    it holds, or why it cannot be used. A time with a time zone is filed on its date in
    ``zone`` (the shop's; default: this PC's)."""
    layout = _Layout(
        read.encoding,
        read.delimiter,
        {name: (index, read.columns[name]) for name, index in read.indexes.items()},
        read.headings,
    )
    shop_zone = zone or dt.datetime.now().astimezone().tzinfo
    too_long: list[RowProblem] = []
    for line, cells in _records(stream, layout, too_long):
        yield from too_long
        too_long.clear()
        try:
            yield _row(line, cells, layout, read.day_first, locale, currency, today, shop_zone)
        except ValueError as exc:
            yield RowProblem(line, str(exc))
    yield from too_long


def field_names(named: Mapping[str, str]) -> dict[str, str]:
    """``named`` with each field under its own name; ShopError naming an unknown field or a
    column named for two fields."""
    fields: dict[str, str] = {}
    for given, heading in named.items():
        name = FIELD_ALIASES.get(given.strip().lower(), given.strip().lower())
        if name not in COLUMNS:
            known = ", ".join(sorted({*COLUMNS, *FIELD_ALIASES} - set(FIELD_ALIASES.values())))
            raise ShopError(
                _(
                    "“{given}” is not a field of a purchase; the fields are: {known}.",
                    given=given,
                    known=known,
                )
            )
        twice = [other for other, h in fields.items() if fold(h.strip()) == fold(heading.strip())]
        if twice:
            raise ShopError(
                _(
                    "The column “{heading}” is named for both {first} and {second}.",
                    heading=heading,
                    first=twice[0],
                    second=name,
                )
            )
        fields[name] = heading
    return fields


def file_headings(stream: BinaryIO) -> tuple[list[str], dict[str, str]]:
    """The export's column headings in order, and the field each recognised one holds (for
    the window, which lets the owner say which column is which before anything is read)."""
    with open_text(stream) as (text, _encoding):
        header = _heading_line(_lines(text))
    delimiter = best_delimiter(header, lambda cells: len(_found_columns(cells, {})))
    headings = [heading.strip() for heading in split_line(header, delimiter)]
    found = _found_columns(headings, {})
    return headings, {name: heading for name, (_index, heading) in found.items()}


@dataclass(frozen=True)
class _Layout:
    """How the file is written: what its heading line says and how its text is encoded."""

    encoding: str
    delimiter: str
    columns: dict[str, tuple[int, str]]
    headings: list[str]


def _lines(text: TextIO, too_long: list[RowProblem] | None = None) -> Lines:
    """The file's lines, each one too long noted in ``too_long``."""
    problems = too_long if too_long is not None else []
    return Lines(
        text,
        lambda number: problems.append(
            RowProblem(number, _(LINE_TOO_LONG, limit=format(MAX_LINE, ",")))
        ),
    )


def _heading_line(lines: Lines) -> str:
    header = first_line(lines)
    if lines.skipped:
        raise ShopError(
            _(
                "The heading line is too long (more than {limit} characters): this is not a "
                "till export. Nothing was imported.",
                limit=format(MAX_LINE, ","),
            )
        )
    if header is None:
        raise ShopError(_("The file is empty: there is no heading line and no purchase in it."))
    return header


def _layout(stream: BinaryIO, named: Mapping[str, str]) -> _Layout:
    with open_text(stream) as (text, encoding):
        header = _heading_line(_lines(text))
    delimiter, columns = _columns(header, named)
    headings = [heading.strip() for heading in split_line(header, delimiter)]
    return _Layout(encoding, delimiter, columns, headings)


def _records(
    stream: BinaryIO, layout: _Layout, problems: list[RowProblem] | None = None
) -> Iterator[tuple[int, list[str]]]:
    """The non-blank rows after the heading line, each with the line it starts on (a quoted
    field may run over several lines); lines too long are added to ``problems``."""
    with open_text(stream) as (text, _encoding):
        lines = _lines(text, problems)
        _heading_line(lines)
        reader = csv.reader(lines, delimiter=layout.delimiter)
        while True:
            line = lines.number + 1
            try:
                cells = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                raise ShopError(
                    _(
                        "Row {number} cannot be read: {problem}. Nothing was imported.",
                        number=lines.number,
                        problem=exc,
                    ),
                    str(exc),
                ) from exc
            if any(cell.strip() for cell in cells):
                yield line, cells


def _columns(header: str, named: Mapping[str, str]) -> tuple[str, dict[str, tuple[int, str]]]:
    """Pick the delimiter under which the heading line names the most columns: first those
    the person named, then the headings recognised on their own."""
    delimiter = best_delimiter(header, lambda cells: len(_found_columns(cells, named)))
    columns = _found_columns(split_line(header, delimiter), named)
    headings = [heading.strip() for heading in split_line(header, delimiter)]
    absent = [heading for name, heading in named.items() if name not in columns]
    if absent:
        raise ShopError(
            _(
                "There is no column “{heading}” in the heading line; its columns are: {columns}.",
                heading=absent[0],
                columns=", ".join(f"“{heading}”" for heading in headings),
            )
        )
    missing = [name for name in ("date", "amount") if name not in columns]
    if missing or not any(name in columns for name in IDENTIFIERS):
        # Translators: between the field names date and amount
        wanted = _(" and ").join(missing) if missing else _("a card number, phone or e-mail")
        raise ShopError(
            _(
                "The first line should name the columns; no column for {wanted} was found in "
                "“{line}”. Name them e.g. date;amount;card;phone;email;receipt, or say which "
                "column is which (e.g. card=Kundnr).",
                wanted=wanted,
                line=header[:120],
            )
        )
    return delimiter, columns


def _found_columns(headings: Sequence[str], named: Mapping[str, str]) -> dict[str, tuple[int, str]]:
    """Field -> (column index, heading) for one way of splitting the heading line."""
    found: dict[str, tuple[int, str]] = {}
    folded = [fold(heading.strip()) for heading in headings]
    for name, heading in named.items():
        if fold(heading.strip()) in folded:
            index = folded.index(fold(heading.strip()))
            found[name] = (index, headings[index].strip())
    taken = {index for index, _heading in found.values()}
    for index, heading in enumerate(headings):
        known = _column_name(heading)
        if known and known not in found and index not in taken:
            found[known] = (index, heading.strip())
    return found


def _column_name(heading: str) -> str | None:
    key = heading_key(heading)
    for name, synonyms in COLUMNS.items():
        if key in synonyms:
            return name
    for name in ("date", "amount"):  # "Amount (EUR)", "Total incl. VAT", "Date/time"
        if any(key.startswith(s) for s in COLUMNS[name] if len(s) >= 4):
            return name
    return None


def _cell(cells: list[str], columns: dict[str, tuple[int, str]], name: str) -> str:
    if name not in columns:
        return ""
    index = columns[name][0]
    return cells[index].strip() if index < len(cells) else ""


def _row(
    line: int,
    cells: list[str],
    layout: _Layout,
    day_first: bool,
    locale: str,
    currency: str,
    today: dt.date,
    zone: dt.tzinfo | None,
) -> FileRow:
    width = len(layout.headings)
    extra = [c for c in cells[width:] if c.strip()]
    if extra:
        raise ValueError(
            _(
                "{count} fields where the heading line names {width}; is a decimal comma "
                "outside quotes?",
                count=len(cells),
                width=width,
            )
        )
    if any(_UNREADABLE in cell for cell in cells):
        raise ValueError(
            _(
                "holds bytes that are not {encoding} text (is the file saved in two encodings?)",
                encoding=layout.encoding,
            )
        )
    values = {name: _cell(cells, layout.columns, name) for name in COLUMNS}
    if not any(values[name] for name in IDENTIFIERS):
        raise ValueError(_("no card number, phone or e-mail to find the customer by"))
    for name in ("items", "category", "receipt_no"):
        values[name] = " ".join(values[name].split())
        problem = text_problem(values[name], MAX_TEXT)
        if problem:
            raise ValueError(f"{layout.columns[name][1]}: {problem[0].lower()}{problem[1:]}")
    return FileRow(
        line=line,
        date=_file_date(values.pop("date"), day_first, today, zone),
        amount=_amount(values.pop("amount"), locale, currency),
        card_no=values["card_no"].replace(" ", ""),
        **{name: values[name] for name in ("phone", "email", "receipt_no", "items", "category")},
    )


@lru_cache(maxsize=_CACHED)
def _amount(text: str, locale: str, currency: str) -> int:
    """The amount in minor units (a till repeats its prices, so each text is read once)."""
    if not text:
        raise ValueError(_("no amount"))
    try:
        amount = parse_amount(text, locale, currency)
    except NotAnAmount as exc:
        raise ValueError(_("amount: {problem}", problem=exc)) from None
    if amount == 0:
        raise ValueError(_("the amount is zero"))
    return amount


_file_date = lru_cache(maxsize=_CACHED)(file_date)
"""A file's rows share few days: each date text is read once."""
