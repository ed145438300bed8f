"""`shopcards loyalty tiers`: the discount tiers: list them, recompute who is in which, set the
table up (owner), put a customer in a tier by hand (owner), and whether the scheme pays
(owner). :func:`add_to` adds the sub-command to the ``loyalty`` group."""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Callable
from decimal import Decimal, InvalidOperation

from shopcards.cli import add_command, add_db_option, db_path
from shopcards.core.errors import ShopError, ValidationError
from shopcards.core.loyalty_insights import Change, band
from shopcards.core.loyalty_tiers import Rule, Tier, format_rate
from shopcards.core.money import NotAnAmount, format_money, parse_amount
from shopcards.services import cards, loyalty_insights, loyalty_tiers
from shopcards.services.auth import cli_session
from shopcards.services.session import Session

EXAMPLES = """examples:
  shopcards loyalty tiers
  shopcards loyalty tiers --recompute
  shopcards loyalty tiers --set "Card 5% from 0" --set "Gold 15% from 1000" \\
                          --set "VIP 25% top 5%"
  shopcards loyalty tiers --place 0000018 --tier Gold --ends-on 2027-01-31 \\
                          --reason "opening of the new shop"
  shopcards loyalty tiers --report

A tier is NAME RATE% from AMOUNT (net spend over the last 12 months of at least AMOUNT, in
the shop's currency) or NAME RATE% top N% (the top N% of customers by that spend). --set
replaces the whole table, all or nothing, and places everyone by it. A placement by hand
counts up to the day before --ends-on. Everything but listing and --recompute is the
owner's (the PIN from SHOPCARDS_PIN, or asked for)."""

_TIER = re.compile(
    r"^\s*(?P<name>.+?)\s+(?P<rate>[\d.,]+)\s*%\s+"
    r"(?:from\s+(?P<amount>\S.*?)|top\s+(?P<top>[\d.,]+)\s*%)\s*$",
    re.IGNORECASE,
)


