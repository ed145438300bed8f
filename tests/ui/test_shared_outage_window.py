"""When the network fails, in the window (issue 16): the back office's card form and the
till's sale, on a real shared card file whose server is stopped as Save is pressed. The
person is told plainly, what they typed stays where they typed it, and Save works again, in
the same form, once the server is back. The cabinet's search says so in its status bar (no
dialog per keystroke) and shows what was typed by itself when the server answers again.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from shopcards.core.roles import Role
from shopcards.services import cards
from shopcards.services.opening import open_session
from shopcards.services.session import Session
from shopcards.ui.cabinet import try_again
from shopcards.ui.till.window import TillWindow
from tests.conftest import card_input
from tests.services.test_shared_outage import UNREACHABLE, Outage, saved, shared_shop
from tests.shared_store import Shop
from tests.ui.conftest import ModalAnswers, find, show_window, type_text
from tests.ui.test_card_form import click, fill, open_form
from tests.ui.test_till import message, press, typed

__all__ = ["shared_shop"]


@pytest.fixture
def desk(shared_shop: Shop) -> Iterator[Session]:
    session = open_session(shared_shop.address, Role.OWNER, shared_shop.password)
    yield session
    session.close()


def test_the_card_form_keeps_what_was_typed_and_saves_it_once_the_server_is_back(
    qtbot: QtBot, modals: ModalAnswers, desk: Session, shared_shop: Shop
) -> None:
    dialog = open_form(qtbot, desk)
    fill(dialog, Given_name="Oona", Family_name="Verkkokatko", Phone_number="040 123 4567")
    said: list[str] = []

    def read(error: QWidget) -> None:
        said.append(find(error, QLabel, "Message").text())
        error.close()

    modals.then(read)
    outage = Outage(shared_shop)
    try:
        click(qtbot, dialog, "Save")
        assert UNREACHABLE in said[0]
        assert dialog.isVisible() and dialog.saved is None
        assert find(dialog, QLineEdit, "Family name").text() == "Verkkokatko"
        assert find(dialog, QLineEdit, "Phone number").text() == "040 123 4567"
    finally:
        outage.over()
    click(qtbot, dialog, "Save")
    assert dialog.saved is not None
    who = "SELECT given_name FROM customers WHERE family_name = 'Verkkokatko'"
    assert saved(shared_shop, who) == ["Oona"]


def test_the_till_keeps_the_sale_typed_and_records_it_once_the_server_is_back(
    qtbot: QtBot, desk: Session, shared_shop: Shop
) -> None:
    card = cards.add_card(desk, card_input("Tilli", "Kassakatko"))
    till = TillWindow(desk)
    qtbot.addWidget(till)
    till.show()
    qtbot.waitExposed(till)
    till.activateWindow()
    qtbot.waitUntil(lambda: find(till, QLineEdit, "Find customer").hasFocus())
    typed(card.card_no)
    press(qtbot, Qt.Key.Key_Return)
    typed("7.20")
    outage = Outage(shared_shop)
    try:
        press(qtbot, Qt.Key.Key_Return)
        assert UNREACHABLE in message(till)
        assert find(till, QLineEdit, "Amount").text() == "7.20"
    finally:
        outage.over()
    press(qtbot, Qt.Key.Key_Return)
    assert "Saved" in message(till)
    bought = f"SELECT amount FROM purchases WHERE customer_id = {card.id}"
    assert saved(shared_shop, bought) == [720]


def test_the_cabinet_says_the_server_is_away_and_searches_again_by_itself(
    qtbot: QtBot, desk: Session, shared_shop: Shop, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(try_again, "TRY_AGAIN_MS", 100)
    cards.add_card(desk, card_input("Sanna", "Haettava"))
    window = show_window(qtbot, desk)
    outage = Outage(shared_shop)
    try:
        type_text(window.search, "haett")  # each keystroke unanswered: no error dialog
        assert find(window, QLabel, "Connection").isVisible()
        qtbot.wait(300)  # tried again, still away: still said
        assert find(window, QLabel, "Connection").isVisible()
    finally:
        outage.over()
    qtbot.waitUntil(lambda: not window.try_again.note.isVisible(), timeout=5000)
    assert window.model.rowCount() == 1
    assert window.current_card is not None
    assert window.current_card.family_name == "Haettava"
