"""The till in the clerk's language: Finnish words on its buttons, and in Hebrew a mirrored
window whose amounts and card numbers keep their digits in order inside the Hebrew text."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QPushButton
from pytestqt.qtbot import QtBot

from shopcards.core.card import CardQuery
from shopcards.services import cards, purchases
from shopcards.services.session import Session
from shopcards.ui.till.window import TillWindow
from tests.ui.conftest import find, type_text
from tests.ui.speaking import speaking

FSI, PDI = "\u2068", "\u2069"


def open_till(qtbot: QtBot, session: Session) -> TillWindow:
    window = TillWindow(session)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def open_first_customer(qtbot: QtBot, till: TillWindow, session: Session) -> str:
    """Open the first card of the shop at the till by its number; that number."""
    card_no = cards.list_cards(session, CardQuery(text=""), limit=1)[0].card_no
    till.find_page.find_field.setText(card_no)
    till.find_page.open_typed()
    qtbot.waitUntil(lambda: till.pages.currentWidget() is till.sale_page)
    return card_no


def test_the_till_speaks_finnish(qtbot: QtBot, shop: Session, clerk: Session) -> None:
    with speaking("fi"):
        till = open_till(qtbot, clerk)
        assert find(till, QPushButton, "Uusi asiakas").text() == "Uusi asiakas (F2)"
        open_first_customer(qtbot, till, clerk)
        save = find(till.sale_page, QPushButton, "Tallenna")
        assert save.text() == "Tallenna (Enter)"
        assert till.sale_page.amount_label.text() == "Summa"
        assert till.windowTitle().startswith("Kassa — ")


def test_the_till_in_hebrew_is_mirrored_and_keeps_amounts_in_order(
    qtbot: QtBot, shop: Session, clerk: Session
) -> None:
    with speaking("he"):
        till = open_till(qtbot, clerk)
        assert till.layoutDirection() == Qt.LayoutDirection.RightToLeft
        card_no = open_first_customer(qtbot, till, clerk)
        assert till.sale_page.card_no.text() == f"כרטיס {FSI}{card_no}{PDI}"
        amount = till.sale_page.amount
        amount.setFocus()
        type_text(amount, "12.50")
        QApplication.processEvents()
        till.sale_page.save()
        said = till.find_page.message.text()
        money = purchases.money(clerk, 1250)
        assert said.startswith("נשמרה רכישה של ")
        assert f"{FSI}{money}{PDI}" in said  # the amount isolated: its digits read in order
        assert f"{FSI}{card_no}{PDI}" in said


def test_the_new_customers_fields_keep_their_width_beside_long_finnish_words(
    qtbot: QtBot, clerk: Session
) -> None:
    with speaking("fi"):
        till = open_till(qtbot, clerk)
        till.resize(1024, 768)
        till.new_customer("")
        birthday = till.new_page.inputs["birthday"]
        assert birthday.accessibleName() == "Syntymäpäivä (vapaaehtoinen)"
        hint = birthday.fontMetrics().horizontalAdvance(birthday.placeholderText())
        assert birthday.width() > hint + 10  # "VVVV-KK-PP tai KK-PP" is not cut off


@pytest.mark.parametrize("code", ["fi", "ro", "he", "hy"])
def test_the_till_fits_a_1024_by_768_screen_in_every_language(
    qtbot: QtBot, shop: Session, clerk: Session, code: str
) -> None:
    """Long words (Armenian's "Մասնակցել վիճակահանությանը") wrap their buttons onto a second
    line rather than widening the till past the screen."""
    with speaking(code):
        till = open_till(qtbot, clerk)
        open_first_customer(qtbot, till, clerk)
        till.new_customer("")
        needed = till.minimumSizeHint()
        assert needed.width() <= 1024 and needed.height() <= 768, f"{code}: {needed}"
