"""Backups: daily rotation, restore refuses a damaged file, check reports damage."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest

from shopcards import paths
from shopcards.core.card import CardQuery
from shopcards.core.errors import CardFileError, PermissionDenied
from shopcards.services import backup, cards
from shopcards.services.session import Session
from tests.conftest import card_input


def test_daily_backups_keep_seven_days_and_four_weeks(owner: Session) -> None:
    start = dt.date(2026, 9, 1)
    for day in range(60):
        taken = backup.daily_backup
        owner.clock = lambda day=day: dt.datetime.combine(
            start + dt.timedelta(days=day), dt.time(9)
        )
        assert taken(owner) is not None
        assert taken(owner) is None  # at most once a day
    folder = paths.backups_dir(owner.card_file.path)
    assert len(list((folder / "daily").glob("*.db"))) == 7
    assert len(list((folder / "weekly").glob("*.db"))) == 4


def test_restore_brings_back_the_cards_and_keeps_the_current_content(
    owner: Session, tmp_path: Path
) -> None:
    cards.add_card(owner, card_input("Anna", "Virtanen"))
    saved = backup.backup_now(owner, tmp_path / "saved.db")
    cards.add_card(owner, card_input("Mikko", "Laine"))
    safety = backup.restore_from(owner, saved).safety_copy
    assert backup.check_file(safety).customers == 2
    assert [c.family_name for c in cards.list_cards(owner, CardQuery())] == ["Virtanen"]


def test_restore_refuses_a_damaged_file_and_changes_nothing(owner: Session, tmp_path: Path) -> None:
    cards.add_card(owner, card_input())
    good = backup.backup_now(owner, tmp_path / "good.db")
    damaged = _damaged_copy(good, tmp_path / "damaged.db")
    with pytest.raises(CardFileError, match=r"cannot be restored|damaged"):
        backup.restore_from(owner, damaged)
    assert cards.count_cards(owner, CardQuery()) == 1


def test_the_clerk_cannot_restore(clerk: Session, tmp_path: Path) -> None:
    with pytest.raises(PermissionDenied):
        backup.restore_from(clerk, tmp_path / "any.db")


def test_check_finds_a_damaged_file(owner: Session, tmp_path: Path) -> None:
    cards.add_card(owner, card_input())
    copy = backup.backup_now(owner, tmp_path / "copy.db")
    assert backup.check_file(copy).ok
    assert not backup.check_file(_damaged_copy(copy, tmp_path / "damaged.db")).ok


def _damaged_copy(good: Path, damaged: Path) -> Path:
    """A copy whose customers table's first page is scribbled over, as a bad disk would."""
    with sqlite3.connect(good) as conn:
        page_size = conn.execute("PRAGMA page_size").fetchone()[0]
        root = conn.execute(
            "SELECT rootpage FROM sqlite_master WHERE name = 'customers'"
        ).fetchone()[0]
    data = bytearray(good.read_bytes())
    start = (root - 1) * page_size
    data[start : start + page_size] = b"\x0d\xff" * (page_size // 2)
    damaged.write_bytes(bytes(data))
    return damaged