def add_to(loyalty: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = add_command(
        loyalty,
        "tiers",
        "the discount tiers: list, recompute, set up, place by hand, see whether they pay",
        "Without options, list the tiers and how many customers are in each. --recompute "
        "places every customer by their net spend over the last 12 months (done by itself "
        "when the window opens, once a day).",
        EXAMPLES,
    )
    p.add_argument("--recompute", action="store_true", help="place every customer again")
    p.add_argument(
        "--set", action="append", metavar="TIER", help="a tier of the new table (repeat)"
    )
    p.add_argument("--place", metavar="CARD", help="put this card number in a tier by hand")
    p.add_argument("--tier", help="--place: the tier")
    p.add_argument("--ends-on", metavar="YYYY-MM-DD", help="--place: the day it stops counting")
    p.add_argument("--reason", default="", help="--place: why")
    p.add_argument("--report", action="store_true", help="whether the scheme pays (owner)")
    add_db_option(p)
    p.set_defaults(func=_tiers)


def _tiers(args: argparse.Namespace) -> int:
    owner = bool(args.set or args.place or args.report)
    session = cli_session(db_path(args), need_owner=owner)
    try:
        if args.set:
            loyalty_tiers.save_tiers(session, [_parsed(session, text) for text in args.set])
            print(f"Saved {len(args.set)} tiers; every customer placed by them.")
        if args.place:
            _place(session, args)
        if args.recompute:
            done = loyalty_tiers.recompute(session)
            print(f"{done.placed:,} customers in a tier by their spend; {done.moved:,} moved.")
        if args.report:
            _report(session)
        elif not (args.set or args.place or args.recompute):
            _list(session)
    except ValidationError as exc:
        for where, text in exc.fields.items():
            print(f"shopcards: {where}: {text}", file=sys.stderr)
        print("shopcards: nothing was saved.", file=sys.stderr)
        return 2
    finally:
        session.close()
    return 0


def _parsed(session: Session, text: str) -> Tier:
    """A tier as typed: NAME RATE% from AMOUNT, or NAME RATE% top N%."""
    found = _TIER.match(text)
    if found is None:
        raise ShopError(
            f"“{text}” is not a tier: write NAME RATE% from AMOUNT or NAME RATE% top N%"
        )
    rate = _basis_points(found["rate"], text)
    if found["top"] is not None:
        return Tier(found["name"], rate, Rule.TOP, top_bp=_basis_points(found["top"], text))
    settings = session.settings
    try:
        threshold = parse_amount(found["amount"], settings.locale, settings.currency)
    except NotAnAmount as exc:
        raise ShopError(f"In “{text}”: {exc}") from exc
    return Tier(found["name"], rate, Rule.SPEND, threshold=threshold)


def _basis_points(percent: str, text: str) -> int:
    try:
        value = Decimal(percent.replace(",", ".")) * 100
    except InvalidOperation:
        value = Decimal("0.5")
    if value != value.to_integral_value():
        raise ShopError(f"In “{text}”: “{percent}%” has more than two decimals")
    return int(value)


def _place(session: Session, args: argparse.Namespace) -> None:
    card = cards.find_card_no(session, args.place)
    if card is None or card.id is None:
        raise ShopError(f"There is no card number {args.place}")
    if not args.tier or not args.ends_on:
        raise ShopError("--place needs --tier, --ends-on and --reason")
    tier = loyalty_tiers.place_by_hand(session, card.id, args.tier, args.ends_on, args.reason)
    print(f"Card {card.card_no} is in {tier} until the day before {args.ends_on}.")


def _list(session: Session) -> None:
    settings = session.settings
    counts = loyalty_tiers.tier_counts(session)
    if not counts:
        print("No loyalty tiers yet (set them with --set; see --help).")
    for tier in loyalty_tiers.tiers(session):
        rule = (
            f"net spend from {format_money(tier.threshold, settings.locale, settings.currency)}"
            if tier.rule is Rule.SPEND
            else f"top {format_rate(tier.top_bp, settings.locale)}"
        )
        rate = format_rate(tier.rate_bp, settings.locale)
        print(f"  {tier.name:<16} {rate:>7} off  {rule:<30} {counts[tier.name]:>8,} customers")
    if not settings.tiers_on:
        print("The loyalty scheme is off: no discounts are given (settings tiers_on).")


def _report(session: Session) -> None:
    settings = session.settings

    def money(minor: int) -> str:
        return format_money(minor, settings.locale, settings.currency)

    print("Per tier (sales and discounts over the last 12 months; change since joining):")
    for tier in loyalty_insights.tier_insights(session):
        print(
            f"  {tier.tier} ({format_rate(tier.rate_bp, settings.locale)}): "
            f"{tier.customers:,} customers, sales {money(tier.sales)}, "
            f"discounts {money(tier.discounts)}, cash-back {money(tier.cashback)}"
        )
        print(f"      in the tier:  {_change(tier.joined, money)}")
        low, high = (money(bound) for bound in band(tier.threshold))
        print(f"      just below ({low} to {high}): {_change(tier.below, money)}")
    print("Cost of the scheme per month (discounts + cash-back spent; cash-back owed):")
    for month in loyalty_insights.scheme_cost(session):
        print(f"  {month.month}  {money(month.cost):>14}  owed {money(month.liability)}")


def _change(change: Change, money: Callable[[int], str]) -> str:
    if not change.customers:
        return "nobody"
    return (
        f"{change.customers:,} customers, visits {change.visits_before:,} → "
        f"{change.visits_after:,} ({_share(change.visits_change)}), spend "
        f"{money(change.spend_before)} → {money(change.spend_after)} "
        f"({_share(change.spend_change)})"
    )


def _share(change: float | None) -> str:
    return "–" if change is None else f"{change:+.0%}"
