"""The insights screen's longer sentences, in the language in use: each one whole, so that a
translation can put its figures where its own word order wants them.

The figures come written already (``value(kind, figure)``: the screen's own formatting, in
the language in use and the shop's country)."""

from __future__ import annotations

from collections.abc import Callable

from shopcards.core.i18n import N_, _, ngettext
from shopcards.core.insights import (
    CALL_MONTHS,
    NEXT_PERCENT,
    RESPONSE_DAYS,
    TOP_PERCENT,
    Kind,
    Pareto,
)
from shopcards.core.segments import Segments

Write = Callable[[Kind, object], str]
"""How the screen writes a figure of a kind (money, a date, a share, a count)."""

PERIODS = (N_("Last 12 months"), N_("This year"), N_("Last year"), N_("Chosen dates"))
"""The 80/20 periods (in English: the screen shows each one translated)."""
SEGMENT_COLUMNS = (
    N_("Segment"),
    N_("Customers"),
    N_("Share of customers"),
    N_("Share of sales"),
    N_("Spend, 12 months"),
)
DECLINING_NOTE = N_(
    "Spent half or less in the last 6 months than in the 6 months before. Worth "
    "most first: their average spend per year."
)


def batch_columns() -> list[str]:
    """The letter batches' column headings."""
    first, second = RESPONSE_DAYS
    return [
        _("Sent"),
        _("Template"),
        # Translators: the selection of customers a letter batch was written to
        _("Chosen"),
        _("Mailed"),
        _("Held back"),
        _("Bought within {days} days", days=first),
        _("Bought within {days} days", days=second),
        _("Uplift, {days} days", days=first),
        _("Uplift, {days} days", days=second),
    ]


def lapsed_note(months: int) -> str:
    return ngettext(
        "Bought before, but nothing in the last {count} month (a threshold). Worth most "
        "first: their average spend per year while they were customers.",
        "Bought before, but nothing in the last {count} months (a threshold). Worth most "
        "first: their average spend per year while they were customers.",
        months,
        count=months,
    )


def due_note() -> str:
    return ngettext(
        "Customers who agreed to post (with an address) and have had no letter this "
        "quarter, and who agreed to calls (with a number) and have had no call in "
        "{count} month. Worth most first.",
        "Customers who agreed to post (with an address) and have had no letter this "
        "quarter, and who agreed to calls (with a number) and have had no call in "
        "{count} months. Worth most first.",
        CALL_MONTHS,
        count=CALL_MONTHS,
    )


def pareto_text(split: Pareto, value: Write) -> str:
    """Who bought for how much in the period, and the groups' shares of it."""
    if not split.customers:
        return _("Nobody bought anything in this period.")
    bought = ngettext(
        "{count} customer bought for {money} from {start} to {end}.",
        "{count} customers bought for {money} from {start} to {end}.",
        split.customers,
        count=value(Kind.NUMBER, split.customers),
        money=value(Kind.MONEY, split.total),
        start=value(Kind.DATE, split.start),
        end=value(Kind.DATE, split.end),
    )
    shares = ngettext(
        "The top {top_percent}% ({count} customer) made {top_share} of those sales; the "
        "next {next_percent}% ({next_count}) made {next_share}; everybody else {rest_share}.",
        "The top {top_percent}% ({count} customers) made {top_share} of those sales; the "
        "next {next_percent}% ({next_count}) made {next_share}; everybody else {rest_share}.",
        len(split.top),
        top_percent=TOP_PERCENT,
        count=value(Kind.NUMBER, len(split.top)),
        top_share=value(Kind.PERCENT, split.top_share),
        next_percent=NEXT_PERCENT,
        next_count=value(Kind.NUMBER, len(split.next)),
        next_share=value(Kind.PERCENT, split.next_share),
        rest_share=value(Kind.PERCENT, split.rest_share),
    )
    return f"{bought}\n\n{shares}"


def thresholds_text(segments: Segments, value: Write) -> str:
    """Where the segments split, and whose number each split is."""
    t = segments.thresholds
    median, yours = _("the median"), _("your threshold")
    regular = ngettext(
        "Regular: more than {count} visit in the last 12 months ({whose}).",
        "Regular: more than {count} visits in the last 12 months ({whose}).",
        1 if t.visits == 1 else 2,
        count=value(Kind.NUMBER, t.visits),
        whose=median if t.visits_is_median else yours,
    )
    heavy = _(
        "Heavy: more than {money} spent in them ({whose}).",
        money=value(Kind.MONEY, round(t.spend)),
        whose=median if t.spend_is_median else yours,
    )
    former = ngettext(
        "Former: bought before, but nothing in {count} month.",
        "Former: bought before, but nothing in {count} months.",
        segments.former_months,
        count=value(Kind.NUMBER, segments.former_months),
    )
    return f"{regular} {heavy} {former}"
