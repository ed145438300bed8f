"""Where a shared card file lives: the server's address, as one value a person can type.

A shared card file is a database on the PostgreSQL server of the PC that holds the shop's data
(the till). The other PCs need four things to reach it — host, port, database and user — and
one secret, the password, which never becomes part of this value or of its text: the address
may be shown on screen, written in a settings file or read over the phone, the password is
kept apart (:mod:`shopcards.services.connection_secret`).

The text form is the usual ``postgresql://user@host:port/database``; a person may also type
only what differs from the defaults: ``192.168.1.20``, ``till-pc:5433``, ``[fd00::2]:5433``.
"""

from __future__ import annotations

import ipaddress
import re
import secrets
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from shopcards.core.errors import ShopError
from shopcards.core.i18n import _

DEFAULT_PORT = 5433
"""Not PostgreSQL's own 5432, so that a PostgreSQL the PC already runs is left alone."""
DEFAULT_NAME = "shopcards"
"""The shop's database and its user, unless the owner chose others."""
SCHEMES = ("postgresql", "postgres")

_HOST_LABEL = re.compile(r"^(?!-)[A-Za-z0-9-]{1,63}(?<!-)$")
_IDENTIFIER = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")
"""Lower-case PostgreSQL names that need no quoting anywhere (a role or database name)."""

PASSWORD_ALPHABET = "23456789abcdefghjkmnpqrstuvwxyz"
"""Letters and digits nobody mistakes for one another when read aloud or from a slip of paper:
no 0/o, 1/l/i; lower case only, so Caps Lock cannot spoil it."""
PASSWORD_GROUPS = 5
PASSWORD_GROUP_SIZE = 5


class SharedAddressError(ShopError):
    """A typed address that cannot be a shared card file's: the message says which part."""


@dataclass(frozen=True)
class SharedAddress:
    """How to reach a shared card file, without its password."""

    host: str
    port: int = DEFAULT_PORT
    database: str = DEFAULT_NAME
    user: str = DEFAULT_NAME

    def __str__(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"postgresql://{self.user}@{host}:{self.port}/{self.database}"

    @property
    def short(self) -> str:
        """What a person types on the other PC: the host, and the port only if not the default."""
        host = f"[{self.host}]" if ":" in self.host else self.host
        return host if self.port == DEFAULT_PORT else f"{host}:{self.port}"


def parse_address(text: str) -> SharedAddress:
    """Read an address as typed or stored; refuse with what is wrong and where."""
    typed = text.strip()
    if not typed:
        raise SharedAddressError(_("Type the address of the PC that holds the card file."))
    if _bare_ipv6(typed):
        return SharedAddress(host=_checked_host(typed, typed))
    scheme, found, _rest = typed.partition("://")
    if found and scheme.lower() not in SCHEMES:
        raise SharedAddressError(
            _(
                "“{address}” starts with “{scheme}://”: a shared card file's address starts "
                "with “postgresql://” or with the PC's name or number.",
                address=typed,
                scheme=scheme,
            )
        )
    return _from_parts(typed, typed if found else f"postgresql://{typed}")


def _from_parts(typed: str, uri: str) -> SharedAddress:
    try:
        parts = urlsplit(uri)
    except ValueError:  # an unclosed "[" of an IPv6 address
        raise SharedAddressError(_no_pc(typed)) from None
    try:
        port = parts.port
    except ValueError:
        raise SharedAddressError(
            _(
                "The port in “{address}” must be a number from 1 to 65535.",
                address=typed,
            )
        ) from None
    if parts.password is not None:
        raise SharedAddressError(
            _(
                "“{address}” holds a password: the address is written without it, and the "
                "password is asked for on its own.",
                address=typed,
            )
        )
    if parts.query or parts.fragment:
        raise SharedAddressError(
            _("“{address}” has more after the database name than an address holds.", address=typed)
        )
    if port == 0:
        raise SharedAddressError(
            _("The port in “{address}” must be a number from 1 to 65535.", address=typed)
        )
    database = unquote(parts.path.lstrip("/")) or DEFAULT_NAME
    user = unquote(parts.username) if parts.username else DEFAULT_NAME
    return SharedAddress(
        host=_checked_host(parts.hostname or "", typed),
        port=port or DEFAULT_PORT,
        database=_checked_name(database, typed, is_user=False),
        user=_checked_name(user, typed, is_user=True),
    )


def _bare_ipv6(text: str) -> bool:
    try:
        return ipaddress.ip_address(text).version == 6
    except ValueError:
        return False


def _checked_host(host: str, typed: str) -> str:
    """An IP address (not 0.0.0.0 or ::, which name every address and no PC), or a PC's name
    as the network knows it (letters, digits, hyphens)."""
    try:
        number = ipaddress.ip_address(host)
    except ValueError:
        labels = host.rstrip(".").split(".")
        if host and len(host) <= 253 and all(_HOST_LABEL.match(label) for label in labels):
            return host.rstrip(".").lower()
    else:
        if not number.is_unspecified:
            return str(number)
    raise SharedAddressError(_no_pc(typed))


def _no_pc(typed: str) -> str:
    return _(
        "“{address}” names no PC: type the till PC's number (like 192.168.1.20) or its "
        "name (like till-pc).",
        address=typed,
    )


def _checked_name(name: str, typed: str, *, is_user: bool) -> str:
    if _IDENTIFIER.match(name):
        return name
    if is_user:
        message = _(
            "The user name “{name}” in “{address}” may hold only small letters, digits and "
            "“_”, start with a letter, and be at most 63 long.",
            name=name,
            address=typed,
        )
    else:
        message = _(
            "The database name “{name}” in “{address}” may hold only small letters, digits "
            "and “_”, start with a letter, and be at most 63 long.",
            name=name,
            address=typed,
        )
    raise SharedAddressError(message)


def generate_password() -> str:
    """A password of ~124 bits (25 signs from 31) in five groups of five, like
    ``k7m2q-...``: strong enough for a server on the shop's network, and a person can read
    it aloud to whoever sets up the other PC."""
    groups = (
        "".join(secrets.choice(PASSWORD_ALPHABET) for _i in range(PASSWORD_GROUP_SIZE))
        for _g in range(PASSWORD_GROUPS)
    )
    return "-".join(groups)


def typed_password(text: str) -> str:
    """A generated password as a person types it from the slip: spaces and hyphens may be
    left out and capitals used, and it is still understood. Any other text (a password chosen
    by the owner) is taken exactly as typed."""
    signs = text.replace(" ", "").replace("-", "").lower()
    size = PASSWORD_GROUPS * PASSWORD_GROUP_SIZE
    if len(signs) != size or any(sign not in PASSWORD_ALPHABET for sign in signs):
        return text
    step = PASSWORD_GROUP_SIZE
    return "-".join(signs[start : start + step] for start in range(0, size, step))


def parse_location(text: str) -> Path | SharedAddress:
    """A card file's path, or a shared card file's address (``postgresql://…``): what is typed
    after ``--db``, and what this PC keeps as the card file it opens at start."""
    if text.strip().lower().startswith(tuple(f"{scheme}://" for scheme in SCHEMES)):
        return parse_address(text)
    return Path(text)
