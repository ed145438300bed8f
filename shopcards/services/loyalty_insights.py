"""Seeing whether the loyalty scheme pays (owner only): per tier, and the cost per month.

A tier's cash-back is what its customers earned in the last 12 months; the scheme's cost in a
month is the discounts given, the cash-back spent and what the customers held at its end (the
shop's liability), all from the ledger.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from shopcards.core.history import months_back
from shopcards.core.i18n import _
from shopcards.core.insights import last_12_months
from shopcards.core.loyalty import month_totals
from shopcards.core.loyalty_insights import (
    Change,
    SchemeMonth,
    TierInsight,
    band,
    median_day,
    scheme_months,
)
from shopcards.core.loyalty_tiers import Rule, Tier
from shopcards.services.session import Session, require_owner
from shopcards.store import insights as insights_store
from shopcards.store import loyalty as ledger_store
from shopcards.store import loyalty_insights as store
from shopcards.store import loyalty_tiers as tiers_store


def tier_insights(session: Session) -> tuple[TierInsight, ...]:
    """Every tier of the table, in its order, with its figures as of today."""
    # Translators: ends "Only the owner may …"
    require_owner(session, _("see whether the loyalty scheme pays"))
    today = session.today()
    start, end = (day.isoformat() for day in last_12_months(today))
    stop = (today + dt.timedelta(days=1)).isoformat()
    with insights_store.snapshot(session.db) as db:
        table = tiers_store.load_tiers(db)
        spend = dict(insights_store.ranked_spend(db, start, end))
        placed = tiers_store.running_by_rule(db)
        members = store.members(db, today.isoformat())
        discounts = store.discounts_by_tier(db, start, end)
        earned = ledger_store.earned_by_customer(db, start, end)
        found = []
        for tier in table:
            mine = [(cid, since) for cid, tier_id, since in members if tier_id == tier.id]
            threshold = _threshold(tier, spend, placed)
            low, high = band(threshold)
            inside = {cid for cid, _since in mine}
            pivot = median_day([since for _cid, since in mine]) or today.isoformat()
            below = [
                (cid, pivot) for cid, s in spend.items() if low <= s < high and cid not in inside
            ]
            found.append(
                TierInsight(
                    tier.name,
                    tier.rate_bp,
                    len(mine),
                    sum(spend.get(cid, 0) for cid in inside),
                    discounts.get(tier.name.casefold(), 0),
                    sum(earned.get(cid, 0) for cid in inside),
                    store.change(db, mine, stop),
                    store.change(db, below, stop),
                    threshold,
                )
            )
    return tuple(found)


def _threshold(tier: Tier, spend: Mapping[int, int], placed: Mapping[int, int]) -> int:
    """A spend tier's threshold; for a top-share tier, the least its customers by rule spent."""
    if tier.rule is Rule.SPEND:
        return tier.threshold
    return min(
        (spend.get(cid, 0) for cid, tier_id in placed.items() if tier_id == tier.id),
        default=0,
    )


def scheme_cost(session: Session, months: int = 12) -> tuple[SchemeMonth, ...]:
    """What the scheme cost in each of the last ``months`` calendar months, oldest first
    (this month so far included)."""
    # Translators: ends "Only the owner may …"
    require_owner(session, _("see whether the loyalty scheme pays"))
    first = months_back(session.today().replace(day=1), months - 1)
    names = [
        months_back(session.today().replace(day=1), n).isoformat()[:7]
        for n in range(months - 1, -1, -1)
    ]
    discounts = store.discounts_by_month(session.db, first.isoformat(), session.today().isoformat())
    spent, liability = _cashback_by_month(session)
    return scheme_months(names, discounts, spent, liability)


def _cashback_by_month(session: Session) -> tuple[dict[str, int], dict[str, int]]:
    """(YYYY-MM -> cash-back spent, YYYY-MM -> cash-back held at the month's end)."""
    months = month_totals(ledger_store.month_totals(session.db))
    return {m.month: m.spent for m in months}, {m.month: m.outstanding for m in months}


__all__ = [
    "Change",
    "SchemeMonth",
    "TierInsight",
    "scheme_cost",
    "tier_insights",
]
