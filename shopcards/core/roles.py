"""Who is at the desk: the owner may do everything, the clerk at the till a safe subset."""

from __future__ import annotations

from enum import StrEnum

from shopcards.core.i18n import N_


class Role(StrEnum):
    OWNER = "owner"
    CLERK = "clerk"


ACTORS: dict[str, str] = {Role.OWNER: N_("Owner"), Role.CLERK: N_("Clerk")}
"""Who did something, as the change history and the customer's copy say it (kept by code)."""
