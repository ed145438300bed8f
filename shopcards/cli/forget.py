"""`shopcards forget CARD_NO` and `shopcards retention`: the customer's right to be forgotten, and
the retention period, from a terminal (owner).

Both show what they would do first; ``--yes`` does it. A forgotten customer is gone from the
card file, its search index, its free pages and its write-ahead log; their sales stay as
anonymous amounts (services/erasure.py).
"""

from __future__ import annotations

import argparse
import sys

from shopcards.cli import add_command, add_db_option, db_path
from shopcards.cli.terminal import terminal_progress
from shopcards.core.errors import NotFound
from shopcards.services import cards, erasure, retention
from shopcards.services.auth import cli_session
from shopcards.services.session import Session


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    forget = add_command(
        commands,
        "forget",
        "forget a customer at their request: the card goes, sales stay anonymous (owner)",
        "Forget the customer with card CARD_NO for good (their right to erasure). Without "
        f"--yes, says what would go and what stays. {erasure.WHAT_GOES} {erasure.WHAT_STAYS}",
    )
    forget.add_argument("card", help="the card number")
    forget.add_argument("--yes", action="store_true", help="forget them (no question asked)")
    add_db_option(forget)
    forget.set_defaults(func=_forget)
    keep = add_command(
        commands,
        "retention",
        "list the customers past the retention period, or forget them (owner)",
        "List the customers with no purchase and no change to their card for the months the "
        "setting retention_months gives (staff never). With --erase --yes, forget them all in "
        "one step.",
    )
    keep.add_argument("--erase", action="store_true", help="forget the customers listed")
    keep.add_argument("--yes", action="store_true", help="with --erase: no question asked")
    add_db_option(keep)
    keep.set_defaults(func=_retention)


def _forget(args: argparse.Namespace) -> int:
    session = cli_session(db_path(args), need_owner=True)
    try:
        card = cards.find_card_no(session, args.card)
        if card is None or card.id is None:
            raise NotFound(f"No customer has card {args.card.strip()}; nothing was forgotten.")
        if not args.yes:
            print(f"Would forget {card.full_name} (card {card.card_no}).")
            print(erasure.WHAT_GOES)
            print(erasure.WHAT_STAYS)
            print("Run again with --yes to forget them.")
            return 1
        erasure.forget_customer(session, card.id)
        print(f"Forgot card {card.card_no}.")
        _tell_pending(session)
    finally:
        session.close()
    return 0


def _retention(args: argparse.Namespace) -> int:
    session = cli_session(db_path(args), need_owner=True)
    try:
        months = retention.months(session)
        if not months:
            print("Retention is off (shopcards settings retention_months=36 turns it on).")
            return 0
        past = retention.past_retention(session)
        print(f"{len(past):,} customers past the {months}-month retention.")
        for row in past:
            print(
                f"  {row.card_no}  {row.display_name}  last purchase "
                f"{row.last_purchase or 'none'}, card made {row.created_on}"
            )
        if not args.erase or not past:
            return 0
        if not args.yes:
            print(f"Run again with --erase --yes to forget these {len(past):,} customers.")
            return 1
        done = retention.forget_past(
            session, [row.card_id for row in past], terminal_progress("customers")
        )
        print(f"Forgot {len(done):,} customers.")
        _tell_pending(session)
    finally:
        session.close()
    return 0


def _tell_pending(session: Session) -> None:
    note = erasure.wipe_note(session)
    if note:
        print(note, file=sys.stderr)
