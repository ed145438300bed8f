"""Loyalty discount tiers: the owner's table of named tiers, the rule that puts a customer in
each, the discount a tier gives on a sale, and the sentence that says why a customer is in it.

A tier's rule is either a net spend (sales minus returns, voids left out) over the last 12
months of at least ``threshold`` (minor units), or a place in the top ``top_bp`` basis points
of the customers ranked by that spend (500 = top 5%; customers tied with the last one in are
taken in, as in the 80/20 split). Only customers who spent something (net) are ranked at all.
A customer meeting several rules is put in the tier with the highest discount. The owner may
also put a customer in a tier by hand, until an end date, with a reason.

Rates and shares are integers in basis points (1500 = 15%), money in minor units: never floats.
"""

from __future__ import annotations

import bisect
import datetime as dt
import itertools
import operator
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from babel.numbers import format_percent

from shopcards.core.errors import ValidationError
from shopcards.core.i18n import _, format_locale
from shopcards.core.insights import top_count
from shopcards.core.money import format_money
from shopcards.core.text import has_control_chars

WHOLE = 10_000
"""Basis points in 100%."""
MAX_NAME = 40
MAX_REASON = 200


class Rule(StrEnum):
    """What puts a customer in a tier; MANUAL is the owner's hand, never a tier's own rule."""

    SPEND = "spend"
    TOP = "top"
    MANUAL = "manual"


@dataclass(frozen=True)
class Tier:
    """One line of the tier table. ``threshold`` counts for a SPEND rule, ``top_bp`` for TOP;
    ``id`` is None for a tier not saved yet (a saved tier keeps its id while its name stays)."""

    name: str
    rate_bp: int
    rule: Rule
    threshold: int = 0
    top_bp: int = 0
    id: int | None = None


@dataclass(frozen=True)
class Standing:
    """A customer's tier as the card and the till show it: which, how much off, why, since."""

    tier: str
    rate_bp: int
    rule: Rule
    reason: str
    since: str
    ends_on: str | None = None
    """The day a placement by hand stops counting (it counts up to the day before)."""

    def discount(self, amount: int) -> int:
        return discount(amount, self.rate_bp)


