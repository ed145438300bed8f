"""Exporting the cards (CSV, Excel, vCard) and the purchases (CSV): the owner's way to take the
customers out of the card file, called by the Shop menu and by ``shopcards export-…``.

Owner only: the whole customer list is the shop's most sensitive data. Every export is written
whole or not at all (a Cancel or a failure leaves no file), read a page at a time (a 100,000
card file never sits in memory) from one state of the file (a sale at the till meanwhile is
in it or not, never half), and logged in the change log (what, where, how many rows).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

from babel.numbers import format_decimal

from shopcards.core.card_export import (
    CardRecord,
    Format,
    Value,
    card_headings,
    card_values,
    format_for,
    purchase_headings,
    purchase_values,
)
from shopcards.core.card_files import write_csv, write_xlsx
from shopcards.core.card_vcard import write_vcards
from shopcards.core.errors import ValidationError
from shopcards.core.i18n import _, format_locale, words
from shopcards.core.money import minor_digits
from shopcards.core.progress import Report, tell
from shopcards.services import letter_selections
from shopcards.services.exports import record_export
from shopcards.services.session import Session, require_owner
from shopcards.store import card_export as store
from shopcards.store.insights import snapshot

EVERY_CARD = ""
"""No selection: every card in the file, archived ones too."""


def export_customers(
    session: Session,
    path: Path,
    fmt: str | None = None,
    selection: str = EVERY_CARD,
    progress: Report | None = None,
) -> int:
    """Write the cards ``selection`` chooses (a letters selection such as ``birthdays:…``;
    none: every card) to ``path`` as CSV, .xlsx or vCard (``fmt``, else the extension's);
    returns how many cards were written."""
    require_owner(session, _("export the customers"))
    kind = format_for(path, fmt)
    settings = session.settings
    with snapshot(session.db):  # the cards as they are now, while the till goes on
        ids = letter_selections.find(session, selection) if selection.strip() else None
        total = store.card_count(session.db) if ids is None else len(ids)
        cards = _cards(session, ids, total, progress)
        rows = (card_values(card) for card in cards)
        headings = card_headings(words(settings.letter_language))  # the shop's, not the PC's
        if kind is Format.VCF:
            count = write_vcards(Path(path), cards)
        elif kind is Format.XLSX:
            digits = minor_digits(settings.currency)
            count = write_xlsx(Path(path), headings, rows, "Cards", digits)
        else:
            count = write_csv(Path(path), headings, rows, settings.locale)
    record_export(session, f"customers ({kind.value})", Path(path), count)
    return count


def export_purchases(
    session: Session,
    path: Path,
    first: dt.date | None = None,
    last: dt.date | None = None,
    progress: Report | None = None,
) -> int:
    """Write the purchases from ``first`` to ``last`` (either open) to a CSV at ``path``,
    by date; returns how many. Voided ones are left out; returns are negative amounts."""
    require_owner(session, _("export the purchases"))
    if first and last and first > last:
        raise ValidationError(
            {
                "from": _(
                    "{first} is after {last}: nothing would be exported", first=first, last=last
                )
            }
        )
    since, until = (first or dt.date.min).isoformat(), (last or dt.date.max).isoformat()
    currency, locale = session.settings.currency, session.settings.locale
    words_locale = format_locale(locale)
    headings_in = words(session.settings.letter_language)  # the shop's headings, not the PC's

    def rows(total: int) -> Iterator[list[Value]]:
        done, after = 0, None
        while True:
            lines, after = store.purchases_after(session.db, since, until, after)
            if not lines:
                return
            yield from (purchase_values(line, currency) for line in lines)
            done += len(lines)
            said = _(
                "Writing purchase {done} of {total}…",
                done=format_decimal(done, locale=words_locale),
                total=format_decimal(total, locale=words_locale),
            )
            tell(progress, done, total, said)

    with snapshot(session.db):
        total = store.purchase_count(session.db, since, until)
        count = write_csv(Path(path), purchase_headings(currency, headings_in), rows(total), locale)
    record_export(session, "purchases (csv)", Path(path), count)
    return count


def _cards(
    session: Session, ids: list[int] | None, total: int, progress: Report | None
) -> Iterator[CardRecord]:
    """The cards to export, read a page at a time; ``progress`` is told after each page."""
    done = 0
    locale = format_locale(session.settings.locale)
    for page in _pages(session, ids):
        yield from page
        done += len(page)
        said = _(
            "Writing card {done} of {total}…",
            done=format_decimal(done, locale=locale),
            total=format_decimal(total, locale=locale),
        )
        tell(progress, done, total, said)


def _pages(session: Session, ids: list[int] | None) -> Iterator[list[CardRecord]]:
    """Every card by card number (``ids`` None), or the cards ``ids`` in their order."""
    if ids is None:
        after = 0
        while page := store.cards_after(session.db, after):
            yield page
            after = page[-1].id
    else:
        for start in range(0, len(ids), store.PAGE):
            yield store.cards_by_ids(session.db, ids[start : start + store.PAGE])
