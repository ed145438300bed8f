"""`shopcards loyalty balance|ledger|expire|adjust|cards|tiers`: the loyalty scheme from a terminal.

Each other part of the scheme adds its sub-command with ``add_to(loyalty_subparsers)``:
``cards`` (printing loyalty cards, cli/loyalty_cards.py) and ``tiers`` (the discount tiers,
cli/loyalty_tiers.py).

``adjust`` needs the owner's PIN (SHOPCARDS_PIN or asked for): it changes money. ``balance``
and ``ledger`` only read. ``expire`` may be run by anyone: it runs by itself whenever the card
file opens, does only what is due, and running it again changes nothing.
"""

from __future__ import annotations

import argparse

from shopcards.cli import (
    add_command,
    add_db_option,
    db_location,
    loyalty_cards,
    loyalty_tiers,
)
from shopcards.core.i18n import N_, _, ngettext
from shopcards.core.loyalty import SHORTFALL_RULE, Movement
from shopcards.services import loyalty
from shopcards.services.auth import cli_session
from shopcards.services.session import Session

_KINDS = {
    "earn": N_("earned"),
    "spend": N_("spent"),
    "expire": N_("expired"),
    "adjust": N_("adjusted"),
    "reverse": N_("taken back"),
    "refund": N_("given back"),
    "undo": N_("voided"),
}


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = add_command(
        commands,
        "loyalty",
        _(
            "the loyalty scheme: cash-back, its ledger and expiry, adjustments (owner), tiers, "
            "cards"
        ),
        _(
            "The loyalty scheme's cash-back: every earn, spend, expiry, adjustment and reversal is "
            "one row of a ledger, and a balance is its sum."
        ),
    )
    sub = p.add_subparsers(title=_("loyalty commands"), metavar=_("WHAT"), required=True)
    balance = add_command(
        sub, "balance", _("a card's cash-back balance"), _("The balance and what expires soon.")
    )
    balance.add_argument("card", help=_("the card number"))
    balance.set_defaults(func=_balance)
    ledger = add_command(
        sub,
        "ledger",
        _("every cash-back movement of a card"),
        _(
            "Every row of the card's ledger, oldest first: the date, what happened, the amount, "
            "what a reversal could not take back (shortfall), the sale, and for money earned its "
            "last day and what is left of it."
        ),
        SHORTFALL_RULE,
    )
    ledger.add_argument("card", help=_("the card number"))
    ledger.set_defaults(func=_ledger)
    expire = add_command(
        sub,
        "expire",
        _("expire cash-back past its last day (runs by itself when the card file opens)"),
        _(
            "Take what is left of cash-back whose last day has passed; the last day itself still "
            "pays. Running it again changes nothing."
        ),
    )
    expire.set_defaults(func=_expire)
    adjust = add_command(
        sub,
        "adjust",
        _("add or take away cash-back by hand, with a reason (owner)"),
        _(
            "Add AMOUNT to the card's cash-back, or take it away with --take (never more than the "
            "balance). The reason is kept in the ledger and the change log. Needs the owner's PIN."
        ),
    )
    adjust.add_argument("card", help=_("the card number"))
    adjust.add_argument("amount", help=_("how much, in the shop's currency, e.g. 5,00"))
    adjust.add_argument("--reason", required=True, help=_("why (kept in the ledger)"))
    adjust.add_argument("--take", action="store_true", help=_("take the amount away"))
    adjust.set_defaults(func=_adjust)
    loyalty_cards.add_to(sub)
    loyalty_tiers.add_to(sub)
    for command in (balance, ledger, expire, adjust):
        add_db_option(command)


def _balance(args: argparse.Namespace) -> int:
    session = cli_session(db_location(args), need_owner=False)
    try:
        card = loyalty.holder_of_card(session, args.card)
        assert card.id is not None
        till = loyalty.for_till(session, card.id)
        print(
            _(
                "Card {card_no} ({name}): {balance}",
                card_no=card.card_no,
                name=card.display_name,
                balance=_(till.balance_text),
            )
        )
        if till.expiring_text:
            print(f"  {_(till.expiring_text)}")
        if not till.earning:
            print(_("  The cash-back scheme is off: sales earn nothing."))
    finally:
        session.close()
    return 0


def _ledger(args: argparse.Namespace) -> int:
    session = cli_session(db_location(args), need_owner=False)
    try:
        card = loyalty.holder_of_card(session, args.card)
        assert card.id is not None
        print(
            _(
                "Card {card_no} ({name})",
                card_no=card.card_no,
                name=card.display_name,
            )
        )
        rows = loyalty.ledger(session, card.id, limit=1_000_000)
        for row in rows:
            print("  " + _line(session, row))
        if not rows:
            print(_("  (no cash-back movements)"))
        print(
            _("Balance: {amount}", amount=loyalty.shown(session, loyalty.balance(session, card.id)))
        )
        if any(row.shortfall for row in rows):
            print(_(SHORTFALL_RULE))
    finally:
        session.close()
    return 0


def _line(session: Session, row: Movement) -> str:
    parts = [
        row.on_date,
        f"{_(_KINDS[row.kind.value]):<10}",
        f"{loyalty.shown(session, row.amount):>12}",
    ]
    if row.shortfall:
        parts.append(_("shortfall {amount}", amount=loyalty.shown(session, row.shortfall)))
    if row.purchase_id is not None:
        parts.append(_("purchase {number}", number=row.purchase_id))
    if row.rate_bp is not None:
        parts.append(_("at {rate}%", rate=f"{row.rate_bp / 100:g}"))
    if row.amount > 0:
        parts.append(
            _(
                "left {amount}, last day {day}",
                amount=loyalty.shown(session, row.left),
                day=row.expires_on or _("never"),
            )
        )
    parts.append(_("by the {who}", who=row.created_by))
    if row.reason:
        parts.append(f"“{row.reason}”")
    return "  ".join(parts)


def _expire(args: argparse.Namespace) -> int:
    session = cli_session(db_location(args), need_owner=False)  # opening it runs expiry
    try:
        loyalty.expire(session)
        today = loyalty.expired_today(session)
        print(
            ngettext(
                "Expired today ({day}): {lots} lot, {amount} in all. Nothing else is due.",
                "Expired today ({day}): {lots} lots, {amount} in all. Nothing else is due.",
                today.lots,
                day=session.today().isoformat(),
                lots=today.lots,
                amount=loyalty.shown(session, today.amount),
            )
        )
    finally:
        session.close()
    return 0


def _adjust(args: argparse.Namespace) -> int:
    session = cli_session(db_location(args), need_owner=True)
    try:
        card = loyalty.holder_of_card(session, args.card)
        assert card.id is not None
        amount = f"-{args.amount}" if args.take else args.amount
        row = loyalty.adjust(session, card.id, amount, args.reason)
        now = loyalty.shown(session, loyalty.balance(session, card.id))
        said = loyalty.shown(session, row.amount)
        print(
            _(
                "Card {card_no}: {amount} ({reason}); balance now {now}.",
                card_no=card.card_no,
                amount=said,
                reason=row.reason,
                now=now,
            )
        )
    finally:
        session.close()
    return 0
