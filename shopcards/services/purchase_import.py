"""Importing a till's purchase export: every row matched to a card, then all saved or none.

A row is matched by card number, else by phone, else by e-mail; the first that finds exactly
one card wins. One row that cannot be read or matched, or that is already in the card file,
stops the whole import, and the report names each such row and why, so the owner can fix the
file and run it again without getting half of it twice.

A till's export may hold millions of rows, and the till at the other desk must keep selling
while it is read: the file is read a line at a time, each row is checked and matched without
the card file's write lock and collected in a staging table of this connection's own, slice
by slice. Only when every row is good are they made purchases, again a slice per transaction
so the till saves in between; the batch is noted in the change history as it goes, and an
import that stops half-way (cancelled, a full disk, the program killed) is taken back slice
by slice, then or before the next import. While the rows are moved in (seconds; a minute for
a million rows) another desk sees them arrive; it never sees half an import once it is over.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import BinaryIO

from shopcards.core.errors import ShopError
from shopcards.core.i18n import N_, _
from shopcards.core.phones import NotAPhone, normalise
from shopcards.core.progress import Report, tell
from shopcards.core.purchase_file import (
    FileRow,
    PurchaseFile,
    RowProblem,
    file_headings,
    purchase_rows,
    read_purchase_file,
)
from shopcards.services.purchases import money
from shopcards.services.session import Session, require_owner
from shopcards.store import bulk
from shopcards.store import purchases as store
from shopcards.store.handle import Database

SLICE = 5_000
"""Rows staged per transaction (and between two progress reports)."""
LISTED = 1_000
"""Matched rows and problems the report lists one by one; the counts say the rest."""


@dataclass(frozen=True)
class MatchedRow:
    line: int
    customer_id: int
    card_no: str
    matched_by: str
    row: FileRow


@dataclass
class ImportReport:
    """What the import found; ``imported`` is True only when every row was saved.

    ``matched`` and ``problems`` list the first :data:`LISTED` of each (problems by row);
    ``matched_count``, ``problem_count`` and ``total`` count them all.
    """

    file: PurchaseFile
    matched: list[MatchedRow] = field(default_factory=list)
    problems: list[RowProblem] = field(default_factory=list)
    matched_count: int = 0
    problem_count: int = 0
    total: int = 0
    imported: bool = False

    def add_match(self, match: MatchedRow) -> None:
        self.matched_count += 1
        self.total += match.row.amount
        if len(self.matched) < LISTED:
            self.matched.append(match)

    def add_problem(self, problem: RowProblem) -> None:
        self.problem_count += 1
        self.problems.append(problem)
        if len(self.problems) >= 2 * LISTED:
            self._keep_first()

    def _keep_first(self) -> None:
        self.problems.sort(key=lambda problem: problem.line)
        del self.problems[LISTED:]


def import_purchases(
    session: Session,
    path: Path,
    dry_run: bool = False,
    progress: Report | None = None,
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
    card if it holds one, else in the file). A return with no such sale, or more than is left
    of its sale, is refused, as the till refuses it. ``progress`` is told the rows done while
    they are checked and while they are moved in; a cancel (it raises Cancelled) keeps nothing.
    """
    require_owner(session, _("import purchases"))
    settings, db = session.settings, session.db
    _recover(session)
    bulk.start_staging(db)
    try:
        with bulk.full_disk_is_a_message(_("nothing was imported")):
            with _open(path) as stream:
                parsed = read_purchase_file(stream, settings.locale, columns, date_order)
                report = ImportReport(parsed)
                rows = purchase_rows(
                    stream, parsed, settings.locale, settings.currency, session.today()
                )
                _stage(db, report, rows, settings.region, progress)
            bulk.index_staging(db)
            _check_staged(session, report)
            report._keep_first()
            if not (report.problems or dry_run or not report.matched_count):
                _move(session, report, Path(path).name, progress)
                report.imported = True
    finally:
        bulk.end_staging(db)
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
        raise ShopError(
            _("Cannot read {path}: {why}", path=path, why=exc.strerror), str(exc)
        ) from exc


