"""Reading the dates of a till export: the usual ways of writing one, the date order decided
once for the whole file, a time zone turned into the shop's own day, and a date that names no
day said so in a calendar's words ("2026-02-29 is not a day: February 2026 has 28 days").
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from babel.dates import get_date_format, get_month_names

from shopcards.core import i18n
from shopcards.core.errors import ShopError
from shopcards.core.i18n import _, ngettext
from shopcards.core.purchase import OLDEST_YEAR

_ISO = re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})")
_COMPACT = re.compile(r"(\d{4})(\d{2})(\d{2})")
_DOTTED = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{2}|\d{4})")
_SLASHED = re.compile(r"(\d{1,2})[/-](\d{1,2})[/-](\d{2}|\d{4})")
_TIME = re.compile(r"(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})?)?")
_NAMED = 5
DATE_ORDERS = ("dmy", "mdy")
"""The owner's answer when the rows do not settle it: day/month/year or month/day/year."""


def day_first(dates: Iterable[tuple[int, str]], locale: str, date_order: str | None) -> bool:
    """Whether ``01/02/2026`` means 1 February, decided once for the whole file: the owner's
    ``date_order`` if given, else the rows that can only be read one way, else how the shop's
    locale writes dates. Rows that disagree are refused with the rows named."""
    if date_order is not None:
        if date_order not in DATE_ORDERS:
            raise ShopError(_("“{order}” is not a date order; say dmy or mdy.", order=date_order))
        return date_order == "dmy"
    only = {"dmy": _Lines(), "mdy": _Lines()}
    for line, text in dates:
        match = _SLASHED.match(text)
        if match:
            first, second = int(match.group(1)), int(match.group(2))
            if first > 12 >= second:
                only["dmy"].add(line)
            elif second > 12 >= first:
                only["mdy"].add(line)
    if only["dmy"].count and only["mdy"].count:
        raise DateOrderUnclear(only["dmy"], only["mdy"])
    if only["dmy"].count or only["mdy"].count:
        return bool(only["dmy"].count)
    return not str(get_date_format("short", locale=locale).pattern).lower().startswith("m")


@dataclass
class _Lines:
    """How many rows, and the first few of them by number (a file may hold millions)."""

    count: int = 0
    first: list[int] = field(default_factory=list)

    def add(self, line: int) -> None:
        self.count += 1
        if len(self.first) < _NAMED:
            self.first.append(line)

    def __str__(self) -> str:
        named = ", ".join(str(line) for line in self.first)
        if self.count > _NAMED:
            more = self.count - len(self.first)
            return ngettext(
                "rows {rows} and {more} more", "rows {rows} and {more} more", more,
                rows=named, more=format(more, ","),
            )  # fmt: skip
        return ngettext("row {rows}", "rows {rows}", self.count, rows=named)


class DateOrderUnclear(ShopError):
    """Some rows can only be day/month/year and others only month/day/year."""

    def __init__(self, day_first: _Lines, month_first: _Lines) -> None:
        super().__init__(
            _(
                "The dates disagree: {day_first} can only be day/month/year (e.g. 25/11/2026), "
                "and {month_first} can only be month/day/year (e.g. 11/25/2026). Nothing was "
                "imported: say which order the file uses (dmy or mdy), or fix those rows.",
                day_first=day_first,
                month_first=month_first,
            )
        )
        self.day_first = day_first
        self.month_first = month_first


def file_date(text: str, day_first: bool, today: dt.date, zone: dt.tzinfo | None) -> str:
    """An ISO date from any of the usual ways of writing one; a time after it is ignored,
    unless it carries a time zone: then the date is the shop's for that moment."""
    if not text:
        raise ValueError(_("no date"))
    date = _parse_date(text, day_first, zone)
    if date is None:
        raise ValueError(
            _("“{text}” is not a date this import understands (use YYYY-MM-DD)", text=text)
        )
    if date > today:
        raise ValueError(_("the date {date} is in the future", date=date.isoformat()))
    return date.isoformat()


def _parse_date(text: str, day_first: bool, zone: dt.tzinfo | None) -> dt.date | None:
    for pattern, order in (
        (_ISO, "ymd"),
        (_COMPACT, "ymd"),
        (_DOTTED, "dmy"),
        (_SLASHED, "dmy" if day_first else "mdy"),
    ):
        match = re.fullmatch(pattern.pattern + _TIME.pattern, text)
        if match:
            parts = dict(zip(order, match.groups()[:3], strict=True))
            date = _day(text, parts["y"], int(parts["m"]), int(parts["d"]))
            hour, minute, second, offset = match.groups()[3:]
            if offset is None:
                return date
            try:
                moment = dt.datetime.combine(
                    date, dt.time(int(hour), int(minute), int(second or 0)), _zone(offset)
                )
            except ValueError:
                raise ValueError(
                    _("“{text}”: {time} is not a time of day", text=text, time=hour + ":" + minute)
                ) from None
            return moment.astimezone(zone).date()
    return None


def _day(text: str, year_digits: str, month: int, day: int) -> dt.date:
    """The day, or ValueError saying why ``text`` names none (in the words of a calendar)."""
    if len(year_digits) != 4:
        raise ValueError(_("“{text}”: write the year with four digits", text=text))
    year = int(year_digits)
    if year < OLDEST_YEAR:
        raise ValueError(
            _(
                "“{text}”: the year {year} is before {oldest}",
                text=text,
                year=year_digits,
                oldest=OLDEST_YEAR,
            )
        )
    if not 1 <= month <= 12:
        raise ValueError(
            _("{text} is not a day: there is no month {month}", text=text, month=month)
        )
    days = calendar.monthrange(year, month)[1]
    if not 1 <= day <= days:
        month_name = get_month_names("wide", "stand-alone", i18n.format_locale("en"))[month]
        raise ValueError(
            _(
                "{text} is not a day: {month} {year} has {days} days",
                text=text,
                month=month_name,
                year=year,
                days=days,
            )
        )
    return dt.date(year, month, day)


def _zone(offset: str) -> dt.timezone:
    if offset == "Z":
        return dt.UTC
    sign = -1 if offset[0] == "-" else 1
    digits = offset[1:].replace(":", "")
    return dt.timezone(sign * dt.timedelta(hours=int(digits[:2]), minutes=int(digits[2:])))
