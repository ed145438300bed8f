"""The shop's PostgreSQL server on the PC that holds the card file: set up, started, stopped.

Everything the server keeps lives in one folder beside the card files (``server/`` in the data
folder of :mod:`shopcards.paths`): ``data/`` (PostgreSQL's own) and ``server.log``.

What keeps it the shop's alone:

- It listens on 127.0.0.1 and the PC's address on the shop's network only (never ``*``), on a
  fixed port (5433 unless chosen), and on no Unix socket: one way in, the same on every system.
- ``pg_hba.conf`` lets in, by scram-sha-256 password only, the shop's user to the shop's
  database from this PC and the shop's subnet, and the superuser to its ``postgres`` database
  and the shop's (where it gives the shop's user its rights) from this PC; nobody else, and
  no ``trust`` line.
- The superuser's password is generated, handed to initdb in a private temporary file, and
  given back to the caller to keep (:mod:`shopcards.services.connection_secret`).
- SSL is off: the traffic stays on the shop's own network; a certificate would have to be
  trusted by hand on each PC.

The store does its own name order, so the server's locale is plain ``C`` and the text UTF-8.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import ipaddress
import json
import os
import secrets
import socket
from dataclasses import dataclass, replace
from pathlib import Path

from shopcards import paths
from shopcards.core.i18n import _
from shopcards.core.shared_address import (
    DEFAULT_NAME,
    DEFAULT_PORT,
    SharedAddress,
    generate_password,
)
from shopcards.services.lan import Interfaces, LanAddress, lan_addresses, shop_address
from shopcards.services.server_process import (
    ServerError,
    binaries,
    hand_over,
    run,
    run_checked,
)

SUPERUSER = "postgres"
LOOPBACK = ipaddress.ip_address("127.0.0.1")
PLAN_FILE = "server.json"
"""The plan, beside the data: what the next start and the share screen read back."""
SETTINGS_FILE = "shopcards.conf"
"""Our settings, included at the end of postgresql.conf (so they win) and rewritten whole."""
START_TIMEOUT_S = 60


@dataclass(frozen=True)
class ServerPlan:
    """Where the server lives and what it lets in: everything the settings files are made of."""

    folder: Path
    lan: LanAddress | None
    """None: this PC only (a server for tests, or before the PC joins a network)."""
    port: int = DEFAULT_PORT
    database: str = DEFAULT_NAME
    user: str = DEFAULT_NAME

    @property
    def data(self) -> Path:
        return self.folder / "data"

    @property
    def log(self) -> Path:
        return self.folder / "server.log"

    @property
    def address(self) -> SharedAddress:
        """What the other PCs type to reach the shop's database."""
        host = self.lan.address if self.lan is not None else LOOPBACK
        return SharedAddress(str(host), self.port, self.database, self.user)


def server_folder() -> Path:
    """The server's folder, beside the card files."""
    return paths.data_dir() / "server"


def initialised(plan: ServerPlan) -> bool:
    return (plan.data / "PG_VERSION").exists()


