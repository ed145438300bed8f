"""Opening the card file at a desk: the session, then what falls due each day the shop opens
(cash-back whose last day has passed expires).

Apart from services/session because the chores are services that themselves take a session:
there they would import each other.
"""

from __future__ import annotations

import logging
from pathlib import Path

from shopcards.core.errors import CardFileError
from shopcards.core.roles import Role
from shopcards.services.session import Session, connect
from shopcards.store.loyalty_due import nothing_due

_log = logging.getLogger(__name__)


def open_session(path: Path, role: Role = Role.CLERK) -> Session:
    """Open the card file for ``role``; cash-back whose last day has passed expires now (one
    lookup when expiry already ran today)."""
    session = connect(path, role)
    try:
        if not nothing_due(session.db, session.today().isoformat()):
            # the cash-back service and its rules: ~55 ms of imports, only on a day with expiry
            from shopcards.services import loyalty

            loyalty.expire_due(session)
    except CardFileError as exc:  # busy at another desk: the next opening or the CLI runs it
        _log.warning("cash-back expiry did not run: %s", exc.message)
    return session