def _stage(
    db: Database,
    report: ImportReport,
    rows: Iterator[FileRow | RowProblem],
    region: str,
    progress: Report | None,
) -> None:
    """Match each row to a card and stage it, a slice at a time, or note why it cannot be."""
    find = lru_cache(maxsize=100_000)(lambda row: _find_card(db, row, region))
    batch: list[bulk.StagedRow] = []
    done = 0
    for row in rows:
        done += 1
        found = row if isinstance(row, RowProblem) else find(_identity(row))
        if isinstance(found, RowProblem):
            report.add_problem(found)
        elif isinstance(found, str):
            report.add_problem(RowProblem(row.line, found))
        elif isinstance(row, FileRow):
            customer_id, card_no, how = found
            report.add_match(MatchedRow(row.line, customer_id, card_no, how, row))
            batch.append(_staged(row, customer_id))
        if done % SLICE == 0:
            bulk.stage(db, batch)
            batch.clear()
            tell(progress, done, report.file.row_count)
    bulk.stage(db, batch)
    tell(progress, done, done)


def _identity(row: FileRow) -> FileRow:
    """The row with only what finds its card, so that rows of one card share a lookup."""
    return FileRow(0, "", 0, row.card_no, row.phone, row.email)


def _staged(row: FileRow, customer_id: int) -> bulk.StagedRow:
    return (
        row.line,
        customer_id,
        row.date,
        row.amount,
        row.items,
        row.category,
        row.receipt_no,
    )


def _check_staged(session: Session, report: ImportReport) -> None:
    """What only the whole file shows: a purchase twice in it or already on its card, and a
    return with no sale to point at."""
    db = session.db
    for line, first in bulk.staged_twice(db):
        report.add_problem(RowProblem(line, _("the same purchase as row {row}", row=first)))
    for line, receipt, date, card_no in bulk.staged_already_recorded(db):
        report.add_problem(
            RowProblem(
                line,
                _(
                    "already in the card file (receipt {receipt} of {date} on card {card})",
                    receipt=receipt,
                    date=date,
                    card=card_no,
                ),
            )
        )
    _link_returns(session, report)


def _link_returns(session: Session, report: ImportReport) -> None:
    """Point each staged return at its sale (the rule in :func:`import_purchases`), or name
    the row of a return with no sale to point at."""
    db = session.db
    links: list[tuple[int | None, int | None, int]] = []
    left: dict[tuple[int | None, int | None], int] = {}  # what may still come back of a sale
    for seq, line, customer_id, date, amount, receipt in bulk.staged_returns(db):
        sale = _sale_for(db, customer_id, date, -amount, receipt)
        if sale is None:
            report.add_problem(
                RowProblem(line, _unlinked(session, db, customer_id, amount, date, receipt))
            )
            continue
        if sale not in left:
            left[sale] = _returnable(db, *sale)
        if -amount > left[sale]:
            report.add_problem(
                RowProblem(
                    line,
                    _(
                        "a return of {amount}, but at most {left} of the sale it returns can "
                        "still come back",
                        amount=money(session, -amount),
                        left=money(session, left[sale]),
                    ),
                )
            )
            continue
        left[sale] += amount
        links.append((*sale, seq))
    bulk.link_staged(db, links)


def _returnable(db: Database, staged: int | None, stored: int | None) -> int:
    """How much of a sale may still be returned: the till's rule, for an import."""
    if stored is not None:
        return store.get(db, stored).amount - store.returned_so_far(db, stored)
    assert staged is not None
    return bulk.staged_amount(db, staged)


def _sale_for(
    db: Database, customer_id: int, date: str, amount: int, receipt: str
) -> tuple[int | None, int | None] | None:
    """(staged sale, stored sale) for a return, one of them None; None if neither is found."""
    if receipt:
        staged = bulk.staged_sale(db, customer_id, date, amount, receipt)
        if staged is not None:
            return staged, None
    stored = store.sale_returned(db, customer_id, date, amount, receipt)
    if stored is not None:
        return None, stored
    staged = bulk.staged_sale(db, customer_id, date, amount, "")
    return None if staged is None else (staged, None)


