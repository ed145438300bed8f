"""Setting up the shop's server in one step, for real: the other PCs' password works and is
kept on this PC, and a set-up that fails half-way leaves nothing behind."""

from __future__ import annotations

import socket
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pg8000.native as pg
import psutil
import pytest

from shopcards.core.shared_address import SharedAddress
from shopcards.services import connection_secret, server_setup, shared_server
from shopcards.services.autostart import Outcome, ServerPrograms, Step
from shopcards.services.lan import lan_addresses
from shopcards.services.server_process import ServerError

SAID: list[Outcome] = [Outcome(Step(command=("systemctl", "--user")), False, "no session")]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def no_autostart(programs: ServerPrograms) -> list[Outcome]:
    """Stands in for the start with the PC, which would change this PC's own system."""
    assert programs.data.name == "data"
    return SAID


@pytest.fixture
def folder() -> Iterator[Path]:
    """Outside pytest's temporary folders, which another run may remove under a server."""
    with tempfile.TemporaryDirectory(prefix="shopcards-setup-") as kept:
        yield Path(kept) / "server"


def test_set_up_gives_what_the_other_pcs_need_and_keeps_it(folder: Path) -> None:
    lan = lan_addresses()[0] if lan_addresses() else None
    shared = server_setup.set_up(folder, free_port(), lan, no_autostart)
    try:
        assert shared.autostart == SAID
        assert shared.address == shared.plan.address
        assert connection_secret.password_for(shared.address) == shared.password
        admin = server_setup.admin_address(shared.plan)
        assert connection_secret.password_for(admin) != shared.password
        conn = pg.Connection(
            shared.address.user,
            host="127.0.0.1",
            port=shared.address.port,
            database=shared.address.database,
            password=connection_secret.password_for(shared.address),
        )
        assert conn.run("SELECT current_database()") == [["shopcards"]]
        conn.close()
        assert shared_server.saved_plan(folder) == shared.plan
    finally:
        shared_server.stop(shared.plan)


def test_a_set_up_that_fails_half_way_leaves_nothing_behind(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*_args: object) -> SharedAddress:
        raise ServerError("the database could not be made")

    monkeypatch.setattr(shared_server, "create_shop_database", refuse)
    port = free_port()
    with pytest.raises(ServerError, match="could not be made"):
        server_setup.set_up(folder, port, None, no_autostart)
    assert not folder.exists()
    assert connection_secret.remembered() == []
    assert not any(
        str(folder) in " ".join(process.info["cmdline"] or [])
        for process in psutil.process_iter(["cmdline"])
    )
