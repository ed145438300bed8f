"""`shopcards loyalty tiers`: the discount tiers: list them, recompute who is in which, set the
table up (owner), put a customer in a tier by hand (owner), and whether the scheme pays
(owner). :func:`add_to` adds the sub-command to the ``loyalty`` group."""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Callable
from decimal import Decimal, InvalidOperation

from shopcards.cli import add_command, add_db_option, db_location
from shopcards.core.errors import ShopError, ValidationError
from shopcards.core.i18n import N_, _, ngettext
from shopcards.core.loyalty_insights import Change, band
from shopcards.core.loyalty_tiers import Rule, Tier, format_rate
from shopcards.core.money import NotAnAmount, format_money, parse_amount
from shopcards.services import cards, loyalty_insights, loyalty_tiers
from shopcards.services.auth import cli_session
from shopcards.services.session import Session

EXAMPLES = N_("""examples:
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
owner's (the PIN from SHOPCARDS_PIN, or asked for).""")

_TIER = re.compile(
    r"^\s*(?P<name>.+?)\s+(?P<rate>[\d.,]+)\s*%\s+"
    r"(?:from\s+(?P<amount>\S.*?)|top\s+(?P<top>[\d.,]+)\s*%)\s*$",
    re.IGNORECASE,
)


def add_to(loyalty: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = add_command(
        loyalty,
        "tiers",
        _("the discount tiers: list, recompute, set up, place by hand, see whether they pay"),
        _(
            "Without options, list the tiers and how many customers are in each. --recompute "
            "places every customer by their net spend over the last 12 months (done by itself "
            "when the window opens, once a day)."
        ),
        _(EXAMPLES),
    )
    p.add_argument("--recompute", action="store_true", help=_("place every customer again"))
    p.add_argument(
        "--set", action="append", metavar="TIER", help=_("a tier of the new table (repeat)")
    )
    p.add_argument("--place", metavar="CARD", help=_("put this card number in a tier by hand"))
    p.add_argument("--tier", help=_("--place: the tier"))
    p.add_argument("--ends-on", metavar="YYYY-MM-DD", help=_("--place: the day it stops counting"))
    p.add_argument("--reason", default="", help=_("--place: why"))
    p.add_argument("--report", action="store_true", help=_("whether the scheme pays (owner)"))
    add_db_option(p)
    p.set_defaults(func=_tiers)


def _tiers(args: argparse.Namespace) -> int:
    owner = bool(args.set or args.place or args.report)
    session = cli_session(db_location(args), need_owner=owner)
    try:
        if args.set:
            loyalty_tiers.save_tiers(session, [_parsed(session, text) for text in args.set])
            print(
                ngettext(
                    "Saved {count} tier; every customer placed by it.",
                    "Saved {count} tiers; every customer placed by them.",
                    len(args.set),
                    count=len(args.set),
                )
            )
        if args.place:
            _place(session, args)
        if args.recompute:
            done = loyalty_tiers.recompute(session)
            print(
                _(
                    "{placed} customers in a tier by their spend; {moved} moved.",
                    placed=format(done.placed, ","),
                    moved=format(done.moved, ","),
                )
            )
        if args.report:
            _report(session)
        elif not (args.set or args.place or args.recompute):
            _list(session)
    except ValidationError as exc:
        for where, text in exc.fields.items():
            print(_("shopcards: {where}: {text}", where=where, text=text), file=sys.stderr)
        print(_("shopcards: nothing was saved."), file=sys.stderr)
        return 2
    finally:
        session.close()
    return 0


def _parsed(session: Session, text: str) -> Tier:
    """A tier as typed: NAME RATE% from AMOUNT, or NAME RATE% top N%."""
    found = _TIER.match(text)
    if found is None:
        raise ShopError(
            _(
                "“{text}” is not a tier: write NAME RATE% from AMOUNT or NAME RATE% top N%",
                text=text,
            )
        )
    rate = _basis_points(found["rate"], text)
    if found["top"] is not None:
        return Tier(found["name"], rate, Rule.TOP, top_bp=_basis_points(found["top"], text))
    settings = session.settings
    try:
        threshold = parse_amount(found["amount"], settings.locale, settings.currency)
    except NotAnAmount as exc:
        raise ShopError(_("In “{text}”: {problem}", text=text, problem=exc)) from exc
    return Tier(found["name"], rate, Rule.SPEND, threshold=threshold)


def _basis_points(percent: str, text: str) -> int:
    try:
        value = Decimal(percent.replace(",", ".")) * 100
    except InvalidOperation:
        value = Decimal("0.5")
    if value != value.to_integral_value():
        raise ShopError(
            _("In “{text}”: “{percent}%” has more than two decimals", text=text, percent=percent)
        )
    return int(value)


def _place(session: Session, args: argparse.Namespace) -> None:
    card = cards.find_card_no(session, args.place)
    if card is None or card.id is None:
        raise ShopError(_("There is no card number {number}", number=args.place))
    if not args.tier or not args.ends_on:
        raise ShopError(_("--place needs --tier, --ends-on and --reason"))
    tier = loyalty_tiers.place_by_hand(session, card.id, args.tier, args.ends_on, args.reason)
    print(
        _(
            "Card {card_no} is in {tier} until the day before {day}.",
            card_no=card.card_no,
            tier=tier,
            day=args.ends_on,
        )
    )


def _list(session: Session) -> None:
    settings = session.settings
    counts = loyalty_tiers.tier_counts(session)
    if not counts:
        print(_("No loyalty tiers yet (set them with --set; see --help)."))
    for tier in loyalty_tiers.tiers(session):
        rule = (
            _(
                "net spend from {amount}",
                amount=format_money(tier.threshold, settings.locale, settings.currency),
            )
            if tier.rule is Rule.SPEND
            else _("top {share}", share=format_rate(tier.top_bp, settings.locale))
        )
        rate = format_rate(tier.rate_bp, settings.locale)
        count = counts[tier.name]
        print(
            ngettext(
                "  {name} {rate} off  {rule} {count} customer",
                "  {name} {rate} off  {rule} {count} customers",
                count,
                name=f"{tier.name:<16}",
                rate=f"{rate:>7}",
                rule=f"{rule:<30}",
                count=f"{count:>8,}",
            )
        )
    if not settings.tiers_on:
        print(_("The loyalty scheme is off: no discounts are given (settings tiers_on)."))


def _report(session: Session) -> None:
    settings = session.settings

    def money(minor: int) -> str:
        return format_money(minor, settings.locale, settings.currency)

    print(_("Per tier (sales and discounts over the last 12 months; change since joining):"))
    for tier in loyalty_insights.tier_insights(session):
        print(
            _(
                "  {tier} ({rate}): {customers} customers, sales {sales}, discounts "
                "{discounts}, cash-back {cashback}",
                tier=tier.tier,
                rate=format_rate(tier.rate_bp, settings.locale),
                customers=format(tier.customers, ","),
                sales=money(tier.sales),
                discounts=money(tier.discounts),
                cashback=money(tier.cashback),
            )
        )
        print(_("      in the tier:  {change}", change=_change(tier.joined, money)))
        low, high = (money(bound) for bound in band(tier.threshold))
        print(
            _(
                "      just below ({low} to {high}): {change}",
                low=low,
                high=high,
                change=_change(tier.below, money),
            )
        )
    print(_("Cost of the scheme per month (discounts + cash-back spent; cash-back owed):"))
    for month in loyalty_insights.scheme_cost(session):
        print(
            _(
                "  {month}  {cost}  owed {owed}",
                month=month.month,
                cost=f"{money(month.cost):>14}",
                owed=money(month.liability),
            )
        )


def _change(change: Change, money: Callable[[int], str]) -> str:
    if not change.customers:
        return _("nobody")
    return ngettext(
        "{count} customer, visits {visits_before} → {visits_after} ({visits_change}), spend "
        "{spend_before} → {spend_after} ({spend_change})",
        "{count} customers, visits {visits_before} → {visits_after} ({visits_change}), spend "
        "{spend_before} → {spend_after} ({spend_change})",
        change.customers,
        count=format(change.customers, ","),
        visits_before=format(change.visits_before, ","),
        visits_after=format(change.visits_after, ","),
        visits_change=_share(change.visits_change),
        spend_before=money(change.spend_before),
        spend_after=money(change.spend_after),
        spend_change=_share(change.spend_change),
    )


def _share(change: float | None) -> str:
    return "–" if change is None else f"{change:+.0%}"
