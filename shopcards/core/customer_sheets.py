"""A customer list kept as a workbook (Excel ``.xlsx``/``.xls``, LibreOffice ``.ods``) read
through python-calamine into a :class:`~shopcards.core.customer_table.CustomerTable`.

Cells come back typed; each becomes the text the spreadsheet shows for it, in one form: a date
as ISO ("1980-03-15"), a whole number without ".0" ("401234567": a phone typed as a number has
lost its leading 0, which the importer puts back in the card's country). The heading row is
the first that holds anything; a column with data but no heading is named for its letter.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import BinaryIO

from python_calamine import CalamineError, CalamineSheet, CalamineWorkbook, PasswordError

from shopcards.core.customer_table import CustomerFileError, CustomerTable, headings_of, padded
from shopcards.core.i18n import _
from shopcards.core.progress import Report, tell

EVERY = 5_000
Cell = int | float | str | bool | dt.time | dt.date | dt.datetime | dt.timedelta


def read_workbook(
    stream: BinaryIO,
    source: str,
    kind: str,
    sheet: str | None = None,
    report: Report | None = None,
) -> CustomerTable:
    """The rows of ``sheet`` (default: the first that holds anything)."""
    try:
        workbook = CalamineWorkbook.from_filelike(stream)
    except PasswordError as exc:
        raise CustomerFileError(
            _(
                "{source} is protected by a password: open it in the spreadsheet, save a copy "
                "without the password, and import that.",
                source=source,
            )
        ) from exc
    except CalamineError as exc:
        raise _unreadable(source, exc) from exc
    with workbook:
        names = tuple(workbook.sheet_names)
        numbered, name = _grid(workbook, names, source, sheet, report)
    return _table(numbered, source, kind, name, names)


def _grid(
    workbook: CalamineWorkbook,
    names: tuple[str, ...],
    source: str,
    sheet: str | None,
    report: Report | None,
) -> tuple[list[tuple[int, list[str]]], str]:
    """The chosen sheet's non-blank rows as text, each with its row number, and its name."""
    listed = ", ".join(f"“{name}”" for name in names)
    if sheet is not None and sheet not in names:
        raise CustomerFileError(
            _(
                "{source} has no sheet “{sheet}”; its sheets are: {sheets}.",
                source=source,
                sheet=sheet,
                sheets=listed,
            )
        )
    try:
        for name in [sheet] if sheet is not None else names:
            numbered = _rows(workbook.get_sheet_by_name(name), source, report)
            if numbered:
                return numbered, name
    except CalamineError as exc:
        raise _unreadable(source, exc) from exc
    if sheet is not None:
        raise CustomerFileError(
            _("{source} is empty: its sheet “{sheet}” holds nothing.", source=source, sheet=sheet)
        )
    raise CustomerFileError(
        _("{source} is empty: every sheet ({sheets}) holds nothing.", source=source, sheets=listed)
    )


def _unreadable(source: str, exc: CalamineError) -> CustomerFileError:
    return CustomerFileError(
        _("{source} cannot be read as a workbook ({problem}).", source=source, problem=exc)
    )


def _rows(found: CalamineSheet, source: str, report: Report | None) -> list[tuple[int, list[str]]]:
    """The sheet's non-blank rows as text, each with its row number, every row starting at
    column A. Row by row (``iter_rows``), not the whole grid of cells at once: a sheet of
    100,000 rows takes a third of the memory. ``iter_rows`` starts its rows at row 1 and its
    columns where the data starts; both offsets are worked out, not assumed."""
    if found.start is None or found.end is None:
        return []
    last_row, last_column = found.end
    numbered = []
    count = 0
    for count, row in enumerate(found.iter_rows(), start=1):
        cells = [""] * (last_column + 1 - len(row)) + [_text(cell) for cell in row]
        if any(cells):
            numbered.append((count, cells))
        if count % EVERY == 0:
            tell(
                report,
                count,
                found.height,
                _("Reading {source}: row {number}", source=source, number=format(count, ",")),
            )
    skipped = last_row + 1 - count  # rows above the data that iter_rows left out, if any
    return [(number + skipped, cells) for number, cells in numbered]


def _table(
    numbered: list[tuple[int, list[str]]],
    source: str,
    kind: str,
    name: str,
    names: tuple[str, ...],
) -> CustomerTable:
    (_number, heading_cells), data = numbered[0], numbered[1:]
    if not data:
        raise CustomerFileError(
            _(
                "{source}, sheet “{sheet}” has headings but no rows: there is nobody to import.",
                source=source,
                sheet=name,
            )
        )
    width = max(_used(cells) for _number, cells in numbered)
    rows = [padded(cells, width) for _number, cells in data]
    numbers = tuple(number for number, _cells in data)
    consecutive = numbers[-1] - numbers[0] == len(numbers) - 1
    return CustomerTable(
        source=source,
        kind=kind,
        headings=headings_of(heading_cells, width),
        rows=tuple(rows),
        first_row=numbers[0],
        sheet=name,
        sheets=names,
        row_numbers=() if consecutive else numbers,
    )


def _used(cells: Sequence[str]) -> int:
    """How many of the cells run up to the last that holds anything."""
    return max((index + 1 for index, cell in enumerate(cells) if cell), default=0)


def _text(cell: Cell) -> str:
    """A cell as the spreadsheet shows it, in one form."""
    if type(cell) is str:  # most cells: first, and without isinstance's walk
        return cell.strip()
    if isinstance(cell, bool):
        return "TRUE" if cell else "FALSE"
    if isinstance(cell, float):
        return str(int(cell)) if cell.is_integer() else repr(cell)
    if isinstance(cell, dt.datetime):
        return cell.date().isoformat() if cell.time() == dt.time() else cell.isoformat(" ")
    if isinstance(cell, dt.date | dt.time):
        return cell.isoformat()
    return str(cell)
