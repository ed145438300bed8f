"""Knowing the customers (owner only): the 80/20 split, segments, RFM scores, who lapsed, who
is spending less, who is due a letter or a call, and whether letter batches worked.

Every figure comes from one aggregate over the purchases (store.insights), read in one
snapshot of the card file; the rules that turn it into lists are core.insights,
core.segments and core.rfm. The window, the command line and the printed report all call
these functions. Staff cards are in none of the figures (store.insights leaves them out);
archived cards count in the totals but are not on the lists of people to contact.

A card's RFM scores compare the customer's own figures, read fresh, against every customer's.
Reading every customer costs about a second on a shop of 100,000, so those are kept for
:data:`POPULATION_MINUTES` and read again after: one sale more moves nobody's fifth.
"""

from __future__ import annotations

import datetime as dt
import gc
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from decimal import Decimal
from pathlib import Path

from shopcards.core.card import CardSummary
from shopcards.core.consent import suggest_contact
from shopcards.core.csv_cells import Cell, csv_rows
from shopcards.core.errors import ValidationError
from shopcards.core.history import months_back
from shopcards.core.i18n import N_, _, format_locale, ngettext
from shopcards.core.insights import (
    CALL_MONTHS,
    RESPONSE_DAYS,
    BatchResult,
    Column,
    CustomerFigures,
    CustomerList,
    Kind,
    Pareto,
    combined,
    declining_customers,
    due_list,
    lapsed_customers,
    last_12_months,
    pareto_split,
    quarter_start,
)
from shopcards.core.insights_text import csv_header, csv_value
from shopcards.core.overview import Overview, ranked_last_12_months
from shopcards.core.rfm import RfmPopulation, RfmScores
from shopcards.core.segments import Segments, segment_customers
from shopcards.core.settings import ShopSettings
from shopcards.services.exports import record_export
from shopcards.services.session import Session, require_owner
from shopcards.store import consents
from shopcards.store import insights as store
from shopcards.store.handle import Database

POPULATION_MINUTES = 10
CONTACT = N_("Contact")
"""The lapsed and declining lists' column saying how each customer may be reached (its
heading, translated where the column is made: compare with ``_(CONTACT)``)."""
_NUMERIC = (Kind.MONEY, Kind.PERCENT, Kind.NUMBER)


def no_call_title() -> str:
    """The title of the list of whom to ring: no call in :data:`CALL_MONTHS` months."""
    return ngettext(
        "No call in {count} month", "No call in {count} months", CALL_MONTHS, count=CALL_MONTHS
    )


def pareto(session: Session, start: dt.date, end: dt.date) -> Pareto:
    """The 80/20 split of the customers' spend from ``start`` to ``end`` (both included)."""
    _require(session)
    _check_period(start, end)
    return pareto_split(
        store.ranked_spend(session.db, start.isoformat(), end.isoformat()),
        start.isoformat(),
        end.isoformat(),
    )


def segments(session: Session) -> Segments:
    """Every customer who ever bought, in one of the five segments."""
    _require(session)
    return _segments(session.settings, _figures(session), session.today())


def lapsed(session: Session) -> CustomerList:
    """Customers with no purchase in the lapsed months (a setting), worth most first."""
    _require(session)
    with store.snapshot(session.db) as db:
        figures = _figures(session)
        leave_out = store.left_out(db)
        listed = lapsed_customers(
            figures, session.today(), session.settings.lapsed_months, leave_out
        )
        return _with_contact(db, listed)[0]


def declining(session: Session) -> CustomerList:
    """Customers spending half or less than in the 6 months before, worth most first."""
    _require(session)
    with store.snapshot(session.db) as db:
        figures = _figures(session)
        leave_out = store.left_out(db)
        return _with_contact(db, declining_customers(figures, leave_out))[0]


@dataclass(frozen=True)
class Due:
    letters: CustomerList
    calls: CustomerList

    def as_list(self) -> CustomerList:
        """Both as one list, each row marked with what it is due."""
        return combined(_("Due for contact"), _("Due"), (self.letters, self.calls))


def due_for_contact(session: Session) -> Due:
    """Who has had no letter this quarter (consent to post) and no call in six months
    (consent to phone), worth most first."""
    _require(session)
    with store.snapshot(session.db):
        figures = _figures(session)
        return _due(session, {f.customer_id: f for f in figures})


