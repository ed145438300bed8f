"""`shopcards import-purchases FILE.csv`: a till's purchase export onto the cards."""

from __future__ import annotations

import argparse
from pathlib import Path

from shopcards.cli import add_db_option, db_path
from shopcards.core.errors import ShopError
from shopcards.core.purchase_dates import DATE_ORDERS
from shopcards.core.purchase_file import FIELD_ALIASES
from shopcards.services import purchase_import
from shopcards.services.auth import cli_session
from shopcards.services.purchases import money
from shopcards.services.session import Session

_SHOWN = {name: alias for alias, name in FIELD_ALIASES.items()}
"""Fields by the names --column takes."""
_DELIMITER_NAMES = {";": "semicolons", ",": "commas", "\t": "tabs", "|": "bars"}


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = commands.add_parser(
        "import-purchases",
        help="add the purchases of a till or POS export (CSV) to the cards, all or none",
        description="Match each row (date, amount, and card number, phone or e-mail; receipt "
        "number, items and category if present) to a card and save them all, or, if any row "
        "cannot be read or matched, save none and say which rows and why. Owner only: the "
        "PIN comes from SHOPCARDS_PIN or is asked for.",
    )
    p.add_argument("file", type=Path, help="the CSV file")
    p.add_argument(
        "--column",
        action="append",
        default=[],
        metavar="FIELD=HEADING",
        help="which column holds a field whose heading is not recognised, e.g. card=Kundnr "
        "(fields: date, amount, card, phone, email, receipt, items, category); repeatable",
    )
    p.add_argument(
        "--date-order",
        choices=DATE_ORDERS,
        help="how the file writes 03/04/2026: dmy (3 April) or mdy (4 March); needed only "
        "when its rows disagree",
    )
    p.add_argument("--dry-run", action="store_true", help="check and report, save nothing")
    p.add_argument("--summary", action="store_true", help="do not list every matched row")
    add_db_option(p)
    p.set_defaults(func=_import)


def _import(args: argparse.Namespace) -> int:
    session = cli_session(db_path(args), need_owner=True)
    try:
        report = purchase_import.import_purchases(
            session,
            args.file,
            dry_run=args.dry_run,
            columns=_named_columns(args.column),
            date_order=args.date_order,
        )
        _print_report(session, args, report)
    finally:
        session.close()
    return 1 if report.problems else 0


def _rows(n: int) -> str:
    return f"{n:,} row{'' if n == 1 else 's'}"


def _named_columns(given: list[str]) -> dict[str, str]:
    named: dict[str, str] = {}
    for text in given:
        name, equals, heading = text.partition("=")
        if not equals or not name.strip() or not heading.strip():
            raise ShopError(f"--column {text}: write it as FIELD=HEADING, e.g. card=Kundnr.")
        named[name.strip()] = heading.strip()
    return named


def _print_report(
    session: Session, args: argparse.Namespace, report: purchase_import.ImportReport
) -> None:
    read = report.file
    order = "day/month/year" if read.day_first else "month/day/year"
    print(
        f"{args.file}: {_rows(read.row_count)}, {read.encoding}, "
        f"fields separated by {_DELIMITER_NAMES[read.delimiter]}, dates read as {order}."
    )
    print(
        "Columns: "
        + ", ".join(
            f"{_SHOWN.get(name, name)} ← “{heading}”" for name, heading in read.columns.items()
        )
    )
    if read.unused:
        print(
            "Not read: "
            + ", ".join(f"“{heading}”" for heading in read.unused)
            + "  (say which is which with --column, e.g. --column card=Kundnr)"
        )
    print(f"Matched {_rows(report.matched_count)} to cards ({money(session, report.total)}).")
    if not args.summary:
        for m in report.matched:
            print(
                f"  row {m.line}: card {m.card_no} by {m.matched_by}, "
                f"{money(session, m.row.amount)} on {m.row.date}"
                + (f", receipt {m.row.receipt_no}" if m.row.receipt_no else "")
            )
        _more(report.matched_count - len(report.matched))
    if report.problems:
        print(f"Could not use {_rows(report.problem_count)}:")
        for problem in report.problems:
            print(f"  row {problem.line}: {problem.reason}")
        _more(report.problem_count - len(report.problems))
        print("Nothing was imported. Fix or remove these rows and run the import again.")
    elif report.imported:
        print(f"Imported {report.matched_count:,} purchases.")
    else:
        print("Nothing was imported" + (" (dry run)." if args.dry_run else "."))


def _more(left: int) -> None:
    if left > 0:
        print(f"  … and {_rows(left)} more")
