"""`shopcards forget CARD_NO` and `shopcards retention`: the customer's right to be forgotten, and
the retention period, from a terminal (owner).

Both show what they would do first; ``--yes`` does it. A forgotten customer is gone from the
card file, its search index, its free pages and its write-ahead log; their sales stay as
anonymous amounts (services/erasure.py).
"""

from __future__ import annotations

import argparse
import sys

from shopcards.cli import add_command, add_db_option, db_location
from shopcards.cli.terminal import terminal_progress
from shopcards.core.errors import NotFound
from shopcards.core.i18n import N_, _, ngettext
from shopcards.services import cards, erasure, retention
from shopcards.services.auth import cli_session
from shopcards.services.session import Session


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    forget = add_command(
        commands,
        "forget",
        _("forget a customer at their request: the card goes, sales stay anonymous (owner)"),
        _(
            "Forget the customer with card CARD_NO for good (their right to erasure). Without "
            "--yes, says what would go and what stays. {goes} {stays}",
            goes=_(erasure.WHAT_GOES),
            stays=_(erasure.WHAT_STAYS),
        ),
    )
    forget.add_argument("card", help=_("the card number"))
    forget.add_argument("--yes", action="store_true", help=_("forget them (no question asked)"))
    add_db_option(forget)
    forget.set_defaults(func=_forget)
    keep = add_command(
        commands,
        "retention",
        _("list the customers past the retention period, or forget them (owner)"),
        _(
            "List the customers with no purchase and no change to their card for the months the "
            "setting retention_months gives (staff never). With --erase --yes, forget them all in "
            "one step."
        ),
    )
    keep.add_argument("--erase", action="store_true", help=_("forget the customers listed"))
    keep.add_argument("--yes", action="store_true", help=_("with --erase: no question asked"))
    add_db_option(keep)
    keep.set_defaults(func=_retention)


def _forget(args: argparse.Namespace) -> int:
    session = cli_session(db_location(args), need_owner=True)
    try:
        card = cards.find_card_no(session, args.card)
        if card is None or card.id is None:
            raise NotFound(
                _(
                    "No customer has card {number}; nothing was forgotten.",
                    number=args.card.strip(),
                )
            )
        if not args.yes:
            print(
                _(
                    "Would forget {full_name} (card {card_no}).",
                    full_name=card.full_name,
                    card_no=card.card_no,
                )
            )
            print(_(erasure.WHAT_GOES))
            print(_(erasure.WHAT_STAYS))
            print(_("Run again with --yes to forget them."))
            return 1
        erasure.forget_customer(session, card.id)
        print(_("Forgot card {card_no}.", card_no=card.card_no))
        _tell_pending(session)
    finally:
        session.close()
    return 0


def _retention(args: argparse.Namespace) -> int:
    session = cli_session(db_location(args), need_owner=True)
    try:
        months = retention.months(session)
        if not months:
            print(_("Retention is off (shopcards settings retention_months=36 turns it on)."))
            return 0
        past = retention.past_retention(session)
        print(
            ngettext(
                "{count} customer past the {months}-month retention.",
                "{count} customers past the {months}-month retention.",
                len(past),
                count=format(len(past), ","),
                months=months,
            )
        )
        for row in past:
            print(
                _(
                    "  {card_no}  {name}  last purchase {last}, card made {made}",
                    card_no=row.card_no,
                    name=row.display_name,
                    last=row.last_purchase or _("none"),
                    made=row.created_on,
                )
            )
        if not args.erase or not past:
            return 0
        if not args.yes:
            print(
                ngettext(
                    "Run again with --erase --yes to forget this {count} customer.",
                    "Run again with --erase --yes to forget these {count} customers.",
                    len(past),
                    count=format(len(past), ","),
                )
            )
            return 1
        done = retention.forget_past(
            session,
            [row.card_id for row in past],
            terminal_progress(N_("{done} / {total} customers")),
        )
        print(
            ngettext(
                "Forgot {count} customer.",
                "Forgot {count} customers.",
                len(done),
                count=format(len(done), ","),
            )
        )
        _tell_pending(session)
    finally:
        session.close()
    return 0


def _tell_pending(session: Session) -> None:
    note = erasure.wipe_note(session)
    if note:
        print(note, file=sys.stderr)
