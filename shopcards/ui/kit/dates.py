"""Dates on screen, one way everywhere: the shop's medium style ("30 Nov 2026", "30.11.2026"),
a time after it when it matters, and date fields in the same style. (A month is named by
``services.drawing.month_name``: "November 2026".)

Babel knows how each country writes a date (CLDR); a date field takes the same pattern, so
what the owner types into matches what the lists show. ``babel.dates`` is imported where it
is used: importing it asks pytz for the computer's time zone, which reads pytz's list of every
zone (~40 ms that the cabinet's first paint, which shows no date, need not wait for; issue 12).
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from typing import Final

from PySide6.QtCore import QDate, QLocale
from PySide6.QtWidgets import QDateEdit

from shopcards.core import i18n
from shopcards.core.card import PartialDate

STYLE: Final = "medium"


@functools.cache
def _beside(locale: str, language: str) -> str:
    return i18n.format_locale(locale, language)


def words_locale(locale: str) -> str:
    """The shop's ``locale`` for dates beside words in the language in use ("fi" in an
    en_GB shop writes "30.11.2026", not "30 Nov 2026"), as
    :func:`shopcards.core.i18n.format_locale` says. An English window writes the shop's own
    dates: a Finnish shop's "30.11.2026" is what its owner types, whatever the words around."""
    language = i18n.language()
    return locale if language in (i18n.ENGLISH, i18n.PSEUDO) else _beside(locale, language)


def iso_date_text(iso: str, locale: str) -> str:
    """An ISO date (or date-time) as the shop writes dates; unreadable text is shown as is."""
    from babel.dates import format_date

    try:
        return str(format_date(dt.date.fromisoformat(iso[:10]), STYLE, locale=words_locale(locale)))
    except ValueError:
        return iso


def iso_date_time_text(iso: str, locale: str) -> str:
    """An ISO date-time as the shop writes dates, and the time of day as hh:mm."""
    return f"{iso_date_text(iso, locale)} {iso[11:16]}".strip()


def partial_date_text(date: PartialDate, locale: str) -> str:
    """ "3 April 1961", or "3 April" when the year is unknown, in the shop's language."""
    return date.said(words_locale(locale))


def date_edit(
    name: str, locale: str, day: dt.date | None = None, latest: dt.date | None = None
) -> QDateEdit:
    """A date field with a calendar, named ``name``, writing dates as the lists do."""
    edit = QDateEdit()
    edit.setAccessibleName(name)
    edit.setCalendarPopup(True)
    edit.setLocale(QLocale(words_locale(locale)))
    edit.setDisplayFormat(qt_date_format(locale))
    if latest is not None:
        edit.setMaximumDate(QDate(latest.year, latest.month, latest.day))
    if day is not None:
        show_day(edit, day)
    return edit


def show_day(edit: QDateEdit, day: dt.date) -> None:
    """Put ``day`` in a date field."""
    edit.setDate(QDate(day.year, day.month, day.day))


def day_of(edit: QDateEdit) -> dt.date:
    """The day a date field shows (``.isoformat()`` is how the services take it)."""
    day = edit.date()
    return dt.date(day.year(), day.month(), day.day())


def qt_date_format(locale: str) -> str:
    """The shop's medium date pattern in Qt's spelling (CLDR "y" is Qt's "yyyy")."""
    from babel.dates import get_date_format

    pattern = get_date_format(STYLE, locale=words_locale(locale)).pattern
    return re.sub(r"(?<!')y+", "yyyy", pattern.replace("L", "M"))
