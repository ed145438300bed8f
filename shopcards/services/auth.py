"""Owner and clerk: setting and checking the owner's PIN, and switching who is at the desk.

The PIN's salted hash lives in the card file's settings table under its own key, so every desk
that opens the file asks for the same PIN. A file with no PIN yet (a new file, a demo shop) has
no owner to protect, so nothing asks for one until the owner sets it.
"""

from __future__ import annotations

import datetime as dt
import getpass
import os
import sys
from collections.abc import Callable

from shopcards.core.errors import PermissionDenied, ValidationError
from shopcards.core.i18n import N_, _, ngettext
from shopcards.core.pin import (
    DEFAULT_COST,
    PinCost,
    hash_pin,
    is_short,
    needs_rehash,
    pin_problem,
    seconds_to_wait,
    verify_pin,
)
from shopcards.core.roles import Role
from shopcards.services.opening import open_session
from shopcards.services.session import Session, require_owner
from shopcards.store import changes
from shopcards.store import settings as settings_store
from shopcards.store.handle import Database
from shopcards.store.stores import Location

PIN_KEY = "owner_pin_hash"
FAILURES_KEY = "owner_pin_failures"
PIN_ENV = "SHOPCARDS_PIN"
WRONG_PIN = N_("That PIN is not right. Clerk mode stays on.")
CHOOSE_LONGER = N_(
    "Your PIN is shorter than shopcards now asks for. Please choose a new one of at least "
    "6 digits (or a passphrase of at least 12 characters): Shop ▸ Change PIN…."
)


def pin_is_set(session: Session) -> bool:
    return _stored_hash(session.db) is not None


def set_pin(
    session: Session,
    new_pin: str,
    current_pin: str | None = None,
    cost: PinCost = DEFAULT_COST,
) -> None:
    """Set the owner's PIN: on first start anybody (there is no owner yet), later only the
    owner who also types the current PIN. Raises ValidationError for a PIN that will not do.
    ``cost`` is scrypt's: the program keeps the default; only tests pass a cheaper one.
    """
    problem = pin_problem(new_pin)
    if problem:
        raise ValidationError({"pin": problem})
    with session.card_file.write() as db:
        stored = _stored_hash(db)
        if stored is not None:
            require_owner(session, _("change the PIN"))
            if current_pin is None or not verify_pin(current_pin, stored):
                raise PermissionDenied(_("The current PIN is not right; the PIN was not changed."))
        settings_store.save(db, {PIN_KEY: hash_pin(new_pin, cost)})
        changes.record(
            db, session.actor, session.now(), "card_file", 0, "pin_changed" if stored else "pin_set"
        )


def become_owner(session: Session, pin: str) -> str | None:
    """Switch this session to owner mode; PermissionDenied when the PIN is wrong, or when too
    many wrong ones in a row (at any desk: the count is in the card file) make this try wait.

    The try is counted as wrong *before* the PIN is checked, in a write transaction of its
    own, so tries sent at the same moment queue for the count and the sixth one waits even
    when it holds the right PIN. Every try, right or wrong, is in the change log. Returns a
    reminder to choose a longer PIN when this one is shorter than today's rule, else None.
    """
    stored = _reserve_try(session)
    right = stored is None or verify_pin(pin, stored)
    rehashed = hash_pin(pin) if right and stored and needs_rehash(stored) else None
    with session.card_file.write() as db:
        if right:
            settings_store.save(db, {FAILURES_KEY: {"count": 0, "last": session.now()}})
            if rehashed and _stored_hash(db) == stored:
                settings_store.save(db, {PIN_KEY: rehashed})
        changes.record(
            db,
            Role.OWNER.value if right else session.actor,
            session.now(),
            "card_file",
            0,
            "owner_login" if right else "pin_refused",
        )
    if not right:
        raise PermissionDenied(_(WRONG_PIN))
    session.role = Role.OWNER
    return _(CHOOSE_LONGER) if stored is not None and is_short(pin) else None


def _reserve_try(session: Session) -> str | None:
    """Count this try as a wrong one, or refuse it when it has to wait; the stored hash."""
    with session.card_file.write() as db:
        stored = _stored_hash(db)
        failures, last = _failures(db)
        wait = 0
        if failures and last:
            since = dt.datetime.fromisoformat(session.now()) - dt.datetime.fromisoformat(last)
            wait = seconds_to_wait(failures, since.total_seconds())
        if wait:
            changes.record(
                db, session.actor, session.now(), "card_file", 0, "pin_refused", {"waiting": wait}
            )
        elif stored is not None:
            settings_store.save(db, {FAILURES_KEY: {"count": failures + 1, "last": session.now()}})
    if wait:
        raise PermissionDenied(
            ngettext(
                "{failures} wrong PINs in a row: the next try has to wait {wait} second.",
                "{failures} wrong PINs in a row: the next try has to wait {wait} seconds.",
                wait,
                failures=failures,
                wait=wait,
            )
        )
    return stored


def become_clerk(session: Session) -> None:
    """Back to clerk mode: the owner left the desk, or stayed idle too long."""
    session.role = Role.CLERK


def cli_session(
    path: Location, need_owner: bool, ask: Callable[[str], str] = getpass.getpass
) -> Session:
    """A session for a command-line command: clerk mode, or owner mode when ``need_owner``.

    The owner's PIN comes from the SHOPCARDS_PIN environment variable or is asked for in the
    terminal; a card file with no PIN yet does not ask. Raises PermissionDenied when the PIN is
    wrong or cannot be asked for (no terminal and no SHOPCARDS_PIN).
    """
    session = open_session(path, Role.CLERK)
    if not need_owner:
        return session
    try:
        if pin_is_set(session):
            reminder = become_owner(session, _pin_from_environment_or_terminal(ask))
            if reminder:
                print(reminder, file=sys.stderr)
        else:
            session.role = Role.OWNER
    except BaseException:
        session.close()
        raise
    return session


def _pin_from_environment_or_terminal(ask: Callable[[str], str]) -> str:
    pin = os.environ.get(PIN_ENV)
    if pin is not None:
        return pin
    if not sys.stdin.isatty():
        raise PermissionDenied(
            _(
                "This needs the owner's PIN: set {variable}, or run the command in a terminal.",
                variable=PIN_ENV,
            )
        )
    return ask(_("Owner PIN: "))


def _failures(db: Database) -> tuple[int, str]:
    """Wrong PINs in a row, and when the last one was typed."""
    value = settings_store.load(db).get(FAILURES_KEY)
    if not isinstance(value, dict):
        return 0, ""
    return int(value.get("count", 0)), str(value.get("last", ""))


def _stored_hash(db: Database) -> str | None:
    value = settings_store.load(db).get(PIN_KEY)
    return value if isinstance(value, str) and value else None
