"""Errors whose message is written for a person: what went wrong and where.

The window shows ``message`` in a dialog or next to a field; the command line prints it. Code
tells errors apart by class, never by matching message text.
"""

from __future__ import annotations

from shopcards.core.i18n import N_, _

CANCELLED = N_("Cancelled: nothing was kept.")


class ShopError(Exception):
    """An expected failure with a message for the shop owner or clerk."""

    def __init__(self, message: str, details: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.details = details


class ValidationError(ShopError):
    """Bad input; ``fields`` maps a field name to the message to show next to it."""

    def __init__(self, fields: dict[str, str]) -> None:
        summary = "; ".join(f"{name}: {text}" for name, text in fields.items())
        super().__init__(_("Please check: {summary}", summary=summary))
        self.fields = dict(fields)


class NotFound(ShopError):
    """A card, purchase or file that is not there."""


class PermissionDenied(ShopError):
    """The clerk tried something only the owner may do."""


class Conflict(ShopError):
    """Somebody else saved the same card since it was opened here."""

    def __init__(self, message: str, changed_fields: list[str]) -> None:
        super().__init__(message)
        self.changed_fields = changed_fields


class CardFileError(ShopError):
    """The card file cannot be used: locked, damaged, or from a newer shopcards."""


class ServerUnreachable(CardFileError):
    """The shared card file's server did not answer: nothing of the current action was saved,
    and the next use tries again (store/pg_connection.py); the window retries a read by itself.
    """


class DiskFull(CardFileError):
    """The disk that holds the card file (or a copy being written) is full; the transaction
    was rolled back. Here rather than in store/cardfile.py so that a backup (store/backup.py,
    which cardfile.py calls before an upgrade) can tell it too."""


class Cancelled(ShopError):
    """The person stopped the work; nothing of it was kept (see :mod:`shopcards.core.progress`)."""

    def __init__(self, message: str | None = None) -> None:
        super().__init__(_(CANCELLED) if message is None else message)
