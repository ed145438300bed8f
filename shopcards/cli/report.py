"""`shopcards report pareto|segments|lapsed|declining|due|results`: what the insights screen
shows, as text or as a CSV file (owner only)."""

from __future__ import annotations

import argparse
import datetime as dt
from collections.abc import Callable, Sequence
from pathlib import Path

from shopcards.cli import add_command, add_db_option, db_location
from shopcards.core.errors import ShopError
from shopcards.core.i18n import _, ngettext
from shopcards.core.insights import RESPONSE_DAYS, CustomerList, Kind, Value, last_12_months
from shopcards.core.insights_text import format_rates, format_uplift, format_value
from shopcards.core.overview import WHO_COUNTS
from shopcards.services import insights
from shopcards.services.auth import cli_session
from shopcards.services.session import Session

SHOWN = 50
"""Rows a list prints unless --all is given; --csv always writes all of them."""
REPORTS = ("pareto", "segments", "lapsed", "declining", "due", "results")


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = add_command(
        commands,
        "report",
        _("who buys, who stopped, who to contact (owner only)"),
        _(
            "pareto: the 80/20 split of a period; segments: regular/infrequent, "
            "heavy/light and former customers; lapsed: no purchase in the lapsed months; "
            "declining: spending half or less than in the 6 months before; due: no letter this "
            "quarter, no call in 6 months; results: how letter batches did against their hold-out. "
            "Owner only: the PIN comes from SHOPCARDS_PIN or is asked for."
        ),
    )
    p.add_argument("which", choices=REPORTS, help=_("which report"))
    p.add_argument("--csv", type=Path, metavar="FILE", help=_("write every row to a CSV file"))
    p.add_argument(
        "--from",
        dest="start",
        type=_date,
        metavar="YYYY-MM-DD",
        help=_("pareto: first day (default: 12 months before --as-of)"),
    )
    p.add_argument(
        "--as-of",
        dest="end",
        type=_date,
        metavar="YYYY-MM-DD",
        help=_("pareto: the figures as they were on this day, its last (default: today)"),
    )
    # --to was the old name; in the letters commands --to is a selection, so it is not shown
    p.add_argument("--to", dest="end", type=_date, help=argparse.SUPPRESS)
    p.add_argument(
        "--all", action="store_true", help=_("print every row, not the first {count}", count=SHOWN)
    )
    add_db_option(p)
    p.set_defaults(func=_report)


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            _("“{text}” is not a date: write YYYY-MM-DD", text=text)
        ) from None


def _report(args: argparse.Namespace) -> int:
    session = cli_session(db_location(args), need_owner=True)
    try:
        if args.which != "results":
            print(_(WHO_COUNTS))
        listed = _REPORTS[args.which](session, args)
        if listed is not None and args.csv:
            rows = insights.export_csv(session, listed, args.csv)
            print(
                ngettext(
                    "Wrote {count} row to {file}.",
                    "Wrote {count} rows to {file}.",
                    rows,
                    count=format(rows, ","),
                    file=args.csv,
                )
            )
    finally:
        session.close()
    return 0


def _pareto(session: Session, args: argparse.Namespace) -> CustomerList:
    default_start, default_end = last_12_months(args.end or session.today())
    split = insights.pareto(session, args.start or default_start, args.end or default_end)
    value = _formatter(session)
    print(
        _(
            "80/20 from {start} to {end}: {customers} customers bought for {total}.",
            start=value(Kind.DATE, split.start),
            end=value(Kind.DATE, split.end),
            customers=format(split.customers, ","),
            total=value(Kind.MONEY, split.total),
        )
    )
    for group, share in ((split.top, split.top_share), (split.next, split.next_share)):
        print(
            ngettext(
                "{title}: {count} customer, {share} of sales.",
                "{title}: {count} customers, {share} of sales.",
                len(group),
                title=_(group.title),
                count=format(len(group), ","),
                share=value(Kind.PERCENT, share),
            )
        )
    print(_("The rest: {share} of sales.", share=value(Kind.PERCENT, split.rest_share)))
    if split.tie_note:
        print(_(split.tie_note))
    for group in (split.top, split.next):
        _print_list(session, group, args.all)
    return split.as_list()


