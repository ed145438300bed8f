"""Remember a shared card file on this PC: where it is, and — kept apart — its password.

The address (:class:`~shopcards.core.shared_address.SharedAddress`, no password in it) goes in
the user's own settings folder (``connections.json``); it is never put in the card file's
settings, which every desk reads. The password goes:

- in the system's keyring (Windows Credential Manager, the macOS Keychain) through the
  ``keyring`` package, when it is installed and has a working store;
- else in ``passwords.json`` beside the addresses, readable by this user only (0600 in a 0700
  folder; on Windows the user's profile folder is the user's alone already) — what
  PostgreSQL's own ``~/.pgpass`` does. On Linux this is the way: ``keyring`` would need the
  ``cryptography`` package there (over 20 MB), more than the installer can carry.

It also keeps which card file this PC opens when shopcards starts without ``--db``
(``start.json``): the card file in the data folder, until this PC shares its card file or
connects to a shared one; from then on the shared one, so that after a restart the till and
the back office do not each go on writing a card file of their own. A card file ``unshare``
made from that shared one takes its place again. A card file whose cards moved into a server
says so (:func:`moved_away`) when it is opened again all the same.

``SHOPCARDS_HOME`` moves the settings folder as it moves the card files (tests, a portable
install).
"""

from __future__ import annotations

import dataclasses
import json
import logging
import os
import tempfile
from enum import Enum
from pathlib import Path
from typing import Any

import platformdirs

from shopcards import paths
from shopcards.core.changes import Change
from shopcards.core.errors import ShopError
from shopcards.core.i18n import _
from shopcards.core.shared_address import SharedAddress, parse_address
from shopcards.services.session import Session
from shopcards.store import changes
from shopcards.store.shared_file import SharedCardFile

KEYRING_SERVICE = "shopcards"
ADDRESSES_FILE = "connections.json"
PASSWORDS_FILE = "passwords.json"
START_FILE = "start.json"

log = logging.getLogger(__name__)


class KeptIn(Enum):
    """Where this PC keeps a password."""

    KEYRING = "keyring"
    FILE = "file"


class PasswordNotKept(ShopError):
    """This PC remembers no password for a shared card file (never given, or forgotten)."""


class PasswordNoLongerWorks(ShopError):
    """The server refused the password this PC keeps: the owner changed it on the till PC."""

    def __init__(self, address: SharedAddress) -> None:
        super().__init__(
            _(
                "The password this PC keeps for the card file at {address} no longer works: "
                "ask the owner for the password shown on the PC that holds the card file, and "
                "connect again.",
                address=address.short,
            )
        )
        self.address = address


def settings_folder() -> Path:
    """This user's shopcards settings on this PC (not the card file's)."""
    override = os.environ.get("SHOPCARDS_HOME")
    if override:
        return Path(override) / "settings"
    return platformdirs.user_config_path(paths.APP_NAME, appauthor=False)


def remember(address: SharedAddress, password: str) -> KeptIn:
    """Keep ``address`` in the list of this PC's shared card files and its password in the
    keyring, else in the private file; say where the password went."""
    addresses = _read(ADDRESSES_FILE)
    addresses[str(address)] = {}
    _write(ADDRESSES_FILE, addresses)
    if _keyring_set(str(address), password):
        _drop_from_file(str(address))
        return KeptIn.KEYRING
    passwords = _read(PASSWORDS_FILE)
    passwords[str(address)] = password
    _write(PASSWORDS_FILE, passwords)
    return KeptIn.FILE


def remembered() -> list[SharedAddress]:
    """The shared card files this PC has connected to, as remembered."""
    return [parse_address(text) for text in _read(ADDRESSES_FILE)]


