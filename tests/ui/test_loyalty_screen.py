"""The owner's Loyalty screen, opened from the real window's Shop menu on the demo shop: the
tier table saved whole or refused whole, cash-back switched on, whether the scheme pays, and
ten loyalty cards printed to a PDF that is read back."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDoubleSpinBox,
    QFileDialog,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTabWidget,
    QWidget,
)
from pytestqt.qtbot import QtBot

from shopcards.core.loyalty_tiers import Rule
from shopcards.core.money import format_for_typing
from shopcards.core.roles import Role
from shopcards.services import cards, demo, loyalty_tiers
from shopcards.services.session import Session
from shopcards.services.settings import current_settings
from shopcards.ui.cabinet.main_window import MainWindow
from shopcards.ui.cabinet.shop_tools import ShopTools
from shopcards.ui.loyalty.screen import LoyaltyScreen
from shopcards.ui.loyalty.tiers_editor import TierRow
from shopcards.ui.settings.pin_dialog import PinDialog
from tests.conftest import FIXED_NOW, set_test_pin
from tests.printing.pdf_helpers import pages
from tests.ui.conftest import ModalAnswers, find, show_window, type_text
from tests.ui.test_shop_tools import _shop_action

MENU_ENTRY = "Loyalty scheme…"


@pytest.fixture
def demo_shop(owner: Session) -> Session:
    """The demo shop (tiers Card, Gold, VIP; cash-back on), the owner at the desk."""
    demo.build_demo(owner, 60)
    return owner


def cabinet(qtbot: QtBot, session: Session) -> tuple[MainWindow, ShopTools]:
    """The window with its Shop menu, once it has counted its cards (a count still to come
    would read the card file after the test closed it)."""
    window = show_window(qtbot, session)
    qtbot.waitUntil(lambda: window.count_label.text() != "…")
    return window, ShopTools(window, session)


def open_from_menu(qtbot: QtBot, session: Session) -> tuple[MainWindow, LoyaltyScreen]:
    window, tools = cabinet(qtbot, session)
    _shop_action(window, MENU_ENTRY)
    screen = tools.screens["loyalty"]
    assert isinstance(screen, LoyaltyScreen)
    qtbot.waitExposed(screen)
    return window, screen


def go_to(screen: LoyaltyScreen, tab: str) -> None:
    tabs = find(screen, QTabWidget, "Loyalty")
    index = next(i for i in range(tabs.count()) if tabs.tabText(i) == tab)
    tabs.tabBar().setCurrentIndex(index)


def click(screen: QWidget, label: str) -> None:
    find(screen, QPushButton, label).click()


def retype(field: QLineEdit, text: str) -> None:
    field.selectAll()
    field.del_()
    type_text(field, text)


def set_percent(box: QDoubleSpinBox, text: str) -> None:
    """Typed as a person types it: select what is there, type the number (not yet Enter)."""
    box.setFocus()
    box.lineEdit().selectAll()
    type_text(box.lineEdit(), text)


def rows(screen: LoyaltyScreen) -> list[TierRow]:
    return screen.scheme.editor.rows


def test_the_screen_opens_from_the_shop_menu_with_the_demo_scheme(
    qtbot: QtBot, demo_shop: Session
) -> None:
    _, screen = open_from_menu(qtbot, demo_shop)
    assert screen.isWindow() and screen.windowTitle() == "Loyalty scheme"
    assert [row.name.text() for row in rows(screen)] == ["Card", "Gold", "VIP"]
    assert find(screen, QCheckBox, "Discount tiers").isChecked()
    assert find(screen, QDoubleSpinBox, "Cash-back rate").suffix() == " %"
    screen.activateWindow()  # keys go to the active window
    qtbot.waitUntil(screen.isActiveWindow)
    qtbot.keyClick(screen, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not screen.isVisible())


def test_the_clerk_is_asked_for_the_pin_and_gets_no_screen(
    qtbot: QtBot, demo_shop: Session, clerk: Session, modals: ModalAnswers
) -> None:
    set_test_pin(clerk)
    window, tools = cabinet(qtbot, clerk)
    asked: list[QWidget] = []

    def cancel(dialog: QWidget) -> None:
        asked.append(dialog)
        assert isinstance(dialog, QDialog)
        dialog.reject()

    modals.then(cancel)
    _shop_action(window, MENU_ENTRY)
    qtbot.waitUntil(modals.all_answered)
    assert isinstance(asked[0], PinDialog)
    assert tools.screens == {} and clerk.role is Role.CLERK


def test_an_edited_tier_table_is_saved_and_everyone_placed_by_it(
    qtbot: QtBot, demo_shop: Session
) -> None:
    _, screen = open_from_menu(qtbot, demo_shop)
    settings = demo_shop.settings
    vip = rows(screen)[2]
    vip.remove.click()
    click(screen, "Add a tier")
    silver = rows(screen)[-1]
    type_text(silver.name, "Silver")
    set_percent(silver.discount, "10")
    retype(silver.spend, format_for_typing(20_000, settings.locale, settings.currency))
    silver.up.click()  # Card, Silver, Gold
    click(screen, "Save the scheme")
    saved = loyalty_tiers.tiers(demo_shop)
    assert [(t.name, t.rate_bp, t.rule, t.threshold) for t in saved] == [
        ("Card", 500, Rule.SPEND, 0),
        ("Silver", 1000, Rule.SPEND, 20_000),
        ("Gold", 1500, Rule.SPEND, 50_000),
    ]
    message = screen.scheme.message.text()
    assert message.startswith("Saved.") and "Silver" in message
    assert "VIP" not in loyalty_tiers.tier_counts(demo_shop)


def test_a_bad_scheme_is_refused_under_its_fields_and_nothing_is_saved(
    qtbot: QtBot, demo_shop: Session
) -> None:
    _, screen = open_from_menu(qtbot, demo_shop)
    before_tiers, before = loyalty_tiers.tiers(demo_shop), current_settings(demo_shop)
    set_percent(find(screen, QDoubleSpinBox, "Cash-back rate"), "150")
    card, gold, _vip = rows(screen)
    retype(card.name, "")
    retype(gold.spend, "-10")
    click(screen, "Save the scheme")
    rate_error = screen.scheme.errors["cashback_rate_bp"]
    assert rate_error.isVisible() and "0% to 100% (150% given)" in rate_error.text()
    assert card.problem.isVisible() and "give the tier a name" in card.problem.text()
    assert gold.problem.isVisible() and "cannot be negative" in gold.problem.text()
    assert screen.scheme.message.text().startswith("Nothing was saved")
    assert loyalty_tiers.tiers(demo_shop) == before_tiers
    assert current_settings(demo_shop) == before


def test_switching_cash_back_on_at_5_percent_stores_500(qtbot: QtBot, shop: Session) -> None:
    """A new card file: the scheme is off; the owner switches cash-back on at 5,0 %."""
    _, screen = open_from_menu(qtbot, shop)
    switch = find(screen, QCheckBox, "Cash-back scheme")
    assert not switch.isChecked()
    switch.click()
    set_percent(find(screen, QDoubleSpinBox, "Cash-back rate"), "5")
    click(screen, "Save the scheme")
    stored = current_settings(shop)
    assert stored.cashback_on and stored.cashback_rate_bp == 500
    assert screen.scheme.message.text().startswith("Saved.")


def test_placing_everyone_again_says_who_moved(qtbot: QtBot, demo_shop: Session) -> None:
    """Two years on, nobody's last 12 months earn a tier any more: everyone placed by rule
    leaves theirs, and the message says how many, tier by tier."""
    _, screen = open_from_menu(qtbot, demo_shop)
    demo_shop.clock = lambda: FIXED_NOW + dt.timedelta(days=730)
    before = loyalty_tiers.tier_counts(demo_shop)  # the placements by hand have ended
    click(screen, "Place everyone again now")
    assert loyalty_tiers.tier_counts(demo_shop) == dict.fromkeys(before, 0)
    message = screen.scheme.message.text()
    moved = re.match(r"Everyone placed again: (\d+) customers changed tier", message)
    assert moved and int(moved.group(1)) > 0
    assert f"Card {before['Card']:,} → 0, Gold {before['Gold']:,} → 0" in message


def test_does_it_pay_shows_the_demos_tiers_and_a_year_of_months(
    qtbot: QtBot, demo_shop: Session
) -> None:
    _, screen = open_from_menu(qtbot, demo_shop)
    with qtbot.waitSignal(screen.pays.loaded, timeout=20000):
        go_to(screen, "Does it pay?")
    table = find(screen, QTableWidget, "Tiers")
    shown = {
        table.item(row, 0).text(): table.item(row, 2).text() for row in range(table.rowCount())
    }
    counts = loyalty_tiers.tier_counts(demo_shop)
    assert shown == {name: f"{count:,}" for name, count in counts.items()}
    assert table.item(0, 1).text() == "5%"
    months = find(screen, QTableWidget, "Cost per month")
    assert months.rowCount() == 12
    assert "€" in months.item(11, 3).text()


def test_ten_loyalty_cards_are_printed_to_a_pdf_with_their_names(
    qtbot: QtBot, demo_shop: Session, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "cards.pdf"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *_a, **_k: (str(out), ""))
    )
    _, screen = open_from_menu(qtbot, demo_shop)
    go_to(screen, "Cards")
    who = find(screen, QComboBox, "Whose cards")
    who.setCurrentIndex(who.findText("Chosen card ids"))
    type_text(find(screen, QLineEdit, "Card ids"), ", ".join(str(i) for i in range(1, 11)))
    with qtbot.waitSignal(screen.cards.printed, timeout=30000):
        click(screen, "Print cards…")
    text = " ".join(pages(out))
    for card_id in range(1, 11):
        card = cards.get_card(demo_shop, card_id)
        assert card.card_no in text and (card.given_name or "") in text
    assert screen.cards.message.text().startswith("10 loyalty cards: saved to")
