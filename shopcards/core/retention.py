"""Retention: how long the shop keeps a customer who no longer comes (GDPR article 5(1)(e)).

A customer is past retention when, for the set number of months, they bought nothing and
nobody changed their card (staff never are). The owner sees the list and forgets them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from shopcards.core.loyalty import add_months


@dataclass(frozen=True)
class Logged:
    """One line of the erasure log: which card was forgotten, and on which day (no name)."""

    card_id: int
    card_no: str
    erased_on: str


@dataclass(frozen=True)
class PastRetention:
    """One card past retention, as the owner's list shows it (dates ISO, '' for none)."""

    card_id: int
    card_no: str
    given_name: str
    family_name: str
    last_purchase: str
    created_on: str
    changed_on: str

    @property
    def display_name(self) -> str:
        if self.family_name and self.given_name:
            return f"{self.family_name}, {self.given_name}"
        return self.family_name or self.given_name


def cutoff(today: dt.date, months: int) -> dt.date:
    """The first day still within retention: activity before it is too old to keep a card."""
    return add_months(today, -months)