def initialise(plan: ServerPlan) -> str:
    """Create the server's data (initdb) and its settings; give back the superuser's password,
    which exists nowhere else afterwards. Refused if the folder holds a server already, or
    (before anything is written) if this PC has no server programs."""
    binaries()
    if initialised(plan):
        raise ServerError(
            _("The shop's server is set up already in {folder}.", folder=str(plan.folder))
        )
    if not plan.folder.exists():
        plan.folder.mkdir(parents=True, mode=0o700)
    hand_over(plan.folder)
    password = generate_password()
    secret = plan.folder / f".initdb-{secrets.token_hex(8)}"
    descriptor = os.open(secret, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(descriptor, "w") as file:
            file.write(password + "\n")
        hand_over(secret)
        run_checked("initdb", _initdb_args(plan, secret), plan.folder)
    finally:
        secret.unlink(missing_ok=True)
    _include_settings(plan)
    write_settings(plan)
    return password


def _initdb_args(plan: ServerPlan, password_file: Path) -> list[str]:
    return [
        "-D", str(plan.data), "-U", SUPERUSER, f"--pwfile={password_file}",
        "--auth-local=scram-sha-256", "--auth-host=scram-sha-256",
        "--encoding=UTF8", "--locale=C",
    ]  # fmt: skip


def _include_settings(plan: ServerPlan) -> None:
    with (plan.data / "postgresql.conf").open("a", encoding="utf-8") as conf:
        conf.write("\n# shopcards: its own settings, rewritten as the shop changes\n")
        conf.write(f"include = '{SETTINGS_FILE}'\n")


def write_settings(plan: ServerPlan) -> None:
    """Write the listening and the access rules for ``plan`` (a new port or address on the
    shop's network takes effect at the next start)."""
    _write_private(plan.data / SETTINGS_FILE, server_settings(plan))
    _write_private(plan.data / "pg_hba.conf", access_rules(plan))
    _write_private(plan.folder / PLAN_FILE, json.dumps(_plan_fields(plan), indent=1))


def saved_plan(folder: Path) -> ServerPlan:
    """The plan the server in ``folder`` was last set up with (to start it, or to tell the
    other PCs its address); refused when no server is set up there."""
    try:
        fields = json.loads((folder / PLAN_FILE).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ServerError(
            _("No shop's server is set up in {folder}.", folder=str(folder))
        ) from None
    lan = fields.pop("lan")
    if lan is not None:
        lan = LanAddress(
            lan["interface"],
            ipaddress.ip_address(lan["address"]),
            ipaddress.ip_network(lan["network"]),
        )
    return ServerPlan(folder, lan, **fields)


def on_this_network(plan: ServerPlan, interfaces: Interfaces | None = None) -> ServerPlan:
    """``plan``, moved to this PC's address on the shop's network if the router has given it
    another since (settings rewritten: they take effect at the next start, and the other PCs
    need the new address). The same plan when the address still holds, or none was shared."""
    if plan.lan is None:
        return plan
    if any(lan.address == plan.lan.address for lan in lan_addresses(interfaces)):
        return plan
    moved = replace(plan, lan=shop_address(interfaces))
    write_settings(moved)
    return moved


def _plan_fields(plan: ServerPlan) -> dict[str, object]:
    lan = plan.lan
    return {
        "lan": None
        if lan is None
        else {"interface": lan.interface, "address": str(lan.address), "network": str(lan.network)},
        "port": plan.port,
        "database": plan.database,
        "user": plan.user,
    }


def _write_private(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8")
    os.chmod(path, 0o600)
    hand_over(path)


def listen_addresses(plan: ServerPlan) -> list[str]:
    lan = [str(plan.lan.address)] if plan.lan is not None else []
    return [str(LOOPBACK), *lan]


def server_settings(plan: ServerPlan) -> str:
    """The lines of ``shopcards.conf``."""
    return "\n".join(
        [
            "# Written by shopcards: the shop's server listens on this PC and its shop network.",
            f"listen_addresses = '{','.join(listen_addresses(plan))}'",
            f"port = {plan.port}",
            "unix_socket_directories = ''",
            "password_encryption = 'scram-sha-256'",
            "ssl = off",
            "# A forgotten customer's rows must leave the log: old segments are deleted, not",
            "# kept for reuse with their bytes (store/erasure_server.py).",
            "wal_recycle = off",
            "",
        ]
    )


def access_rules(plan: ServerPlan) -> str:
    """The whole ``pg_hba.conf``: who may connect to what, from where."""
    method = "scram-sha-256"
    lines = [
        "# Written by shopcards: the shop's user to the shop's database, from this PC and the",
        "# shop's network; the superuser to its own and the shop's, from this PC. Nothing else.",
        f"host  {SUPERUSER}  {SUPERUSER}  {LOOPBACK}/32  {method}",
        f"host  {plan.database}  {SUPERUSER}  {LOOPBACK}/32  {method}",
        f"host  {plan.database}  {plan.user}  {LOOPBACK}/32  {method}",
    ]
    if plan.lan is not None:
        lines.append(f"host  {plan.database}  {plan.user}  {plan.lan.network}  {method}")
    return "\n".join([*lines, ""])


def start(plan: ServerPlan) -> None:
    """Start the server and wait until it takes connections; nothing to do if it runs.
    Refused, saying so, when another program holds the port."""
    if running(plan):
        return
    if port_taken(plan.port):
        raise ServerError(
            _(
                "Another program on this PC uses port {port}, so the shop's server cannot "
                "start: close that program, or share the card file on another port.",
                port=str(plan.port),
            )
        )
    hand_over(plan.folder)
    args = ["start", "-D", str(plan.data), "-l", str(plan.log), "-w", f"-t{START_TIMEOUT_S}"]
    run_checked("pg_ctl", args, plan.folder, plan.log)


def port_taken(port: int) -> bool:
    """True when something on this PC listens on ``port`` already (another PostgreSQL)."""
    with socket.socket() as probe:
        return probe.connect_ex((str(LOOPBACK), port)) == 0


def stop(plan: ServerPlan) -> None:
    """Stop the server, ending the connections at once (their open transactions roll back)."""
    if not running(plan):
        return
    run_checked("pg_ctl", ["stop", "-D", str(plan.data), "-m", "fast", "-w"], plan.folder)


def running(plan: ServerPlan) -> bool:
    """True while the server runs (pg_ctl status: 0 running, 3 stopped, 4 no data)."""
    if not initialised(plan):
        return False
    return run("pg_ctl", ["status", "-D", str(plan.data)], plan.folder).returncode == 0


def create_shop_database(plan: ServerPlan, superuser_password: str, password: str) -> SharedAddress:
    """Create the shop's user (with ``password``) and its database, owned by it and closed to
    every other user; give back the address the other PCs type."""
    import pg8000.native as pg

    try:
        admin = pg.Connection(
            SUPERUSER, host=str(LOOPBACK), port=plan.port, database=SUPERUSER,
            password=superuser_password, timeout=10,
        )  # fmt: skip
    except (pg.Error, OSError) as error:
        raise ServerError(
            _("The shop's server on this PC could not be reached; the details say why."),
            str(error),
        ) from error
    try:
        if admin.run("SELECT 1 FROM pg_database WHERE datname = :name", name=plan.database):
            raise ServerError(
                _(
                    "The shop's server holds a card file named {name} already.",
                    name=plan.database,
                )
            )
        user, database = pg.identifier(plan.user), pg.identifier(plan.database)
        admin.run(f"CREATE ROLE {user} LOGIN PASSWORD {pg.literal(scram_verifier(password))}")
        try:
            admin.run(f"CREATE DATABASE {database} OWNER {user} ENCODING 'UTF8' TEMPLATE template0")
            admin.run(f"REVOKE ALL ON DATABASE {database} FROM PUBLIC")
            _give_wipe_rights(plan, superuser_password)
        except pg.Error:
            admin.run(f"DROP DATABASE IF EXISTS {database}")
            admin.run(f"DROP ROLE {user}")
            raise
    finally:
        admin.close()
    return plan.address


def _give_wipe_rights(plan: ServerPlan, superuser_password: str) -> None:
    """What the shop's user needs to wipe a forgotten customer from the server's log
    (store/erasure_server.py): a checkpoint, rewriting the planner's statistics, and closing
    the log segment being written. A function's right is given in the database it is called
    in: the shop's."""
    import pg8000.native as pg

    admin = pg.Connection(
        SUPERUSER, host=str(LOOPBACK), port=plan.port, database=plan.database,
        password=superuser_password, timeout=10,
    )  # fmt: skip
    try:
        user = pg.identifier(plan.user)
        admin.run(f"GRANT pg_checkpoint, pg_maintain TO {user}")
        admin.run(f"GRANT EXECUTE ON FUNCTION pg_switch_wal() TO {user}")
    finally:
        admin.close()


SCRAM_ITERATIONS = 4096
"""PostgreSQL's own default for scram-sha-256."""


def scram_verifier(password: str) -> str:
    """The scram-sha-256 verifier PostgreSQL stores for ``password`` (RFC 5802/7677), made
    here so the password itself never travels to the server, nor lands in its log if a
    statement fails. (Generated passwords are ASCII: SASLprep leaves them as they are.)"""
    salt = secrets.token_bytes(16)
    salted = hashlib.pbkdf2_hmac("sha256", password.encode(), salt, SCRAM_ITERATIONS)
    client_key = hmac.digest(salted, b"Client Key", "sha256")
    stored_key = hashlib.sha256(client_key).digest()
    server_key = hmac.digest(salted, b"Server Key", "sha256")

    def text(raw: bytes) -> str:
        return base64.b64encode(raw).decode("ascii")

    return f"SCRAM-SHA-256${SCRAM_ITERATIONS}:{text(salt)}${text(stored_key)}:{text(server_key)}"