def start_location() -> Path | SharedAddress:
    """The card file this PC opens when no ``--db`` is given (see the module's docstring). A
    damaged setting is logged and the data folder's card file opened: a start never fails on
    it."""
    try:
        kept = _read(START_FILE)
        if isinstance(kept.get("shared"), dict):
            return SharedAddress(**kept["shared"])
        if isinstance(kept.get("card_file"), str):
            return Path(kept["card_file"])
    except (ValueError, TypeError) as exc:
        log.warning("%s is damaged (%s): opening the data folder's card file", START_FILE, exc)
    return paths.default_db()


def open_at_start(location: Path | SharedAddress) -> None:
    """From the next start on, this PC opens ``location`` when no ``--db`` is given. Kept
    field by field: an address's text form does not carry every host (a server's socket
    folder)."""
    if isinstance(location, SharedAddress):
        _write(START_FILE, {"shared": dataclasses.asdict(location)})
    else:
        _write(START_FILE, {"card_file": str(location)})


def moved_away(session: Session) -> Change | None:
    """The line ``share`` left in this card file's change log when its cards moved into a
    server (its details say where to), or None. The card file is kept as it was and this PC
    opens the shared one from then on; opened again by hand, the old one looks like the
    shop's but saves where no other PC reads: the window says so."""
    if isinstance(session.card_file, SharedCardFile):
        return None
    return changes.last_of(session.db, "card_file", 0, "shared")


def password_for(address: SharedAddress) -> str:
    """The kept password of ``address``; refused, saying what to do, when none is kept."""
    found = _keyring_get(str(address))
    if found is None:
        found = _read(PASSWORDS_FILE).get(str(address))
    if isinstance(found, str):
        return found
    raise PasswordNotKept(
        _(
            "This PC keeps no password for the card file at {address}: connect to it again "
            "with the password shown on the PC that holds it.",
            address=address.short,
        )
    )


def forget(address: SharedAddress) -> None:
    """Forget the address and its password, wherever it was kept."""
    for name in (ADDRESSES_FILE, PASSWORDS_FILE):
        kept = _read(name)
        if kept.pop(str(address), None) is not None:
            _write(name, kept)
    _keyring_delete(str(address))


def _drop_from_file(key: str) -> None:
    passwords = _read(PASSWORDS_FILE)
    if passwords.pop(key, None) is not None:
        _write(PASSWORDS_FILE, passwords)


def _read(name: str) -> dict[str, Any]:
    path = settings_folder() / name
    if not path.exists():
        return {}
    kept = json.loads(path.read_text(encoding="utf-8"))
    return kept if isinstance(kept, dict) else {}


def _write(name: str, kept: dict[str, Any]) -> None:
    """Write whole, readable by this user only, or not at all (a new file swapped in)."""
    folder = settings_folder()
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    os.chmod(folder, 0o700)
    descriptor, temporary = tempfile.mkstemp(dir=folder, prefix=f".{name}-")  # 0600
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8") as file:
            json.dump(kept, file, indent=1, sort_keys=True)
        os.replace(temporary, folder / name)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _keyring() -> Any | None:
    """The keyring package when installed with a store that works (priority above 0: not
    its "fail" or "null" stand-ins); None otherwise."""
    try:
        import keyring
    except ImportError:
        return None
    backend = keyring.get_keyring()
    return keyring if getattr(backend, "priority", 0) > 0 else None


def _keyring_set(key: str, password: str) -> bool:
    keyring = _keyring()
    if keyring is None:
        return False
    try:
        keyring.set_password(KEYRING_SERVICE, key, password)
    except keyring.errors.KeyringError:
        return False
    return True


def _keyring_get(key: str) -> str | None:
    keyring = _keyring()
    if keyring is None:
        return None
    try:
        found = keyring.get_password(KEYRING_SERVICE, key)
    except keyring.errors.KeyringError:
        return None
    return found if isinstance(found, str) else None


def _keyring_delete(key: str) -> None:
    keyring = _keyring()
    if keyring is None:
        return
    try:
        keyring.delete_password(KEYRING_SERVICE, key)
    except keyring.errors.KeyringError:
        return
