"""The daily backup is taken again after midnight when the window stays open overnight."""

from __future__ import annotations

import datetime as dt

from pytestqt.qtbot import QtBot

from shopcards import paths
from shopcards.services import auth
from shopcards.services.session import Session
from shopcards.ui.cabinet.shop_tools import ShopTools
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
