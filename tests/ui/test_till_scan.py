"""A loyalty card scanned wherever the focus is in the till: the scanner's digits are taken back
out of the field they landed in, and the customer opens, or the message line says why not."""

from __future__ import annotations

import sys

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit
from pytestqt.qtbot import QtBot

from shopcards.core.card_numbers import check_digit
from shopcards.services import cards, purchases
from shopcards.services.session import Session
from shopcards.ui.cabinet.main_window import MainWindow
from shopcards.ui.till.find import LIVE_DELAY_MS
from shopcards.ui.till.window import TillWindow
from tests.ui.conftest import find
from tests.ui.test_till import KeyClock, anna, focused_name, message, press, till, typed
from tests.ui.test_till_keys import _open_till

__all__ = ["till"]

NoMod = Qt.KeyboardModifier.NoModifier
ENDINGS: dict[str, list[tuple[Qt.Key, str, Qt.KeyboardModifier]]] = {
    "Enter": [(Qt.Key.Key_Return, "\r", NoMod)],
    "CR+LF": [
        (Qt.Key.Key_Return, "\r", NoMod),
        (Qt.Key.Key_J, "\n", Qt.KeyboardModifier.ControlModifier),
    ],
    "Tab": [(Qt.Key.Key_Tab, "\t", NoMod)],
}
AZERTY_DIGIT_ROW = "&é\"'(-è_çà"  # the keys 1…9, 0 of a French keyboard, without Shift


def key(
    code: Qt.Key | int, text: str, modifiers: Qt.KeyboardModifier = NoMod, scan_code: int = 0
) -> None:
    """One key pressed and released on the widget with the focus, as the keyboard sends it."""
    focus = QApplication.focusWidget()
    assert focus is not None
    for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
        QApplication.sendEvent(focus, QKeyEvent(kind, code, modifiers, scan_code, 0, 0, text))


def scan(till: TillWindow, number: str, ending: str = "Enter", layout: str = "English") -> None:
    """The scanner, after a pause: the digits and the ending 5 ms apart, through ``layout``."""
    clock = till.scanner.clock
    assert isinstance(clock, KeyClock)
    clock.now += 1000
    clock.step_ms = 5
    for digit in number:
        code = Qt.Key.Key_0 + int(digit)
        if layout == "English":
            key(code, digit)
        elif layout == "AZERTY by key code":
            key(code, AZERTY_DIGIT_ROW[int(digit) - 1])
        else:  # what X11 says of the same keys: a symbol's key code, the digit row's scan code
            symbol = AZERTY_DIGIT_ROW[int(digit) - 1]
            key(
                ord(symbol) if symbol.isascii() else Qt.Key.Key_unknown,
                symbol,
                scan_code=9 + (int(digit) or 10),
            )
    for code, text, modifiers in ENDINGS[ending]:
        key(code, text, modifiers)
    clock.step_ms = 120


def smith(session: Session) -> tuple[int, str]:
    card = cards.list_cards(session, cards.CardQuery(text="Smith"))[0]
    return card.id, card.card_no


def customer(till: TillWindow) -> str:
    return find(till, QLabel, "Customer").text()


def field(till: TillWindow, name: str) -> str:
    return find(till, QLineEdit, name).text()


def errors_shown(till: TillWindow) -> list[str]:
    """The error lines under the fields that have something to say."""
    return [
        label.text()
        for label in till.findChildren(QLabel)
        if label.accessibleName().endswith(" error") and label.isVisible()
    ]


def open_anna(till: TillWindow, qtbot: QtBot, session: Session) -> None:
    typed(anna(session)[1])
    press(qtbot, Qt.Key.Key_Return)
    assert customer(till) == "Anna Virtanen"


@pytest.mark.parametrize("ending", ENDINGS)
def test_a_scan_into_the_find_field_opens_the_customer(
    till: TillWindow, qtbot: QtBot, clerk: Session, ending: str
) -> None:
    scan(till, anna(clerk)[1], ending)
    assert customer(till) == "Anna Virtanen"
    assert message(till) == "Card 0000018 scanned."
    assert focused_name() == "Amount" and field(till, "Amount") == ""
    assert errors_shown(till) == []  # the LF of a CR+LF did not try to save an empty sale


