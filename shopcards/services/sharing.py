"""Sharing the card file between PCs through the till PC's server, and back (issue 16).

``share`` sets the server up on this PC (services/server_setup.py), moves the card file's
content into it in one transaction (store/moving.py) and remembers the connection; the card
file itself is left as it was, with a line in its change log saying where its content went,
so nothing is lost if the shop ever goes back. ``unshare`` copies a shared card file into a
new card file on this PC. ``connect`` checks and keeps, on another PC, what ``share`` showed.
Each makes the card file it leaves this PC with the one shopcards opens at its next start
(services/connection_secret.py): a till that shared, or a PC that connected, does not go
back to writing a card file of its own after a restart.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from shopcards.core.errors import ShopError
from shopcards.core.i18n import N_, _
from shopcards.core.progress import Report
from shopcards.core.shared_address import SharedAddress, typed_password
from shopcards.services import connection_secret, server_setup
from shopcards.services.connection_secret import KeptIn
from shopcards.services.opening import open_session
from shopcards.services.server_setup import SharedServer
from shopcards.services.session import Session, require_owner
from shopcards.store import changes, moving
from shopcards.store.cardfile import CardFile
from shopcards.store.shared_file import SharedCardFile, open_shared, where
from shopcards.store.stores import Store

OPENS_SHARED = N_("From now on shopcards opens the shared card file on this PC.")
"""Said once ``share`` or ``connect`` made the shared card file the one this PC opens."""


def share(
    session: Session,
    report: Report | None = None,
    set_up: Callable[[], SharedServer] | None = None,
) -> SharedServer:
    """Set up this PC's server (``set_up``: server_setup.set_up, looked up when called) and
    move the card file into it (owner only): all or nothing.

    Returns what the other PCs need (the address and the password to type there)."""
    require_owner(session, _("share the card file with other PCs"))
    card_file = _local(session.card_file)
    server = (set_up or server_setup.set_up)()
    try:
        shared = open_shared(server.address, server.password)
        try:
            moving.into_server(card_file, shared, report)
        finally:
            shared.close()
    except BaseException:
        server_setup.take_back(server.plan)
        raise
    with card_file.write() as db:
        details = {"to": where(server.address)}
        changes.record(db, session.actor, session.now(), "card_file", 0, "shared", details)
    connection_secret.open_at_start(server.address)
    return server


def connect(address: SharedAddress, typed: str) -> KeptIn:
    """Check the password ``typed`` by opening the shared card file at ``address``, then keep
    both on this PC; where the password went is returned. Nothing is kept unless the
    connection worked: a wrong password or an unreachable PC is refused here, with why."""
    password = typed_password(typed)
    session = open_session(address, password=password)
    session.close()
    kept_in = connection_secret.remember(address, password)
    connection_secret.open_at_start(address)
    return kept_in


def unshare(session: Session, dest: Path, report: Report | None = None) -> Path:
    """A card file at ``dest`` (new) holding the shared card file's content (owner only)."""
    require_owner(session, _("move the shared card file back onto this PC"))
    shared = session.card_file
    if not isinstance(shared, SharedCardFile):
        raise ShopError(
            _("{path} is a card file on this PC already: it is not shared.", path=shared.path)
        )
    if dest.exists():
        raise ShopError(
            _("There is a file at {path} already: choose a new name for the card file.", path=dest)
        )
    moving.card_file_copy(shared, dest, report)
    if connection_secret.start_location() == shared.address:
        connection_secret.open_at_start(dest.resolve())  # back to one PC: this one's copy
    return dest


def check_can_share(session: Session) -> None:
    """Refuses a card file that is shared already, before the owner is asked anything (the
    same refusal ``share`` gives)."""
    _local(session.card_file)


def _local(card_file: Store) -> CardFile:
    if isinstance(card_file, SharedCardFile):
        raise ShopError(_("This card file is shared already ({where}).", where=card_file.where()))
    return card_file
