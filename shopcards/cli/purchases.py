"""`shopcards import-purchases FILE.csv`: a till's purchase export onto the cards."""

from __future__ import annotations

import argparse
from pathlib import Path

from babel.numbers import format_decimal

from shopcards.cli import add_db_option, db_location
from shopcards.core import i18n
from shopcards.core.errors import ShopError
from shopcards.core.i18n import N_, _, ngettext
from shopcards.core.purchase_dates import DATE_ORDERS
from shopcards.core.purchase_file import FIELD_ALIASES, PurchaseFile
from shopcards.services import purchase_import
from shopcards.services.auth import cli_session
from shopcards.services.purchases import money
from shopcards.services.session import Session

_SHOWN = {name: alias for alias, name in FIELD_ALIASES.items()}
"""Fields by the names --column takes."""
_DELIMITER_NAMES = {";": N_("semicolons"), ",": N_("commas"), "\t": N_("tabs"), "|": N_("bars")}


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = commands.add_parser(
        "import-purchases",
        help=_("add the purchases of a till or POS export (CSV) to the cards, all or none"),
        description=_(
            "Match each row (date, amount, and card number, phone or e-mail; receipt number, "
            "items and category if present) to a card and save them all, or, if any row "
            "cannot be read or matched, save none and say which rows and why. Owner only: the "
            "PIN comes from SHOPCARDS_PIN or is asked for."
        ),
    )
    p.add_argument("file", type=Path, help=_("the CSV file"))
    p.add_argument(
        "--column",
        action="append",
        default=[],
        metavar="FIELD=HEADING",
        help=_(
            "which column holds a field whose heading is not recognised, e.g. card=Kundnr "
            "(fields: date, amount, card, phone, email, receipt, items, category); repeatable"
        ),
    )
    p.add_argument(
        "--date-order",
        choices=DATE_ORDERS,
        help=_(
            "how the file writes 03/04/2026: dmy (3 April) or mdy (4 March); needed only when "
            "its rows disagree"
        ),
    )
    p.add_argument("--dry-run", action="store_true", help=_("check and report, save nothing"))
    p.add_argument("--summary", action="store_true", help=_("do not list every matched row"))
    add_db_option(p)
    p.set_defaults(func=_import)


def _import(args: argparse.Namespace) -> int:
    session = cli_session(db_location(args), need_owner=True)
    try:
        report = purchase_import.import_purchases(
            session,
            args.file,
            dry_run=args.dry_run,
            columns=_named_columns(args.column),
            date_order=args.date_order,
        )
        _Report(session, args).show(report)
    finally:
        session.close()
    return 1 if report.problems else 0


def _named_columns(given: list[str]) -> dict[str, str]:
    named: dict[str, str] = {}
    for text in given:
        name, equals, heading = text.partition("=")
        if not equals or not name.strip() or not heading.strip():
            raise ShopError(
                _("--column {text}: write it as FIELD=HEADING, e.g. card=Kundnr.", text=text)
            )
        named[name.strip()] = heading.strip()
    return named


class _Report:
    """The import's report, its numbers written as the shop's country writes them."""

    def __init__(self, session: Session, args: argparse.Namespace) -> None:
        self.session = session
        self.args = args
        self.locale = i18n.format_locale(session.settings.locale)

    def number(self, n: int) -> str:
        return format_decimal(n, locale=self.locale)

    def show(self, report: purchase_import.ImportReport) -> None:
        self._file(report.file)
        print(
            ngettext(
                "Matched {count} row to cards ({amount}).",
                "Matched {count} rows to cards ({amount}).",
                report.matched_count,
                count=self.number(report.matched_count),
                amount=money(self.session, report.total),
            )
        )
        if not self.args.summary:
            for m in report.matched:
                self._match(m)
            self._more(report.matched_count - len(report.matched))
        if report.problems:
            print(
                ngettext(
                    "Could not use {count} row:",
                    "Could not use {count} rows:",
                    report.problem_count,
                    count=self.number(report.problem_count),
                )
            )
            for problem in report.problems:
                print(_("  row {row}: {reason}", row=problem.line, reason=problem.reason))
            self._more(report.problem_count - len(report.problems))
            print(_("Nothing was imported. Fix or remove these rows and run the import again."))
        elif report.imported:
            print(
                ngettext(
                    "Imported {count} purchase.",
                    "Imported {count} purchases.",
                    report.matched_count,
                    count=self.number(report.matched_count),
                )
            )
        elif self.args.dry_run:
            print(_("Nothing was imported (dry run)."))
        else:
            print(_("Nothing was imported."))

    def _file(self, read: PurchaseFile) -> None:
        values = {
            "file": self.args.file,
            "count": self.number(read.row_count),
            "encoding": read.encoding,
            "separator": _(_DELIMITER_NAMES[read.delimiter]),
        }
        if read.day_first:
            said = ngettext(
                "{file}: {count} row, {encoding}, fields separated by {separator}, dates read "
                "as day/month/year.",
                "{file}: {count} rows, {encoding}, fields separated by {separator}, dates read "
                "as day/month/year.",
                read.row_count,
                **values,
            )
        else:
            said = ngettext(
                "{file}: {count} row, {encoding}, fields separated by {separator}, dates read "
                "as month/day/year.",
                "{file}: {count} rows, {encoding}, fields separated by {separator}, dates read "
                "as month/day/year.",
                read.row_count,
                **values,
            )
        print(said)
        columns = ", ".join(
            f"{_SHOWN.get(name, name)} ← “{heading}”" for name, heading in read.columns.items()
        )
        print(_("Columns: {columns}", columns=columns))
        if read.unused:
            print(
                _(
                    "Not read: {headings}  (say which is which with --column, e.g. "
                    "--column card=Kundnr)",
                    headings=", ".join(f"“{heading}”" for heading in read.unused),
                )
            )

    def _match(self, m: purchase_import.MatchedRow) -> None:
        values = {
            "row": m.line,
            "card": m.card_no,
            "how": _(m.matched_by),
            "amount": money(self.session, m.row.amount),
            "date": m.row.date,
        }
        if m.row.receipt_no:
            print(
                _(
                    "  row {row}: card {card} by {how}, {amount} on {date}, receipt {receipt}",
                    receipt=m.row.receipt_no,
                    **values,
                )
            )
        else:
            print(_("  row {row}: card {card} by {how}, {amount} on {date}", **values))

    def _more(self, left: int) -> None:
        if left > 0:
            print(
                ngettext(
                    "  … and {count} more row",
                    "  … and {count} more rows",
                    left,
                    count=self.number(left),
                )
            )
