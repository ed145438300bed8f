"""Writing a CSV file that is safe to open in a spreadsheet, the way the shop's locale reads it.

A spreadsheet runs a cell that begins with ``=``, ``+``, ``-`` or ``@`` (or a tab or carriage
return) as a formula, so a customer named ``=HYPERLINK(…)`` could do harm on the owner's PC:
such a text cell is written with a leading ``'``, which shows the text as it is. Numbers are
written with the locale's decimal symbol, and where that is a comma the fields are separated
by ``;`` (as Excel expects there). The file is UTF-8 with a byte-order mark so that Excel shows
accents, and it is written whole or not at all (:func:`shopcards.core.files.atomic_path`).
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from decimal import Decimal
from pathlib import Path

from babel import Locale
from babel.numbers import get_decimal_symbol

from shopcards.core.files import atomic_path

Cell = str | int | Decimal | dt.date | None
"""Text, or a number (written in the locale's way and never prefixed), a date (ISO 8601, which
spreadsheets read as a date in every locale), or nothing."""
Row = Sequence[Cell]
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_CHECKED_FIRST = frozenset((*FORMULA_STARTS, "'"))
"""A text beginning with one of these goes through :func:`safe_text`; any other is safe."""


def safe_text(text: str) -> str:
    """``text`` as a spreadsheet will show it, never run it: ``'`` before a formula start
    (and before text that only starts with ``'`` and a formula start, so :func:`unsafe_text`
    gives every text back as it was)."""
    return f"'{text}" if text.lstrip("'").startswith(FORMULA_STARTS) else text


def unsafe_text(text: str) -> str:
    """What :func:`safe_text` was given: an import reading a file this program wrote takes the
    ``'`` off again (``'+358401234567`` is the phone ``+358401234567``)."""
    if text.startswith("'") and text.lstrip("'").startswith(FORMULA_STARTS):
        return text[1:]
    return text


def separators(locale: str) -> tuple[str, str]:
    """(field separator, decimal symbol) for the shop's locale: ``;`` where decimals take a
    comma, else ``,``."""
    decimal = get_decimal_symbol(Locale.parse(locale.replace("-", "_")))
    return (";" if decimal == "," else ","), decimal


def cell(value: Cell, decimal: str) -> str:
    """One value as written to the file (text, the commonest, first: this runs for every
    cell of a 100,000-card export)."""
    if isinstance(value, str):
        return safe_text(value)
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value).replace(".", decimal)


@contextmanager
def csv_rows(path: Path, locale: str) -> Iterator[Callable[[Row], None]]:
    """A function that writes one row to the CSV file at ``path``; the file appears whole when
    the block ends, and nothing is left of it if the block fails."""
    delimiter, decimal = separators(locale)
    with atomic_path(Path(path)) as tmp, tmp.open("w", newline="", encoding="utf-8-sig") as f:
        writer = csv.writer(f, delimiter=delimiter)

        def write(row: Row) -> None:
            # text that safe_text leaves as it is (most cells) goes without a call: a card
            # export writes 3 million cells, and the calls were a third of its time
            writer.writerow(
                [
                    value
                    if value.__class__ is str and value[:1] not in _CHECKED_FIRST
                    else cell(value, decimal)
                    for value in row
                ]
            )

        yield write
