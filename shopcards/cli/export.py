"""`shopcards export-customers FILE` and `shopcards export-purchases FILE.csv`: the cards and the
purchases out of the card file, to a spreadsheet or a phone (owner only)."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

from shopcards.cli import add_command, add_db_option, db_location
from shopcards.cli.terminal import terminal_progress
from shopcards.core.card_export import Format
from shopcards.core.i18n import N_, _, ngettext
from shopcards.services import letter_selections
from shopcards.services.auth import cli_session
from shopcards.services.customer_export import export_customers, export_purchases


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    cards = add_command(
        commands,
        "export-customers",
        _("write the cards to a CSV, Excel (.xlsx) or vCard (.vcf) file (owner)"),
        _(
            "Write every card (archived ones too), or a selection, to FILE: a CSV that a "
            "spreadsheet opens in the shop's locale, an Excel workbook, or vCards a phone or "
            "Google Contacts imports. The column headings are the ones import-customers reads. "
            "Owner only: the PIN comes from SHOPCARDS_PIN or is asked for."
        ),
        _selections(),
    )
    cards.add_argument("file", type=Path, help=_("the file to write (replaced if it exists)"))
    cards.add_argument(
        "--format",
        choices=[f.value for f in Format],
        help=_("the kind of file (default: from FILE's extension)"),
    )
    cards.add_argument(
        "--select", default="", metavar="SELECTION", help=_("only these cards (see below)")
    )
    add_db_option(cards)
    cards.set_defaults(func=_customers)
    bought = add_command(
        commands,
        "export-purchases",
        _("write the purchases to a CSV file (owner)"),
        _(
            "Write the purchases (returns as negative amounts, voided ones left out) by date to a "
            "CSV a spreadsheet opens in the shop's locale, amounts as numbers it adds up. "
            "Owner only: the PIN comes from SHOPCARDS_PIN or is asked for."
        ),
    )
    bought.add_argument("file", type=Path, help=_("the CSV file to write"))
    bought.add_argument("--from", dest="first", type=_date, help=_("from this day (YYYY-MM-DD)"))
    bought.add_argument("--to", dest="last", type=_date, help=_("up to this day (YYYY-MM-DD)"))
    add_db_option(bought)
    bought.set_defaults(func=_purchases)


def _selections() -> str:
    kinds = letter_selections.selection_kinds()
    width = max(len(kind.example) for kind in kinds)
    rows = "\n".join(f"  {kind.example:<{width}}  {kind.help}" for kind in kinds)
    return f"SELECTION (--select) is one of:\n{rows}\nWithout --select: every card."


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            _("“{text}” is not a date: write YYYY-MM-DD", text=text)
        ) from None


def _customers(args: argparse.Namespace) -> int:
    session = cli_session(db_location(args), need_owner=True)
    try:
        count = export_customers(
            session,
            args.file,
            args.format,
            args.select,
            terminal_progress(N_("{done} / {total} cards")),
        )
    finally:
        session.close()
    print(
        ngettext(
            "Wrote {count} card to {file}.",
            "Wrote {count} cards to {file}.",
            count,
            count=format(count, ","),
            file=args.file,
        )
    )
    return 0


def _purchases(args: argparse.Namespace) -> int:
    session = cli_session(db_location(args), need_owner=True)
    try:
        count = export_purchases(
            session,
            args.file,
            args.first,
            args.last,
            terminal_progress(N_("{done} / {total} purchases")),
        )
    finally:
        session.close()
    print(
        ngettext(
            "Wrote {count} purchase to {file}.",
            "Wrote {count} purchases to {file}.",
            count,
            count=format(count, ","),
            file=args.file,
        )
    )
    return 0