def _segments(session: Session, args: argparse.Namespace) -> CustomerList:
    split = insights.segments(session)
    value = _formatter(session)
    t = split.thresholds
    median = _(" (the median)")
    print(
        _(
            "Segments over the last 12 months. Regular: more than {visits} visits{visits_median}. "
            "Heavy: more than {spend}{spend_median}. Former: nothing bought in {months} months. "
            "A customer who returned more than they bought counts as spending nothing.",
            visits=value(Kind.NUMBER, t.visits),
            visits_median=median if t.visits_is_median else "",
            spend=value(Kind.MONEY, round(t.spend)),
            spend_median=median if t.spend_is_median else "",
            months=split.former_months,
        )
    )
    _print_table(
        [_("Segment"), _("Customers"), _("Share of sales"), _("Spend")],
        [
            [
                g.segment.label,
                f"{g.count:,}",
                value(Kind.PERCENT, g.share),
                value(Kind.MONEY, g.spend),
            ]
            for g in split.groups
        ],
        right_from=1,
    )
    return split.as_list()


def _lapsed(session: Session, args: argparse.Namespace) -> CustomerList:
    listed = insights.lapsed(session)
    _print_list(session, listed, args.all)
    return listed


def _declining(session: Session, args: argparse.Namespace) -> CustomerList:
    listed = insights.declining(session)
    _print_list(session, listed, args.all)
    return listed


def _due(session: Session, args: argparse.Namespace) -> CustomerList:
    due = insights.due_for_contact(session)
    for listed in (due.letters, due.calls):
        _print_list(session, listed, args.all)
    return due.as_list()


def _results(session: Session, args: argparse.Namespace) -> None:
    if args.csv:
        raise ShopError(
            _(
                "The results report lists letter batches, not customers: it has no "
                "CSV file. Leave out --csv."
            )
        )
    batches = insights.batch_results(session)
    if not batches:
        print(_("No letter batches yet."))
        return
    locale = session.settings.locale
    value = _formatter(session)
    _print_table(
        [
            _("Sent"),
            _("Template"),
            _("Mailed"),
            _("Held back"),
            *(_("Bought, {days} days", days=d) for d in RESPONSE_DAYS),
            *(_("Uplift, {days} days", days=d) for d in RESPONSE_DAYS),
        ],
        [
            [
                value(Kind.DATE, b.sent_on),
                b.template,
                f"{b.mailed.recipients:,}",
                f"{b.held_out.recipients:,}",
                *(format_rates(b, d, locale) for d in RESPONSE_DAYS),
                *(format_uplift(b, d, locale) for d in RESPONSE_DAYS),
            ]
            for b in batches
        ],
        right_from=2,
    )
    print(_("Bought: share of the mailed / of those held back. * Not all the days have passed."))
    if any(not b.held_out.recipients for b in batches):
        print(
            _(
                "“no hold-out”: nobody was held back from that batch (only letters --hold-out "
                "does that),\nso whether it made a difference cannot be measured."
            )
        )


_REPORTS: dict[str, Callable[[Session, argparse.Namespace], CustomerList | None]] = {
    "pareto": _pareto,
    "segments": _segments,
    "lapsed": _lapsed,
    "declining": _declining,
    "due": _due,
    "results": _results,
}


def _print_list(session: Session, listed: CustomerList, everything: bool) -> None:
    shown = len(listed) if everything else min(SHOWN, len(listed))
    print()
    print(
        ngettext(
            "{title}: {count} customer",
            "{title}: {count} customers",
            len(listed),
            title=_(listed.title),
            count=format(len(listed), ","),
        )
    )
    if not shown:
        return
    cards = insights.summaries(session, list(listed.ids[:shown]))
    value = _formatter(session)
    rows = []
    for index, card_id in enumerate(listed.ids[:shown]):
        card = cards.get(card_id)
        rows.append(
            [
                card.card_no if card else "",
                card.display_name if card else _("(erased)"),
                *(value(c.kind, c.values[index]) for c in listed.columns),
            ]
        )
    headers = [_("Card"), _("Name"), *(_(c.header) for c in listed.columns)]
    _print_table(headers, rows, right_from=2)
    if shown < len(listed):
        print(
            _(
                "… and {count} more (--all prints them, --csv FILE writes them)",
                count=format(len(listed) - shown, ","),
            )
        )


def _print_table(headers: Sequence[str], rows: Sequence[Sequence[str]], right_from: int) -> None:
    widths = [max(len(str(cell)) for cell in column) for column in zip(headers, *rows, strict=True)]

    def line(cells: Sequence[str]) -> str:
        return "  ".join(
            cell.rjust(w) if i >= right_from else cell.ljust(w)
            for i, (cell, w) in enumerate(zip(cells, widths, strict=True))
        ).rstrip()

    print(line(headers))
    for row in rows:
        print(line(row))


def _formatter(session: Session) -> Callable[[Kind, Value], str]:
    settings = session.settings

    def value(kind: Kind, figure: Value) -> str:
        return format_value(kind, figure, settings.locale, settings.currency)

    return value
