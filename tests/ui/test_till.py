"""The till, used as a clerk would: keyboard only, typing into whatever has the focus."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from shopcards.core.card import Consent, JoinedVia
from shopcards.core.purchase import PurchaseInput
from shopcards.services import cards, purchases
from shopcards.services.session import Session
from shopcards.store import drawing as drawing_store
from shopcards.ui.till.sale import RECENT
from shopcards.ui.till.window import TillWindow
from tests.ui.conftest import ModalAnswers, find, type_text


class KeyClock:
    """The till's scan detector's clock, moving on ``step_ms`` at each key it sees: 120 ms
    is a person typing (the default here, as typed() sends its keys at once), 5 ms a scanner."""

    def __init__(self, step_ms: float = 120) -> None:
        self.step_ms = step_ms
        self.now = 0.0

    def __call__(self) -> float:
        self.now += self.step_ms
        return self.now


@pytest.fixture
def till(qtbot: QtBot, shop: Session, clerk: Session) -> TillWindow:
    window = TillWindow(clerk)
    window.scanner.clock = KeyClock()
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    return window


def typed(text: str) -> None:
    """Type into the widget that has the keyboard focus, as a person does."""
    focus = QApplication.focusWidget()
    assert focus is not None
    type_text(focus, text)


def press(qtbot: QtBot, key: Qt.Key) -> None:
    focus = QApplication.focusWidget()
    assert focus is not None
    qtbot.keyClick(focus, key)


def focused_name() -> str:
    focus = QApplication.focusWidget()
    return focus.accessibleName() if focus is not None else ""


def anna(session: Session) -> tuple[int, str]:
    card = cards.list_cards(session, cards.CardQuery(text="Virtanen"))[0]
    return card.id, card.card_no


def message(till: TillWindow) -> str:
    return find(till, QLabel, "Message").text()


def test_scan_a_card_type_the_amount_and_enter(
    till: TillWindow, qtbot: QtBot, clerk: Session
) -> None:
    card_id, card_no = anna(clerk)
    assert focused_name() == "Find customer"
    typed(card_no)
    press(qtbot, Qt.Key.Key_Return)
    assert find(till, QLabel, "Customer").text() == "Anna Virtanen"
    assert focused_name() == "Amount"
    typed("12,50")
    press(qtbot, Qt.Key.Key_Tab)
    typed("scones")
    press(qtbot, Qt.Key.Key_Return)
    assert focused_name() == "Find customer"
    assert message(till) == "Saved €12.50 for Anna Virtanen (card 0000018)."
    [sale] = purchases.list_purchases(clerk, card_id)
    assert (sale.amount, sale.items, sale.created_by) == (1250, "scones", "clerk")


@pytest.mark.parametrize(
    "typed_text", ["+358 40 123 4567", "0401234567", "anna.v@example.fi", "virtanen"]
)
def test_one_match_by_phone_email_or_name_opens_at_once(
    till: TillWindow, qtbot: QtBot, typed_text: str
) -> None:
    typed(typed_text)
    press(qtbot, Qt.Key.Key_Return)
    assert find(till, QLabel, "Customer").text() == "Anna Virtanen"


def test_several_matches_are_chosen_with_the_arrow_keys(
    till: TillWindow, qtbot: QtBot, shop: Session
) -> None:
    cards.add_card(shop, cards.CardInput(given_name="Annika", family_name="Virta"))
    typed("vir")
    press(qtbot, Qt.Key.Key_Return)
    assert focused_name() == "Customers found"
    press(qtbot, Qt.Key.Key_Down)
    press(qtbot, Qt.Key.Key_Return)
    assert find(till, QLabel, "Customer").text() == "Anna Virtanen"
    assert focused_name() == "Amount"


def test_nothing_found_says_so_and_f2_starts_a_card_with_what_was_typed(
    till: TillWindow, qtbot: QtBot
) -> None:
    typed("Liisa Koski")
    press(qtbot, Qt.Key.Key_Return)
    assert message(till).startswith("No card found for “Liisa Koski”")
    press(qtbot, Qt.Key.Key_F2)
    assert find(till, QLineEdit, "Given name").text() == "Liisa"
    assert find(till, QLineEdit, "Family name").text() == "Koski"


def test_an_archived_card_is_not_opened_and_the_clerk_is_told(
    till: TillWindow, qtbot: QtBot, shop: Session
) -> None:
    card_id, card_no = anna(shop)
    cards.archive_card(shop, card_id)
    typed(card_no)
    press(qtbot, Qt.Key.Key_Return)
    assert message(till) == (
        "Card 0000018 (Anna Virtanen) is archived; the owner can bring it back at the back office."
    )
    assert focused_name() == "Find customer"


def test_a_mistyped_amount_is_named_and_nothing_saved(
    till: TillWindow, qtbot: QtBot, clerk: Session
) -> None:
    card_id, card_no = anna(clerk)
    typed(card_no)
    press(qtbot, Qt.Key.Key_Return)
    typed("12,5x")
    press(qtbot, Qt.Key.Key_Return)
    assert find(till, QLabel, "Amount error").text() == "“12,5x” is not an amount of money"
    assert message(till) == ""  # under the field, not under the buttons
    assert focused_name() == "Amount"
    assert purchases.count_purchases(clerk, card_id) == 0


def test_esc_clears_and_esc_again_goes_back_to_find(
    till: TillWindow, qtbot: QtBot, clerk: Session
) -> None:
    typed(anna(clerk)[1])
    press(qtbot, Qt.Key.Key_Return)
    typed("99")
    press(qtbot, Qt.Key.Key_Escape)
    assert find(till, QLineEdit, "Amount").text() == ""
    press(qtbot, Qt.Key.Key_Escape)
    assert focused_name() == "Find customer"


def test_a_card_scanned_into_the_amount_opens_that_card_and_saves_nothing(
    till: TillWindow, qtbot: QtBot, clerk: Session
) -> None:
    card_id, card_no = anna(clerk)
    smith = cards.list_cards(clerk, cards.CardQuery(text="Smith"))[0]
    typed(card_no)
    press(qtbot, Qt.Key.Key_Return)
    typed(smith.card_no)
    press(qtbot, Qt.Key.Key_Return)
    assert find(till, QLabel, "Customer").text() == "John Smith"
    assert purchases.count_purchases(clerk, card_id) == 0
    assert purchases.count_purchases(clerk, smith.id) == 0


def test_a_return_points_at_the_sale_chosen_from_the_recent_ones(
    till: TillWindow, qtbot: QtBot, clerk: Session
) -> None:
    card_id, card_no = anna(clerk)
    sale = purchases.record_purchase(clerk, card_id, PurchaseInput("30", "vase", "", "R9"))
    purchases.record_purchase(clerk, card_id, PurchaseInput("5"))
    typed(card_no)
    press(qtbot, Qt.Key.Key_Return)
    press(qtbot, Qt.Key.Key_F6)
    assert focused_name() == "Recent purchases"
    press(qtbot, Qt.Key.Key_Down)
    press(qtbot, Qt.Key.Key_Return)
    assert focused_name() == "Amount returned"
    assert find(till, QLineEdit, "Amount returned").text() == "30.00"
    typed("12")
    press(qtbot, Qt.Key.Key_Return)
    assert message(till) == "Return of €12.00 for Anna Virtanen (card 0000018)."
    back = purchases.list_purchases(clerk, card_id)[0]
    assert (back.amount, back.returns_id, back.items) == (-1200, sale.id, "vase")


def test_a_new_customer_from_the_till_then_their_purchase(
    till: TillWindow, qtbot: QtBot, clerk: Session
) -> None:
    press(qtbot, Qt.Key.Key_F2)
    assert focused_name() == "Given name"
    for text in ("Liisa", "Koski", "+358 50 111 2222", "", "00200", ""):
        typed(text)
        press(qtbot, Qt.Key.Key_Tab)
    typed("tea, gifts")
    press(qtbot, Qt.Key.Key_Tab)
    assert focused_name() == "Letters by post"
    press(qtbot, Qt.Key.Key_Space)
    for _ in range(3):
        press(qtbot, Qt.Key.Key_Tab)
    assert focused_name() == "Enter this month's prize drawing"
    press(qtbot, Qt.Key.Key_Space)
    press(qtbot, Qt.Key.Key_Return)
    assert find(till, QLabel, "Customer").text() == "Liisa Koski"
    assert message(till).startswith("Card ") and "drawing" not in message(till)
    card = cards.list_cards(clerk, cards.CardQuery(text="Koski"))[0]
    stored = cards.get_card(clerk, card.id)
    assert stored.joined_via is JoinedVia.TILL
    assert (stored.consent_post, stored.consent_email) == (Consent.YES, Consent.NO)
    assert stored.interests == ("gifts", "tea") and stored.postcode == "00200"
    typed("7,80")
    press(qtbot, Qt.Key.Key_Return)
    assert purchases.list_purchases(clerk, card.id)[0].amount == 780


def test_the_new_card_needs_a_phone_or_an_email(till: TillWindow, qtbot: QtBot) -> None:
    press(qtbot, Qt.Key.Key_F2)
    typed("Liisa")
    press(qtbot, Qt.Key.Key_Return)
    assert find(till, QLabel, "Phone error").text() == "Enter a phone number or an e-mail address"
    assert focused_name() == "Phone"


def test_a_likely_duplicate_offers_the_existing_card(
    till: TillWindow, qtbot: QtBot, modals: ModalAnswers
) -> None:
    press(qtbot, Qt.Key.Key_F2)
    for text in ("Anna", "Virtanen", "+358 40 123 4567"):
        typed(text)
        press(qtbot, Qt.Key.Key_Tab)
    modals.then(lambda dialog: find(dialog, QWidget, "Open existing card").click())
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(modals.all_answered)
    qtbot.waitUntil(lambda: till.pages.currentWidget() is till.sale_page)
    assert find(till, QLabel, "Card number").text() == "Card 0000018"


def test_the_new_customer_is_entered_in_this_month_s_drawing(
    till: TillWindow, qtbot: QtBot, clerk: Session
) -> None:
    press(qtbot, Qt.Key.Key_F2)
    for text in ("Liisa", "Koski", "+358 50 111 2222"):
        typed(text)
        press(qtbot, Qt.Key.Key_Tab)
    assert till.new_page.drawing.isChecked()
    press(qtbot, Qt.Key.Key_Return)
    assert message(till).endswith("Entered in the November 2026 prize drawing.")
    card = cards.list_cards(clerk, cards.CardQuery(text="Koski"))[0]
    assert drawing_store.has_entered(clerk.db, "2026-11", card.id)


def test_f7_enters_a_known_customer_in_the_drawing(
    till: TillWindow, qtbot: QtBot, clerk: Session
) -> None:
    card_id, card_no = anna(clerk)
    typed(card_no)
    press(qtbot, Qt.Key.Key_Return)
    press(qtbot, Qt.Key.Key_F7)
    assert message(till) == "Entered in the November 2026 prize drawing."
    assert drawing_store.has_entered(clerk.db, "2026-11", card_id)
    assert focused_name() == "Amount"


@pytest.mark.parametrize("page", ["find_page", "sale_page", "new_page"])
def test_each_screen_fits_1024_by_768_without_scrolling(
    till: TillWindow, qtbot: QtBot, shop: Session, clerk: Session, page: str
) -> None:
    """A long name and e-mail and a customer with many purchases still fit one screen."""
    long = cards.add_card(
        shop,
        cards.CardInput(
            given_name="Maria-Magdalena Charlotte",
            family_name="Wolfeschlegelsteinhausen-Bergerdorff",
            email="maria-magdalena.wolfeschlegelsteinhausen@example-mail.co.uk",
            phones=[("", "+44 20 7946 0999")],
            postcode="SW1A 1AA",
        ),
    )
    assert long.id is not None
    for n in range(10):
        purchases.record_purchase(clerk, long.id, PurchaseInput(f"{n + 1}", "item " * 8))
    if page == "sale_page":
        till.open_customer(long.id)
    elif page == "new_page":
        till.new_customer()
    till.resize(1024, 768)
    qtbot.waitUntil(lambda: till.size().width() == 1024)
    shown = getattr(till, page)
    assert till.pages.currentWidget() is shown
    assert till.minimumSizeHint().height() <= 768
    assert till.minimumSizeHint().width() <= 1024
    window = till.rect()
    for widget in shown.findChildren(QWidget):
        if widget.isVisible() and widget.accessibleName():
            corner = widget.mapTo(till, widget.rect().bottomRight())
            assert window.contains(corner), f"{widget.accessibleName()} is cut off"
    if page == "sale_page":
        recent = till.sale_page.recent
        assert recent.count() == RECENT
        for row in range(recent.count()):
            item = recent.item(row)
            assert item is not None
            assert recent.viewport().rect().contains(recent.visualItemRect(item))
