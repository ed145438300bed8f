"""Everything the insights screen and its printed report show, read at one moment, and the
rule of who is counted in those figures.

It lives apart from core.insights because it gathers the segments too, and core.segments
builds on core.insights: kept there, the two modules would import each other.

An overview reads every customer's figures once; what it can work out from them it does not
read again (the 80/20 ranking of the screen's default period, :func:`ranked_last_12_months`).
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from dataclasses import dataclass

from shopcards.core.i18n import N_
from shopcards.core.insights import BatchResult, CustomerFigures, CustomerList, Pareto
from shopcards.core.segments import Segments

WHO_COUNTS = N_(
    "Staff cards are left out; archived cards count in the totals but are not on the lists "
    "to contact."
)
"""The rule of who is counted, in one line: under the insights screen and in `shopcards report`."""


@dataclass(frozen=True)
class Overview:
    """Everything the insights screen and its printed report show, read at one moment."""

    today: str
    pareto: Pareto
    segments: Segments
    lapsed: CustomerList
    declining: CustomerList
    due_letters: CustomerList
    due_calls: CustomerList
    batches: tuple[BatchResult, ...]


def ranked_last_12_months(figures: Iterable[CustomerFigures]) -> list[tuple[int, int]]:
    """(card id, spend) of each customer who spent something in the last 12 months, highest
    first, as the store's ranked spend of :func:`~shopcards.core.insights.last_12_months`
    gives them, taken from ``figures`` in the store's order (spend_12 highest first, then by
    card): their spend_12 counts the same purchases (after ``Windows.since(12)``, up to
    today), and summing them again was a second pass over every purchase."""
    spent = itertools.takewhile(lambda f: f.spend_12 > 0, figures)
    return [(f.customer_id, f.spend_12) for f in spent]
