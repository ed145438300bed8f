"""Reading a till's or POS system's purchase export (CSV), however messy it is.

Exports come with a byte-order mark or without, in UTF-8, UTF-16 or Windows-1252, with ``;``,
``,`` or tab between fields, decimal commas, dates written four different ways, and blank lines.
This module reads what it can and names, by row number (as a spreadsheet shows it), every row
it cannot read and why. It matches nothing to cards: that needs the card file.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from babel.dates import get_date_format

from shopcards.core.errors import ShopError
from shopcards.core.money import NotAnAmount, parse_amount
from shopcards.core.purchase import MAX_TEXT, OLDEST_YEAR
from shopcards.core.text import fold

DELIMITERS = (";", ",", "\t", "|")
COLUMNS: dict[str, tuple[str, ...]] = {
    "date": (
        "date",
        "day",
        "datum",
        "fecha",
        "data",
        "paiva",
        "pvm",
        "saledate",
        "purchasedate",
        "transactiondate",
        "timestamp",
        "datetime",
    ),
    "amount": (
        "amount",
        "total",
        "sum",
        "summa",
        "betrag",
        "importe",
        "montant",
        "price",
        "value",
        "gross",
        "brutto",
        "paid",
        "yhteensa",
        "summe",
        "belopp",
        "hinta",
        "kokonaissumma",
    ),
    "card_no": (
        "card",
        "cardno",
        "cardnumber",
        "cardnr",
        "loyaltycard",
        "customercard",
        "member",
        "memberno",
        "membernumber",
        "kortti",
        "kortinnumero",
        "karte",
        "kundenkarte",
        "carte",
        "kort",
        "kortnr",
        "kortnummer",
        "customer",
        "customerno",
        "customernumber",
        "customerid",
        "client",
        "clientno",
        "clientid",
        "kund",
        "kundnr",
        "kundnummer",
        "kundennummer",
        "asiakas",
        "asiakasnumero",
        "asiakasnro",
        "kantaasiakas",
        "loyalty",
        "loyaltyno",
    ),
    "phone": (
        "phone",
        "telephone",
        "tel",
        "mobile",
        "cell",
        "puhelin",
        "telefon",
        "phonenumber",
        "mobilephone",
    ),
    "email": ("email", "mail", "emailaddress", "sahkoposti"),
    "receipt_no": (
        "receipt",
        "receiptno",
        "receiptnumber",
        "bon",
        "beleg",
        "belegnr",
        "belegnummer",
        "kuitti",
        "kuittinro",
        "kuittinumero",
        "kvitto",
        "kvittonr",
        "ticket",
        "invoice",
        "transaction",
        "transactionid",
        "txn",
    ),
    "items": (
        "items",
        "item",
        "products",
        "product",
        "description",
        "articles",
        "tuotteet",
        "artikel",
    ),
    "category": ("category", "kategoria", "group", "department", "kategorie", "tuoteryhma"),
}
IDENTIFIERS = ("card_no", "phone", "email")
FIELD_ALIASES = {"card": "card_no", "receipt": "receipt_no"}
"""Shorter names a person may use for a field when naming its column (``--column card=Kundnr``)."""
_ISO = re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})")
_COMPACT = re.compile(r"(\d{4})(\d{2})(\d{2})")
_DOTTED = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{2}|\d{4})")
_SLASHED = re.compile(r"(\d{1,2})[/-](\d{1,2})[/-](\d{2}|\d{4})")
_TIME = re.compile(r"(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?")


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
    """What was read: the good rows, the rows with problems, and how the file was written."""

    rows: list[FileRow] = field(default_factory=list)
    problems: list[RowProblem] = field(default_factory=list)
    encoding: str = "UTF-8"
    delimiter: str = ";"
    day_first: bool = True
    columns: dict[str, str] = field(default_factory=dict)
    """Our field name -> the column heading it was read from."""
    headings: list[str] = field(default_factory=list)
    """Every column heading, in the file's order."""

    @property
    def unused(self) -> list[str]:
        """Headings of the columns nothing was read from (so the owner can name them)."""
        used = set(self.columns.values())
        return [heading for heading in self.headings if heading and heading not in used]


