"""An open card file with the person working on it: the handle every service takes."""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from shopcards.core.collation import Alphabet
from shopcards.core.errors import PermissionDenied
from shopcards.core.i18n import _
from shopcards.core.roles import Role
from shopcards.core.settings import ShopSettings
from shopcards.store import settings as settings_store
from shopcards.store.handle import Connection
from shopcards.store.stores import Location, Store, open_store

if TYPE_CHECKING:
    from shopcards.store.handle import Database


__all__ = ["Location", "Session", "connect", "require_owner", "sqlite_version"]


def _local_now() -> dt.datetime:
    return dt.datetime.now().replace(microsecond=0)


@dataclass
class Session:
    """The card file, who is working (owner or clerk), and the clock (replaceable in tests)."""

    card_file: Store
    role: Role = Role.CLERK
    clock: Callable[[], dt.datetime] = field(default=_local_now)
    _settings: ShopSettings | None = field(default=None, repr=False)

    @property
    def db(self) -> Database:
        """The card file through sqlite-utils: for writes, and reads that need more than SQL."""
        return self.card_file.db

    @property
    def conn(self) -> Connection:
        """The card file's plain connection: the reads before the cabinet's first paint take
        it, as ``db`` would import sqlite-utils (~0.1 s; issue 12)."""
        return self.card_file.conn

    @property
    def settings(self) -> ShopSettings:
        if self._settings is None:
            self._settings = ShopSettings.from_dict(settings_store.load(self.conn))
        return self._settings

    def twin(self) -> Session:
        """A session of its own on the same card file, for the same person and clock: for
        work on another thread (a SQLite connection belongs to the thread that opened it)."""
        return Session(self.card_file.reopen(), self.role, self.clock)

    def forget_settings(self) -> None:
        """Read the settings again on next use (another desk may have changed them)."""
        self._settings = None

    @property
    def alphabet(self) -> Alphabet:
        return Alphabet.for_locale(self.settings.locale)

    @property
    def actor(self) -> str:
        return self.role.value

    def now(self) -> str:
        return self.clock().isoformat(timespec="seconds")

    def today(self) -> dt.date:
        return self.clock().date()

    def close(self) -> None:
        self.card_file.close()


def connect(location: Location, role: Role = Role.CLERK, password: str | None = None) -> Session:
    """The card file (or shared card file) opened for ``role``, with nothing run on it: what a
    desk opens with is :func:`shopcards.services.opening.open_session`."""
    return Session(open_store(location, password), role)


def sqlite_version() -> str:
    """The version of SQLite that keeps the card file (the About box lists it)."""
    return sqlite3.sqlite_version


def require_owner(session: Session, what: str) -> None:
    """Refuse an owner-only action at the place the work is done, not only in the menus."""
    if session.role is not Role.OWNER:
        raise PermissionDenied(
            # Translators: {what} is the work refused, translated where it is asked for
            # ("import customers", "merge two cards"): word it to follow "may" here
            _("Only the owner may {what}. Switch to owner mode with the PIN.", what=what)
        )
