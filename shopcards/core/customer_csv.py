"""A customer list saved as CSV (or a spreadsheet's "Unicode text") read into a
:class:`~shopcards.core.customer_table.CustomerTable`.

The encoding, the separator and the lines are read as the purchase import reads its files
(``core/text_files.py``); the separator is the one under which the heading line names the most
columns ``core/customer_headings.py`` knows. The heading line is the first non-blank one.
"""

from __future__ import annotations

import csv
import os
from collections.abc import Iterator
from typing import BinaryIO

from shopcards.core.customer_headings import recognise
from shopcards.core.customer_table import (
    CustomerFileError,
    CustomerTable,
    column_letter,
    headings_of,
    padded,
)
from shopcards.core.i18n import _, ngettext
from shopcards.core.progress import Report, tell
from shopcards.core.text_files import (
    MAX_LINE,
    Lines,
    best_delimiter,
    first_line,
    open_text,
    split_line,
)

EVERY = 5_000
"""Rows read between two reports of progress."""
_UNREADABLE = "\ufffd"
_SHORT = 24
"""Cells up to this long are shared (longer ones rarely repeat)."""
_SHOWN = 3
"""Rows named in a message about many."""


def read_csv(
    stream: BinaryIO, source: str, encoding: str | None = None, report: Report | None = None
) -> CustomerTable:
    """Every row of a CSV customer list; ``encoding`` (a Python codec name) overrides the
    guess. Raises CustomerFileError naming the file, and the row and column where it applies."""
    size = stream.seek(0, os.SEEK_END)

    def too_long(number: int) -> None:
        raise CustomerFileError(
            _(
                "{source}: line {number} is longer than {limit} characters; is this a "
                "customer list? Nothing was read.",
                source=source,
                number=format(number, ","),
                limit=format(MAX_LINE, ","),
            )
        )

    with open_text(stream, encoding) as (text, encoding_name):
        lines = Lines(text, too_long)
        header = first_line(lines)
        if header is None:
            raise CustomerFileError(
                _("{source} is empty: there is no heading line and no row.", source=source)
            )
        delimiter = best_delimiter(header, lambda cells: sum(map(bool, map(recognise, cells))))
        heading_cells = split_line(header, delimiter)
        width = len(heading_cells)
        rows: list[tuple[str, ...]] = []
        numbers: list[int] = []
        shared: dict[str, str] = {}
        wide: list[int] = []
        for number, cells in _records(lines, delimiter, source):
            if any(cell.strip() for cell in cells[width:]):
                wide.append(number)
            _check_text(cells, source, number, encoding_name)
            rows.append(padded([_shared(cell.strip(), shared) for cell in cells], width))
            numbers.append(number)
            if len(rows) % EVERY == 0:
                tell(
                    report,
                    stream.tell(),
                    size,
                    _("Reading {source}: row {number}", source=source, number=format(number, ",")),
                )
    _check_width(wide, source, width, delimiter)
    if not rows:
        raise CustomerFileError(
            _("{source} has headings but no rows: there is nobody to import.", source=source)
        )
    consecutive = numbers[-1] - numbers[0] == len(numbers) - 1
    return CustomerTable(
        source=source,
        kind="csv",
        headings=headings_of(heading_cells, width),
        rows=tuple(rows),
        first_row=numbers[0],
        encoding=encoding_name,
        delimiter=delimiter,
        row_numbers=() if consecutive else tuple(numbers),
    )


def _records(lines: Lines, delimiter: str, source: str) -> Iterator[tuple[int, list[str]]]:
    """The non-blank records after the heading line, each with its row number: a record is
    one row in a spreadsheet, however many lines a cell with line breaks makes it take."""
    reader = csv.reader(lines, delimiter=delimiter)
    number = lines.number  # the heading's row: only blank lines come before it
    while True:
        number += 1
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise CustomerFileError(
                _(
                    "{source}: row {number} cannot be read ({problem}). Nothing was read.",
                    source=source,
                    number=format(number, ","),
                    problem=exc,
                )
            ) from exc
        if any(cell.strip() for cell in cells):
            yield number, cells


def _shared(cell: str, shared: dict[str, str]) -> str:
    """One string for every cell of the same short text (a city, a postcode, "yes"): a file
    of 500,000 rows then takes about a third less memory."""
    return shared.setdefault(cell, cell) if len(cell) <= _SHORT else cell


def _check_text(cells: list[str], source: str, number: int, encoding: str) -> None:
    for index, cell in enumerate(cells):
        if _UNREADABLE in cell:
            raise CustomerFileError(
                _(
                    "{source}: row {number}, column {column} holds bytes that are not "
                    "{encoding} text (is the file saved in two encodings?). Nothing was read.",
                    source=source,
                    number=format(number, ","),
                    column=column_letter(index),
                    encoding=encoding,
                )
            )


def _check_width(wide: list[int], source: str, width: int, delimiter: str) -> None:
    """Refuse rows with more fields than the heading line: their cells would land in the
    wrong columns (a separator typed inside a cell that was not put in quotes)."""
    if not wide:
        return
    named = ", ".join(f"{number:,}" for number in wide[:_SHOWN])
    if len(wide) > _SHOWN:
        # Translators: {rows} lists the first row numbers; {more} counts the others
        named = _("{rows} and {more} more", rows=named, more=format(len(wide) - _SHOWN, ","))
    shown = {"\t": _("a tab"), ",": _("a comma"), ";": _("a semicolon")}.get(delimiter, delimiter)
    raise CustomerFileError(
        ngettext(
            "{source}: row {rows} has more fields than the heading line names ({width}); is "
            "{separator} inside a cell without quotes around it? Nothing was read.",
            "{source}: rows {rows} have more fields than the heading line names ({width}); is "
            "{separator} inside a cell without quotes around it? Nothing was read.",
            len(wide),
            source=source,
            rows=named,
            width=width,
            separator=shown,
        )
    )
