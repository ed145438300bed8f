"""Leaving till mode by keyboard: Esc on the empty find field, F9 again or Ctrl+W, and never
dropping a typed sale or slip at one key."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QLineEdit, QMessageBox
from pytestqt.qtbot import QtBot

from shopcards.services.session import Session
from shopcards.ui.cabinet.main_window import MainWindow
from shopcards.ui.cabinet.shop_tools import ShopTools
from shopcards.ui.till.window import TillWindow
from tests.ui.conftest import find
from tests.ui.test_till import KeyClock, anna, focused_name, press, typed


def _open_till(qtbot: QtBot, window: MainWindow) -> TillWindow:
    """F9 in the cabinet, as the clerk does it."""
    tools = ShopTools(window, window.session)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    press(qtbot, Qt.Key.Key_F9)
    till: TillWindow = tools.screens["till"]
    till.scanner.clock = KeyClock()  # typed() sends its keys at once; a person is slower
    qtbot.waitUntil(lambda: till.isVisible() and QApplication.activeWindow() is till)
    return till


@pytest.mark.parametrize("keys", [[Qt.Key.Key_Escape], [Qt.Key.Key_F9]])
def test_esc_or_f9_again_leaves_the_empty_till(
    qtbot: QtBot, window: MainWindow, keys: list[Qt.Key]
) -> None:
    till = _open_till(qtbot, window)
    for key in keys:
        press(qtbot, key)
    qtbot.waitUntil(lambda: not till.isVisible())


def test_ctrl_w_leaves_the_till(qtbot: QtBot, window: MainWindow) -> None:
    till = _open_till(qtbot, window)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not till.isVisible())


def test_a_typed_sale_is_not_lost_to_one_key(
    qtbot: QtBot, window: MainWindow, clerk: Session
) -> None:
    till = _open_till(qtbot, window)
    typed(anna(clerk)[1])
    press(qtbot, Qt.Key.Key_Return)
    typed("12,50")
    asked: list[str] = []

    def stay() -> None:
        """Answer the till's question with Enter (No is the default)."""
        question = next(
            w
            for w in QApplication.topLevelWidgets()
            if isinstance(w, QMessageBox) and w.isVisible()
        )
        asked.append(question.text())
        qtbot.keyClick(question.focusWidget() or question, Qt.Key.Key_Return)

    QTimer.singleShot(100, stay)
    press(qtbot, Qt.Key.Key_F9)  # returns when the question has been answered
    assert asked == ["The sale typed here is not saved. Leave the till anyway?"]
    assert till.isVisible() and find(till, QLineEdit, "Amount").text() == "12,50"
    till.activateWindow()  # as the window manager does when the question closes
    qtbot.waitUntil(lambda: QApplication.activeWindow() is till)
    press(qtbot, Qt.Key.Key_Escape)  # clears the sale
    assert find(till, QLineEdit, "Amount").text() == ""
    press(qtbot, Qt.Key.Key_Escape)  # back to finding a customer
    assert focused_name() == "Find customer"
    press(qtbot, Qt.Key.Key_Escape)  # and out
    qtbot.waitUntil(lambda: not till.isVisible())


def test_esc_on_a_new_customer_slip_clears_it_first(qtbot: QtBot, window: MainWindow) -> None:
    till = _open_till(qtbot, window)
    typed("Liisa Koski")
    press(qtbot, Qt.Key.Key_F2)
    press(qtbot, Qt.Key.Key_Escape)
    assert find(till, QLineEdit, "Family name").text() == ""
    press(qtbot, Qt.Key.Key_Escape)
    assert focused_name() == "Find customer"
    assert till.isVisible()