def _unlinked(
    session: Session, db: Database, customer_id: int, amount: int, date: str, receipt: str
) -> str:
    card_no = store.card_no_of(db, customer_id)
    values = {"amount": money(session, -amount), "card": card_no, "date": date}
    if receipt:
        return _(
            "a return of {amount} tied to no sale: card {card} has no sale with receipt "
            "{receipt}, nor any sale of at least that much on or before {date} (the till "
            "records a return only against its sale)",
            receipt=receipt,
            **values,
        )
    return _(
        "a return of {amount} tied to no sale: card {card} has no sale of at least that much "
        "on or before {date} (the till records a return only against its sale)",
        **values,
    )


def _move(session: Session, report: ImportReport, name: str, progress: Report | None) -> None:
    """Make every staged row a purchase, :data:`SLICE` rows per transaction so the till can
    save between two; if the move stops (a cancel, a full disk), the slices already in are
    taken back, so the import still keeps all its rows or none."""
    now, actor = session.now(), session.actor
    count = bulk.order_staged(session.db)
    with session.card_file.write() as db:
        batch = bulk.start_batch(db, actor, now, name)
    try:
        for start in range(1, count + 1, SLICE):
            with session.card_file.write() as db:
                bulk.move_slice(db, batch, start, SLICE, actor, now, name)
                if start + SLICE > count:
                    facts = {"file": name, "purchases": count, "amount": report.total}
                    bulk.finish_batch(db, batch, actor, now, **facts)
            done = min(start + SLICE - 1, count)
            if done < count:
                tell(progress, done, count)
    except BaseException:
        _undo(session, batch)
        raise


def _undo(session: Session, batch: int) -> None:
    """Take back the slices of an import that did not finish, latest first, a slice per
    transaction, and note it in the change history."""
    slices = bulk.batch_slices(session.db, batch)
    for first, last in slices:
        with session.card_file.write() as db:
            bulk.undo_slice(db, first, last)
    with session.card_file.write() as db:
        taken = sum(last - first + 1 for first, last in slices)
        bulk.undo_batch(db, batch, session.actor, session.now(), taken)


def _recover(session: Session) -> None:
    """An import cut short while its rows were moved in (the program stopped) is taken back
    before the next one starts."""
    for batch in bulk.unfinished_batches(session.db):
        _undo(session, batch)


def _find_card(db: Database, row: FileRow, region: str) -> tuple[int, str, str] | str:
    """(card id, card number, matched by) or the reason no single card was found."""
    reasons: list[str] = []
    for how, value, lookup in _lookups(db, row, region, reasons):
        cards = lookup(value)
        if len(cards) == 1:
            return cards[0][0], cards[0][1], how
        if cards:
            numbers = ", ".join(card_no for _id, card_no in cards)
            reasons.append(
                _(
                    "{how} {value} is on more than one card ({numbers})",
                    how=_(how),
                    value=value,
                    numbers=numbers,
                )
            )
        else:
            reasons.append(_("no card has {how} {value}", how=_(how), value=value))
    return "; ".join(reasons)


def _lookups(
    db: Database, row: FileRow, region: str, reasons: list[str]
) -> list[tuple[str, str, Callable[[str], list[tuple[int, str]]]]]:
    lookups: list[tuple[str, str, Callable[[str], list[tuple[int, str]]]]] = []
    if row.card_no:
        lookups.append((N_("card number"), row.card_no, lambda v: store.cards_with_card_no(db, v)))
    if row.phone:
        try:
            lookups.append(
                (N_("phone"), normalise(row.phone, region), lambda v: store.cards_with_phone(db, v))
            )
        except NotAPhone as exc:
            reasons.append(str(exc))
    if row.email:
        lookups.append((N_("e-mail"), row.email, lambda v: store.cards_with_email(db, v)))
    return lookups
