"""Through the real window: the card shows each consent with when, how and by whom; the clerk
withdraws one in one click; "Everything we keep…" asks the clerk for the owner's PIN and writes
the PDF and the JSON file; the call dialog warns of "Phone: no" and keeps only their call."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QLabel,
    QPushButton,
    QTableView,
)
from pytestqt.qtbot import QtBot

from shopcards.core.card import Consent
from shopcards.core.consent import Channel, How
from shopcards.core.roles import Role
from shopcards.services import auth, calls, cards, consents
from shopcards.services.session import Session
from shopcards.ui.cabinet.main_window import MainWindow
from shopcards.ui.cabinet.shop_tools import ShopTools
from shopcards.ui.card.call_dialog import CallDialog
from shopcards.ui.card.form import CardDialog
from tests.conftest import PIN, card_input, set_test_pin
from tests.services.test_insights import build_known_shop
from tests.ui.conftest import find, show_window
from tests.ui.test_insights_screen import click_row, go_to, open_screen, panel


def _window(qtbot: QtBot, session: Session, **consent: str) -> tuple[MainWindow, int]:
    """The cabinet with ShopTools, Tamar's card open (given ``consent``)."""
    owner = Session(session.card_file, Role.OWNER, session.clock)
    card = cards.add_card(owner, card_input("תמר", "פרידמן", **consent))
    assert card.id is not None
    window = show_window(qtbot, session)
    window.tools = ShopTools(window, session)  # type: ignore[attr-defined]
    window.open_card(card.id)
    return window, card.id


def test_the_clerk_withdraws_a_consent_in_one_click(
    qtbot: QtBot, shop: Session, clerk: Session
) -> None:
    window, card_id = _window(qtbot, clerk, consent_post="yes", consent_phone="yes")
    post = find(window, QLabel, "Consent to post")
    assert post.text() == "Post: yes, since 2026-11-23 (form, owner)"
    assert find(window, QLabel, "Consent to e-mail").text() == "E-mail: not asked"
    withdraw = find(window, QPushButton, "Withdraw post")
    assert withdraw.text() == "Withdraw post"
    qtbot.mouseClick(withdraw, Qt.MouseButton.LeftButton)
    assert cards.get_card(clerk, card_id).consent_post is Consent.NO
    assert find(window, QLabel, "Consent to post").text() == (
        "Post: no, since 2026-11-23 (asked in person, clerk)"
    )
    assert not find(window, QPushButton, "Withdraw phone").isHidden()
    assert withdraw.isHidden()  # nothing left to withdraw
    assert window.current_card is not None and window.current_card.consent_post is Consent.NO


def test_everything_we_keep_asks_the_clerk_for_the_pin(
    qtbot: QtBot, shop: Session, clerk: Session, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    set_test_pin(clerk)
    window, _card_id = _window(qtbot, clerk, consent_post="yes")
    asked: list[Session] = []
    monkeypatch.setattr(
        "shopcards.ui.cabinet.shop_tools.ask_for_owner_mode",
        lambda session, _parent: asked.append(session) or False,  # the clerk cancels
    )
    monkeypatch.setattr("shopcards.ui.kit.save_as.ask_save_path", lambda *_a: tmp_path / "x.pdf")
    qtbot.mouseClick(find(window, QPushButton, "Everything we keep…"), Qt.MouseButton.LeftButton)
    assert asked == [clerk] and not list(tmp_path.glob("x.*"))


def test_everything_we_keep_writes_the_pdf_and_the_json_beside_it(
    qtbot: QtBot, shop: Session, clerk: Session, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    set_test_pin(clerk)
    assert auth.become_owner(clerk, PIN) is None
    window, card_id = _window(qtbot, clerk, consent_post="yes")
    chosen = tmp_path / "tamar.pdf"
    monkeypatch.setattr("shopcards.ui.kit.save_as.ask_save_path", lambda *_args: chosen)
    qtbot.mouseClick(find(window, QPushButton, "Everything we keep…"), Qt.MouseButton.LeftButton)
    assert chosen.read_bytes().startswith(b"%PDF")
    data = json.loads(chosen.with_suffix(".json").read_text(encoding="utf-8"))
    assert data["card"]["given_name"] == "תמר" and data["consents"][0]["channel"] == "post"
    assert data["card"]["card_no"] == cards.get_card(clerk, card_id).card_no
    assert str(chosen) in window.statusBar().currentMessage()


def test_the_call_dialog_warns_and_keeps_only_their_call(
    qtbot: QtBot, shop: Session, tmp_path: Path
) -> None:
    card = cards.add_card(shop, card_input("Aino", "Lahti", consent_phone="yes"))
    assert card.id is not None
    consents.withdraw(shop, card.id, Channel.PHONE)
    dialog = CallDialog(shop, card.id)
    qtbot.addWidget(dialog)
    dialog.show()
    warning = find(dialog, QLabel, "Consent to phone")
    assert warning.text().startswith("Phone: no — the customer asked not to be called")
    dialog.save()  # the shop calling them: refused, said under the fields
    assert dialog.result() == 0 and calls.calls_for(shop, card.id) == []
    assert "Log the call only if they called the shop" in dialog.message.text()
    they_called = find(dialog, QCheckBox, "They called us")
    they_called.setChecked(True)
    dialog.save()
    assert dialog.saved is not None and dialog.saved.incoming


def test_the_form_asks_how_when_a_consent_changes(qtbot: QtBot, shop: Session) -> None:
    card = cards.add_card(shop, card_input("Aino", "Lahti"))
    assert card.id is not None
    dialog = CardDialog(shop, card)
    qtbot.addWidget(dialog)
    dialog.show()
    how = find(dialog, QComboBox, "How they told us")
    assert not how.isEnabled() and how.currentText() == "Form"  # the owner's form
    post = find(dialog, QComboBox, "Consent to post")
    post.setCurrentIndex(post.findData(Consent.YES.value))
    assert how.isEnabled()
    how.setCurrentIndex(how.findData(How.PHONE.value))
    dialog.save()
    assert dialog.saved is not None and dialog.saved.consent_post is Consent.YES
    event = consents.latest(shop, card.id)[Channel.POST]
    assert (event.value, event.how, event.by) == (Consent.YES, How.PHONE, "owner")


def test_the_lapsed_list_offers_no_call_to_who_said_no(qtbot: QtBot, owner: Session) -> None:
    known = build_known_shop(owner)
    screen = open_screen(qtbot, owner)
    go_to(qtbot, screen, "Lapsed")
    lapsed = panel(screen, "Lapsed")
    click_row(find(lapsed, QTableView, "Lapsed"), 0)  # Fay: may be called, no number on file
    assert find(lapsed, QPushButton, "Call…").isEnabled()
    consents.withdraw(owner, known["Fay"], Channel.PHONE)
    screen.close()
    screen = open_screen(qtbot, owner)
    go_to(qtbot, screen, "Lapsed")
    lapsed = panel(screen, "Lapsed")
    click_row(find(lapsed, QTableView, "Lapsed"), 0)
    assert lapsed.model.text(0, lapsed.model.columnCount() - 1).endswith("(no phone consent)")
    assert not find(lapsed, QPushButton, "Call…").isEnabled()
