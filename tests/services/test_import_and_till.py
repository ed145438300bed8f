"""A big import does not stop the till: it checks without the write lock, keeps all rows or
none, and a clerk's sales during a 1,000,000-row import are all saved."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest

from shopcards.core.errors import Cancelled
from shopcards.core.files import CannotWrite
from shopcards.core.progress import Progress
from shopcards.core.roles import Role
from shopcards.services import purchase_import
from shopcards.services.opening import open_session
from shopcards.services.session import Session
from shopcards.store import bulk
from tests.cancel import cancel_at
from tests.import_load import Till, build_cards, write_export

CUSTOMERS = 2_000


@pytest.fixture
def big_shop(tmp_path: Path) -> Path:
    db = tmp_path / "shop.db"
    build_cards(db, CUSTOMERS)
    return db


def _purchases(db: Path) -> int:
    with sqlite3.connect(db) as conn:
        return int(conn.execute("SELECT count(*) FROM purchases").fetchone()[0])


def test_while_the_rows_are_checked_and_moved_in_another_desk_may_write_at_once(
    big_shop: Path, tmp_path: Path
) -> None:
    export = tmp_path / "till.csv"
    write_export(export, 20_000, CUSTOMERS)
    free: list[bool] = []

    def other_desk_writes(_step: Progress) -> None:
        other = sqlite3.connect(big_shop, timeout=0)  # no waiting: busy is an error
        try:
            other.execute("BEGIN IMMEDIATE")
            other.execute("ROLLBACK")
            free.append(True)
        finally:
            other.close()

    owner = open_session(big_shop, Role.OWNER)
    try:
        report = purchase_import.import_purchases(owner, export, progress=other_desk_writes)
    finally:
        owner.close()
    assert report.imported and report.matched_count == 20_000
    assert len(free) == 5 + 3  # checking: every 5,000 rows and at the end; between 4 slices
    assert _purchases(big_shop) == 20_000


def test_cancelling_half_way_keeps_nothing(big_shop: Path, tmp_path: Path) -> None:
    export = tmp_path / "till.csv"
    write_export(export, 20_000, CUSTOMERS)
    owner = open_session(big_shop, Role.OWNER)
    try:
        with pytest.raises(Cancelled):
            purchase_import.import_purchases(owner, export, progress=cancel_at(10_000))
        staged = owner.db.execute("SELECT count(*) FROM temp.sqlite_master").fetchone()[0]
    finally:
        owner.close()
    assert _purchases(big_shop) == 0
    assert staged == 0  # the staging table went with the cancel


def test_the_till_keeps_selling_through_a_million_row_import(
    big_shop: Path, tmp_path: Path
) -> None:
    export = tmp_path / "till.csv"
    write_export(export, 1_000_000, CUSTOMERS)
    owner: Session = open_session(big_shop, Role.OWNER)
    try:
        with Till(big_shop, CUSTOMERS, pause=0.2) as till:
            report = purchase_import.import_purchases(owner, export)
    finally:
        owner.close()
    assert report.imported and report.matched_count == 1_000_000
    assert till.failed == []
    assert len(till.saved) >= 10
    assert _purchases(big_shop) == 1_000_000 + len(till.saved)


def test_a_move_that_fails_half_way_takes_back_what_was_moved(
    big_shop: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    export = tmp_path / "till.csv"
    write_export(export, 12_000, CUSTOMERS)
    plain, moves = bulk.move_slice, []

    def disk_full_on_the_third(*args: Any) -> int:
        moves.append(args)
        if len(moves) == 3:
            raise sqlite3.OperationalError("database or disk is full")
        return plain(*args)

    monkeypatch.setattr(bulk, "move_slice", disk_full_on_the_third)
    owner = open_session(big_shop, Role.OWNER)
    try:
        with pytest.raises(sqlite3.OperationalError):
            purchase_import.import_purchases(owner, export)
        history = _actions(owner)
    finally:
        owner.close()
    assert _purchases(big_shop) == 0
    assert history == ["purchases_import_started"] + ["purchases_import_slice"] * 2 + [
        "purchases_import_undone"
    ]


def test_an_import_the_program_stopped_half_way_is_taken_back_before_the_next(
    big_shop: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    export = tmp_path / "till.csv"
    write_export(export, 12_000, CUSTOMERS)
    plain = bulk.move_slice
    monkeypatch.setattr(bulk, "move_slice", lambda *args: plain(*args) + _killed(args[2]))
    monkeypatch.setattr(purchase_import, "_undo", lambda *args: None)  # killed: no clean-up
    owner = open_session(big_shop, Role.OWNER)
    try:
        with pytest.raises(KeyboardInterrupt):
            purchase_import.import_purchases(owner, export)
        assert _purchases(big_shop) == 5_000  # one slice in; the second died with the program
        monkeypatch.undo()
        report = purchase_import.import_purchases(owner, export)
    finally:
        owner.close()
    assert report.imported and _purchases(big_shop) == 12_000


def _killed(start: int) -> int:
    if start > 5_000:
        raise KeyboardInterrupt
    return 0


def _actions(session: Session) -> list[str]:
    rows = session.db.execute(
        "SELECT action FROM changes WHERE entity = 'card_file' ORDER BY id"
    ).fetchall()
    return [action for (action,) in rows]


def test_a_full_disk_is_a_message_and_nothing_is_kept(big_shop: Path, tmp_path: Path) -> None:
    export = tmp_path / "till.csv"
    write_export(export, 12_000, CUSTOMERS)
    owner = open_session(big_shop, Role.OWNER)
    try:
        pages = owner.db.execute("PRAGMA page_count").fetchone()[0]
        owner.db.execute(f"PRAGMA max_page_count = {pages + 300}")  # room for a slice or so
        with pytest.raises(CannotWrite, match=r"^The disk is full: nothing was imported\.$"):
            purchase_import.import_purchases(owner, export)
        history = _actions(owner)
    finally:
        owner.close()
    assert _purchases(big_shop) == 0
    assert history[0] == "purchases_import_started" and history[-1] == "purchases_import_undone"
