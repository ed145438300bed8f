"""Customer segments from the last 12 months: regular or infrequent, heavy or light, and former.

A customer who has bought in the last ``former_months`` months (6 or 12, a setting) is
*regular* with more visits (days with a sale) in the last 12 months than the visits threshold,
and *heavy* with more spend in those 12 months than the spend threshold. Each threshold is the
owner's number, or by default the median over these active customers, which splits them about
in half. A customer who bought before but not in the last ``former_months`` months is
*former*. Customers who never bought are in no segment.

A segment's spend adds up its customers' spend in the last 12 months, where a customer whose
returns outweigh their purchases in those months counts as spending nothing (they still count
as one of the segment's customers): no segment has a negative spend or share. Shares of the
customers and of the sales are rounded by the largest remainder, so each set adds up to 100%.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from functools import partial
from operator import itemgetter, lt

from shopcards.core.i18n import N_, _
from shopcards.core.insights import (
    Column,
    CustomerFigures,
    CustomerList,
    Kind,
    Windows,
    combined,
    shares_of,
)


class Segment(StrEnum):
    REGULAR_HEAVY = "regular_heavy"
    REGULAR_LIGHT = "regular_light"
    INFREQUENT_HEAVY = "infrequent_heavy"
    INFREQUENT_LIGHT = "infrequent_light"
    FORMER = "former"

    @property
    def label(self) -> str:
        """The segment's name in the language in use."""
        return _(_LABELS[self])


_LABELS = {
    # Translators: a customer segment: comes often and spends much
    Segment.REGULAR_HEAVY: N_("Regular, heavy"),
    Segment.REGULAR_LIGHT: N_("Regular, light"),
    Segment.INFREQUENT_HEAVY: N_("Infrequent, heavy"),
    Segment.INFREQUENT_LIGHT: N_("Infrequent, light"),
    # Translators: a customer segment: bought before, not lately
    Segment.FORMER: N_("Former"),
}

_BY_REGULAR_HEAVY = {
    (True, True): Segment.REGULAR_HEAVY,
    (True, False): Segment.REGULAR_LIGHT,
    (False, True): Segment.INFREQUENT_HEAVY,
    (False, False): Segment.INFREQUENT_LIGHT,
}


@dataclass(frozen=True)
class Thresholds:
    """Regular: more than ``visits`` visits in 12 months; heavy: more than ``spend`` (minor
    units) spent in them. ``*_is_median``: the number is the median, not the owner's."""

    visits: float
    spend: float
    visits_is_median: bool = True
    spend_is_median: bool = True


@dataclass(frozen=True)
class SegmentGroup:
    segment: Segment
    customers: CustomerList
    spend: int
    """The group's spend in the last 12 months (a customer's below nothing counts as nothing)."""
    share: float
    """Its share of all segmented customers' spend in the last 12 months."""
    customer_share: float
    """Its share of the segmented customers."""

    @property
    def count(self) -> int:
        return len(self.customers)


@dataclass(frozen=True)
class Segments:
    thresholds: Thresholds
    former_months: int
    total: int
    groups: tuple[SegmentGroup, ...]
    """One per :class:`Segment`, in its order."""

    def group(self, segment: Segment) -> SegmentGroup:
        return next(g for g in self.groups if g.segment is segment)

    def as_list(self) -> CustomerList:
        """Every segmented customer in one list, each row marked with its segment."""
        return combined(_("Segments"), _("Segment"), [g.customers for g in self.groups])


def segment_customers(
    figures: Sequence[CustomerFigures],
    today: dt.date,
    former_months: int,
    regular_visits: int | None = None,
    heavy_spend: int | None = None,
) -> Segments:
    """Put every customer who ever bought into one segment (see the module's docstring).

    Each segment lists its customers in the order of ``figures`` (the store's order: the
    biggest spenders of the last 12 months first), so a shop of 100,000 needs no sorting here.
    """
    since = Windows(today).since(former_months)
    active = [f for f in figures if f.last_sale is not None and f.last_sale > since]
    thresholds = _thresholds(active, regular_visits, heavy_spend)
    members: dict[Segment, list[CustomerFigures]] = {segment: [] for segment in Segment}
    members[Segment.FORMER] = [
        f for f in figures if f.last_sale is not None and f.last_sale <= since
    ]
    visits, spend = thresholds.visits, thresholds.spend
    for f in active:
        members[_BY_REGULAR_HEAVY[f.visits_12 > visits, f.spend_12 > spend]].append(f)
    groups = {segment: _listed(segment, group) for segment, group in members.items()}
    spends = [spent for _unused, spent in groups.values()]
    sales_shares = shares_of(spends)
    customer_shares = shares_of([len(listed) for listed, _unused in groups.values()])
    return Segments(
        thresholds,
        former_months,
        sum(spends),
        tuple(
            SegmentGroup(segment, listed, spent, sales_share, customer_share)
            for (segment, (listed, spent)), sales_share, customer_share in zip(
                groups.items(), sales_shares, customer_shares, strict=True
            )
        ),
    )


def _thresholds(
    active: Sequence[CustomerFigures], regular_visits: int | None, heavy_spend: int | None
) -> Thresholds:
    def median(values: list[int]) -> float:
        return float(statistics.median(values)) if values else 0.0

    return Thresholds(
        visits=median([f.visits_12 for f in active])
        if regular_visits is None
        else float(regular_visits),
        spend=median([f.spend_12 for f in active]) if heavy_spend is None else float(heavy_spend),
        visits_is_median=regular_visits is None,
        spend_is_median=heavy_spend is None,
    )


_POSITIVE = partial(lt, 0)
"""Whether a spend is above nothing (``0 < spend``): a test run in C for each customer."""


def _listed(segment: Segment, group: list[CustomerFigures]) -> tuple[CustomerList, int]:
    """The group as a list (each column taken from the rows by one C-level ``map``, as
    unpacking every row was slower) and its 12-month spend, a customer's spend below nothing
    counted as nothing."""
    ids, last_sales, spends, visits = (list(map(itemgetter(i), group)) for i in (0, 2, 4, 5))
    spent = sum(filter(_POSITIVE, spends))
    return CustomerList(segment.label, ids, _columns(visits, spends, last_sales)), spent


def _columns(
    visits: Sequence[int], spends: Sequence[int], last_sales: Sequence[str | None]
) -> tuple[Column, ...]:
    return (
        Column(_("Visits (12 months)"), Kind.NUMBER, visits),
        Column(_("Spend (12 months)"), Kind.MONEY, spends),
        Column(_("Last purchase"), Kind.DATE, last_sales),
    )