def batch_results(session: Session) -> tuple[BatchResult, ...]:
    """Every letter batch, newest first: who bought within 30 and 60 days, mailed against
    held out."""
    _require(session)
    today = session.today()
    return tuple(
        BatchResult(
            batch_id,
            created_at[:10],
            template,
            selection,
            mailed,
            held_out,
            (today - dt.date.fromisoformat(created_at[:10])).days,
        )
        for batch_id, created_at, template, selection, mailed, held_out in store.batch_responses(
            session.db, RESPONSE_DAYS
        )
    )


def overview(session: Session, start: dt.date, end: dt.date) -> Overview:
    """Everything the insights screen shows, from one snapshot and one pass over purchases."""
    _require(session)
    _check_period(start, end)
    today = session.today()
    with _cycle_collector_paused(), store.snapshot(session.db) as db:
        figures = _figures(session)
        by_id = {f.customer_id: f for f in figures}
        leave_out = store.left_out(db)
        due = _due(session, by_id)
        split = _pareto_of(session, figures, start, end)
        batches = batch_results(session)
        settings = session.settings
        lapsed, declining = _with_contact(
            db,
            lapsed_customers(figures, today, settings.lapsed_months, leave_out),
            declining_customers(figures, leave_out),
        )
        return Overview(
            today=today.isoformat(),
            pareto=split,
            segments=_segments(settings, figures, today),
            lapsed=lapsed,
            declining=declining,
            due_letters=due.letters,
            due_calls=due.calls,
            batches=batches,
        )


def rfm_for(session: Session, customer_id: int) -> RfmScores | None:
    """The card's recency, frequency and money scores (1–5 each); None if they never bought."""
    _require(session)
    mine = store.one_customer_figures(session.db, customer_id, session.today())
    if mine is None:
        return None
    return _population(session).score(mine)


def summaries(session: Session, ids: list[int]) -> dict[int, CardSummary]:
    """Name, card number, city and phone of each card in ``ids`` (for the rows on screen)."""
    _require(session)
    return store.summaries(session.db, ids)


def export_csv(session: Session, customers: CustomerList, path: Path) -> int:
    """Write the list to a CSV file a spreadsheet opens safely in the shop's locale
    (:mod:`shopcards.core.csv_cells`); returns the rows written."""
    _require(session)
    currency = session.settings.currency
    with csv_rows(Path(path), session.settings.locale) as write:
        write(
            [
                _("Card"),
                _("Name"),
                _("City"),
                _("Phone"),
                *(csv_header(c, currency) for c in customers.columns),
            ]
        )
        for start in range(0, len(customers), store.CHUNK):
            ids = list(customers.ids[start : start + store.CHUNK])
            cards = store.summaries(session.db, ids)
            for index, card_id in enumerate(ids, start=start):
                card = cards.get(card_id)
                write(
                    [
                        card.card_no if card else "",
                        card.display_name if card else "",
                        card.city if card else "",
                        card.phone if card else "",
                        *(_csv_cell(c, index, currency) for c in customers.columns),
                    ]
                )
    record_export(session, "customer list", Path(path), len(customers))
    return len(customers)


def _csv_cell(column: Column, index: int, currency: str) -> Cell:
    """A figure as a number the spreadsheet can add up, anything else as text."""
    text = csv_value(column.kind, column.values[index], currency)
    return Decimal(text) if text and column.kind in _NUMERIC else text


def write_report(session: Session, overview: Overview, path: Path) -> Path:
    """Print ``overview`` (what the screen shows) as a one-page PDF at ``path``."""
    from shopcards.printing.report import LIST_ROWS, PARETO_NAMES, ReportHeading
    from shopcards.printing.report import write_report as draw

    _require(session)
    listed = [
        *overview.pareto.top.ids[:PARETO_NAMES],
        *overview.lapsed.ids[:LIST_ROWS],
        *overview.declining.ids[:LIST_ROWS],
    ]
    names = {
        card_id: card.display_name for card_id, card in store.summaries(session.db, listed).items()
    }
    settings = session.settings
    heading = ReportHeading(settings.shop_name, format_locale(settings.locale), settings.currency)
    draw(path, overview, names, heading)
    record_export(session, "report", path)
    return path


