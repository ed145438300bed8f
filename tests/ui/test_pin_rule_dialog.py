"""The 6-digit rule as the PIN dialogs show it: a short new PIN is refused with core's message,
and an old short PIN still opens owner mode but asks for a longer one."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QLineEdit, QMessageBox, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from shopcards.core.pin import hash_pin, short_pin_text
from shopcards.core.roles import Role
from shopcards.services import auth
from shopcards.services.session import Session
from shopcards.store import settings as settings_store
from shopcards.ui.settings.pin_dialog import ask_for_first_pin, ask_for_owner_mode
from tests.conftest import CHEAP_PIN_COST
from tests.ui.conftest import ModalAnswers, find, type_text


def test_a_four_digit_new_pin_is_refused_with_the_rule(
    clerk: Session, qtbot: QtBot, modals: ModalAnswers
) -> None:
    said: list[str] = []

    def too_short(dialog: QWidget) -> None:
        for field in dialog.findChildren(QLineEdit):
            type_text(field, "4711")
        find(dialog, QPushButton, "Set PIN").click()
        said.append(find(dialog, QLabel, "Message").text())
        dialog.close()

    modals.then(too_short)
    ask_for_first_pin(clerk)
    qtbot.waitUntil(modals.all_answered)
    assert said == [short_pin_text()] and not auth.pin_is_set(clerk)


def test_an_old_short_pin_opens_and_asks_for_a_longer_one(
    clerk: Session, qtbot: QtBot, modals: ModalAnswers
) -> None:
    settings_store.save(clerk.db, {auth.PIN_KEY: hash_pin("4711", CHEAP_PIN_COST)})
    told: list[str] = []

    def type_old_pin(dialog: QWidget) -> None:
        type_text(find(dialog, QLineEdit, "PIN"), "4711")
        find(dialog, QPushButton, "Switch to owner mode").click()

    def read_reminder(box: QWidget) -> None:
        assert isinstance(box, QMessageBox)
        told.append(box.text())
        box.accept()

    modals.then(type_old_pin).then(read_reminder)
    assert ask_for_owner_mode(clerk)
    assert told == [auth.CHOOSE_LONGER] and clerk.role is Role.OWNER
