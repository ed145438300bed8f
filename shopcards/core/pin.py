"""The owner's PIN, kept only as a salted scrypt hash.

A card file travels (backups, a USB stick), so the PIN itself is never stored: only
``scrypt$n$r$p$salt$hash`` with a random salt. scrypt is slow on purpose: with
:data:`DEFAULT_COST` one check takes about 0.36 s on a 2-core shop PC (tests/bench/bench_pin.py),
so trying every 6-digit PIN from a copied file costs about two days of both cores, where a
4-digit PIN fell in two minutes. The cost parameters are stored with the hash, so a later
shopcards can raise them: an older hash keeps its own and is hashed again at the next
successful login (:func:`needs_rehash`).

At the desk the danger is guessing: after a few wrong PINs in a row each further try has to
wait, longer each time (:func:`seconds_to_wait`).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
from dataclasses import dataclass

from shopcards.core.i18n import N_, _
from shopcards.core.text import has_control_chars

MIN_DIGITS = 6
"""A new PIN of digits only has at least this many."""
MIN_PASSPHRASE = 12
"""A new PIN with anything but digits in it is a passphrase of at least this many characters."""
FREE_TRIES = 5
"""Wrong PINs in a row before a try has to wait."""
LONGEST_WAIT = 15 * 60
SHORT_PIN = N_(
    "A PIN needs at least {digits} digits, or use a passphrase of at least {characters} characters"
)
"""The message for a PIN too short, before its numbers are filled in (:func:`short_pin_text`)."""
MAX_LENGTH = 64
_SALT_BYTES = 16
_KEY_BYTES = 32
_SCHEME = "scrypt"


@dataclass(frozen=True)
class PinCost:
    """scrypt's cost parameters: ``n`` (memory and time), ``r`` (block size), ``p`` (lanes)."""

    n: int
    r: int
    p: int


DEFAULT_COST = PinCost(2**16, 8, 1)
"""64 MiB and ≈0.36 s a check on a 2-core PC of 2026: 10**6 PINs ≈ 2 days of both cores."""


def seconds_to_wait(failures: int, since_last: float) -> int:
    """How long the next try must wait after ``failures`` wrong PINs in a row, the last one
    ``since_last`` seconds ago: nothing for the first few, then 30 s, 60 s, … up to 15 min."""
    if failures < FREE_TRIES:
        return 0
    wait = min(30 * 2 ** (failures - FREE_TRIES), LONGEST_WAIT)
    return max(0, int(wait - since_last + 0.999))


def pin_problem(pin: str) -> str | None:
    """What is wrong with ``pin`` as a new PIN, for a person; None when it will do."""
    if is_short(pin):
        return short_pin_text()
    if len(pin) > MAX_LENGTH:
        return _("A PIN may have at most {count} characters", count=MAX_LENGTH)
    if has_control_chars(pin) or pin != pin.strip():
        return _("A PIN may not start or end with a space or hold invisible characters")
    return None


def is_short(pin: str) -> bool:
    """True for a PIN set under the old rule (4 or 5 digits): it still opens, but the owner
    is asked to choose a longer one."""
    return len(pin) < (MIN_DIGITS if pin.isdigit() else MIN_PASSPHRASE)


def short_pin_text() -> str:
    """What a PIN too short must be instead, in the language in use."""
    return _(SHORT_PIN, digits=MIN_DIGITS, characters=MIN_PASSPHRASE)


def hash_pin(pin: str, cost: PinCost = DEFAULT_COST) -> str:
    """A new salted hash of ``pin``, as text to keep in the card file's settings. A cheaper
    ``cost`` is for tests only; the program always uses the default."""
    salt = secrets.token_bytes(_SALT_BYTES)
    key = _derive(pin, salt, cost.n, cost.r, cost.p)
    return "$".join([_SCHEME, str(cost.n), str(cost.r), str(cost.p), _b64(salt), _b64(key)])


def needs_rehash(stored: str, cost: PinCost = DEFAULT_COST) -> bool:
    """True when ``stored`` was made with less than ``cost`` in any parameter."""
    try:
        scheme, n, r, p, _salt, _key = stored.split("$")
        old = PinCost(int(n), int(r), int(p))
    except ValueError:
        return True
    return scheme != _SCHEME or old.n < cost.n or old.r < cost.r or old.p < cost.p


def verify_pin(pin: str, stored: str) -> bool:
    """True when ``pin`` is the one ``stored`` was made from (constant-time comparison)."""
    try:
        scheme, n, r, p, salt, key = stored.split("$")
        if scheme != _SCHEME:
            return False
        expected = base64.b64decode(key, validate=True)
        actual = _derive(pin, base64.b64decode(salt, validate=True), int(n), int(r), int(p))
    except ValueError:
        return False
    return hmac.compare_digest(actual, expected)


def _derive(pin: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return hashlib.scrypt(
        pin.encode("utf-8"), salt=salt, n=n, r=r, p=p, maxmem=256 * n * r, dklen=_KEY_BYTES
    )


def _b64(raw: bytes) -> str:
    return base64.b64encode(raw).decode("ascii")
