"""The Shop menu: owner mode through the PIN, the till, and the owner's screens refused to the
clerk — driven through the window as a person would."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QLabel, QLineEdit, QMenu, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from shopcards.core.roles import Role
from shopcards.services.session import Session
from shopcards.ui.cabinet.main_window import MainWindow
from shopcards.ui.cabinet.shop_tools import ShopTools
from shopcards.ui.settings.pin_dialog import PinDialog
from tests.conftest import PIN, set_test_pin
from tests.ui.conftest import ModalAnswers, find, show_window, type_text


def _shop_action(window: MainWindow, label: str) -> None:
    menu = next(m for m in window.findChildren(QMenu) if m.title() == "&Shop")
    action = next(a for a in menu.actions() if a.text().replace("&", "") == label)
    assert action.isEnabled(), label
    action.trigger()


def _tools(qtbot: QtBot, session: Session) -> tuple[MainWindow, ShopTools]:
    window = show_window(qtbot, session)
    return window, ShopTools(window, session)


def test_owner_mode_needs_the_pin_and_clerk_mode_gives_it_up(
    qtbot: QtBot, shop: Session, clerk: Session, modals: ModalAnswers
) -> None:
    set_test_pin(clerk)
    window, tools = _tools(qtbot, clerk)

    def type_pin(dialog: QWidget) -> None:
        type_text(find(dialog, QLineEdit, "PIN"), PIN)
        qtbot.mouseClick(
            find(dialog, QPushButton, "Switch to owner mode"), Qt.MouseButton.LeftButton
        )

    modals.then(type_pin)
    _shop_action(window, "Owner mode…")
    assert clerk.role is Role.OWNER
    assert not tools.owner_action.isEnabled() and tools.clerk_action.isEnabled()
    _shop_action(window, "Clerk mode")
    assert clerk.role is Role.CLERK


@pytest.mark.parametrize("screen", ["Prize drawing…", "Know your customers…"])
def test_the_clerk_is_asked_for_the_pin_before_the_owners_screens(
    qtbot: QtBot, shop: Session, clerk: Session, modals: ModalAnswers, screen: str
) -> None:
    """Issue 10: the clerk got the error dialog (details, versions) instead of the PIN."""
    set_test_pin(clerk)
    window, tools = _tools(qtbot, clerk)
    asked: list[QWidget] = []

    def cancel(dialog: QWidget) -> None:
        asked.append(dialog)
        assert isinstance(dialog, QDialog)
        dialog.reject()

    modals.then(cancel)
    _shop_action(window, screen)
    qtbot.waitUntil(modals.all_answered)
    assert isinstance(asked[0], PinDialog)
    assert tools.screens == {} and clerk.role is Role.CLERK


def test_the_till_opens_from_the_menu_and_is_reused(
    qtbot: QtBot, shop: Session, clerk: Session
) -> None:
    window, tools = _tools(qtbot, clerk)
    _shop_action(window, "Till mode")
    till = tools.screens["till"]
    qtbot.waitExposed(till)
    assert till.isVisible() and till.accessibleName() == "Till"
    _shop_action(window, "Till mode")
    assert tools.screens["till"] is till
    till.close()


def test_importing_from_the_menu_asks_the_clerk_for_the_pin_first(
    qtbot: QtBot, shop: Session, clerk: Session, modals: ModalAnswers, tmp_path: Path
) -> None:
    set_test_pin(clerk)
    _window, tools = _tools(qtbot, clerk)
    export = tmp_path / "till.csv"
    export.write_text("date;amount;card\n2026-11-20;5,00;0000018\n", encoding="utf-8")

    def cancel(dialog: QWidget) -> None:
        assert "PIN" in [w.accessibleName() for w in dialog.findChildren(QLineEdit)]
        assert isinstance(dialog, QDialog)
        dialog.reject()

    modals.then(cancel)
    tools.import_purchases(export)
    qtbot.waitUntil(modals.all_answered)
    assert "import" not in tools.screens and clerk.role is Role.CLERK

    def type_pin(dialog: QWidget) -> None:
        type_text(find(dialog, QLineEdit, "PIN"), PIN)
        qtbot.mouseClick(
            find(dialog, QPushButton, "Switch to owner mode"), Qt.MouseButton.LeftButton
        )

    modals.then(type_pin)
    tools.import_purchases(export)
    dialog = tools.screens["import"]
    qtbot.waitUntil(lambda: not dialog.task.running, timeout=10000)
    assert find(dialog, QLabel, "Summary").text().startswith("1 row matches a card")
    dialog.close()
