"""A note in the cabinet's status bar on a card file whose cards were moved into a shared
card file (File ▸ Share…, ``shopcards share``).

Sharing keeps the card file as it was, and the PC opens the shared one from then on. Opened
again by hand (File ▸ Open card file…, ``--db``), the old card file looks like the shop's, but
what is saved in it reaches no other PC: the note says so for as long as it is open.
"""

from __future__ import annotations

from PySide6.QtWidgets import QMainWindow

from shopcards.core.i18n import _, format_locale
from shopcards.services.connection_secret import moved_away
from shopcards.services.session import Session
from shopcards.ui.kit.dates import iso_date_text
from shopcards.ui.kit.widgets import MessageLabel


def add_moved_note(window: QMainWindow, session: Session) -> MessageLabel | None:
    """The note, in ``window``'s status bar, when ``session``'s card file was moved away."""
    moved = moved_away(session)
    if moved is None:
        return None
    note = MessageLabel(_("Card file note"))
    note.error(
        _(
            "This card file's cards were moved to the shared card file at {where} on {day}: "
            "what is saved here does not reach the other PCs.",
            where=moved.details.get("to", ""),
            day=iso_date_text(moved.at[:10], format_locale(session.settings.locale)),
        )
    )
    window.statusBar().addWidget(note, 1)
    return note
