"""Owner mode at the desk: the first PIN, switching with it, and falling back when idle."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from shopcards.core.roles import Role
from shopcards.services import auth
from shopcards.services.session import Session
from shopcards.ui.settings.pin_dialog import OwnerIdleGuard, ask_for_first_pin, ask_for_owner_mode
from tests.conftest import PIN, set_test_pin
from tests.ui.conftest import ModalAnswers, find, type_text


def test_the_first_start_asks_for_a_pin_twice(
    clerk: Session, qtbot: QtBot, modals: ModalAnswers
) -> None:
    said: list[str] = []

    def mistype(dialog: QWidget) -> None:
        fields = dialog.findChildren(QLineEdit)
        type_text(fields[0], PIN)
        type_text(fields[1], "246811")
        find(dialog, QPushButton, "Set PIN").click()
        said.append(find(dialog, QLabel, "Message").text())
        type_text(fields[1], PIN)
        find(dialog, QPushButton, "Set PIN").click()

    modals.then(mistype)
    ask_for_first_pin(clerk)
    assert said == ["The two new PINs are not the same."]
    assert auth.pin_is_set(clerk) and clerk.role is Role.CLERK
    auth.become_owner(clerk, PIN)


def test_a_wrong_pin_keeps_clerk_mode_and_the_right_one_switches(
    clerk: Session, qtbot: QtBot, modals: ModalAnswers
) -> None:
    set_test_pin(clerk)
    said: list[str] = []

    def try_twice(dialog: QWidget) -> None:
        pin = find(dialog, QLineEdit, "PIN")
        type_text(pin, "000000")
        qtbot.keyClick(pin, Qt.Key.Key_Return)
        said.append(find(dialog, QLabel, "Message").text())
        type_text(pin, PIN)
        qtbot.keyClick(pin, Qt.Key.Key_Return)

    modals.then(try_twice)
    assert ask_for_owner_mode(clerk)
    assert said == ["That PIN is not right. Clerk mode stays on."]
    assert clerk.role is Role.OWNER


def test_owner_mode_falls_back_to_clerk_after_the_idle_time(clerk: Session, qtbot: QtBot) -> None:
    auth.become_owner(clerk, "")
    guard = OwnerIdleGuard(clerk)
    guard.started()
    assert guard.timer.interval() == clerk.settings.owner_idle_minutes * 60_000
    widget = QLineEdit()
    qtbot.addWidget(widget)
    widget.show()
    guard.timer.start(50)
    qtbot.keyClick(widget, Qt.Key.Key_A)  # a key press starts the idle time again
    assert guard.timer.remainingTime() > 50
    with qtbot.waitSignal(guard.roleChanged) as told:
        guard.timer.timeout.emit()  # the idle time has run out
    assert told.args == ["clerk"]
    assert clerk.role is Role.CLERK
