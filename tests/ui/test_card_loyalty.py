"""Loyalty on the open card, in the real cabinet window: the card's block (tier, why, since;
cash-back and what expires), the Loyalty tab's ledger, the owner's adjustment (a reason or
nothing saved), the clerk without the owner's actions, printing one card, an archived card
and a shop without a scheme."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QLabel, QLineEdit, QPushButton, QTreeWidget, QWidget
from pytestqt.qtbot import QtBot

from shopcards.core.loyalty_tiers import Rule, Tier
from shopcards.services import auth, cards, loyalty, loyalty_tiers
from shopcards.services.session import Session
from shopcards.services.settings import update_settings
from shopcards.ui.cabinet.main_window import MainWindow
from shopcards.ui.cabinet.shop_tools import ShopTools
from shopcards.ui.card.loyalty_pane import LoyaltyPane
from tests.conftest import PIN, set_test_pin
from tests.services.loyalty_shop import new_card, scheme_on, sell
from tests.ui.conftest import ModalAnswers, find, show_window, type_text

TABLE = [
    Tier("Card", 500, Rule.SPEND, threshold=0),
    Tier("Gold", 1500, Rule.SPEND, threshold=100_000),
]


@pytest.fixture
def anna(owner: Session) -> int:
    """Anna bought for 1 234 € (5% cash-back: 61,70 €) and is in Gold since the tiers were set."""
    scheme_on(owner)
    card_id = new_card(owner)
    sell(owner, card_id, "1234")
    update_settings(owner, tiers_on=True)
    loyalty_tiers.save_tiers(owner, TABLE)
    return card_id


def open_card(qtbot: QtBot, session: Session, card_id: int) -> MainWindow:
    window = show_window(qtbot, session)
    ShopTools(window, session)
    window.open_card(card_id)
    return window


def loyalty_tab(window: MainWindow) -> LoyaltyPane:
    pane = window.findChild(LoyaltyPane)
    assert pane is not None
    window.card_tabs.setCurrentWidget(pane)
    return pane


def ledger_lines(window: MainWindow) -> list[str]:
    tree = find(window, QTreeWidget, "Cash-back ledger")
    return [tree.topLevelItem(i).text(1) for i in range(tree.topLevelItemCount())]


def test_the_card_shows_tier_why_since_and_cash_back(
    qtbot: QtBot, anna: int, clerk: Session
) -> None:
    window = open_card(qtbot, clerk, anna)
    block = find(window, QLabel, "Loyalty").text()
    assert block.splitlines() == [
        "Gold · 15% off — net spend 1\xa0234,00\xa0€ over 12 months ≥ 1\xa0000,00\xa0€, "
        "since 23 Nov 2026",  # a date beside English words: English in Finland (en_FI)
        "Cash-back 61,70\xa0€",
    ]


def test_the_loyalty_tab_lists_the_ledger_with_the_balance_on_top(
    qtbot: QtBot, anna: int, clerk: Session
) -> None:
    window = open_card(qtbot, clerk, anna)
    pane = loyalty_tab(window)
    assert "Cash-back 61,70\xa0€" in pane.summary.text()
    assert ledger_lines(window) == ["Earned 5%"]


def test_the_owner_adjusts_with_a_reason_and_the_card_follows(
    qtbot: QtBot, anna: int, owner: Session, modals: ModalAnswers
) -> None:
    window = open_card(qtbot, owner, anna)
    loyalty_tab(window)

    def add_ten(dialog: QWidget) -> None:
        type_text(find(dialog, QLineEdit, "Amount"), "10")
        type_text(find(dialog, QLineEdit, "Reason"), "Birthday present")
        qtbot.mouseClick(find(dialog, QPushButton, "Adjust"), Qt.MouseButton.LeftButton)

    modals.then(add_ten)
    qtbot.mouseClick(find(window, QPushButton, "Adjust cash-back…"), Qt.MouseButton.LeftButton)
    assert loyalty.balance(owner, anna) == 7170
    assert ledger_lines(window)[0] == "Adjusted: Birthday present"
    assert "Cash-back 71,70\xa0€" in find(window, QLabel, "Loyalty summary").text()
    assert "Cash-back 71,70\xa0€" in window.card_view.loyalty.text()


def test_an_adjustment_without_a_reason_is_refused_in_the_dialog(
    qtbot: QtBot, anna: int, owner: Session, modals: ModalAnswers
) -> None:
    window = open_card(qtbot, owner, anna)
    loyalty_tab(window)
    said: list[str] = []

    def no_reason(dialog: QWidget) -> None:
        type_text(find(dialog, QLineEdit, "Amount"), "5")
        find(dialog, QCheckBox, "Take away").setChecked(True)
        qtbot.mouseClick(find(dialog, QPushButton, "Adjust"), Qt.MouseButton.LeftButton)
        said.append(find(dialog, QLabel, "Message").text())
        assert dialog.isVisible()
        qtbot.mouseClick(find(dialog, QPushButton, "Cancel"), Qt.MouseButton.LeftButton)

    modals.then(no_reason)
    qtbot.mouseClick(find(window, QPushButton, "Adjust cash-back…"), Qt.MouseButton.LeftButton)
    assert said == ["Reason: say why the balance is adjusted (it is in the ledger)"]
    assert loyalty.balance(owner, anna) == 6170
    assert ledger_lines(window) == ["Earned 5%"]


def test_the_owner_places_a_customer_in_a_tier_by_hand(
    qtbot: QtBot, anna: int, owner: Session, modals: ModalAnswers
) -> None:
    window = open_card(qtbot, owner, anna)
    loyalty_tab(window)

    def card_tier(dialog: QWidget) -> None:
        type_text(find(dialog, QLineEdit, "Reason"), "moved away")
        qtbot.mouseClick(find(dialog, QPushButton, "Place"), Qt.MouseButton.LeftButton)

    modals.then(card_tier)
    qtbot.mouseClick(find(window, QPushButton, "Place in a tier…"), Qt.MouseButton.LeftButton)
    standing = loyalty_tiers.tier_of(owner, anna)
    assert standing is not None and standing.tier == "Card"
    assert "set by hand by owner" in window.card_view.loyalty.text()


def test_the_clerk_prints_one_card_but_may_not_adjust_or_place(
    qtbot: QtBot, anna: int, clerk: Session, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = open_card(qtbot, clerk, anna)
    pane = loyalty_tab(window)
    assert not pane.adjust_button.isVisible() and not pane.place_button.isVisible()
    out = tmp_path / "anna.pdf"
    monkeypatch.setattr("shopcards.ui.kit.save_as.ask_save_path", lambda *_args: out)
    qtbot.mouseClick(find(window, QPushButton, "Print loyalty card…"), Qt.MouseButton.LeftButton)
    text = "".join(page.extract_text() for page in PdfReader(out).pages)
    assert "Anna Virtanen" in text
    assert find(window, QLabel, "Message").text() == f"1 loyalty card saved to {out}"


def test_an_archived_card_has_no_loyalty_actions(qtbot: QtBot, anna: int, owner: Session) -> None:
    cards.archive_card(owner, anna)
    window = open_card(qtbot, owner, anna)
    pane = loyalty_tab(window)
    buttons = (pane.adjust_button, pane.place_button, pane.print_button)
    assert not any(button.isVisible() for button in buttons)
    assert pane.note.isVisible() and "archived" in pane.note.text()


def test_with_the_scheme_off_nothing_of_it_shows(qtbot: QtBot, owner: Session) -> None:
    card_id = new_card(owner)
    window = open_card(qtbot, owner, card_id)
    tabs = window.card_tabs
    assert not tabs.isTabVisible(tabs.indexOf(window.findChild(LoyaltyPane)))
    assert not window.card_view.loyalty.isVisible()


def test_the_card_says_what_expires_soon(qtbot: QtBot, owner: Session, clerk: Session) -> None:
    scheme_on(owner, months=1)
    card_id = new_card(owner)
    sell(owner, card_id, "100")
    window = open_card(qtbot, clerk, card_id)
    assert find(window, QLabel, "Loyalty").text() == (
        "Cash-back 5,00\xa0€ (5,00\xa0€ to spend by 23 Dec 2026)"
    )


def test_the_owners_actions_come_and_go_with_owner_mode(
    qtbot: QtBot, anna: int, clerk: Session
) -> None:
    set_test_pin(clerk)
    window = show_window(qtbot, clerk)
    tools = ShopTools(window, clerk)
    window.open_card(anna)
    pane = loyalty_tab(window)
    assert not pane.adjust_button.isVisible()
    assert auth.become_owner(clerk, PIN) is None
    tools.role_changed()
    assert pane.adjust_button.isVisible() and pane.place_button.isVisible()
    tools.clerk_mode()
    assert not pane.adjust_button.isVisible() and not pane.place_button.isVisible()