def save_thresholds(
    session: Session,
    *,
    lapsed_months: int,
    former_months: int,
    regular_visits: int | None,
    heavy_spend: int | None,
    holdout_share: float,
    base: ShopSettings | None = None,
) -> ShopSettings:
    """Save the owner's thresholds (None: split at the median); ValidationError if one is
    out of the range core.settings declares, Conflict if one changed here was changed at
    another desk since ``base`` was loaded (see services.settings.update_settings)."""
    from shopcards.services.settings import update_settings

    _require(session)
    return update_settings(
        session,
        base=base,
        lapsed_months=lapsed_months,
        former_months=former_months,
        regular_visits=regular_visits,
        heavy_spend=heavy_spend,
        holdout_share=holdout_share,
    )


# Helpers --------------------------------------------------------------------------------------


def _require(session: Session) -> None:
    # Translators: ends "Only the owner may …"
    require_owner(session, _("see what the customers buy (insights)"))


def _check_period(start: dt.date, end: dt.date) -> None:
    if start > end:
        raise ValidationError({"start": _("The period starts after it ends")})


def _figures(session: Session) -> list[CustomerFigures]:
    return store.customer_figures(session.db, session.today())


def _segments(settings: ShopSettings, figures: list[CustomerFigures], today: dt.date) -> Segments:
    return segment_customers(
        figures, today, settings.former_months, settings.regular_visits, settings.heavy_spend
    )


@contextmanager
def _cycle_collector_paused() -> Iterator[None]:
    """Python's cycle collector paused while an overview is worked out: its half a million
    new rows, tuples and lists hold no cycles, yet every few hundred made set it walking them
    (0.2 s of 1.7 s on 100,000 customers). It runs again after, if it ran before."""
    running = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if running:
            gc.enable()


def _pareto_of(
    session: Session, figures: list[CustomerFigures], start: dt.date, end: dt.date
) -> Pareto:
    """The 80/20 split of an overview: for the screen's default period, the last 12 months,
    read off the figures it already has (core.overview.ranked_last_12_months), not summed
    again from every purchase (a third of a shared card file's work on 100,000 customers)."""
    if (start, end) != last_12_months(session.today()):
        return pareto(session, start, end)
    return pareto_split(ranked_last_12_months(figures), start.isoformat(), end.isoformat())


def _with_contact(db: Database, *lists: CustomerList) -> tuple[CustomerList, ...]:
    """The lists with how to reach each customer: a call only where they agreed to calls
    (core.consent.suggest_contact), so nobody who said no to the phone is rung. Consents are
    read once for all the lists' customers (many of the lapsed are also declining), and the
    words are made once for each kind of reach (a few dozen), not for each of a list's tens
    of thousands of customers."""
    reach = consents.reach(db, list(set().union(*(listed.ids for listed in lists))))
    said = {how: suggest_contact(*how) for how in set(reach.values())}
    return tuple(
        replace(
            listed,
            columns=(
                *listed.columns,
                Column(
                    _(CONTACT),
                    Kind.TEXT,
                    [said[reach[i]] if i in reach else "" for i in listed.ids],
                ),
            ),
        )
        for listed in lists
    )


def _due(session: Session, figures: dict[int, CustomerFigures]) -> Due:
    today = session.today()
    letters = store.due_for_letter(session.db, quarter_start(today).isoformat())
    calls = store.due_for_call(session.db, months_back(today, CALL_MONTHS).isoformat())
    return Due(
        due_list(_("No letter this quarter"), letters, figures),
        due_list(no_call_title(), calls, figures),
    )


# The RFM population, kept a few minutes per card file ----------------------------------------

_populations: dict[Path, tuple[dt.datetime, RfmPopulation]] = {}


def _population(session: Session) -> RfmPopulation:
    kept = _populations.get(session.card_file.path)
    if kept is not None and _fresh(kept[0], session.clock()):
        return kept[1]
    population = RfmPopulation(_figures(session))
    _populations[session.card_file.path] = (session.clock(), population)
    return population


def _fresh(read_at: dt.datetime, now: dt.datetime) -> bool:
    return read_at.date() == now.date() and now - read_at < dt.timedelta(minutes=POPULATION_MINUTES)
