"""Opening the card file at a desk: the session, then what falls due each day the shop opens
(cash-back whose last day has passed expires; customers move between discount tiers once a
day).

Apart from services/session because the chores are services that themselves take a session:
there they would import each other.
"""

from __future__ import annotations

import logging

from shopcards.core.errors import CardFileError
from shopcards.core.roles import Role
from shopcards.core.shared_address import SharedAddress
from shopcards.services import catalogues
from shopcards.services.session import Session, connect
from shopcards.store import erasure as erasure_log
from shopcards.store.loyalty_due import nothing_due, recomputed_on
from shopcards.store.stores import Location

_log = logging.getLogger(__name__)


def open_session(
    location: Location, role: Role = Role.CLERK, password: str | None = None
) -> Session:
    """Open the card file for ``role``; cash-back whose last day has passed expires now, and with
    the discount tiers on, customers are placed again once a day (a look-up when both ran
    today)."""
    catalogues.reachable()  # letters are written in the shop's language
    session = _connected(location, role, password)
    today = session.today().isoformat()
    try:
        if not nothing_due(session.conn, today):
            # the cash-back service and its rules: ~55 ms of imports, only on a day with expiry
            from shopcards.services import loyalty

            loyalty.expire_due(session)
        if session.settings.tiers_on and recomputed_on(session.conn) != today:
            from shopcards.services import loyalty_tiers  # likewise: once a day

            loyalty_tiers.recompute_if_due(session)
    except CardFileError as exc:  # busy at another desk: the next opening or the CLI runs it
        _log.warning("the day's loyalty chores did not run: %s", exc.message)
    _finish_wipe(session)
    session.forget_settings()  # read when first needed, as a session opened without chores
    return session


def _connected(location: Location, role: Role, typed: str | None) -> Session:
    """A session on ``location``: a shared card file with the password ``typed``, else the one
    this PC keeps (none for a server reached through this PC's own socket, which knows its
    user); a kept password the server refuses is told as such (the owner changed it there)."""
    if not isinstance(location, SharedAddress):
        return connect(location, role, typed)
    from shopcards.services import connection_secret
    from shopcards.store.shared_file import PasswordRefused

    own_socket = location.host.startswith("/")
    kept = None if typed or own_socket else connection_secret.password_for(location)
    try:
        return connect(location, role, typed or kept)
    except PasswordRefused:
        if kept is None:
            raise
        raise connection_secret.PasswordNoLongerWorks(location) from None


def _finish_wipe(session: Session) -> None:
    """An erasure whose wipe another desk's reading held up is finished now if it can be
    (services/erasure.py); a busy file leaves it for the next try."""
    if not erasure_log.anything_pending(session.conn):
        return
    from shopcards.services import erasure  # ~sqlite-utils and more: only when one is due

    try:
        erasure.finish_wipe(session)
    except CardFileError as exc:
        _log.warning("a pending erasure wipe did not finish: %s", exc.message)
