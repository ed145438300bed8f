"""The two stores a desk opens: a card file on this PC, or a shared card file on a server.

A *location* says which: a path is a card file (SQLite); a
:class:`~shopcards.core.shared_address.SharedAddress` is a shared card file (PostgreSQL). Both open
objects have the same ways (``conn``, ``db``, ``write()``, ``path``, ``where()``,
``reopen()``, ``close()``), so the services take either as their ``card_file``.
"""

from __future__ import annotations

from pathlib import Path
from typing import TypeAlias

from shopcards.core.shared_address import SharedAddress
from shopcards.store.cardfile import CardFile, open_card_file
from shopcards.store.shared_file import SharedCardFile, open_shared
from shopcards.store.shared_upgrade import upgrade

Location: TypeAlias = Path | SharedAddress
Store: TypeAlias = CardFile | SharedCardFile


def open_store(location: Location, password: str | None = None, create: bool = True) -> Store:
    """Open the store at ``location``: a card file (created if ``create``), or a shared card
    file with ``password`` (None: the server trusts this PC's user, as the tests' does)."""
    if isinstance(location, SharedAddress):
        return _upgraded(open_shared(location, password))
    return open_card_file(Path(location), create=create)


def _upgraded(shared: SharedCardFile) -> SharedCardFile:
    """A shared card file made by an older shopcards is upgraded as it opens, as a card file
    is (store/shared_upgrade.py); one from a newer shopcards is refused."""
    try:
        upgrade(shared)
    except BaseException:
        shared.close()
        raise
    return shared