def discount(amount: int, rate_bp: int) -> int:
    """The discount on ``amount`` minor units at ``rate_bp``: round half up of
    amount × rate_bp / 10,000, in whole minor units (1,05 € at 10% is 0,11 €; 1,04 € is 0,10 €).
    A return or a zero amount gets none."""
    if amount <= 0:
        return 0
    return (amount * rate_bp + WHOLE // 2) // WHOLE


def format_rate(rate_bp: int, locale: str) -> str:
    """ "15%", "12.5%" (in the shop's language's digits)."""
    return str(format_percent(Decimal(rate_bp) / WHOLE, "#,##0.##%", locale=locale))


# The tier table -------------------------------------------------------------------------------


def check_tiers(tiers: Sequence[Tier]) -> list[Tier]:
    """The table as it will be saved (names trimmed), or ValidationError naming each tier
    (by its place and name) and what is wrong with it; nothing is saved unless all will do."""
    problems: dict[str, str] = {}
    seen: set[str] = set()
    checked: list[Tier] = []
    for place, tier in enumerate(tiers, start=1):
        name = " ".join(tier.name.split())
        where = f"tier {place}" + (f" “{name}”" if name else "")
        for problem in _tier_problems(tier, name, seen):
            problems.setdefault(where, problem)
        seen.add(name.casefold())
        checked.append(Tier(name, tier.rate_bp, tier.rule, tier.threshold, tier.top_bp, tier.id))
    if problems:
        raise ValidationError(problems)
    return checked


def _tier_problems(tier: Tier, name: str, seen: set[str]) -> list[str]:
    problems = []
    if not name:
        problems.append(_("give the tier a name"))
    elif len(name) > MAX_NAME or has_control_chars(name):
        problems.append(_("a name of at most {most} letters, on one line", most=MAX_NAME))
    elif name.casefold() in seen:
        problems.append(_("another tier has this name"))
    if not 0 <= tier.rate_bp <= WHOLE:
        problems.append(
            _("the discount must be 0% to 100% ({rate} given)", rate=_percent(tier.rate_bp))
        )
    if tier.rule is Rule.SPEND and tier.threshold < 0:
        problems.append(_("the net spend threshold cannot be negative"))
    if tier.rule is Rule.TOP and not 0 < tier.top_bp <= WHOLE:
        problems.append(
            _(
                "the top share must be above 0% and at most 100% ({share} given)",
                share=_percent(tier.top_bp),
            )
        )
    if tier.rule is Rule.MANUAL:
        problems.append(_("a tier's rule is a net spend or a top share"))
    return problems


def _percent(bp: int) -> str:
    """As typed: "150%", "12.5%" (a typed value, written the language in use's way)."""
    return format_rate(bp, format_locale(""))


def best_first(tiers: Sequence[Tier]) -> list[Tier]:
    """Highest discount first (a customer meeting several rules gets the best of them); the
    table's own order breaks a tie."""
    return sorted(tiers, key=lambda tier: -tier.rate_bp)


# Placement ------------------------------------------------------------------------------------


Move = tuple[int, int, int | None, Tier | None]
"""(customer id, net spend or 0, the tier they leave or None, the tier they join or None)."""


def moves(
    ranked: Sequence[tuple[int, int]], running: Mapping[int, int], tiers: Sequence[Tier]
) -> tuple[list[Move], int]:
    """Who changes tier by rule, and how many customers are in a tier by rule after.
    ``ranked``: (customer id, net spend > 0) over the 12 months, highest spend first, as the
    80/20 split reads it; ``running``: customer id -> tier id of their running placement by
    rule (0 for a tier since deleted).

    Each rule is met by a prefix of the ranking (spend ≥ threshold, or a rank within the top
    share, ties taken in), so a customer's tier is the best tier whose prefix reaches them:
    each stretch of the ranking is handed to one tier, in one pass over the customers.
    """
    ids, spends = _columns(ranked)
    negated = list(map(operator.neg, spends))
    was = list(map(running.get, ids))  # each ranked customer's running tier, or None
    found: list[Move] = []
    done = 0
    for tier in best_first(tiers):
        assert tier.id is not None, "tiers are placed once saved"
        if tier.rule is Rule.SPEND:
            reach = bisect.bisect_right(negated, -tier.threshold)
        else:
            reach = top_count(spends, tier.top_bp)
        if reach > done:
            # the stretch's customers not in this tier yet, picked out without a Python loop
            moved = map(operator.ne, was[done:reach], itertools.repeat(tier.id))
            rows = zip(ids[done:reach], spends[done:reach], was[done:reach], strict=True)
            found += [(*row, tier) for row in itertools.compress(rows, moved)]
            done = reach
    rest = zip(ids[done:], spends[done:], was[done:], strict=True)
    found += [(c, s, w, None) for c, s, w in rest if w is not None]
    found += [(c, 0, running[c], None) for c in sorted(running.keys() - set(ids))]
    return found, done


def _columns(ranked: Sequence[tuple[int, int]]) -> tuple[list[int], list[int]]:
    """(ids, spends) of the ranking, as two lists."""
    return [c for c, _spend in ranked], [s for _customer, s in ranked]


def bar(tier: Tier) -> int:
    """What a customer met to be in ``tier`` by rule: its threshold or its top share."""
    return tier.threshold if tier.rule is Rule.SPEND else tier.top_bp


# Placement by hand ----------------------------------------------------------------------------


def check_manual(tier: str, ends_on: str, reason: str, known: Sequence[str], today: dt.date) -> str:
    """The reason as it will be saved, or ValidationError naming the field: a tier that is
    not in the table, an end date that is not after today, no reason."""
    problems: dict[str, str] = {}
    if tier.casefold() not in {name.casefold() for name in known}:
        problems["tier"] = (
            _("“{tier}” is not a tier (the tiers: {names})", tier=tier, names=", ".join(known))
            if known
            else _("“{tier}” is not a tier (there are none yet)", tier=tier)
        )
    try:
        end = dt.date.fromisoformat(ends_on)
    except ValueError:
        problems["ends on"] = _(
            "“{typed}” is not a date like {example}", typed=ends_on, example=today.isoformat()
        )
    else:
        if end <= today:
            problems["ends on"] = _(
                "the end date {day} must be after today ({today})", day=ends_on, today=today
            )
    reason = " ".join(reason.split())
    if not reason:
        problems["reason"] = _("say why the customer is put in this tier by hand")
    elif len(reason) > MAX_REASON:
        problems["reason"] = _("at most {most} letters", most=MAX_REASON)
    if problems:
        raise ValidationError(problems)
    return reason


# Why ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Why:
    """What the card file keeps about a placement, to say why in words."""

    rule: Rule
    spend: int
    bar: int
    placed_at: str
    placed_by: str
    ends_on: str | None
    note: str


def reason_text(why: Why, locale: str, currency: str) -> str:
    """'net spend 1 234,00 € over 12 months ≥ 1 000,00 €', 'top 5%', or 'set by hand by owner
    on 2026-11-02, ends 2027-02-01: birthday present' (it counts up to the day before)."""
    if why.rule is Rule.SPEND:
        return _(
            "net spend {spend} over 12 months ≥ {bar}",
            spend=format_money(why.spend, locale, currency),
            bar=format_money(why.bar, locale, currency),
        )
    if why.rule is Rule.TOP:
        return _("top {share} by net spend over 12 months", share=format_rate(why.bar, locale))
    return _(
        "set by hand by {who} on {day}, ends {ends}: {note}",
        who=why.placed_by,
        day=why.placed_at[:10],
        ends=why.ends_on,
        note=why.note,
    )


def merge_fields(standing: Standing | None, locale: str) -> Mapping[str, str]:
    """The letters' merge fields ``tier`` and ``discount`` ("Gold", "15%"; "" without a tier)."""
    if standing is None:
        return {"tier": "", "discount": ""}
    return {"tier": standing.tier, "discount": format_rate(standing.rate_bp, locale)}
