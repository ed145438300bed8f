"""The card in the window's language: the form's groups and labels in Finnish, and in Hebrew
a mirrored card whose number and phone keep their digits in order."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QGroupBox, QLabel, QPushButton
from pytestqt.qtbot import QtBot

from shopcards.core.card import CardQuery
from shopcards.services import cards
from shopcards.services.session import Session
from shopcards.ui.card.form import CardDialog
from shopcards.ui.card.loyalty_pane import LoyaltyPane
from shopcards.ui.card.view import CardView
from tests.ui.conftest import find
from tests.ui.speaking import speaking

FSI, PDI = "\u2068", "\u2069"


def test_the_card_form_speaks_finnish(qtbot: QtBot, shop: Session) -> None:
    with speaking("fi"):
        dialog = CardDialog(shop, None)
        qtbot.addWidget(dialog)
        dialog.show()
        assert dialog.windowTitle() == "Uusi kortti"
        name_group = find(dialog, QGroupBox, "Nimi")
        assert name_group.title() == "Nimi"
        assert find(dialog, QGroupBox, "Toiveet & suostumus").title() == "Toiveet && suostumus"
        assert find(dialog, QPushButton, "Lisää puhelin").text() == "Lisää puhelin"
        staff = dialog.fields.inputs["is_staff"]
        assert staff.text() == "Työskentelee kaupassa"  # type: ignore[union-attr]


def test_the_card_in_hebrew_is_mirrored_and_keeps_numbers_in_order(
    qtbot: QtBot, shop: Session
) -> None:
    summary = cards.list_cards(shop, CardQuery(text="כהן"), limit=1)[0]
    card = cards.get_card(shop, summary.id)
    with speaking("he"):
        view = CardView(shop.settings.locale, shop.settings.region)
        qtbot.addWidget(view)
        view.show_card(card)
        view.show()
        assert view.layoutDirection() == Qt.LayoutDirection.RightToLeft
        assert view.subtitle.text().startswith(f"כרטיס {FSI}{card.card_no}{PDI}")
        phones = find(view, QLabel, "טלפונים").text()
        assert phones == f"{FSI}+972 52-123-4567{PDI}  (נייד)"  # the kind, in the window's language
        assert find(view, QPushButton, "לערוך").text() == "לערוך"


def test_the_cards_buttons_wrap_rather_than_cut_the_card_off_in_finnish(
    qtbot: QtBot, shop: Session
) -> None:
    card = cards.get_card(shop, cards.list_cards(shop, CardQuery(text="Virtanen"), limit=1)[0].id)
    with speaking("fi"):
        view = CardView(shop.settings.locale, shop.settings.region)
        qtbot.addWidget(view)
        everything = QPushButton("Kaikki tallentamamme tiedot…")
        view.add_button(everything)
        view.resize(440, 600)  # the card pane beside the list at 1024×768
        view.show_card(card)
        view.show()
        qtbot.waitExposed(view)
        buttons = [view.edit_button, view.archive_button, view.forget_button, everything]
        for button in buttons:
            right = button.mapTo(view, button.rect().topRight()).x()
            assert right < view.width(), f"{button.text()!r} is cut off"
        assert everything.y() > view.edit_button.y()  # it went onto a second line


@pytest.mark.parametrize("code", ["fi", "ro", "he", "hy"])
def test_the_card_and_its_loyalty_tab_fit_the_card_pane_in_every_language(
    qtbot: QtBot, shop: Session, code: str
) -> None:
    """Beside the card list at 1024×768 the card pane is about 440 px wide: long words wrap
    their buttons onto another line rather than widening the pane."""
    card = cards.get_card(shop, cards.list_cards(shop, CardQuery(text="Virtanen"), limit=1)[0].id)
    with speaking(code):
        view = CardView(shop.settings.locale, shop.settings.region)
        pane = LoyaltyPane(shop)
        for widget in (view, pane):
            qtbot.addWidget(widget)
        view.show_card(card)  # the pane as built: all three owner's buttons in it
        assert view.minimumSizeHint().width() <= 440
        assert pane.minimumSizeHint().width() <= 440


def test_a_phones_kind_is_shown_in_finnish_and_kept_by_its_key(qtbot: QtBot, shop: Session) -> None:
    """The export's "Mobile" column and a vCard's TEL type read the kind's key: a Finnish
    clerk's "matkapuhelin" is kept as ``mobile``; a label typed is kept as typed."""
    with speaking("fi"):
        dialog = CardDialog(shop, None)
        qtbot.addWidget(dialog)
        dialog.fields.phone_list.set_phones([("mobile", "040 1234567"), ("mökki", "050 7654321")])
        first = dialog.fields.phone_list.findChildren(QComboBox)[0]
        assert first.currentText() == "matkapuhelin"
        assert dialog.fields.phone_list.phones() == [
            ("mobile", "040 1234567"),
            ("mökki", "050 7654321"),
        ]
