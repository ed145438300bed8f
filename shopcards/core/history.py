"""What a customer's purchase history adds up to: the figures shown on every card.

Figures count only purchases that stand: a voided purchase is left out, a return (a negative
amount) takes its amount off in the month it happened. A visit is a day with at least one sale,
and the average basket is what the customer spent per visit, so visits × average basket is
(up to rounding) the lifetime spend.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from shopcards.core.purchase import Purchase

Counted = tuple[str, int]
"""(ISO date, amount in minor units) of a purchase that counts."""

MONTHS_CHARTED = 24


@dataclass(frozen=True)
class Trend:
    """Spend in a recent period against the period of the same length just before it."""

    recent: int
    before: int

    @property
    def change(self) -> float | None:
        """The relative change (0.25 = up a quarter); None when there was nothing before."""
        if self.before <= 0:
            return None
        return (self.recent - self.before) / self.before


@dataclass(frozen=True)
class HistoryFigures:
    lifetime_spend: int
    last_12_months: int
    visits: int
    average_basket: int | None
    first_visit: str | None
    last_visit: str | None
    trend_12: Trend
    trend_6: Trend
    monthly: tuple[tuple[str, int], ...]
    """(YYYY-MM, spend) for the last MONTHS_CHARTED months, oldest first, empty months as 0."""


def counted(purchases: Iterable[Purchase]) -> list[Counted]:
    """The (date, amount) pairs of the purchases that count (not voided)."""
    return [(p.date, p.amount) for p in purchases if not p.is_voided]


def months_back(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` calendar months earlier (31 March - 1 month = 28/29 February)."""
    index = day.year * 12 + day.month - 1 - months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return dt.date(year, month + 1, min(day.day, last))


def figures(purchases: Iterable[Counted], today: dt.date) -> HistoryFigures:
    """All the figures for one customer from their counted purchases, as of ``today``."""
    bounds = {n: months_back(today, n).isoformat() for n in (6, 12, 18, 24)}
    now = today.isoformat()
    window = {n: 0 for n in bounds}  # spend after bounds[n] and on or before the next bound
    lifetime = 0
    sale_days: set[str] = set()
    by_month: dict[str, int] = {}
    for date, amount in purchases:
        lifetime += amount
        if amount > 0:
            sale_days.add(date)
        by_month[date[:7]] = by_month.get(date[:7], 0) + amount
        if date > now:
            continue
        for n in (6, 12, 18, 24):
            if date > bounds[n]:
                window[n] += amount
                break
    last_6 = window[6]
    last_12 = last_6 + window[12]
    before_6 = window[12]
    before_12 = window[18] + window[24]
    visits = len(sale_days)
    return HistoryFigures(
        lifetime_spend=lifetime,
        last_12_months=last_12,
        visits=visits,
        average_basket=_divide(lifetime, visits) if visits else None,
        first_visit=min(sale_days) if sale_days else None,
        last_visit=max(sale_days) if sale_days else None,
        trend_12=Trend(last_12, before_12),
        trend_6=Trend(last_6, before_6),
        monthly=tuple((month, by_month.get(month, 0)) for month in _months_up_to(today)),
    )


def _months_up_to(today: dt.date) -> list[str]:
    return [
        months_back(today.replace(day=1), n).isoformat()[:7]
        for n in range(MONTHS_CHARTED - 1, -1, -1)
    ]


def _divide(total: int, count: int) -> int:
    """Round half away from zero, in whole minor units."""
    quotient, remainder = divmod(abs(total), count)
    rounded = quotient + (1 if 2 * remainder >= count else 0)
    return rounded if total >= 0 else -rounded
