"""The sentences of the printed insights report, each one whole for the translator, and the
figures inside them written as the report's locale writes them.

The report is the owner's, not a customer's: it speaks the language the owner's window reads
(the catalogue in use), with dates and numbers of that language in the shop's country.
"""

from __future__ import annotations

from dataclasses import dataclass

from babel.numbers import format_decimal

from shopcards.core.i18n import _, ngettext
from shopcards.core.insights import NEXT_PERCENT, TOP_PERCENT, Kind, Pareto, Value
from shopcards.core.insights_text import format_value
from shopcards.core.overview import Overview
from shopcards.core.segments import Segments


@dataclass(frozen=True)
class Figures:
    """Writes the report's numbers, money, percentages and dates in ``locale``."""

    locale: str
    currency: str

    def value(self, kind: Kind, value: Value) -> str:
        return format_value(kind, value, self.locale, self.currency)

    def count(self, number: int) -> str:
        return format_decimal(number, locale=self.locale)

    def money(self, minor: int) -> str:
        return self.value(Kind.MONEY, minor)

    def percent(self, share: float) -> str:
        return self.value(Kind.PERCENT, share)


def pareto_lines(split: Pareto, figures: Figures) -> list[tuple[str, bool]]:
    """The 80/20 split in four sentences, each with whether it is printed bold."""
    return [
        (
            ngettext(
                "{count} customer bought, for {money}.",
                "{count} customers bought, for {money}.",
                split.customers,
                count=figures.count(split.customers),
                money=figures.money(split.total),
            ),
            False,
        ),
        (
            ngettext(
                "Top {percent}%: {count} customer, {share} of sales.",
                "Top {percent}%: {count} customers, {share} of sales.",
                len(split.top),
                percent=TOP_PERCENT,
                count=figures.count(len(split.top)),
                share=figures.percent(split.top_share),
            ),
            True,
        ),
        (
            ngettext(
                "Next {percent}%: {count} customer, {share} of sales.",
                "Next {percent}%: {count} customers, {share} of sales.",
                len(split.next),
                percent=NEXT_PERCENT,
                count=figures.count(len(split.next)),
                share=figures.percent(split.next_share),
            ),
            True,
        ),
        (
            _(
                "The other {percent}%: {share} of sales.",
                percent=100 - TOP_PERCENT - NEXT_PERCENT,
                share=figures.percent(split.rest_share),
            ),
            False,
        ),
    ]


def thresholds_line(segments: Segments, figures: Figures) -> str:
    """What 'regular', 'heavy' and 'former' mean on this page, and where each bar came from."""
    t = segments.thresholds
    median, threshold = _("the median"), _("the owner's threshold")
    regular = ngettext(
        "Regular: more than {count} visit ({whose}).",
        "Regular: more than {count} visits ({whose}).",
        1 if t.visits == 1 else 2,
        count=format_decimal(t.visits, locale=figures.locale),
        whose=median if t.visits_is_median else threshold,
    )
    heavy = _(
        "Heavy: more than {money} ({whose}).",
        money=figures.money(round(t.spend)),
        whose=median if t.spend_is_median else threshold,
    )
    former = ngettext(
        "Former: nothing bought in {count} month.",
        "Former: nothing bought in {count} months.",
        segments.former_months,
        count=figures.count(segments.former_months),
    )
    return f"{regular} {heavy} {former}"


def due_line(overview: Overview, figures: Figures) -> str:
    """How many who agreed to be contacted had no letter this quarter, and no call lately."""
    letters, calls = len(overview.due_letters), len(overview.due_calls)
    no_letter = ngettext(
        "No letter this quarter: {count} customer.",
        "No letter this quarter: {count} customers.",
        letters,
        count=figures.count(letters),
    )
    no_call = ngettext(
        "No call in six months: {count} customer.",
        "No call in six months: {count} customers.",
        calls,
        count=figures.count(calls),
    )
    return f"{no_letter}      {no_call}"
