"""What a print run wrote, as a plain record.

It lives in core/ because the window shows it (how many pages, which files) and the window never
imports the printing engine.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class PrintResult:
    """What a run wrote. A cancelled run wrote nothing: ``paths`` is empty then."""

    paths: tuple[Path, ...]
    items: int
    pages: int
    cancelled: bool = False
    page_of_item: tuple[int, ...] = field(default=(), repr=False)
    """The first page (1-based, within its file) of each item, for previews and checks."""
