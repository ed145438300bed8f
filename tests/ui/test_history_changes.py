"""The Changes tab beside the open card: what an edit changed, from what to what."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from shopcards.services import cards
from shopcards.services.session import Session
from shopcards.services.settings import update_settings
from shopcards.store import changes
from shopcards.ui.cabinet.shop_tools import ShopTools
from shopcards.ui.history.pane import ChangesPane
from tests.conftest import card_input
from tests.ui.conftest import show_window


def changes_tab_lines(qtbot: QtBot, session: Session, search: str) -> list[str]:
    """The "What" column of the Changes tab once the card found by ``search`` is open, each
    edit's lines (one per field) indented under it."""
    win = show_window(qtbot, session)
    ShopTools(win, session)  # puts the panes beside the card, as the program does
    win.search.setText(search)
    qtbot.waitUntil(lambda: win.current_card is not None)
    tabs = [win.card_tabs.tabText(i) for i in range(win.card_tabs.count())]
    win.card_tabs.setCurrentIndex(tabs.index("Changes"))
    pane = win.card_tabs.currentWidget()
    assert isinstance(pane, ChangesPane)
    lines = []
    for i in range(pane.list.topLevelItemCount()):
        item = pane.list.topLevelItem(i)
        assert item is not None and item.isExpanded()
        lines.append(item.text(2))
        lines += ["  " + item.child(c).text(2) for c in range(item.childCount())]
    return lines


def test_an_edit_shows_each_fields_old_and_new_value(qtbot: QtBot, owner: Session) -> None:
    update_settings(owner, region="FI")
    card = cards.add_card(owner, card_input(city="Turku", phones=[("", "040 123 4567")]))
    cards.update_card(
        owner,
        card,
        card_input(
            city="Tampere",
            phones=[("", "050 765 4321")],
            birthday="1961-04-03",
            consent_email="yes",
            interests=["tea"],
        ),
    )
    assert changes_tab_lines(qtbot, owner, "virtanen") == [
        "Card edited: City, Phones, Birthday, Interests, Consent to e-mail",
        "  City: Turku → Tampere",
        "  Phones: 040 1234567 → 050 7654321",
        "  Birthday: — → 3 April 1961",
        "  Interests: — → tea",
        "  Consent to e-mail: Not asked → Yes",
        "Card added",
    ]


def test_a_line_logged_before_values_were_shows_the_field_names(
    qtbot: QtBot, owner: Session
) -> None:
    card = cards.add_card(owner, card_input())
    with owner.card_file.write() as db:
        changes.record(
            db, "clerk", owner.now(), "customer", card.id or 0, "edited", {"fields": ["city"]}
        )
    assert changes_tab_lines(qtbot, owner, "virtanen") == ["Card edited: City", "Card added"]
