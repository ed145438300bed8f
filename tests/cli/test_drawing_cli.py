"""`shopcards draw` as the owner types it: draw, verify, entries, next alternate, log."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from shopcards.cli import main
from shopcards.core.roles import Role
from shopcards.services import auth, cards, drawing
from shopcards.services.opening import open_session
from tests.conftest import PIN, card_input, set_test_pin


@pytest.fixture
def shop(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A card file with a PIN and three customers entered in October 2025."""
    db = tmp_path / "shop.db"
    session = open_session(db, Role.OWNER)
    for given, family in (("Anna", "Virtanen"), ("John", "Smith"), ("Արամ", "Պետրոսյան")):
        card = cards.add_card(session, card_input(given, family))
        assert card.id is not None
        drawing.enter_drawing(session, card.id, "2025-10")
    set_test_pin(session)
    session.close()
    monkeypatch.setenv(auth.PIN_ENV, PIN)
    return db


def draw(db: Path, *args: str) -> int:
    return main(["draw", *args, "--db", str(db)])


def publish_and_draw(db: Path, month: str = "2025-10") -> int:
    assert draw(db, "--month", month, "--publish") == 0
    return draw(db, "--month", month)


def test_publish_draw_then_verify(shop: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert draw(shop, "--month", "2025-10", "--publish") == 0
    out = capsys.readouterr().out
    assert "The October 2025 prize drawing notice (published " in out
    promised = re.search(r"Commitment to the seed: ([0-9a-f]{64})", out)
    assert promised and "Entry list SHA-256: " in out and "Seed" not in out
    assert draw(shop, "--month", "2025-10") == 0
    out = capsys.readouterr().out
    assert "Drew the October 2025 prize drawing: 3 entries from 3 customers." in out
    assert "Winner: " in out and "alternate 1: " in out and "alternate 2: " in out
    assert "Entry list SHA-256: " in out and "Seed (revealed now): " in out
    assert f"Commitment published before the draw: {promised.group(1)}" in out

    assert draw(shop, "--month", "2025-10", "--verify", "--published", promised.group(1)) == 0
    assert "October 2025: VERIFIED." in capsys.readouterr().out


def test_verify_says_when_a_drawing_was_tampered_with(
    shop: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    publish_and_draw(shop)
    session = open_session(shop)
    session.db.execute("UPDATE drawings SET entries = json_remove(entries, '$[0]')")
    session.close()
    capsys.readouterr()
    assert draw(shop, "--month", "2025-10", "--verify") == 1
    out = capsys.readouterr().out
    assert "October 2025: DOES NOT MATCH." in out
    assert "the entry list was changed" in out


def test_verify_needs_no_pin(
    shop: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    publish_and_draw(shop)
    monkeypatch.delenv(auth.PIN_ENV)
    assert draw(shop, "--month", "2025-10", "--verify") == 0
    assert draw(shop, "--month", "2025-10") == 2  # drawing does
    assert "owner's PIN" in capsys.readouterr().err


def test_a_second_draw_is_refused(shop: Path, capsys: pytest.CaptureFixture[str]) -> None:
    publish_and_draw(shop)
    assert draw(shop, "--month", "2025-10") == 2
    assert "a month is drawn only once" in capsys.readouterr().err


def test_a_month_with_no_entries_says_so(shop: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert draw(shop, "--month", "2025-09", "--entries") == 0
    assert "Nobody has entered the September 2025 prize drawing yet." in capsys.readouterr().out
    assert draw(shop, "--month", "2025-09", "--publish") == 2
    assert "Nobody has entered the September 2025 prize drawing" in capsys.readouterr().err


def test_entries_next_alternate_and_log(shop: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert draw(shop, "--month", "2025-10", "--entries") == 0
    out = capsys.readouterr().out
    assert "October 2025: 3 entries from 3 customers, as they stand." in out
    assert "Smith, John" in out and "Պետրոսյան, Արամ" in out

    publish_and_draw(shop)
    capsys.readouterr()
    assert draw(shop, "--month", "2025-10", "--next-alternate", "letter came back") == 0
    assert "Moved on to alternate 1." in capsys.readouterr().out
    assert draw(shop, "--log") == 0
    out = capsys.readouterr().out
    assert out.startswith("2025-10      3 entries  winner: ")
    assert "not reached: " in out and "(letter came back)" in out


def test_a_month_is_needed(shop: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        draw(shop)
    assert "--month YYYY-MM" in capsys.readouterr().err
    assert draw(shop, "--month", "Oct") == 2
    assert "write it as YYYY-MM" in capsys.readouterr().err


def test_the_log_shows_a_published_notice_and_each_commitment(
    shop: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert draw(shop, "--month", "2025-10", "--publish") == 0
    promised = re.search(r"Commitment to the seed: ([0-9a-f]{64})", capsys.readouterr().out)
    assert promised
    assert draw(shop, "--log") == 0
    out = capsys.readouterr().out
    assert "2025-10      3 entries  winner: (notice published, not drawn yet)  (published " in out
    assert f"commitment published before the draw: {promised.group(1)}" in out
    assert draw(shop, "--month", "2025-10") == 0
    capsys.readouterr()
    assert draw(shop, "--log") == 0
    out = capsys.readouterr().out
    assert "not drawn yet" not in out and promised.group(1) in out
