"""Fixtures every test folder shares: a real card file in a temporary folder."""

from __future__ import annotations

import datetime as dt
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from shopcards.core import i18n
from shopcards.core.pin import PinCost
from shopcards.core.roles import Role
from shopcards.core.validation import CardInput
from shopcards.services.opening import open_session
from shopcards.services.session import Session
from shopcards.store.stores import Location
from shopcards.ui.kit.qt_compat import keep_singletons_alive
from tests.shared_store import ServerForTests

FIXED_NOW = dt.datetime(2026, 11, 23, 10, 30, 0)
PIN = "246810"
"""The owner's PIN in tests (the lead's convention: at least 6 digits)."""
CHEAP_PIN_COST = PinCost(2**10, 8, 1)
"""scrypt at 1/64 of the program's cost, so setting a PIN in a test takes a millisecond."""


@pytest.fixture(scope="session", autouse=True)
def _singletons_outlive_pyside() -> None:
    """See shopcards.ui.kit.qt_compat: without it a long test run aborts in PySide6 6.12."""
    keep_singletons_alive()


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Nothing a test does may touch the real data folder."""
    monkeypatch.setenv("SHOPCARDS_HOME", str(tmp_path / "home"))


@pytest.fixture(autouse=True)
def _english(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Tests read English unless they choose a language, whatever the PC's locale; a test that
    chooses one gives English back to the next."""
    monkeypatch.setenv("SHOPCARDS_LANG", "en")
    yield
    i18n.use(i18n.ENGLISH)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "shop.db"


@pytest.fixture(scope="session")
def pg_server() -> Iterator[ServerForTests]:
    """The run's PostgreSQL server (tests/shared_store.py), started when first asked for."""
    folder = Path(tempfile.mkdtemp(prefix="shopcards-test-pg-"))
    server = ServerForTests(folder)
    yield server
    server.stop()
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def location(db_path: Path) -> Location:
    """Where the ``owner`` and ``clerk`` fixtures open the shop: a card file here; both
    stores in turn under tests/store and tests/services (their conftest.py)."""
    return db_path


@pytest.fixture
def owner(location: Location) -> Iterator[Session]:
    session = open_session(location, Role.OWNER)
    session.clock = lambda: FIXED_NOW
    yield session
    session.close()


@pytest.fixture
def clerk(location: Location, owner: Session) -> Iterator[Session]:
    """A second desk on the same file, in clerk mode (opened after the owner's)."""
    session = open_session(location, Role.CLERK)
    session.clock = lambda: FIXED_NOW
    yield session
    session.close()


@pytest.fixture
def other_owner(location: Location, owner: Session) -> Iterator[Session]:
    """A second desk on the same file in owner mode (the till PC after the PIN): its own
    connection, for what only the owner may change from two desks at once."""
    session = open_session(location, Role.OWNER)
    session.clock = lambda: FIXED_NOW
    yield session
    session.close()


def card_input(given: str = "Anna", family: str = "Virtanen", **fields: object) -> CardInput:
    """A valid card as a person would type it; override any field."""
    return CardInput(given_name=given, family_name=family, **fields)  # type: ignore[arg-type]


def set_test_pin(session: Session, pin: str = PIN) -> None:
    """Set the owner's PIN with cheap scrypt parameters (the program's own are slow on
    purpose); the first login hashes it again with the program's cost, as for an old file."""
    from shopcards.services import auth

    auth.set_pin(session, pin, cost=CHEAP_PIN_COST)


def publish_and_draw(session: Session, month: str) -> object:
    """Publish the month's drawing notice (as the owner does before the draw), then draw."""
    from shopcards.services import drawing, drawing_notice

    drawing_notice.publish_notice(session, month)
    return drawing.draw(session, month)
