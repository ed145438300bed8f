"""Importing the shop's existing customer list: a preview of every row, the owner's decisions
on possible duplicates, then every card saved in one transaction, or none.

The preview says of each row whether it is a new card, an update of the card with the same
card number, a possible duplicate (core/customer_duplicates.py: of a card already in the file,
or of an earlier row), or refused, with the reason, the row and the column. Saving makes the
new cards (``joined_via`` import) and updates the chosen ones as one batch: a row of
``customer_import_batches``, a line of history for each card it added or updated (with the
values an update replaced), so services/customer_import_undo.py can take it back that day.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from enum import StrEnum
from pathlib import Path

from babel.numbers import format_decimal

from shopcards.core.card import Card, Consent, JoinedVia
from shopcards.core.consent import How
from shopcards.core.customer_duplicates import DuplicateIndex, Known, Resemblance
from shopcards.core.customer_rows import ColumnMapping, Draft, Refusal, RowReader
from shopcards.core.customer_table import CustomerTable
from shopcards.core.customer_update import fill, values_before
from shopcards.core.errors import ShopError
from shopcards.core.i18n import _, format_locale, ngettext
from shopcards.core.progress import Report, tell
from shopcards.core.purchase_dates import day_first
from shopcards.services.session import Session, require_owner
from shopcards.store import changes, customers
from shopcards.store import customer_import as store
from shopcards.store.bulk import full_disk_is_a_message
from shopcards.store.handle import Database

CHUNK = 2_000
"""Rows between two progress reports (and new cards per insert)."""
NAMED = 10
"""Rows a message names one by one; the count says the rest."""


class Status(StrEnum):
    NEW = "new"
    UPDATE = "update"
    DUPLICATE = "duplicate"
    REFUSED = "refused"


class Decision(StrEnum):
    """What the owner wants done with a possible duplicate."""

    SKIP = "skip"
    UPDATE = "update"
    ADD = "add"


@dataclass(frozen=True)
class PreviewRow:
    """One row of the file as the preview shows it. ``target`` is the card an update (or a
    duplicate's "update") changes; ``reason`` why the row was refused or what it resembles."""

    row: int
    status: Status
    reason: str = ""
    column: str = ""
    card: Card | None = None
    target: int | None = None
    resembles: tuple[Resemblance, ...] = ()

    @property
    def name(self) -> str:
        return self.card.display_name if self.card else ""

    @property
    def phone(self) -> str:
        return self.card.phones[0].number if self.card and self.card.phones else ""

    @property
    def email(self) -> str:
        return self.card.email if self.card else ""


@dataclass
class Preview:
    file: str
    rows: list[PreviewRow] = field(default_factory=list)

    def count(self, status: Status) -> int:
        return sum(1 for row in self.rows if row.status is status)

    def of(self, status: Status) -> list[PreviewRow]:
        return [row for row in self.rows if row.status is status]


@dataclass(frozen=True)
class Saved:
    batch: int
    added: int
    updated: int
    skipped: int


def preview(
    session: Session,
    table: CustomerTable,
    mapping: ColumnMapping,
    progress: Report | None = None,
    date_order: str | None = None,
) -> Preview:
    """Every row of ``table`` read with ``mapping`` and classified; nothing is saved. Owner
    only. ``progress`` is told the rows done; a cancel raises Cancelled."""
    require_owner(session, _("import customers"))
    reader = RowReader(
        table.headings,
        mapping,
        session.settings.region,
        _day_first(session, table, mapping, date_order),
        session.today(),
    )
    index, by_card_no = _known(session.db)
    result = Preview(Path(table.source).name)
    total = len(table.rows)
    with _cycle_collector_paused():
        for offset, cells in enumerate(table.rows):
            read = reader.read(table.row_number(offset), cells)
            if read is not None:
                result.rows.append(_classify(read, index, by_card_no))
            if offset % CHUNK == CHUNK - 1:
                tell(progress, offset + 1, total, _("Checking the rows…"))
    tell(progress, total, total, _("Checking the rows…"))
    return result


@contextmanager
def _cycle_collector_paused() -> Iterator[None]:
    """Python's cycle collector paused while the rows become cards: it would walk every card
    made so far again and again (a quarter of the preview at 100,000 rows, measured), and
    they hold no cycles; it runs as before afterwards, also after a cancel."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


def _day_first(
    session: Session, table: CustomerTable, mapping: ColumnMapping, date_order: str | None
) -> bool:
    """Whether 3/4/1980 is 3 April: the rows that can only be read one way, else the shop's
    locale (as the purchase import decides it)."""
    columns = [index for index, name in mapping.items() if name == "birthday"]
    dates = [
        (table.row_number(offset), cells[index])
        for offset, cells in enumerate(table.rows)
        for index in columns
        if index < len(cells)
    ]
    return day_first(dates, session.settings.locale, date_order)


def _known(db: Database) -> tuple[DuplicateIndex, dict[str, Known]]:
    """The cards in the file, indexed for the duplicate rules, and by card number."""
    index = DuplicateIndex()
    phones: dict[int, list[str]] = {}
    for card_id, number in store.known_phones(db):
        phones.setdefault(card_id, []).append(number)
    by_card_no: dict[str, Known] = {}
    for card_id, card_no, given, family, postcode, email, birthday in store.known_cards(db):
        name = f"{family}, {given}" if family and given else family or given
        known = Known(_("card {card_no} ({name})", card_no=card_no, name=name), card_id=card_id)
        by_card_no[card_no] = known
        full = f"{given} {family}".strip()
        index.add(known, full, phones.get(card_id, []), email, postcode, birthday)
    return index, by_card_no


def _classify(
    read: Draft | Refusal, index: DuplicateIndex, by_card_no: dict[str, Known]
) -> PreviewRow:
    if isinstance(read, Refusal):
        return PreviewRow(read.row, Status.REFUSED, read.reason, read.column)
    card = read.card
    resembles = index.resembles_then_add(Known(_("row {row}", row=read.row), row=read.row), card)
    if read.card_no:
        owner = next((by_card_no[no] for no in customers.card_no_forms(read.card_no)
                      if no in by_card_no), None)  # fmt: skip
        if owner is not None:
            return PreviewRow(read.row, Status.UPDATE, f"card number {read.card_no}",
                              card=card, target=owner.card_id)  # fmt: skip
    if resembles:
        target = next((r.known.card_id for r in resembles if r.known.card_id), None)
        reason = "; ".join(str(r) for r in resembles)
        return PreviewRow(read.row, Status.DUPLICATE, reason, card=card, target=target,
                          resembles=tuple(resembles))  # fmt: skip
    if read.card_no:
        note = f"card number {read.card_no} is not in this card file: a new one is given"
        return PreviewRow(read.row, Status.NEW, note, card=card)
    return PreviewRow(read.row, Status.NEW, card=card)


def save(
    session: Session,
    result: Preview,
    decisions: Mapping[int, Decision] | None = None,
    for_all: Decision | None = None,
    progress: Report | None = None,
) -> Saved:
    """Save the previewed rows in one transaction: new cards added, updates made, each
    possible duplicate as decided (by row in ``decisions``, else ``for_all``). Refused rows
    or an undecided duplicate save nothing; so does a cancel or any failure on the way.
    A duplicate "updated" changes the card it resembles; one resembling only an earlier row
    of the file is skipped."""
    require_owner(session, _("import customers"))
    _refuse_unready(result, decisions or {}, for_all, format_locale(session.settings.locale))
    adds: list[PreviewRow] = []
    updates: list[PreviewRow] = []
    for row in result.rows:
        choice = (decisions or {}).get(row.row, for_all)
        if row.status is Status.NEW or (row.status is Status.DUPLICATE and choice is Decision.ADD):
            adds.append(row)
        elif row.status is Status.UPDATE or (choice is Decision.UPDATE and row.target):
            updates.append(row)
    skipped = len(result.rows) - len(adds) - len(updates)
    total = len(adds) + len(updates)
    with (
        full_disk_is_a_message("nothing was imported"),
        store.roomy_cache(session.card_file.db),
        session.card_file.write() as db,
    ):
        now, actor = session.now(), session.actor
        batch = store.start_batch(db, actor, now, result.file)
        for start in range(0, len(adds), CHUNK):
            _add(session, db, batch, adds[start : start + CHUNK])
            tell(progress, start + len(adds[start : start + CHUNK]), total, _("Saving the cards…"))
        for done, row in enumerate(updates, start=len(adds) + 1):
            _update(session, db, batch, row)
            if done % CHUNK == 0:
                tell(progress, done, total, _("Saving the cards…"))
        store.finish_batch(db, batch, len(adds), len(updates), skipped)
        facts = {"batch": batch, "file": result.file, "added": len(adds)}
        facts |= {"updated": len(updates), "skipped": skipped}
        changes.record(db, actor, now, "card_file", 0, "customers_imported", facts)
        tell(progress, total, total, _("Saving the cards…"))
    return Saved(batch, len(adds), len(updates), skipped)


def _refuse_unready(
    result: Preview, decisions: Mapping[int, Decision], for_all: Decision | None, locale: str
) -> None:
    """Refuse to save while a row is refused or a possible duplicate is undecided; ``locale``
    writes the counts."""
    refused = result.of(Status.REFUSED)
    if refused:
        raise ShopError(
            _(
                "{file}: {rows} cannot be imported, so nothing was: {reasons}",
                file=result.file,
                rows=_rows(refused, locale),
                reasons="; ".join(str(Refusal(r.row, r.column, r.reason)) for r in refused[:NAMED]),
            )
        )
    undecided = [
        r for r in result.of(Status.DUPLICATE) if r.row not in decisions and for_all is None
    ]
    if undecided:
        raise ShopError(
            _(
                "{file}: {rows} may be customers you already have ({numbers}): say for each "
                "whether to skip it, update the card, or add it anyway. Nothing was imported.",
                file=result.file,
                rows=_rows(undecided, locale),
                numbers=", ".join(str(r.row) for r in undecided[:NAMED]),
            )
        )


def _rows(rows: list[PreviewRow], locale: str) -> str:
    """ "3 rows", or "1,204 rows (and 1,194 more)" when only the first are named."""
    count = format_decimal(len(rows), locale=locale)
    if len(rows) <= NAMED:
        return ngettext("{count} row", "{count} rows", len(rows), count=count)
    more = format_decimal(len(rows) - NAMED, locale=locale)
    return ngettext(
        "{count} row (and {more} more)",
        "{count} rows (and {more} more)",
        len(rows),
        count=count,
        more=more,
    )


def _add(session: Session, db: Database, batch: int, rows: list[PreviewRow]) -> None:
    cards = [_imported(r.card) for r in rows if r.card]
    ids = customers.insert_many(db, cards, session.alphabet, session.actor, session.now())
    lines = [
        (card_id, {"batch": batch, "row": row.row} | _consent_note(card))
        for card_id, row, card in zip(ids, rows, cards, strict=True)
    ]
    store.record_many(db, session.actor, session.now(), "imported", lines)
    store.note_cards(db, batch, "added", [(i, r.row, 1) for i, r in zip(ids, rows, strict=True)])


def _imported(card: Card) -> Card:
    """The card as joined through an import (the preview's cards already are: not copied)."""
    return (
        card if card.joined_via is JoinedVia.IMPORT else replace(card, joined_via=JoinedVia.IMPORT)
    )


def _consent_note(card: Card) -> dict[str, object]:
    """The channels the file gave a consent for, noted as given through the import."""
    given = {
        channel: str(value)
        for channel, value in (
            ("post", card.consent_post),
            ("phone", card.consent_phone),
            ("email", card.consent_email),
        )
        if value is not Consent.NOT_ASKED
    }
    return {"consent": given, "consent_via": "import"} if given else {}


def _update(session: Session, db: Database, batch: int, row: PreviewRow) -> None:
    assert row.card is not None and row.target is not None
    base = customers.get(db, row.target)
    after = fill(base, row.card)
    if after == base:  # the file says what the card already holds: nothing to write or undo
        return
    stored = customers.update(
        db, after, base, session.alphabet, session.actor, session.now(), How.IMPORT
    )
    before = values_before(base, stored)
    details = {"batch": batch, "row": row.row, "values": {"before": before}}
    details |= _consent_note(row.card)
    store.record_many(db, session.actor, session.now(), "import_updated", [(row.target, details)])
    store.note_cards(db, batch, "updated", [(row.target, row.row, stored.version)])
