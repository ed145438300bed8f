"""The PIN dialogs by keyboard alone: they open in the PIN field, Tab goes on to the next
field, Enter submits, and Enter on an empty field asks for the PIN instead of counting it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QLabel, QWidget
from pytestqt.qtbot import QtBot

from shopcards.core.roles import Role
from shopcards.services import auth, settings
from shopcards.services.session import Session
from tests.ui.conftest import ModalAnswers, find, type_keys
from tests.ui.test_shop_tools import _shop_action, _tools

PIN = "246810"


def test_first_start_pin_is_set_by_pin_tab_pin_enter(qtbot: QtBot, clerk: Session) -> None:
    settings.skip_setup(clerk)  # the shop's setup comes first; tests/ui/test_shop_setup.py
    _window, tools = _tools(qtbot, clerk)
    tools.start()
    qtbot.waitUntil(lambda: tools.first_pin.isVisible())
    type_keys(qtbot, tools.first_pin, PIN, Qt.Key.Key_Tab, PIN, Qt.Key.Key_Return)
    assert tools.first_pin.result() == QDialog.DialogCode.Accepted
    assert auth.become_owner(clerk, PIN) is None and clerk.role is Role.OWNER
    # start() also took the daily backup: let it end before the card file closes
    qtbot.waitUntil(
        lambda: hasattr(tools, "backup_task") and not tools.backup_task.running, timeout=10000
    )


def test_owner_mode_by_keys_and_an_empty_enter_is_not_a_wrong_pin(
    qtbot: QtBot, shop: Session, clerk: Session, modals: ModalAnswers
) -> None:
    auth.set_pin(clerk, PIN)
    window, _unused = _tools(qtbot, clerk)
    said: list[str] = []

    def enter_empty_then_the_pin(dialog: QWidget) -> None:
        type_keys(qtbot, dialog, Qt.Key.Key_Return)
        said.append(find(dialog, QLabel, "Message").text())
        said.append(
            str(
                clerk.db.execute(
                    "SELECT count(*) FROM changes WHERE action = 'pin_refused'"
                ).fetchone()[0]
            )
        )
        type_keys(qtbot, dialog, PIN, Qt.Key.Key_Return)

    modals.then(enter_empty_then_the_pin)
    _shop_action(window, "Owner mode…")
    assert said == ["Type the PIN.", "0"]
    assert clerk.role is Role.OWNER
