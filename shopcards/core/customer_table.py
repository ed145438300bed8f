"""A customer file as read: its headings and rows of text (stand-in for part 1's reader)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class CustomerTable:
    """``first_row`` is the spreadsheet row number of ``rows[0]``."""

    source: str
    kind: str
    headings: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    first_row: int
    sheet: str = ""