def read_purchase_file(
    data: bytes,
    locale: str,
    currency: str,
    today: dt.date,
    named: Mapping[str, str] | None = None,
) -> PurchaseFile:
    """Read an export; raises ShopError when the file as a whole cannot be used.

    ``named`` maps a field (a key of :data:`COLUMNS` or :data:`FIELD_ALIASES`) to the heading
    of its column, for exports whose headings are not recognised on their own.
    """
    wanted = field_names(named or {})
    text, encoding = _decode(data)
    header = next((line for line in text.splitlines() if line.strip()), None)
    if header is None:
        raise ShopError("The file is empty: there is no heading line and no purchase in it.")
    delimiter, columns = _columns(header, wanted)
    parsed = PurchaseFile(
        encoding=encoding,
        delimiter=delimiter,
        columns={name: heading for name, (_, heading) in columns.items()},
        headings=[heading.strip() for heading in _split(header, delimiter)],
    )
    width, rows = _body(text, delimiter)
    parsed.day_first = _day_first([_cell(cells, columns, "date") for _, cells in rows], locale)
    for line, cells in rows:
        try:
            parsed.rows.append(
                _row(line, cells, width, columns, parsed.day_first, locale, currency, today)
            )
        except ValueError as exc:
            parsed.problems.append(RowProblem(line, str(exc)))
    return parsed


def field_names(named: Mapping[str, str]) -> dict[str, str]:
    """``named`` with each field under its own name; ShopError naming an unknown field or a
    column named for two fields."""
    fields: dict[str, str] = {}
    for given, heading in named.items():
        name = FIELD_ALIASES.get(given.strip().lower(), given.strip().lower())
        if name not in COLUMNS:
            known = ", ".join(sorted({*COLUMNS, *FIELD_ALIASES} - set(FIELD_ALIASES.values())))
            raise ShopError(f"“{given}” is not a field of a purchase; the fields are: {known}.")
        twice = [other for other, h in fields.items() if fold(h.strip()) == fold(heading.strip())]
        if twice:
            raise ShopError(f"The column “{heading}” is named for both {twice[0]} and {name}.")
        fields[name] = heading
    return fields


def file_headings(data: bytes) -> tuple[list[str], dict[str, str]]:
    """The export's column headings in order, and the field each recognised one holds (for
    the window, which lets the owner say which column is which before anything is read)."""
    text, _ = _decode(data)
    header = next((line for line in text.splitlines() if line.strip()), "")
    splits = [[heading.strip() for heading in _split(header, d)] for d in DELIMITERS]
    # the split that recognises the most columns; failing that, the one with the most
    headings = max(splits, key=lambda cells: (len(_found_columns(cells, {})), len(cells)))
    found = _found_columns(headings, {})
    return headings, {name: heading for name, (_, heading) in found.items()}


def _decode(data: bytes) -> tuple[str, str]:
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16"), "UTF-16"
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace"), "Windows-1252"
    return text, "UTF-8 with byte-order mark" if data.startswith(codecs.BOM_UTF8) else "UTF-8"


