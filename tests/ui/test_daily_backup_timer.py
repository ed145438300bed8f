"""The daily backup: taken by the window when it opens, again after midnight when it stays
open overnight, and of a shared card file by each PC whose window has it open (the till, which
holds the server, among them)."""

from __future__ import annotations

import datetime as dt

from pytestqt.qtbot import QtBot

from shopcards import paths
from shopcards.core.card import CardQuery
from shopcards.core.roles import Role
from shopcards.services import auth, cards
from shopcards.services.demo import build_demo
from shopcards.services.opening import open_session
from shopcards.services.session import Session
from shopcards.store import backup
from shopcards.store.cardfile import open_card_file
from shopcards.ui.cabinet.shop_tools import ShopTools
from tests.shared_store import ServerForTests
from tests.ui.conftest import show_window


def test_a_window_open_over_midnight_takes_the_next_days_backup(
    qtbot: QtBot, shop: Session
) -> None:
    auth.set_pin(shop, "246810")
    evening = dt.datetime(2026, 11, 23, 23, 59, 30)
    shop.clock = lambda: evening
    tools = ShopTools(show_window(qtbot, shop), shop)
    tools.start()
    daily = paths.backups_dir(shop.card_file.path) / "daily"
    qtbot.waitUntil(lambda: (daily / "2026-11-23.db").is_file(), timeout=10_000)
    # re-armed for just after midnight: 30 s to midnight and one minute more
    assert tools.midnight_timer.isActive()
    assert 85_000 <= tools.midnight_timer.remainingTime() <= 95_000  # a coarse timer: ±5 %

    shop.clock = lambda: dt.datetime(2026, 11, 24, 0, 1)
    tools.midnight_timer.timeout.emit()  # the timer's moment, without waiting 90 seconds
    qtbot.waitUntil(lambda: (daily / "2026-11-24.db").is_file(), timeout=10_000)
    assert tools.midnight_timer.remainingTime() > 23 * 3600 * 1000


def test_a_window_on_a_shared_card_file_takes_its_daily_backup_on_this_pc(
    qtbot: QtBot, pg_server: ServerForTests
) -> None:
    """A card file of the server's content, in this PC's backups folder of the shared card
    file; the server itself takes none (it runs without the window)."""
    till = open_session(pg_server.fresh(), Role.OWNER)
    try:
        build_demo(till, 12, seed=5)
        auth.set_pin(till, "246810")
        on_the_server = cards.count_cards(till, CardQuery())
        tools = ShopTools(show_window(qtbot, till), till)
        tools.start()
        qtbot.waitUntil(
            lambda: hasattr(tools, "backup_task") and not tools.backup_task.running,
            timeout=30_000,
        )
        daily = paths.backups_dir(till.card_file.path) / "daily" / f"{till.today()}.db"
    finally:
        till.close()
    assert backup.verify(daily) == ""  # its checksum matches, and SQLite finds it sound
    with open_card_file(daily) as copy:
        assert copy.conn.execute("SELECT count(*) FROM customers").fetchone()[0] == on_the_server