def test_the_till_opened_from_the_cabinet_takes_a_scan(
    qtbot: QtBot, window: MainWindow, clerk: Session
) -> None:
    till = _open_till(qtbot, window)
    scan(till, anna(clerk)[1])
    assert customer(till) == "Anna Virtanen"


@pytest.mark.parametrize("ending", ENDINGS)
def test_a_scan_into_the_empty_amount_opens_that_card_and_saves_nothing(
    till: TillWindow, qtbot: QtBot, clerk: Session, ending: str
) -> None:
    open_anna(till, qtbot, clerk)
    smith_id, smith_no = smith(clerk)
    scan(till, smith_no, ending)
    assert customer(till) == "John Smith"
    assert message(till) == "That was the card of John Smith; nothing was saved for Anna Virtanen."
    assert field(till, "Amount") == "" and focused_name() == "Amount"
    assert purchases.count_purchases(clerk, smith_id) == 0


def test_a_scan_into_the_items_mid_sale_names_the_sale_not_saved(
    till: TillWindow, qtbot: QtBot, clerk: Session
) -> None:
    open_anna(till, qtbot, clerk)
    typed("12,50")
    press(qtbot, Qt.Key.Key_Tab)
    typed("scones")
    scan(till, smith(clerk)[1], "Tab")
    assert customer(till) == "John Smith"
    assert message(till) == (
        "That was the card of John Smith; nothing was saved for Anna Virtanen "
        "(the sale typed: 12,50 · scones)."
    )
    assert field(till, "Items") == ""
    assert purchases.count_purchases(clerk, anna(clerk)[0]) == 0


def test_a_refused_scan_is_taken_back_out_of_the_items_and_the_sale_stays(
    till: TillWindow, qtbot: QtBot, clerk: Session
) -> None:
    open_anna(till, qtbot, clerk)
    typed("12,50")
    press(qtbot, Qt.Key.Key_Tab)
    typed("scones")
    scan(till, "0000019")
    assert message(till) == (
        "0000019 is not a card number of this shop: its check digit is wrong. "
        "Scan the card again, or find the customer by name. Nothing was saved."
    )
    assert (field(till, "Amount"), field(till, "Items")) == ("12,50", "scones")
    assert customer(till) == "Anna Virtanen" and focused_name() == "Items"
    assert purchases.count_purchases(clerk, anna(clerk)[0]) == 0
    press(qtbot, Qt.Key.Key_Return)  # and the sale is saved as typed
    [sale] = purchases.list_purchases(clerk, anna(clerk)[0])
    assert (sale.amount, sale.items) == (1250, "scones")


def test_the_open_customer_s_own_card_keeps_the_sale(
    till: TillWindow, qtbot: QtBot, clerk: Session
) -> None:
    open_anna(till, qtbot, clerk)
    typed("12,50")
    scan(till, anna(clerk)[1])
    assert message(till) == "That is the card of Anna Virtanen, open already."
    assert field(till, "Amount") == "12,50"


def test_a_scan_in_the_recent_purchases_list_opens_the_other_card(
    till: TillWindow, qtbot: QtBot, clerk: Session
) -> None:
    purchases.record_purchase(clerk, anna(clerk)[0], purchases.PurchaseInput(amount="5"))
    open_anna(till, qtbot, clerk)
    press(qtbot, Qt.Key.Key_F6)
    assert focused_name() == "Recent purchases"
    scan(till, smith(clerk)[1])
    assert customer(till) == "John Smith"
    assert purchases.count_purchases(clerk, anna(clerk)[0]) == 1  # nothing returned


def test_a_scan_on_the_new_customer_slip_opens_the_card_and_says_the_slip_was_not_saved(
    till: TillWindow, qtbot: QtBot, clerk: Session
) -> None:
    press(qtbot, Qt.Key.Key_F2)
    typed("Liisa")
    before = cards.count_cards(clerk, cards.CardQuery())
    scan(till, anna(clerk)[1], "CR+LF")
    assert customer(till) == "Anna Virtanen"
    assert message(till) == (
        "Card 0000018 scanned. The new customer's slip typed before it was not saved."
    )
    assert cards.count_cards(clerk, cards.CardQuery()) == before


