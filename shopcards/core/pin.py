"""The owner's PIN, kept only as a salted scrypt hash.

A card file travels (backups, a USB stick), so the PIN itself is never stored: only
``scrypt$n$r$p$salt$hash`` with a random salt. scrypt is slow on purpose, which makes guessing a
short PIN from a stolen file costly; the cost parameters are stored with the hash so a later
shopcards can raise them without locking anybody out.

At the desk the danger is guessing: after a few wrong PINs in a row each further try has to
wait, longer each time (:func:`seconds_to_wait`), so four digits cannot be tried through.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets

from shopcards.core.text import has_control_chars

MIN_LENGTH = 4
FREE_TRIES = 5
"""Wrong PINs in a row before a try has to wait."""
LONGEST_WAIT = 15 * 60
MAX_LENGTH = 64
_N, _R, _P = 2**14, 8, 1
_SALT_BYTES = 16
_KEY_BYTES = 32
_SCHEME = "scrypt"


def seconds_to_wait(failures: int, since_last: float) -> int:
    """How long the next try must wait after ``failures`` wrong PINs in a row, the last one
    ``since_last`` seconds ago: nothing for the first few, then 30 s, 60 s, … up to 15 min."""
    if failures < FREE_TRIES:
        return 0
    wait = min(30 * 2 ** (failures - FREE_TRIES), LONGEST_WAIT)
    return max(0, int(wait - since_last + 0.999))


def pin_problem(pin: str) -> str | None:
    """What is wrong with ``pin`` as a new PIN, for a person; None when it will do."""
    if len(pin) < MIN_LENGTH:
        return f"A PIN needs at least {MIN_LENGTH} characters"
    if len(pin) > MAX_LENGTH:
        return f"A PIN may have at most {MAX_LENGTH} characters"
    if has_control_chars(pin) or pin != pin.strip():
        return "A PIN may not start or end with a space or hold invisible characters"
    return None


def hash_pin(pin: str) -> str:
    """A new salted hash of ``pin``, as text to keep in the card file's settings."""
    salt = secrets.token_bytes(_SALT_BYTES)
    key = _derive(pin, salt, _N, _R, _P)
    return "$".join([_SCHEME, str(_N), str(_R), str(_P), _b64(salt), _b64(key)])


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
