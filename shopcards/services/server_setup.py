"""Set up the shop's server on this PC in one step, all or nothing: what ``shopcards share``
(and the owner's "Share this card file…") runs before moving the card file in.

In order: this PC's address on the shop's network (refused on none), the server's data and
settings, the superuser's password kept on this PC, the start with the PC, the server started,
the shop's database with a generated password, kept on this PC too. If a step fails, the
server is stopped and its folder removed — it held nothing of the shop's yet — so the owner can
simply try again.
"""

from __future__ import annotations

import contextlib
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from shopcards.core.shared_address import DEFAULT_PORT, SharedAddress, generate_password
from shopcards.services import connection_secret, shared_server
from shopcards.services.autostart import Outcome, ServerPrograms, make_autostart
from shopcards.services.lan import LanAddress, shop_address
from shopcards.services.server_process import ServerError, binaries
from shopcards.services.shared_server import LOOPBACK, SUPERUSER, ServerPlan

Autostart = Callable[[ServerPrograms], list[Outcome]]


@dataclass(frozen=True)
class SharedServer:
    """A server set up: what the owner is shown once, for the other PCs."""

    plan: ServerPlan
    address: SharedAddress
    password: str
    """The shop user's password, to read out or write down for the other PCs."""
    autostart: list[Outcome]
    """Each step of the start with the PC, done or not and why (say the undone ones)."""


def admin_address(plan: ServerPlan) -> SharedAddress:
    """Where this PC keeps the superuser's password: its own database, from this PC only."""
    return SharedAddress(str(LOOPBACK), plan.port, SUPERUSER, SUPERUSER)


def set_up(
    folder: Path | None = None,
    port: int = DEFAULT_PORT,
    lan: LanAddress | None = None,
    autostart: Autostart = make_autostart,
) -> SharedServer:
    """Set up, start and open the shop's server; give back what the other PCs need. A missing
    server part is said first: adding it is the owner's first step, whatever else is amiss."""
    binaries()
    plan = ServerPlan(folder or shared_server.server_folder(), lan or shop_address(), port)
    superuser_password = shared_server.initialise(plan)
    try:
        connection_secret.remember(admin_address(plan), superuser_password)
        outcomes = autostart(ServerPrograms.of(plan))
        shared_server.start(plan)
        password = generate_password()
        address = shared_server.create_shop_database(plan, superuser_password, password)
        connection_secret.remember(address, password)
    except BaseException:
        take_back(plan)
        raise
    return SharedServer(plan, address, password, outcomes)


def take_back(plan: ServerPlan) -> None:
    """Take back a set-up that failed half-way: the server stopped, its folder and the
    passwords kept for it gone."""
    with contextlib.suppress(ServerError):  # the first failure is the one to tell
        shared_server.stop(plan)
    shutil.rmtree(plan.folder, ignore_errors=True)
    connection_secret.forget(admin_address(plan))
    connection_secret.forget(plan.address)
