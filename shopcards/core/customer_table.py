"""A customer file as read: its headings and rows of text cells, whatever the file was (CSV, a
workbook, a phone's contacts). What each column holds is decided afterwards
(``core/customer_headings.py`` suggests, the owner may change it); reading decides nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from shopcards.core.errors import ShopError
from shopcards.core.i18n import _
from shopcards.core.text import fold


@dataclass(frozen=True)
class CustomerTable:
    """Every row of one customer file, each as wide as ``headings``."""

    source: str
    """The file's name, for messages."""
    kind: str
    """"csv", "xlsx", "xls", "ods" or "vcf"."""
    headings: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    first_row: int
    """The row number the file shows for ``rows[0]`` (2 under a heading row on line 1)."""
    sheet: str = ""
    """The sheet read, for a workbook."""
    sheets: tuple[str, ...] = ()
    """Every sheet of a workbook, in its order (so the owner can pick another)."""
    encoding: str = ""
    """How a CSV file's text was encoded, as a person names it ("Windows-1250")."""
    delimiter: str = ""
    """What separates a CSV file's fields."""
    row_numbers: tuple[int, ...] = ()
    """The row number the file shows for each row, where blank rows or multi-line cells make
    them differ from ``first_row + index`` (empty: they do not); see :meth:`row_number`."""

    def row_number(self, index: int) -> int:
        """The row number the file shows for ``rows[index]``, for messages."""
        return self.row_numbers[index] if self.row_numbers else self.first_row + index


class CustomerFileError(ShopError):
    """A customer file that cannot be read; the message names the file, and the row and
    column where the trouble is in one."""


def column_letter(index: int) -> str:
    """A spreadsheet's name for column ``index`` (0 → A, 26 → AA), for messages."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def headings_of(cells: Sequence[str], width: int) -> tuple[str, ...]:
    """The heading row made ``width`` wide, every heading one a person can tell apart: a blank
    one is named for its column ("Column F"), a repeated one numbered ("Phone (2)")."""
    padded = [cell.strip() for cell in cells[:width]] + [""] * (width - len(cells))
    named = [
        cell or _("Column {letter}", letter=column_letter(index))
        for index, cell in enumerate(padded)
    ]
    seen: dict[str, int] = {}
    unique = []
    for heading in named:
        key = fold(heading)
        seen[key] = seen.get(key, 0) + 1
        unique.append(heading if seen[key] == 1 else f"{heading} ({seen[key]})")
    return tuple(unique)


def padded(cells: Sequence[str], width: int) -> tuple[str, ...]:
    """A row of ``width`` cells: a short row filled with blanks, blank cells past the end
    dropped (a row is never cut where it holds something: callers check first)."""
    return tuple(cells[:width]) + ("",) * (width - len(cells))
