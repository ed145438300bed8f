"""A shared card file: the shop's cards on a PostgreSQL server, open as a card file is.

:class:`SharedCardFile` has :class:`~shopcards.store.cardfile.CardFile`'s ways (``conn``,
``db``, ``write()``, ``close()``), so services and store modules take either.

Writes queue as they do on a card file. SQLite lets one desk write at a time (``BEGIN
IMMEDIATE``), and the store's checks rely on it: a balance is read, then spent, in one
transaction no other desk can interleave with. Here each write transaction first takes one
advisory lock for the whole store, so two PCs' writes follow each other exactly as two
desks' do on one PC; reads never wait. A write that waits longer than the card file's busy
timeout is told as busy, in the same words. A server that stops answering is told as
:class:`ServerUnreachable` from any statement, and the next use connects again
(:mod:`shopcards.store.pg_connection`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from shopcards import paths
from shopcards.core.errors import CardFileError, ServerUnreachable
from shopcards.core.i18n import _
from shopcards.core.shared_address import SharedAddress
from shopcards.store.pg_connection import PgConnection, connection_lost, unreachable
from shopcards.store.verdict import BUSY_TIMEOUT_MS

if TYPE_CHECKING:
    import pg8000.native

WRITE_LOCK = 0x5C0F_CA2D
"""The advisory lock every write transaction holds: one writer at a time, as on a card file."""
COUNT_THE_WRITE = "UPDATE store_writes SET n = n + 1 WHERE one = 1 RETURNING txid_current()"
"""The last statement of every write: counts it for other PCs' lists, and names the
transaction so that a COMMIT whose answer was lost can be looked up (``txid_status``)."""
LOCK_TIMEOUT_CODE = "55P03"
CONNECT_TIMEOUT_S = 10.0
"""How long a statement may wait on the network before the server counts as unreachable."""


class PasswordRefused(CardFileError):
    """The shared store's server refused the password given: typed wrong, or changed there."""


PASSWORD_REFUSED = "28P01"
"""PostgreSQL's code for "password authentication failed"."""


def password_refused(error: BaseException) -> bool:
    """True when ``error`` (pg8000's, on connecting) is the server refusing the password, not
    another refusal (an unknown user, a PC outside the shop's network)."""
    details = error.args[0] if error.args else None
    return isinstance(details, dict) and details.get("C") == PASSWORD_REFUSED


