"""`shopcards demo`: fill a card file with a believable demo shop."""

from __future__ import annotations

import argparse

from shopcards.cli import add_command, add_db_option, db_location, db_path
from shopcards.cli.terminal import terminal_progress
from shopcards.core.i18n import N_, _
from shopcards.services.auth import cli_session
from shopcards.services.demo import build_demo


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = add_command(
        commands,
        "demo",
        _("fill a card file with a demo shop"),
        _(
            "Fill the card file with a believable shop to try shopcards on: customers from five "
            "countries in their own scripts, joined over the past years, with purchases since, "
            "prize-drawing entries, calls and letters sent. All in one go: stopping keeps nothing."
        ),
    )
    p.add_argument(
        "--customers", type=int, default=500, metavar="N", help=_("how many cards (default 500)")
    )
    p.add_argument(
        "--seed", type=int, default=1, metavar="S", help=_("the same seed makes the same shop")
    )
    p.add_argument(
        "--no-purchases",
        action="store_true",
        help=_("cards only: no purchases, drawing entries, calls or letters"),
    )
    add_db_option(p)
    p.set_defaults(func=_demo)


def _demo(args: argparse.Namespace) -> int:
    session = cli_session(db_location(args), need_owner=True)
    try:
        result = build_demo(
            session,
            args.customers,
            args.seed,
            not args.no_purchases,
            progress=terminal_progress(N_("{done} / {total} customers")),
        )
    finally:
        session.close()
    print(
        _(
            "\r{path}: {customers} customers, {purchases} purchases, {entries} prize-drawing "
            "entries, {calls} calls, {letters} letters and cards sent.",
            path=db_path(args),
            customers=format(result.customers, ","),
            purchases=format(result.purchases, ","),
            entries=format(result.entries, ","),
            calls=format(result.calls, ","),
            letters=format(result.letters, ","),
        )
    )
    return 0
