"""Owner and clerk: the PIN, switching modes, and the owner's work refused to the clerk."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from shopcards.core.errors import PermissionDenied, ValidationError
from shopcards.core.purchase import PurchaseInput
from shopcards.core.roles import Role
from shopcards.services import auth, cards, purchase_import, purchases
from shopcards.services.opening import open_session
from shopcards.services.session import Session
from shopcards.store import settings as settings_store
from shopcards.store.stores import Location
from tests.conftest import CHEAP_PIN_COST, PIN, card_input, set_test_pin


@pytest.fixture
def with_pin(owner: Session) -> Session:
    set_test_pin(owner)
    return owner


def test_the_pin_is_kept_only_as_a_salted_hash(with_pin: Session, location: Location) -> None:
    stored = settings_store.load(with_pin.db)[auth.PIN_KEY]
    assert stored.startswith("scrypt$") and PIN not in stored
    if isinstance(location, Path):  # nor anywhere in the card file's bytes
        assert PIN.encode() not in location.read_bytes()


def test_a_new_card_file_has_no_pin_and_asks_for_none(clerk: Session) -> None:
    assert not auth.pin_is_set(clerk)
    assert auth.become_owner(clerk, "") is None and clerk.role is Role.OWNER


def test_the_first_pin_may_be_set_from_clerk_mode(clerk: Session) -> None:
    """First start: the app opens in clerk mode and asks the owner to set a PIN."""
    with pytest.raises(ValidationError, match="at least 6 digits"):
        auth.set_pin(clerk, "12")
    set_test_pin(clerk)
    assert auth.pin_is_set(clerk) and clerk.role is Role.CLERK


def test_changing_the_pin_needs_owner_mode_and_the_current_pin(
    with_pin: Session, clerk: Session
) -> None:
    with pytest.raises(PermissionDenied):
        auth.set_pin(clerk, "135790", current_pin=PIN)
    with pytest.raises(PermissionDenied, match="current PIN is not right"):
        auth.set_pin(with_pin, "135790", current_pin="000000")
    auth.set_pin(with_pin, "135790", current_pin=PIN, cost=CHEAP_PIN_COST)
    auth.become_owner(clerk, "135790")


def test_owner_mode_needs_the_right_pin(with_pin: Session, clerk: Session) -> None:
    with pytest.raises(PermissionDenied, match="not right"):
        auth.become_owner(clerk, "000000")
    assert clerk.role is Role.CLERK
    auth.become_owner(clerk, PIN)
    assert clerk.role is Role.OWNER and clerk.actor == "owner"
    auth.become_clerk(clerk)
    assert clerk.role is Role.CLERK


def test_after_five_wrong_pins_each_try_waits_longer_at_every_desk(
    with_pin: Session, clerk: Session, location: Location
) -> None:
    now = [dt.datetime(2026, 11, 23, 10, 0)]
    clerk.clock = lambda: now[0]
    for _ in range(5):
        with pytest.raises(PermissionDenied, match="not right"):
            auth.become_owner(clerk, "000000")
    with pytest.raises(PermissionDenied, match=r"5 wrong PINs in a row: .* wait 30 seconds"):
        auth.become_owner(clerk, PIN)  # even the right PIN waits
    other_desk = open_session(location)
    other_desk.clock = clerk.clock
    with pytest.raises(PermissionDenied, match="wait 30 seconds"):
        auth.become_owner(other_desk, PIN)
    other_desk.close()
    now[0] += dt.timedelta(seconds=31)
    with pytest.raises(PermissionDenied, match="not right"):
        auth.become_owner(clerk, "111111")
    with pytest.raises(PermissionDenied, match=r"6 wrong PINs in a row: .* wait 60 seconds"):
        auth.become_owner(clerk, PIN)
    now[0] += dt.timedelta(seconds=61)
    auth.become_owner(clerk, PIN)
    assert clerk.role is Role.OWNER
    refused = clerk.db.execute(
        "SELECT count(*), count(json_extract(details, '$.waiting')) FROM changes "
        "WHERE action = 'pin_refused'"
    )
    assert refused.fetchone() == (9, 3)  # 6 wrong PINs and 3 tries refused for waiting
    auth.become_clerk(clerk)
    with pytest.raises(PermissionDenied, match="not right"):  # the count started again
        auth.become_owner(clerk, "000000")


def test_the_clerk_may_not_archive_or_erase_a_card(clerk: Session) -> None:
    card = cards.add_card(clerk, card_input())
    assert card.id is not None
    with pytest.raises(PermissionDenied, match="Only the owner may archive"):
        cards.archive_card(clerk, card.id)
    with pytest.raises(PermissionDenied, match="Only the owner may forget a customer"):
        cards.erase_card(clerk, card.id)
    assert cards.get_card(clerk, card.id).archived_at is None


def test_the_clerk_may_not_void_or_change_an_older_purchase(owner: Session, clerk: Session) -> None:
    card_id = cards.add_card(owner, card_input()).id
    assert card_id is not None
    owner.clock = lambda: dt.datetime(2026, 11, 20, 9, 0)
    old = purchases.record_purchase(owner, card_id, PurchaseInput("20"))
    with pytest.raises(PermissionDenied):
        purchases.void_purchase(clerk, old, "mistake")
    with pytest.raises(PermissionDenied):
        purchases.edit_purchase(clerk, old, PurchaseInput("2"))
    assert purchases.get_purchase(clerk, old.id) == old


def test_the_clerk_may_not_import_purchases(clerk: Session, tmp_path: Path) -> None:
    export = tmp_path / "till.csv"
    export.write_text("date;amount;card\n2026-11-01;12,50;0000018\n", encoding="utf-8")
    with pytest.raises(PermissionDenied, match="Only the owner may import"):
        purchase_import.import_purchases(clerk, export)


def test_a_command_asks_for_the_pin_only_when_one_is_set(
    location: Location, with_pin: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(auth.PIN_ENV, raising=False)
    asked: list[str] = []

    def typed(prompt: str) -> str:
        asked.append(prompt)
        return PIN

    monkeypatch.setattr("sys.stdin.isatty", lambda: True)
    session = auth.cli_session(location, need_owner=True, ask=typed)
    assert session.role is Role.OWNER and asked == ["Owner PIN: "]
    session.close()
    session = auth.cli_session(location, need_owner=False, ask=typed)
    assert session.role is Role.CLERK and len(asked) == 1
    session.close()


def test_a_command_takes_the_pin_from_the_environment(
    location: Location, with_pin: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(auth.PIN_ENV, "000000")
    with pytest.raises(PermissionDenied, match="not right"):
        auth.cli_session(location, need_owner=True)
    monkeypatch.setenv(auth.PIN_ENV, PIN)
    session = auth.cli_session(location, need_owner=True)
    assert session.role is Role.OWNER
    session.close()


def test_without_a_terminal_or_pin_variable_a_command_says_what_to_do(
    location: Location, with_pin: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(auth.PIN_ENV, raising=False)
    monkeypatch.setattr("sys.stdin.isatty", lambda: False)
    with pytest.raises(PermissionDenied, match="set SHOPCARDS_PIN"):
        auth.cli_session(location, need_owner=True)


def test_a_card_file_without_pin_opens_as_owner_without_asking(tmp_path: Path) -> None:
    def never(prompt: str) -> str:
        raise AssertionError("asked for a PIN")

    session = auth.cli_session(tmp_path / "demo.db", need_owner=True, ask=never)
    assert session.role is Role.OWNER
    session.close()
