"""The insights' figures written out: on screen and in the report as the shop's country writes
them (money with its currency, dates in words, shares as percents), and in CSV as plain
numbers a spreadsheet reads."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from babel.dates import format_date
from babel.numbers import format_decimal, format_percent

from shopcards.core.i18n import _, unmarked
from shopcards.core.insights import BatchResult, Column, Kind, Value
from shopcards.core.money import format_money, minor_digits


def format_value(kind: Kind, value: Value, locale: str, currency: str) -> str:
    """A figure as the shop's country writes it (money with its currency, dates in words)."""
    if value is None or value == "":
        return ""
    if kind is Kind.MONEY:
        return format_money(int(value), locale, currency)
    if kind is Kind.DATE:
        return str(format_date(dt.date.fromisoformat(str(value)[:10]), "medium", locale=locale))
    if kind is Kind.PERCENT:
        return str(format_percent(float(value), "#,##0.0%", locale=locale))
    if kind is Kind.NUMBER:
        return str(format_decimal(value, locale=locale))
    return str(value)


def format_moment(value: Value, locale: str) -> str:
    """A date as :func:`format_value` writes it; a record's moment (ISO date and time) with
    its time of day too, as hh:mm."""
    text = format_value(Kind.DATE, value, locale, "")
    if isinstance(value, str) and "T" in value:
        return f"{text} {value[11:16]}"
    return text


def format_uplift(batch: BatchResult, days: int, locale: str) -> str:
    """The uplift in ``days``, in percentage points, signed ("+6.7 pts"); "no hold-out"
    without one; a trailing "*" while those days have not all passed yet."""
    uplift = batch.uplift(days)
    if uplift is None:
        return _("no hold-out")
    points = format_decimal(uplift * 100, "+#,##0.0;-#,##0.0", locale=locale)
    # Translators: percentage points, short ("+6.7 pts")
    text = _("{points} pts", points=points)
    return text if batch.complete(days) else text + " *"


def format_rates(batch: BatchResult, days: int, locale: str) -> str:
    """Who bought within ``days``: the mailed's share, then the held-out's ("21.7% / 15.0%");
    a trailing "*" while those days have not all passed yet."""

    def share(rate: float | None) -> str:
        return "–" if rate is None else str(format_percent(rate, "#,##0.0%", locale=locale))

    text = share(batch.mailed.rate(days))
    if batch.held_out.recipients:
        text += f" / {share(batch.held_out.rate(days))}"
    return text if batch.complete(days) else text + " *"


def csv_value(kind: Kind, value: Value, currency: str) -> str:
    """A figure for a spreadsheet: money as a plain decimal number (12.50), a share in per
    cent (12.5), a date as YYYY-MM-DD."""
    if value is None:
        return ""
    if kind is Kind.MONEY:
        return str(Decimal(int(value)).scaleb(-minor_digits(currency)))
    if kind is Kind.PERCENT:
        return f"{float(value) * 100:.1f}"
    return str(value)


def csv_header(column: Column, currency: str) -> str:
    """The column's heading with its unit, for the people who read the spreadsheet."""
    if column.kind is Kind.MONEY:
        # Translators: a CSV column heading with its currency: "Spend (EUR)"
        heading = _("{heading} ({currency})", heading=column.header, currency=currency)
        return unmarked(heading)  # a spreadsheet's heading, not a sentence on screen
    if column.kind is Kind.PERCENT:
        return f"{column.header} (%)"
    return column.header
