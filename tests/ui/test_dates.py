"""One way to write a date on screen: the lists and the date fields agree, in the shop's locale."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtWidgets import QDateEdit
from pytestqt.qtbot import QtBot

from shopcards.services import cards
from shopcards.services.session import Session
from shopcards.services.settings import update_settings
from shopcards.ui.card.call_dialog import CallDialog
from shopcards.ui.kit.dates import date_edit, iso_date_text, iso_date_time_text
from tests.ui.conftest import find

DAY = dt.date(2026, 11, 30)


@pytest.mark.parametrize(
    ("locale", "shown"),
    [("en_GB", "30 Nov 2026"), ("fi_FI", "30.11.2026"), ("de_DE", "30.11.2026")],
)
def test_a_date_field_writes_the_date_as_the_lists_do(
    qtbot: QtBot, locale: str, shown: str
) -> None:
    edit = date_edit("Date", locale, DAY)
    qtbot.addWidget(edit)
    assert iso_date_text(DAY.isoformat(), locale) == shown
    assert edit.text() == shown


def test_a_time_follows_the_date_in_the_same_style() -> None:
    assert iso_date_time_text("2026-11-30T14:05:09", "en_GB") == "30 Nov 2026 14:05"


def test_the_call_dialog_dates_are_the_shops(qtbot: QtBot, shop: Session) -> None:
    update_settings(shop, locale="fi_FI", region="FI")
    card = cards.list_cards(shop, cards.CardQuery(text="Virtanen"))[0]
    dialog = CallDialog(shop, card.id)
    qtbot.addWidget(dialog)
    dialog.show()
    today = shop.today()
    assert find(dialog, QDateEdit, "Date").text() == f"{today.day}.{today.month}.{today.year}"
