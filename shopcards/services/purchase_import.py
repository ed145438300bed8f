"""Importing a till's purchase export: every row matched to a card, then all saved or none.

A row is matched by card number, else by phone, else by e-mail; the first that finds exactly
one card wins. One row that cannot be read or matched, or that is already in the card file,
stops the whole import, and the report names each such row and why, so the owner can fix the
file and run it again without getting half of it twice.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import BinaryIO

from sqlite_utils import Database

from shopcards.core.errors import ShopError
from shopcards.core.phones import NotAPhone, normalise
from shopcards.core.purchase import PurchaseEntry
from shopcards.core.purchase_file import (
    FileRow,
    PurchaseFile,
    RowProblem,
    file_headings,
    read_purchase_file,
)
from shopcards.services.purchases import money
from shopcards.services.session import Session, require_owner
from shopcards.store import changes
from shopcards.store import purchases as store

Progress = Callable[[int, int], bool]
"""Called with (rows done, rows in all); returning False cancels and nothing is kept."""


@dataclass(frozen=True)
class MatchedRow:
    line: int
    customer_id: int
    card_no: str
    matched_by: str
    row: FileRow
    returns_line: int | None = None
    """For a return: the row of the file holding its sale, when the sale is in the file."""
    returns_id: int | None = None
    """For a return: the purchase already on the card that it returns."""


@dataclass
class ImportReport:
    """What the import found; ``imported`` is True only when every row was saved."""

    file: PurchaseFile
    matched: list[MatchedRow] = field(default_factory=list)
    problems: list[RowProblem] = field(default_factory=list)
    imported: bool = False

    @property
    def total(self) -> int:
        return sum(m.row.amount for m in self.matched)


class ImportCancelled(ShopError):
    """The person stopped the import; nothing was saved."""


def import_purchases(
    session: Session,
    path: Path,
    dry_run: bool = False,
    progress: Progress | None = None,
    columns: Mapping[str, str] | None = None,
    date_order: str | None = None,
) -> ImportReport:
    """Read ``path``, match its rows to cards, and save them all in one transaction
    (unless ``dry_run`` or any row has a problem). Owner only. ``columns`` names the column
    of a field whose heading is not recognised (``{"card": "Kundnr"}``); ``date_order``
    (``"dmy"`` or ``"mdy"``) is the owner's answer when the file's dates disagree.

    A return (a negative amount) is linked to its sale as the till links it: the sale on the
    same card with the same receipt number (in the file, else on the card), else the latest
    sale on that card on or before the return's day of at least the amount returned (on the
    card if it holds one, else in the file).
    A return with no such sale is refused, as the till refuses it.

    Matching only reads, so it runs before the write transaction: the till at the other desk
    waits only while the rows are written, not while a large file is matched.
    """
    require_owner(session, "import purchases")
    settings = session.settings
    with _open(path) as stream:
        parsed = read_purchase_file(
            stream, settings.locale, settings.currency, session.today(), columns, date_order
        )
    report = ImportReport(parsed, problems=list(parsed.problems))
    _match(session.db, report, settings.region)
    _link_returns(session, report)
    report.problems.sort(key=lambda problem: problem.line)
    if report.problems or dry_run or not report.matched:
        return report
    with session.card_file.write() as db:
        _save(session, db, report, Path(path).name, progress)
    report.imported = True
    return report


def headings(path: Path) -> tuple[list[str], dict[str, str]]:
    """The export's column headings in order, and the field each recognised one holds: what
    the window offers when the owner says which column is which."""
    with _open(path) as stream:
        return file_headings(stream)


@contextmanager
def _open(path: Path) -> Iterator[BinaryIO]:
    """The export, opened to be read a line at a time; a file that cannot be read says why."""
    try:
        with Path(path).open("rb") as stream:
            yield stream
    except OSError as exc:
        raise ShopError(f"Cannot read {path}: {exc.strerror}", str(exc)) from exc


def _match(db: Database, report: ImportReport, region: str) -> None:
    seen: dict[tuple[int, str, int, str], int] = {}
    for row in report.file.rows:
        found = _find_card(db, row, region)
        if isinstance(found, str):
            report.problems.append(RowProblem(row.line, found))
            continue
        customer_id, card_no, how = found
        key = (customer_id, row.date, row.amount, row.receipt_no)
        if row.receipt_no and key in seen:
            report.problems.append(RowProblem(row.line, f"the same purchase as row {seen[key]}"))
        elif store.already_recorded(db, *key):
            report.problems.append(
                RowProblem(
                    row.line,
                    f"already in the card file (receipt {row.receipt_no} of {row.date} "
                    f"on card {card_no})",
                )
            )
        else:
            seen[key] = row.line
            report.matched.append(MatchedRow(row.line, customer_id, card_no, how, row))


def _link_returns(session: Session, report: ImportReport) -> None:
    """Point each return at its sale (the rule in :func:`import_purchases`), or name the row
    of a return with no sale to point at."""
    sales = [m for m in report.matched if m.row.amount > 0]
    for index, match in enumerate(report.matched):
        row = match.row
        if row.amount > 0:
            continue
        mine = [s for s in sales if s.customer_id == match.customer_id and s.row.date <= row.date]
        same = [s for s in mine if row.receipt_no and s.row.receipt_no == row.receipt_no]
        big = [s for s in mine if s.row.amount >= -row.amount]
        in_file = same or sorted(big, key=lambda s: (s.row.date, s.line))
        on_card = store.sale_returned(
            session.db, match.customer_id, row.date, -row.amount, row.receipt_no
        )
        if same or (in_file and on_card is None):
            report.matched[index] = replace(match, returns_line=in_file[-1].line)
        elif on_card is not None:
            report.matched[index] = replace(match, returns_id=on_card)
        else:
            report.problems.append(RowProblem(match.line, _unlinked(session, match)))


def _unlinked(session: Session, match: MatchedRow) -> str:
    row = match.row
    receipt = f" with receipt {row.receipt_no}, nor any sale" if row.receipt_no else ""
    return (
        f"a return of {money(session, -row.amount)} tied to no sale: card {match.card_no} has "
        f"no sale{receipt} of at least that much on or before {row.date} (the till records a "
        "return only against its sale)"
    )


def _find_card(db: Database, row: FileRow, region: str) -> tuple[int, str, str] | str:
    """(card id, card number, matched by) or the reason no single card was found."""
    reasons: list[str] = []
    for how, value, lookup in _lookups(db, row, region, reasons):
        cards = lookup(value)
        if len(cards) == 1:
            return cards[0][0], cards[0][1], how
        if cards:
            numbers = ", ".join(card_no for _, card_no in cards)
            reasons.append(f"{how} {value} is on more than one card ({numbers})")
        else:
            reasons.append(f"no card has {how} {value}")
    return "; ".join(reasons)


def _lookups(
    db: Database, row: FileRow, region: str, reasons: list[str]
) -> list[tuple[str, str, Callable[[str], list[tuple[int, str]]]]]:
    lookups: list[tuple[str, str, Callable[[str], list[tuple[int, str]]]]] = []
    if row.card_no:
        lookups.append(("card number", row.card_no, lambda v: store.cards_with_card_no(db, v)))
    if row.phone:
        try:
            lookups.append(
                ("phone", normalise(row.phone, region), lambda v: store.cards_with_phone(db, v))
            )
        except NotAPhone as exc:
            reasons.append(str(exc))
    if row.email:
        lookups.append(("e-mail", row.email, lambda v: store.cards_with_email(db, v)))
    return lookups


def _save(
    session: Session, db: Database, report: ImportReport, name: str, progress: Progress | None
) -> None:
    now, actor = session.now(), session.actor
    total = len(report.matched)
    saved: dict[int, int] = {}  # row of the file -> purchase id, for the returns
    in_order = sorted(report.matched, key=lambda match: match.row.amount < 0)
    for done, match in enumerate(in_order, start=1):
        row = match.row
        entry = PurchaseEntry(
            date=row.date,
            amount=row.amount,
            items=row.items,
            category=row.category,
            receipt_no=row.receipt_no,
        )
        sale = saved[match.returns_line] if match.returns_line else match.returns_id
        purchase = store.insert(db, match.customer_id, entry, sale, actor, now)
        saved[row.line] = purchase.id
        changes.record(
            db,
            actor,
            now,
            "purchase",
            purchase.id,
            "imported",
            {"file": name, "row": row.line, "amount": row.amount},
        )
        if progress is not None and done % 500 == 0 and not progress(done, total):
            raise ImportCancelled("The import was cancelled; nothing was saved.")
    changes.record(
        db,
        actor,
        now,
        "card_file",
        0,
        "purchases_imported",
        {"file": name, "purchases": total, "amount": report.total},
    )
    if progress is not None:
        progress(total, total)
