"""What the customer import wizard says with counts in it: each a whole sentence of the
catalogue, its numbers written the window's way (i18n.format_locale) and kept in order in a
right-to-left sentence."""

from __future__ import annotations

from shopcards.core.customer_table import CustomerTable
from shopcards.core.i18n import format_locale, ngettext
from shopcards.services.customer_import import Saved
from shopcards.services.customer_import_undo import Undone


def number(n: int, shop_locale: str) -> str:
    """``n`` as the window writes it beside its words: "1,234", "1 234"."""
    from babel.numbers import format_decimal

    return format_decimal(n, locale=format_locale(shop_locale))


def rows_read(table: CustomerTable, shop_locale: str) -> str:
    """ "1,234 rows, sheet Customers": under the file's name."""
    n = len(table.rows)
    count = number(n, shop_locale)
    if table.sheet:
        sheet = table.sheet
        return ngettext(
            "{count} row, sheet {sheet}",
            "{count} rows, sheet {sheet}",
            n,
            count=count,
            sheet=sheet,
        )
    return ngettext("{count} row", "{count} rows", n, count=count)


def saved_text(saved: Saved, shop_locale: str) -> str:
    """What the save did, and that it can be undone today."""
    return ngettext(
        "{added} card added, {updated} updated, {skipped} skipped (import {batch}). "
        "It can be undone today.",
        "{added} cards added, {updated} updated, {skipped} skipped (import {batch}). "
        "It can be undone today.",
        saved.added,
        added=number(saved.added, shop_locale),
        updated=number(saved.updated, shop_locale),
        skipped=number(saved.skipped, shop_locale),
        batch=saved.batch,
    )


def undone_text(undone: Undone, shop_locale: str) -> str:
    return ngettext(
        "Import undone: {removed} card it added removed, {restored} put back as they were.",
        "Import undone: {removed} cards it added removed, {restored} put back as they were.",
        undone.removed,
        removed=number(undone.removed, shop_locale),
        restored=number(undone.restored, shop_locale),
    )
