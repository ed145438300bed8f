"""Forgetting customers through the window: the open card's “Forget this customer…” (the clerk
is asked the PIN), the note while a wipe waits for another desk, and Shop ▸ Customers past
retention…"""

from __future__ import annotations

import sqlite3

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QMessageBox, QPushButton, QTreeWidget, QWidget
from pytestqt.qtbot import QtBot

from shopcards.core.roles import Role
from shopcards.services import cards
from shopcards.services.session import Session
from shopcards.services.settings import update_settings
from shopcards.ui.cabinet.main_window import MainWindow
from shopcards.ui.cabinet.shop_tools import ShopTools
from shopcards.ui.card.forget_dialog import ForgetDialog
from shopcards.ui.retention.screen import RetentionWindow
from tests.conftest import FIXED_NOW, PIN, card_input, set_test_pin
from tests.services.loyalty_shop import on_day
from tests.ui.conftest import ModalAnswers, find, show_window, type_text
from tests.ui.test_shop_tools import _shop_action


def _smith(session: Session) -> int:
    found = session.db.execute("SELECT id FROM customers WHERE family_name = 'Smith'").fetchone()
    return int(found[0])


def _open_forget(
    qtbot: QtBot, session: Session, modals: ModalAnswers
) -> tuple[MainWindow, ShopTools, ForgetDialog]:
    """The clerk's window with Smith's card open; Forget asks the PIN, then the question."""
    set_test_pin(session)
    window = show_window(qtbot, session)
    tools = ShopTools(window, session)
    window.open_card(_smith(session))

    def type_pin(dialog: QWidget) -> None:
        type_text(find(dialog, QLineEdit, "PIN"), PIN)
        qtbot.mouseClick(
            find(dialog, QPushButton, "Switch to owner mode"), Qt.MouseButton.LeftButton
        )

    modals.then(type_pin)
    qtbot.mouseClick(find(window, QPushButton, "Forget this customer…"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "forget" in tools.screens)
    dialog = tools.screens["forget"]
    assert isinstance(dialog, ForgetDialog)
    qtbot.waitExposed(dialog)
    return window, tools, dialog


def test_the_clerk_gives_the_pin_then_types_the_name_and_the_card_is_gone(
    qtbot: QtBot, shop: Session, clerk: Session, modals: ModalAnswers
) -> None:
    smith = _smith(clerk)
    window, tools, dialog = _open_forget(qtbot, clerk, modals)
    assert clerk.role is Role.OWNER
    forget = find(dialog, QPushButton, "Forget this customer")
    assert "Sales stay as anonymous amounts" in find(dialog, QLabel, "What stays").text()
    typed = find(dialog, QLineEdit, "Type “Smith” to confirm")
    type_text(typed, "Smit")
    assert not forget.isEnabled()
    type_text(typed, "h")
    assert forget.isEnabled()

    qtbot.mouseClick(forget, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "forget" not in tools.screens, timeout=30000)

    assert cards.find_card_no(clerk, customers_card_no(smith)) is None
    assert window.current_card is None
    assert window.statusBar().currentMessage().startswith("Forgot card ")
    assert not find_note(window)


def customers_card_no(card_id: int) -> str:
    from shopcards.store.customers import card_number

    return card_number(card_id)


def find_note(window: MainWindow) -> str:
    notes = [w for w in window.findChildren(QLabel) if w.accessibleName() == "Privacy note"]
    return notes[0].text() if notes and notes[0].isVisible() else ""


def test_a_desk_reading_leaves_a_note_until_the_wipe_is_finished(
    qtbot: QtBot, shop: Session, clerk: Session, modals: ModalAnswers
) -> None:
    window, tools, dialog = _open_forget(qtbot, clerk, modals)
    reader = sqlite3.connect(clerk.card_file.path, isolation_level=None)
    reader.execute("BEGIN")
    reader.execute("SELECT count(*) FROM customers").fetchone()
    type_text(find(dialog, QLineEdit, "Type “Smith” to confirm"), "smith")
    qtbot.mouseClick(find(dialog, QPushButton, "Forget this customer"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "forget" not in tools.screens, timeout=30000)

    assert find_note(window).startswith("Forgetting card ")
    assert "another desk has the card file open" in find_note(window)
    assert tools.privacy.timer.isActive()

    reader.close()
    task = tools.privacy.try_wipe()  # what the timer does every half minute, off the window
    assert task is not None and tools.privacy.try_wipe() is None  # one try at a time
    with qtbot.waitSignal(task.done, timeout=30000):
        pass

    assert find_note(window) == ""
    assert not tools.privacy.timer.isActive()


def test_the_owner_reviews_and_forgets_the_customers_past_retention(
    qtbot: QtBot, owner: Session, modals: ModalAnswers
) -> None:
    on_day(owner, "2021-06-01")
    for given in ("Olga", "Oskar", "Otto"):
        cards.add_card(owner, card_input(given, "Longgone"))
    owner.clock = lambda: FIXED_NOW
    cards.add_card(owner, card_input("Nina", "Newcomer"))
    update_settings(owner, retention_months=36)
    window = show_window(qtbot, owner)
    tools = ShopTools(window, owner)
    assert find_note(window) == (
        "3 customers are past the 36-month retention: review them in "
        "Shop ▸ Customers past retention…"
    )

    _shop_action(window, "Customers past retention…")
    screen = tools.screens["retention"]
    assert isinstance(screen, RetentionWindow)
    rows = find(screen, QTreeWidget, "Customers past retention")
    assert rows.topLevelItemCount() == 3
    assert [rows.headerItem().text(n) for n in range(5)] == [
        "Name", "Card no.", "Last purchase", "Joined", "Last changed"  # the card's own words
    ]  # fmt: skip
    assert rows.topLevelItem(0).text(0) == "Longgone, Olga"
    assert rows.topLevelItem(0).text(2) == "none"

    def confirm(box: QWidget) -> None:
        assert isinstance(box, QMessageBox)
        assert "Forget 3 customers for good?" in box.text()
        qtbot.mouseClick(
            find(box, QPushButton, "Forget these 3 customers"), Qt.MouseButton.LeftButton
        )

    modals.then(confirm)
    qtbot.mouseClick(
        find(screen, QPushButton, "Forget these 3 customers"), Qt.MouseButton.LeftButton
    )
    qtbot.waitUntil(lambda: hasattr(screen, "task"))
    with qtbot.waitSignal(screen.task.done, timeout=60000):
        pass
    qtbot.waitUntil(lambda: rows.topLevelItemCount() == 0)
    assert find(screen, QLabel, "Message").text() == "Forgot 3 customers."
    assert find_note(window) == ""
    left = owner.db.execute("SELECT given_name FROM customers").fetchall()
    assert left == [("Nina",)]
