"""What a print run wrote, as a plain record.

It lives in core/ because the window shows it (how many pages, which files) and the window never
imports the printing engine.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class PrintResult:
    """What a run wrote (a cancelled run raises :class:`~shopcards.core.errors.Cancelled`
    and writes nothing)."""

    paths: tuple[Path, ...]
    items: int
    pages: int
    page_of_item: tuple[int, ...] = field(default=(), repr=False)
    """The first page (1-based, within its file) of each item, for previews and checks."""
