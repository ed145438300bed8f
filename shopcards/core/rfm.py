"""RFM scores: recency, frequency and money, each 1 (lowest fifth of customers) to 5 (top fifth).

Recency is the date of the last sale, frequency the visits (days with a sale) in the last 12
months, money the spend in those 12 months, each against every customer who ever bought. A
score is the fifth a customer's value falls in, counting only customers strictly below it, so
equal values get equal scores: when most customers made one visit, all of them score the same.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TypeVar

from shopcards.core.insights import CustomerFigures

FIFTHS = 5
_T = TypeVar("_T", int, str)


@dataclass(frozen=True)
class RfmScores:
    recency: int
    frequency: int
    money: int

    @property
    def code(self) -> str:
        """The three scores as one code, "545", the way RFM is usually written."""
        return f"{self.recency}{self.frequency}{self.money}"


class RfmPopulation:
    """Every buying customer's three values, sorted, to score any one customer against."""

    def __init__(self, figures: Iterable[CustomerFigures]) -> None:
        buyers = [f for f in figures if f.last_sale is not None]
        self._last_sales = sorted(str(f.last_sale) for f in buyers)
        self._visits = sorted(f.visits_12 for f in buyers)
        self._spends = sorted(f.spend_12 for f in buyers)

    def __len__(self) -> int:
        return len(self._last_sales)

    def score(self, figures: CustomerFigures) -> RfmScores | None:
        """The customer's scores; None for a customer who never bought."""
        if figures.last_sale is None:
            return None
        return RfmScores(
            recency=_fifth(self._last_sales, figures.last_sale),
            frequency=_fifth(self._visits, figures.visits_12),
            money=_fifth(self._spends, figures.spend_12),
        )


def _fifth(ordered: Sequence[_T], value: _T) -> int:
    """1–5: the fifth of ``ordered`` that ``value`` is in, by how many values lie below it."""
    if not ordered:
        return FIFTHS
    below = bisect.bisect_left(ordered, value)
    return min(FIFTHS, 1 + FIFTHS * below // len(ordered))
