"""Reading any customer file a shop has (CSV, Excel, LibreOffice, a phone's contacts) into one
:class:`~shopcards.core.customer_table.CustomerTable`, for the customer import's preview.

The file's first bytes say what it is; its name only says what it should be. A file that is
not what its name says (a ``.xlsx`` that is a CSV or a picture, a ``.csv`` that is a
workbook) is refused, saying what it looks like, rather than read as something it is not.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import BinaryIO

from shopcards.core.csv_cells import unsafe_text
from shopcards.core.customer_csv import read_csv
from shopcards.core.customer_table import CustomerFileError, CustomerTable
from shopcards.core.i18n import N_, _
from shopcards.core.progress import CancelToken, Progress, Report
from shopcards.core.text_files import guess_encoding

__all__ = ["CustomerFileError", "read_customer_file"]

KINDS = {
    ".csv": "csv", ".txt": "csv", ".tsv": "csv", ".tab": "csv",
    ".xlsx": "xlsx", ".xlsm": "xlsx", ".xls": "xls", ".ods": "ods",
    ".vcf": "vcf", ".vcard": "vcf",
}  # fmt: skip
"""The file names read, by ending; any other is read by what it holds."""
_NAMES = {
    "csv": N_("a CSV or text file"),
    "xlsx": N_("an Excel workbook (.xlsx)"),
    "xls": N_("an old Excel workbook (.xls)"),
    "ods": N_("a LibreOffice spreadsheet (.ods)"),
    "vcf": N_("a contacts file (.vcf)"),
}
_SIGNATURES = (
    (b"\x89PNG", N_("a PNG picture")),
    (b"\xff\xd8\xff", N_("a JPEG picture")),
    (b"GIF8", N_("a GIF picture")),
    (b"%PDF", N_("a PDF document")),
    (b"SQLite format 3\x00", N_("a database (perhaps a card file)")),
    (b"\x1f\x8b", N_("a compressed (gzip) file")),
    (b"Rar!", N_("a RAR archive")),
    (b"7z\xbc\xaf", N_("a 7-Zip archive")),
    (b"MZ", N_("a program")),
    (b"{\\rtf", N_("a Word (RTF) document")),
)
_HEAD = 4096


def read_customer_file(
    path: Path,
    *,
    sheet: str | None = None,
    encoding: str | None = None,
    progress: Report | None = None,
    cancel: CancelToken | None = None,
) -> CustomerTable:
    """Every row of the customer file at ``path``. ``sheet`` picks a workbook's sheet (default:
    the first that holds anything); ``encoding`` (a Python codec name such as "cp1250")
    overrides the guess for a CSV file. ``progress`` is told every few thousand rows and
    ``cancel`` checked as often (:class:`~shopcards.core.errors.Cancelled` stops the reading).
    Raises CustomerFileError naming the file, and the row and column where it applies."""
    source = path.name
    report = _report(progress, cancel)
    try:
        stream = path.open("rb")
    except OSError as exc:
        raise CustomerFileError(
            _("{source} cannot be opened: {why}.", source=source, why=exc.strerror or exc)
        ) from exc
    with stream:
        head = stream.read(_HEAD)
        stream.seek(0)
        kind = _kind(head, source, KINDS.get(path.suffix.lower()))
        if kind == "csv":
            return _unquoted(read_csv(stream, source, encoding, report))
        if kind == "vcf":
            return _vcards(stream, source, encoding, report)
        from shopcards.core.customer_sheets import read_workbook

        return read_workbook(stream, source, kind, sheet, report)


def _unquoted(table: CustomerTable) -> CustomerTable:
    """The table with the ``'`` a CSV export puts before a formula start taken off again
    (core/csv_cells.py): ``'+358401234567`` is the phone, ``'=SUM(A1)`` the note as typed.
    CSV only: a workbook's or a contact's cell never carries that ``'``."""
    rows = tuple(
        tuple([unsafe_text(cell) if cell[:1] == "'" else cell for cell in row])
        if "'" in "".join(row)  # quickest: 100,000 rows without one 0.05 s, with 0.7 s
        else row
        for row in table.rows
    )
    return replace(table, rows=rows)


def _report(progress: Report | None, cancel: CancelToken | None) -> Report | None:
    if progress is None or cancel is None:
        return progress or cancel

    def both(step: Progress) -> None:
        progress(step)
        cancel(step)

    return both


def _kind(head: bytes, source: str, named: str | None) -> str:
    """What the file is, by its first bytes; refused when its name says otherwise."""
    held = _held(head, source)
    if named is not None and held != named and {held, named} != {"xlsx", "ods"}:
        raise CustomerFileError(
            _(
                "{source} is not {named}: it holds {held}. Save it again as {named} from the "
                "program that made it, or choose the file it is.",
                source=source,
                named=_(_NAMES[named]),
                held=_(_NAMES[held]),
            )
        )
    return named or held


def _held(head: bytes, source: str) -> str:
    if not head:
        raise CustomerFileError(
            _("{source} is empty: there is no heading line and no row.", source=source)
        )
    for signature, what in _SIGNATURES:
        if head.startswith(signature):
            raise CustomerFileError(
                _("{source} is {what}, not a customer list.", source=source, what=_(what))
            )
    if head.startswith(b"PK\x03\x04"):
        return "ods" if b"opendocument.spreadsheet" in head else "xlsx"
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        return "xls"
    codec, _name = guess_encoding(head)
    text = head.decode(codec, errors="replace")
    if "\x00" in text or sum(not ch.isprintable() and ch not in "\r\n\t" for ch in text) > 8:
        raise CustomerFileError(
            _("{source} is not text, nor a workbook we can read.", source=source)
        )
    start = text.lstrip("\ufeff \t\r\n").lower()
    if start.startswith(("<!doctype html", "<html", "<table", "<?xml")):
        raise CustomerFileError(
            _(
                "{source} is a web page or XML file (some programs save one as “.xls”): open "
                "it in the spreadsheet, save it as an Excel workbook (.xlsx) or CSV, and "
                "import that.",
                source=source,
            )
        )
    return "vcf" if start.startswith("begin:vcard") else "csv"


def _vcards(
    stream: BinaryIO, source: str, encoding: str | None, report: Report | None
) -> CustomerTable:
    from shopcards.core.customer_vcards import read_vcards

    data = stream.read()
    codec = encoding or guess_encoding(data[: 1 << 20])[0]
    return read_vcards(data.decode(codec, errors="replace"), source, report)
