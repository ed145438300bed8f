"""`shopcards loyalty cards`: print loyalty cards, credit-card size, with the card number as a
barcode the till's scanner reads; on A4 sheets of 10 business-card blanks or one per page.

The same service as the window (services/loyalty_cards.py). Cards for more than one customer
are the owner's: the PIN comes from SHOPCARDS_PIN or is asked for.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from shopcards.cli import add_command, add_db_option, db_location
from shopcards.cli.terminal import terminal_progress
from shopcards.core.i18n import _, ngettext
from shopcards.services.auth import cli_session
from shopcards.services.loyalty_cards import SHEET, SINGLE, CardRequest, print_cards


def add_to(loyalty: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``cards`` to the ``loyalty`` command group."""
    p = add_command(
        loyalty,
        "cards",
        _("print loyalty cards with a barcode of the card number"),
        _(
            "Print one credit-card-size loyalty card per customer: the shop's logo and name, the "
            "customer's name and the card number as a Code 128 barcode that the till's scanner "
            "reads. Archived cards, erased ids and names the printed cards cannot show yet are "
            "left out and listed. More than one customer needs the owner's PIN (from "
            "SHOPCARDS_PIN, or asked for)."
        ),
    )
    p.add_argument(
        "--out", required=True, type=Path, metavar="FILE.pdf", help=_("the PDF to write")
    )
    layout = p.add_mutually_exclusive_group()
    layout.add_argument(
        "--sheet",
        dest="sheet",
        action="store_const",
        const=SHEET,
        default=SHEET,
        help=_("A4 sheets of 10 business-card blanks, 85 × 54 mm (Avery C32011/L7414; default)"),
    )
    layout.add_argument(
        "--single",
        dest="sheet",
        action="store_const",
        const=SINGLE,
        help=_("one 85.6 × 54 mm card per page (a card printer, or to cut out)"),
    )
    p.add_argument(
        "--start-at",
        type=int,
        default=1,
        metavar="N",
        help=_("the first free blank on a part-used sheet (1 = top-left, across then down)"),
    )
    who = p.add_mutually_exclusive_group(required=True)
    who.add_argument(
        "--customers", type=_ids, metavar="IDS", help=_("these card ids, e.g. 12,40,41")
    )
    who.add_argument("--all", action="store_true", help=_("every card not archived"))
    who.add_argument("--tier", metavar="NAME", help=_("the customers in this loyalty tier"))
    add_db_option(p)
    p.set_defaults(func=_cards)


def _ids(text: str) -> tuple[int, ...]:
    items = [item.strip() for item in text.replace(";", ",").split(",") if item.strip()]
    try:
        ids = tuple(int(item) for item in items)
    except ValueError:
        raise argparse.ArgumentTypeError(
            _("“{text}” is not a list of card ids", text=text)
        ) from None
    if not ids:
        raise argparse.ArgumentTypeError(_("give at least one card id"))
    return ids


def _request(args: argparse.Namespace) -> CardRequest:
    if args.customers:
        return CardRequest(args.customers, sheet=args.sheet, start_at=args.start_at)
    selection = "all" if args.all else f"tier:{args.tier}"
    return CardRequest(selection=selection, sheet=args.sheet, start_at=args.start_at)


def _cards(args: argparse.Namespace) -> int:
    request = _request(args)
    one = len(request.customer_ids) == 1
    session = cli_session(db_location(args), need_owner=not one)
    try:
        outcome = print_cards(session, request, args.out, progress=terminal_progress())
    finally:
        session.close()
    if sys.stderr.isatty():
        print("\r", end="", file=sys.stderr)
    plan, result = outcome.plan, outcome.result
    if plan.skipped:
        print(_("Left out ({count}):", count=len(plan.skipped)))
        for entry in plan.skipped:
            print(f"  {entry.card_no or '-':>8}  {entry.name}: {_(entry.reason)}")
    print(
        ngettext(
            "{summary}: {count} page, written to {out}.",
            "{summary}: {count} pages, written to {out}.",
            result.pages,
            summary=plan.summary(),
            count=format(result.pages, ","),
            out=args.out,
        )
    )
    return 0
