"""Whether the loyalty scheme pays: per tier, its customers, their sales and what they were
given, how their visits and spend changed since they joined the tier against customers just
below it, and what the scheme cost each month.

Money is in minor units. A change compares the 12 months from the day a customer joined the
tier (or fewer, up to today) with as many days just before it, so a customer who joined three
months ago is compared over three months, not against a whole year.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

BAND_FROM = 80
"""The comparison group: customers (not in the tier) whose net spend over the last 12 months
is from this share (per cent) of the tier's threshold up to just below it."""


@dataclass(frozen=True)
class Change:
    """A group's visits (days with a sale) and net spend before and after a pivot day."""

    customers: int
    visits_before: int
    visits_after: int
    spend_before: int
    spend_after: int

    @property
    def visits_change(self) -> float | None:
        """+0.25 for a quarter more visits; None when there were none before."""
        return _change(self.visits_before, self.visits_after)

    @property
    def spend_change(self) -> float | None:
        return _change(self.spend_before, self.spend_after)


NO_CHANGE = Change(0, 0, 0, 0, 0)


def _change(before: int, after: int) -> float | None:
    return (after - before) / before if before > 0 else None


@dataclass(frozen=True)
class TierInsight:
    """One tier: its customers today, their net sales and the discounts (and cash-back) they
    were given over the last 12 months, the change since they joined it, and the same change
    for the comparison group (customers just below its threshold, pivoted on the members'
    median joining day)."""

    tier: str
    rate_bp: int
    customers: int
    sales: int
    discounts: int
    cashback: int
    joined: Change
    below: Change
    threshold: int
    """The net spend the comparison band is measured against (for a top-share tier: the
    least a customer placed in it by rule spent)."""


@dataclass(frozen=True)
class SchemeMonth:
    """What the scheme cost in a month (YYYY-MM): discounts given on sales that stand, cash-back
    spent, and the cash-back still owed at the month's end."""

    month: str
    discounts: int
    cashback_spent: int
    liability: int

    @property
    def cost(self) -> int:
        """Discounts and cash-back spent: money the shop did not take."""
        return self.discounts + self.cashback_spent


def scheme_months(
    months: Sequence[str],
    discounts: Mapping[str, int],
    cashback_spent: Mapping[str, int],
    liability: Mapping[str, int],
) -> tuple[SchemeMonth, ...]:
    """The cost of each month in ``months`` from the figures per month (missing: 0)."""
    return tuple(
        SchemeMonth(
            month, discounts.get(month, 0), cashback_spent.get(month, 0), liability.get(month, 0)
        )
        for month in months
    )


def band(threshold: int) -> tuple[int, int]:
    """The comparison band's net spend, from (included) and to (not included)."""
    return -(-threshold * BAND_FROM // 100), threshold


def median_day(days: Sequence[str]) -> str:
    """The middle of ISO days (the earlier of the two middle ones); "" for none."""
    ordered = sorted(days)
    return ordered[(len(ordered) - 1) // 2] if ordered else ""
