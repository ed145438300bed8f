"""Reading a customer file (stand-in for part 1's reader: UTF-8 CSV only)."""

from __future__ import annotations

import csv
from pathlib import Path

from shopcards.core.customer_table import CustomerTable
from shopcards.core.errors import ShopError
from shopcards.core.progress import CancelToken, Report


def read_customer_file(
    path: Path,
    *,
    sheet: str | None = None,
    progress: Report | None = None,
    cancel: CancelToken | None = None,
    encoding: str | None = None,
) -> CustomerTable:
    try:
        text = Path(path).read_text(encoding=encoding or "utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise ShopError(f"{path}: cannot be read ({exc})") from exc
    first = text.partition("\n")[0]
    delimiter = max(";,\t", key=first.count)
    rows = [tuple(row) for row in csv.reader(text.splitlines(), delimiter=delimiter)]
    if not rows:
        raise ShopError(f"{path}: the file is empty")
    return CustomerTable(str(path), "csv", rows[0], tuple(rows[1:]), 2)
