"""The cabinet window's sentences that carry values: the count beside the search box and the
status bar's reports, one whole sentence each so that a language can order its words."""

from __future__ import annotations

from babel.numbers import format_decimal

from shopcards.core.card import CardQuery
from shopcards.core.i18n import _, format_locale, ngettext

SHOWN_SEARCH = 24
"""The longest search repeated in the count label (it sits beside the box)."""


def count_text(count: int, query: CardQuery, shop_locale: str) -> str:
    """ "1,234 cards", "3 archived cards", "No card matches “smith”"."""
    text = query.text.strip()
    if len(text) > SHOWN_SEARCH:
        text = f"{text[: SHOWN_SEARCH - 1]}…"
    if not count:
        if text:
            return _("No card matches “{text}”", text=text)
        return _("No archived cards") if query.archived else _("No cards")
    number = format_decimal(count, locale=format_locale(shop_locale))
    if query.archived:
        return ngettext("{count} archived card", "{count} archived cards", count, count=number)
    return ngettext("{count} card", "{count} cards", count, count=number)


def saved_text(name: str, added: bool, told: str) -> str:
    """The status bar after the card form: what was done to whom, and what the form adds."""
    done = _("Added {name}.", name=name) if added else _("Saved {name}.", name=name)
    return f"{done} {told}".strip()


def archived_text(name: str, archived: bool) -> str:
    if archived:
        return _("Archived {name}.", name=name)
    return _("Brought back {name}.", name=name)


def title_text(shop_name: str, file_name: str) -> str:
    return _("{shop} — {file} — shopcards", shop=shop_name, file=file_name)