class SharedCardFile:
    """The shared store open for one desk. Use :func:`open_shared`; close it when done."""

    def __init__(self, address: SharedAddress, conn: PgConnection, password: str | None) -> None:
        self.address = address
        self.conn = conn
        self._password = password
        self._depth = 0

    @property
    def db(self) -> PgConnection:
        """The store's handle: on a shared store the connection is its own ``db``."""
        return self.conn

    def where(self) -> str:
        return where(self.address)

    def short_name(self) -> str:
        """For the window's title: where the shared card file lives."""
        return where(self.address)

    @property
    def path(self) -> Path:
        """A path in this PC's data folder that stands for the shared store where a card
        file's path is used: its backups, the drawing's witness file and the erasure log sit
        beside it (the server keeps the cards)."""
        place = re.sub(r"[^\w.-]+", "_", f"{self.address.host}-{self.address.port}")
        return paths.data_dir() / "shared" / f"{self.address.database}@{place}.shared"

    def reopen(self) -> SharedCardFile:
        """A connection of its own to the same store (for work on another thread)."""
        return open_shared(self.address, self._password)

    def schema_version(self) -> int:
        from shopcards.store import schema

        return len(schema.migrations.applied(self.conn))

    def __enter__(self) -> SharedCardFile:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.conn.close()

    @contextmanager
    def write(self) -> Iterator[PgConnection]:
        """One transaction for one user action: all of it is saved, or none of it. Nested
        calls become savepoints inside the outer transaction."""
        if self.conn.in_transaction:
            yield from self._savepoint()
            return
        try:
            self.conn.execute_simple("BEGIN")
            self.conn.in_transaction = True
            try:
                self.conn.execute("SELECT pg_advisory_xact_lock(?)", [WRITE_LOCK])
                yield self.conn
                (txid,) = self.conn.execute(COUNT_THE_WRITE).fetchone() or (None,)
                self._commit(txid)
            except BaseException:
                self.conn.roll_back()
                raise
            finally:
                self.conn.in_transaction = False
        except Exception as exc:
            told = self._write_error(exc)
            if told is None:
                raise
            raise told from exc

    def _commit(self, txid: int) -> None:
        """COMMIT; when the connection goes as it is sent, the server may have saved it all
        before the answer was lost, so a new connection asks what became of transaction
        ``txid``: saved is saved (the desk must not type it again), rolled back is the plain
        "nothing was saved", and a server still away leaves it in doubt, said as such."""
        try:
            self.conn.execute_simple("COMMIT")
        except ServerUnreachable as lost:
            self.conn.in_transaction = False  # it ended with the connection, one way or another
            try:
                (status,) = self.conn.execute("SELECT txid_status(?)", [txid]).fetchone() or ("",)
            except ServerUnreachable:
                raise self._in_doubt(lost) from lost
            if status == "committed":
                return
            if status == "aborted":
                raise lost
            raise self._in_doubt(lost) from lost

    def _in_doubt(self, lost: ServerUnreachable) -> ServerUnreachable:
        return ServerUnreachable(
            _(
                "The PC that holds the shared card file ({where}) stopped answering just as "
                "this was being saved: it may have been saved. Once that PC answers again, "
                "look whether it is there before typing it again.",
                where=self.where(),
            ),
            lost.details,
        )

    def _savepoint(self) -> Iterator[PgConnection]:
        self._depth += 1
        name = f"shopcards_{self._depth}"
        self.conn.execute_simple(f"SAVEPOINT {name}")
        try:
            yield self.conn
            self.conn.execute_simple(f"RELEASE SAVEPOINT {name}")
        except BaseException:
            self.conn.execute_simple(f"ROLLBACK TO SAVEPOINT {name}")
            raise
        finally:
            self._depth -= 1

    def _write_error(self, exc: Exception) -> CardFileError | None:
        """Busy is told as such (unreachable is told by the connection); anything else is a
        bug and goes on."""
        if isinstance(exc, CardFileError):
            return None
        details = exc.args[0] if exc.args and isinstance(exc.args[0], dict) else {}
        if details.get("C") == LOCK_TIMEOUT_CODE:
            return CardFileError(
                _(
                    "The card file {path} is busy: another desk has been saving for over "
                    "{seconds} seconds. Try again in a moment.",
                    path=self.where(),
                    seconds=BUSY_TIMEOUT_MS // 1000,
                ),
                str(exc),
            )
        return None

    def flush_log(self) -> None:
        """Nothing to do: the server keeps no log of deleted rows in the shop's folder."""

    def write_count(self) -> int:
        (count,) = self.conn.execute("SELECT n FROM store_writes WHERE one = 1").fetchone() or (0,)
        return int(count)


def where(address: SharedAddress) -> str:
    """Where a shared card file lives, as a person reads it: ``till-pc:5433/shop``."""
    return f"{address.short}/{address.database}"


def open_shared(address: SharedAddress, password: str | None) -> SharedCardFile:
    """Connect to the shared store at ``address``; ServerUnreachable when it does not answer,
    PasswordRefused when it refuses the password."""
    conn = PgConnection(partial(_native, address, password), where(address))
    return SharedCardFile(address, conn, password)


def _native(address: SharedAddress, password: str | None) -> pg8000.native.Connection:
    import pg8000.native

    options: dict[str, Any] = {"user": address.user, "database": address.database}
    if address.host.startswith("/"):  # a socket folder, as libpq reads such a host
        options["unix_sock"] = f"{address.host}/.s.PGSQL.{address.port}"
    else:
        options.update(host=address.host, port=address.port)
    try:
        native = pg8000.native.Connection(
            password=password, timeout=CONNECT_TIMEOUT_S, application_name="shopcards", **options
        )
        native.run(f"SET lock_timeout = {BUSY_TIMEOUT_MS}")
    except Exception as exc:
        if connection_lost(exc):
            raise unreachable(where(address), exc) from exc
        if password_refused(exc):
            raise PasswordRefused(
                _(
                    "The PC that holds the shared card file ({where}) refused the password: "
                    "type it again exactly as it was shown there.",
                    where=where(address),
                ),
                str(exc),
            ) from exc
        raise
    return native
