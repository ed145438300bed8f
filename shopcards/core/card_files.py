"""Writing export rows to a CSV file or an Excel workbook, whole or not at all.

Both take the rows as they come (an iterator the caller fills page by page), so 100,000 cards
never sit in memory at once, and both write through :func:`shopcards.core.files.atomic_path`:
a cancelled or failed export leaves no file under the chosen name.

- CSV (:mod:`shopcards.core.csv_cells`): the shop's locale's separator and decimal symbol,
  UTF-8 with a byte-order mark, and no cell that a spreadsheet would run as a formula (a
  leading ``'``; :func:`shopcards.core.csv_cells.unsafe_text` takes it off again: a phone
  ``'+358401234567``, a birthday without its year ``'--05-17``). Dates are ISO 8601, which
  spreadsheets read as dates in every locale. A card number loses its leading zeros in a
  spreadsheet that opens the CSV (0000018 shows as 18): the import puts them back
  (store.customers.card_no_forms), and the .xlsx keeps them.
- Excel (xlsxwriter, in constant-memory mode: each row goes to a temporary file as it is
  written, and the finished workbook to the file whole): text
  is always written as text (``write_string``), so a name starting with ``=`` is never a
  formula and a card number or phone keeps its leading zeros and ``+``; dates are real dates
  shown in the reader's own short date form (built-in number format 14); amounts are numbers.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterable, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

from xlsxwriter import Workbook

from shopcards.core.card_export import Value
from shopcards.core.csv_cells import csv_rows
from shopcards.core.files import atomic_path

SHORT_DATE = 14
"""Excel's built-in "short date" format: each reader sees the date their own way."""
WIDEST = 40
"""A column is made as wide as its heading, between 10 and this many characters."""


def write_csv(
    path: Path, headings: Sequence[str], rows: Iterable[Sequence[Value]], locale: str
) -> int:
    """Write the rows under ``headings`` to a CSV at ``path``; returns how many rows."""
    count = 0
    with csv_rows(path, locale) as write:
        write(list(headings))
        for row in rows:
            write(row)
            count += 1
    return count


def write_xlsx(
    path: Path,
    headings: Sequence[str],
    rows: Iterable[Sequence[Value]],
    sheet: str,
    money_digits: int = 2,
) -> int:
    """Write the rows under ``headings`` to one sheet of an .xlsx workbook at ``path``;
    returns how many rows. ``money_digits``: the decimals amounts are shown with.

    The rows go to xlsxwriter's temporary files as they come (constant memory); the workbook
    is then zipped in memory (a tenth of the rows' size) and written whole. A failure or a
    cancel while the rows are written leaves the workbook unfinished, and no file at all.
    """
    zipped = io.BytesIO()
    book = Workbook(zipped, {"constant_memory": True, "strings_to_formulas": False})
    count = _fill(book, headings, rows, sheet, money_digits)
    book.close()
    with atomic_path(Path(path)) as tmp:
        tmp.write_bytes(zipped.getvalue())
    return count


def _fill(
    book: Any, headings: Sequence[str], rows: Iterable[Sequence[Value]], sheet: str, digits: int
) -> int:
    """The headings in bold, frozen at the top, then each row; returns how many rows."""
    bold = book.add_format({"bold": True})
    date = book.add_format({"num_format": SHORT_DATE})
    money = book.add_format({"num_format": "0." + "0" * digits if digits else "0"})
    ws = book.add_worksheet(sheet)
    ws.freeze_panes(1, 0)
    for column, heading in enumerate(headings):
        ws.set_column(column, column, min(WIDEST, max(10, len(heading) + 2)))
        ws.write_string(0, column, heading, bold)
    count = 0
    for count, row in enumerate(rows, start=1):
        for column, value in enumerate(row):
            _write_cell(ws, count, column, value, date, money)
    return count


def _write_cell(ws: Any, row: int, column: int, value: Value, date: Any, money: Any) -> None:
    """One value in its own kind of cell (nothing for empty text: the cell stays blank)."""
    if isinstance(value, str):
        if value:
            ws.write_string(row, column, value)
    elif isinstance(value, Decimal):
        ws.write_number(row, column, float(value), money)
    else:
        ws.write_datetime(row, column, dt.datetime.combine(value, dt.time()), date)
