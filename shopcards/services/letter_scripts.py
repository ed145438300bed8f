"""Who cannot be printed for: a name or address in a script no font of the printing engine has.

The printing engine (reportlab) is imported only when asked, so importing this module stays
cheap for the window.
"""

from __future__ import annotations

from collections.abc import Sequence

from shopcards.core import mailing
from shopcards.core.card import Card
from shopcards.core.i18n import _
from shopcards.core.mailing import Excluded


def unprintable(cards: Sequence[Card]) -> list[Excluded]:
    """Customers whose name or address has letters no font of the printing engine can draw:
    left out with the reason rather than sent a letter with a blank where their name goes."""
    from shopcards.printing.fonts import font_book

    book = font_book()
    found: list[Excluded] = []
    for card in cards:
        text = " ".join(
            (mailing.person_name(card), card.salutation, *card.address_lines, card.city)
        )
        scripts = book.missing(text)
        if scripts and card.id is not None:
            found.append(
                Excluded(
                    card.id,
                    card.card_no,
                    card.display_name,
                    _(
                        "name or address in a script the printed letters cannot show yet "
                        "({scripts})",
                        scripts=scripts,
                    ),
                )
            )
    return found