def _body(text: str, delimiter: str) -> tuple[int, list[tuple[int, list[str]]]]:
    """The heading's width and the non-blank rows after it, each with the line it starts on
    (a quoted field may run over several lines)."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows: list[tuple[int, list[str]]] = []
    width = 0
    previous = 0
    try:
        for cells in reader:
            line, previous = previous + 1, reader.line_num
            if not any(cell.strip() for cell in cells):
                continue
            if not width:
                width = len(cells)
            else:
                rows.append((line, cells))
    except csv.Error as exc:
        raise ShopError(
            f"Row {reader.line_num} cannot be read: {exc}. Nothing was imported.", str(exc)
        ) from exc
    return width, rows


def _split(line: str, delimiter: str) -> list[str]:
    return next(csv.reader(io.StringIO(line), delimiter=delimiter), [])


def _columns(
    header: str, named: Mapping[str, str]
) -> tuple[str, dict[str, tuple[int, str]]]:
    """Pick the delimiter under which the heading line names the most columns: first those
    the person named, then the headings recognised on their own."""
    best: tuple[str, dict[str, tuple[int, str]]] = (DELIMITERS[0], {})
    for delimiter in DELIMITERS:
        found = _found_columns(_split(header, delimiter), named)
        if len(found) > len(best[1]):
            best = (delimiter, found)
    delimiter, columns = best
    headings = [heading.strip() for heading in _split(header, delimiter)]
    absent = [heading for name, heading in named.items() if name not in columns]
    if absent:
        raise ShopError(
            f"There is no column “{absent[0]}” in the heading line; its columns are: "
            + ", ".join(f"“{heading}”" for heading in headings)
            + "."
        )
    missing = [name for name in ("date", "amount") if name not in columns]
    if missing or not any(name in columns for name in IDENTIFIERS):
        wanted = " and ".join(missing) if missing else "a card number, phone or e-mail"
        raise ShopError(
            f"The first line should name the columns; no column for {wanted} was found in "
            f"“{header[:120]}”. Name them e.g. date;amount;card;phone;email;receipt, or say "
            "which column is which (e.g. card=Kundnr)."
        )
    return delimiter, columns


def _found_columns(headings: list[str], named: Mapping[str, str]) -> dict[str, tuple[int, str]]:
    """Field -> (column index, heading) for one way of splitting the heading line."""
    found: dict[str, tuple[int, str]] = {}
    folded = [fold(heading.strip()) for heading in headings]
    for name, heading in named.items():
        if fold(heading.strip()) in folded:
            index = folded.index(fold(heading.strip()))
            found[name] = (index, headings[index].strip())
    taken = {index for index, _ in found.values()}
    for index, heading in enumerate(headings):
        known = _column_name(heading)
        if known and known not in found and index not in taken:
            found[known] = (index, heading.strip())
    return found


def _column_name(heading: str) -> str | None:
    key = re.sub(r"[^a-z0-9]", "", fold(heading))
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


def _day_first(dates: list[str], locale: str) -> bool:
    """Whether ``01/02/2026`` means 1 February: from rows that can only be read one way,
    else from how the shop's locale writes dates."""
    day_first = month_first = False
    for text in dates:
        match = _SLASHED.match(text)
        if match:
            first, second = int(match.group(1)), int(match.group(2))
            day_first |= first > 12
            month_first |= second > 12
    if day_first != month_first:
        return day_first
    return not str(get_date_format("short", locale=locale).pattern).lower().startswith("m")


def _row(
    line: int,
    cells: list[str],
    width: int,
    columns: dict[str, tuple[int, str]],
    day_first: bool,
    locale: str,
    currency: str,
    today: dt.date,
) -> FileRow:
    extra = [c for c in cells[width:] if c.strip()]
    if extra:
        raise ValueError(
            f"{len(cells)} fields where the heading line names {width}; is a "
            "decimal comma outside quotes?"
        )
    values = {name: _cell(cells, columns, name) for name in COLUMNS}
    if not any(values[name] for name in IDENTIFIERS):
        raise ValueError("no card number, phone or e-mail to find the customer by")
    for name in ("items", "category", "receipt_no"):
        values[name] = " ".join(values[name].split())[:MAX_TEXT]
    return FileRow(
        line=line,
        date=_date(values.pop("date"), day_first, today),
        amount=_amount(values.pop("amount"), locale, currency),
        card_no=values["card_no"].replace(" ", ""),
        **{name: values[name] for name in ("phone", "email", "receipt_no", "items", "category")},
    )


def _amount(text: str, locale: str, currency: str) -> int:
    if not text:
        raise ValueError("no amount")
    try:
        amount = parse_amount(text, locale, currency)
    except NotAnAmount as exc:
        raise ValueError(f"amount: {exc}") from None
    if amount == 0:
        raise ValueError("the amount is zero")
    return amount


def _date(text: str, day_first: bool, today: dt.date) -> str:
    """An ISO date from any of the usual ways of writing one; a time after it is ignored."""
    if not text:
        raise ValueError("no date")
    date = _parse_date(text, day_first)
    if date is None:
        raise ValueError(f"“{text}” is not a date this import understands (use YYYY-MM-DD)")
    if date > today:
        raise ValueError(f"the date {date.isoformat()} is in the future")
    if date.year < OLDEST_YEAR:
        raise ValueError(f"the date {date.isoformat()} is too long ago")
    return date.isoformat()


def _parse_date(text: str, day_first: bool) -> dt.date | None:
    for pattern, order in (
        (_ISO, "ymd"),
        (_COMPACT, "ymd"),
        (_DOTTED, "dmy"),
        (_SLASHED, "dmy" if day_first else "mdy"),
    ):
        match = re.fullmatch(pattern.pattern + _TIME.pattern, text)
        if match:
            parts = dict(zip(order, (int(g) for g in match.groups()[:3]), strict=True))
            year = parts["y"] + (2000 if parts["y"] < 100 else 0)
            try:
                return dt.date(year, parts["m"], parts["d"])
            except ValueError:
                return None
    return None