@pytest.mark.parametrize(
    "layout",
    [
        "AZERTY by key code",
        pytest.param(
            "AZERTY by the key's place",
            marks=pytest.mark.skipif(sys.platform != "linux", reason="X11 scan codes"),
        ),
    ],
)
def test_a_scan_through_a_french_keyboard_layout_opens_the_card(
    till: TillWindow, qtbot: QtBot, clerk: Session, layout: str
) -> None:
    scan(till, anna(clerk)[1], layout=layout)
    assert customer(till) == "Anna Virtanen"


def test_a_wrong_check_digit_is_refused_and_the_find_field_kept(
    till: TillWindow, qtbot: QtBot
) -> None:
    typed("Vir")
    scan(till, "0000019")
    assert message(till).startswith("0000019 is not a card number of this shop: its check digit")
    assert field(till, "Find customer") == "Vir" and focused_name() == "Find customer"
    qtbot.wait(LIVE_DELAY_MS + 150)  # the list follows the typing a moment later…
    assert message(till).startswith("0000019 is not")  # …and leaves the refusal be


def test_an_unknown_card_number_is_refused(till: TillWindow, qtbot: QtBot) -> None:
    number = "009999" + check_digit("009999")
    scan(till, number)
    assert message(till) == f"No customer has card {number}. Find them by name."
    assert field(till, "Find customer") == ""


def test_an_archived_customer_s_card_is_refused(
    till: TillWindow, qtbot: QtBot, shop: Session, clerk: Session
) -> None:
    card_id, card_no = anna(shop)
    cards.archive_card(shop, card_id)
    scan(till, card_no)
    assert message(till) == (
        "Card 0000018 (Anna Virtanen) is archived; the owner can bring it back at the back office."
    )
    assert focused_name() == "Find customer"


def test_an_erased_customer_s_card_is_refused(
    till: TillWindow, qtbot: QtBot, shop: Session, clerk: Session
) -> None:
    smith_id, smith_no = smith(shop)
    cards.erase_card(shop, smith_id)
    scan(till, smith_no)
    assert message(till) == (
        f"Card {smith_no} is no longer valid: its customer was erased at their request. "
        "They can have a new card."
    )


def test_a_card_number_typed_slowly_into_the_items_stays_there_as_text(
    till: TillWindow, qtbot: QtBot, clerk: Session
) -> None:
    open_anna(till, qtbot, clerk)
    press(qtbot, Qt.Key.Key_Tab)
    typed(smith(clerk)[1])  # a person: 120 ms a key
    press(qtbot, Qt.Key.Key_Return)
    assert customer(till) == "Anna Virtanen"
    assert field(till, "Items") == smith(clerk)[1]
    assert find(till, QLabel, "Amount error").text() != ""  # the sale needs its amount
    assert purchases.count_purchases(clerk, anna(clerk)[0]) == 0


def test_a_wrong_number_typed_into_the_amount_is_refused_and_nothing_saved(
    till: TillWindow, qtbot: QtBot, clerk: Session
) -> None:
    open_anna(till, qtbot, clerk)
    typed("1234567")
    press(qtbot, Qt.Key.Key_Return)
    assert message(till).startswith("1234567 is not a card number of this shop")
    assert message(till).endswith("Nothing was saved.")
    assert purchases.count_purchases(clerk, anna(clerk)[0]) == 0


def test_a_digit_key_held_down_is_not_a_scan(till: TillWindow, qtbot: QtBot) -> None:
    """A key held down repeats every 30 ms or so, as quick as a scanner, but is typing."""
    clock = till.scanner.clock
    assert isinstance(clock, KeyClock)
    clock.step_ms = 5
    focus = QApplication.focusWidget()
    for _ in range(8):
        event = QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_0, NoMod, "0", True)
        QApplication.sendEvent(focus, event)
    key(Qt.Key.Key_Return, "\r")
    assert field(till, "Find customer") == "00000000"
    assert message(till).startswith("No card found for “00000000”")
