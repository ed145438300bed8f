"""The owner's PIN against a clerk: tries sent at once are counted one by one, an old cheap
hash is made costly at the next login, and an old short PIN is asked to be replaced."""

from __future__ import annotations

import datetime as dt
import socket
import threading

import pytest

from shopcards.core.errors import PermissionDenied
from shopcards.core.pin import FREE_TRIES, hash_pin
from shopcards.core.roles import Role
from shopcards.services import auth
from shopcards.services.opening import open_session
from shopcards.services.session import Session
from shopcards.store import settings as settings_store
from shopcards.store.stores import Location
from tests.conftest import CHEAP_PIN_COST, FIXED_NOW, PIN, set_test_pin


def _burst(location: Location, pins: list[str]) -> list[str]:
    """Send every PIN from a desk of its own at the same moment; what each was told."""
    desks = [open_session(location) for _ in pins]
    for desk in desks:
        desk.clock = lambda: FIXED_NOW
    start = threading.Barrier(len(pins), timeout=60)
    told: list[str] = [""] * len(pins)

    def attempt(index: int) -> None:
        start.wait()
        try:
            auth.become_owner(desks[index], pins[index])
            told[index] = "owner"
        except PermissionDenied as exc:
            told[index] = exc.message

    threads = [threading.Thread(target=attempt, args=(i,)) for i in range(len(pins))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for desk in desks:
        desk.close()
    return told


def test_forty_wrong_pins_at_once_get_five_checks_like_tries_one_after_another(
    owner: Session, location: Location
) -> None:
    set_test_pin(owner)
    told = _burst(location, ["000000"] * 40)
    assert told.count(auth.WRONG_PIN) == FREE_TRIES
    assert sum("has to wait" in message for message in told) == 40 - FREE_TRIES
    with pytest.raises(PermissionDenied, match="has to wait"):
        auth.become_owner(owner, PIN)  # the right PIN, still inside the wait


def test_the_right_pin_late_in_a_burst_is_refused_until_the_wait_passes(
    owner: Session, clerk: Session, location: Location
) -> None:
    set_test_pin(owner)
    for _ in range(FREE_TRIES):
        with pytest.raises(PermissionDenied, match="not right"):
            auth.become_owner(clerk, "000000")
    told = _burst(location, ["111111"] * 9 + [PIN])
    assert "owner" not in told and all("has to wait" in message for message in told)
    clerk.clock = lambda: FIXED_NOW + dt.timedelta(seconds=31)
    auth.become_owner(clerk, PIN)
    assert clerk.role is Role.OWNER


def test_a_cheap_old_hash_is_made_costly_at_the_next_login(clerk: Session) -> None:
    set_test_pin(clerk)
    assert settings_store.load(clerk.db)[auth.PIN_KEY].startswith("scrypt$1024$8$1$")
    auth.become_owner(clerk, PIN)
    stored = settings_store.load(clerk.db)[auth.PIN_KEY]
    assert stored.startswith("scrypt$65536$8$1$")
    auth.become_clerk(clerk)
    auth.become_owner(clerk, PIN)  # the new hash opens with the same PIN
    assert clerk.role is Role.OWNER


def test_an_old_four_digit_pin_still_opens_but_asks_for_a_longer_one(clerk: Session) -> None:
    settings_store.save(clerk.db, {auth.PIN_KEY: hash_pin("4711", CHEAP_PIN_COST)})
    with pytest.raises(PermissionDenied, match="not right"):
        auth.become_owner(clerk, "4712")
    assert auth.become_owner(clerk, "4711") == auth.CHOOSE_LONGER
    assert "at least 6 digits" in auth.CHOOSE_LONGER
    auth.become_clerk(clerk)
    settings_store.save(clerk.db, {auth.PIN_KEY: hash_pin(PIN, CHEAP_PIN_COST)})
    assert auth.become_owner(clerk, PIN) is None


def test_every_owner_login_is_in_the_change_log_with_the_desk(clerk: Session) -> None:
    set_test_pin(clerk)
    with pytest.raises(PermissionDenied):
        auth.become_owner(clerk, "000000")
    auth.become_owner(clerk, PIN)
    rows = clerk.db.execute(
        "SELECT actor, action, desk FROM changes WHERE action IN ('pin_refused', 'owner_login') "
        "ORDER BY id"
    ).fetchall()
    desk = socket.gethostname()
    assert rows == [("clerk", "pin_refused", desk), ("owner", "owner_login", desk)]
