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
from pathlib import Path

from sqlite_utils import Database

from shopcards.core.errors import PermissionDenied, ValidationError
from shopcards.core.pin import hash_pin, pin_problem, seconds_to_wait, verify_pin
from shopcards.core.roles import Role
from shopcards.services.session import Session, open_session, require_owner
from shopcards.store import changes
from shopcards.store import settings as settings_store

PIN_KEY = "owner_pin_hash"
FAILURES_KEY = "owner_pin_failures"
PIN_ENV = "SHOPCARDS_PIN"
WRONG_PIN = "That PIN is not right. Clerk mode stays on."


def pin_is_set(session: Session) -> bool:
    return _stored_hash(session.db) is not None


def set_pin(session: Session, new_pin: str, current_pin: str | None = None) -> None:
    """Set the owner's PIN: on first start anybody (there is no owner yet), later only the
    owner who also types the current PIN. Raises ValidationError for a PIN that will not do.
    """
    problem = pin_problem(new_pin)
    if problem:
        raise ValidationError({"pin": problem})
    with session.card_file.write() as db:
        stored = _stored_hash(db)
        if stored is not None:
            require_owner(session, "change the PIN")
            if current_pin is None or not verify_pin(current_pin, stored):
                raise PermissionDenied("The current PIN is not right; the PIN was not changed.")
        settings_store.save(db, {PIN_KEY: hash_pin(new_pin)})
        changes.record(
            db, session.actor, session.now(), "card_file", 0, "pin_changed" if stored else "pin_set"
        )


def check_pin(session: Session, pin: str) -> bool:
    """True when ``pin`` is the owner's PIN (or when no PIN has been set yet)."""
    stored = _stored_hash(session.db)
    return stored is None or verify_pin(pin, stored)


def become_owner(session: Session, pin: str) -> None:
    """Switch this session to owner mode; PermissionDenied when the PIN is wrong, or when too
    many wrong ones in a row (at any desk: the count is in the card file) make this try wait.
    Each wrong PIN is in the card file's change log."""
    failures, last = _failures(session.db)
    if failures and last:
        since = dt.datetime.fromisoformat(session.now()) - dt.datetime.fromisoformat(last)
        wait = seconds_to_wait(failures, since.total_seconds())
        if wait:
            raise PermissionDenied(
                f"{failures} wrong PINs in a row: the next try has to wait {wait} seconds."
            )
    right = check_pin(session, pin)
    with session.card_file.write() as db:
        count = 0 if right else _failures(db)[0] + 1
        if count or failures:
            settings_store.save(db, {FAILURES_KEY: {"count": count, "last": session.now()}})
        if not right:
            changes.record(db, session.actor, session.now(), "card_file", 0, "pin_refused")
    if not right:
        raise PermissionDenied(WRONG_PIN)
    session.role = Role.OWNER


def become_clerk(session: Session) -> None:
    """Back to clerk mode: the owner left the desk, or stayed idle too long."""
    session.role = Role.CLERK


def cli_session(
    path: Path, need_owner: bool, ask: Callable[[str], str] = getpass.getpass
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
            become_owner(session, _pin_from_environment_or_terminal(ask))
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
            f"This needs the owner's PIN: set {PIN_ENV}, or run the command in a terminal."
        )
    return ask("Owner PIN: ")


def _failures(db: Database) -> tuple[int, str]:
    """Wrong PINs in a row, and when the last one was typed."""
    value = settings_store.load(db).get(FAILURES_KEY)
    if not isinstance(value, dict):
        return 0, ""
    return int(value.get("count", 0)), str(value.get("last", ""))


def _stored_hash(db: Database) -> str | None:
    value = settings_store.load(db).get(PIN_KEY)
    return value if isinstance(value, str) and value else None
