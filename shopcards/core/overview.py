"""Everything the insights screen and its printed report show, read at one moment, and the
rule of who is counted in those figures.

It lives apart from core.insights because it gathers the segments too, and core.segments
builds on core.insights: kept there, the two modules would import each other.
"""

from __future__ import annotations

from dataclasses import dataclass

from shopcards.core.i18n import N_
from shopcards.core.insights import BatchResult, CustomerList, Pareto
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
