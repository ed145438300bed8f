"""The card list model with no window: rows, lazy pages, data roles, queries and counts."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QModelIndex, Qt
from pytestqt.qtbot import QtBot

from shopcards.core.card import CardQuery
from shopcards.services import cards
from shopcards.services.session import Session
from shopcards.ui.cabinet import list_model
from shopcards.ui.cabinet.list_model import (
    CARD_ID_ROLE,
    COL_CITY,
    COL_NAME,
    COL_PHONE,
    SUMMARY_ROLE,
    CardListModel,
)
from shopcards.ui.cabinet.list_view import CardListView
from tests.conftest import card_input

ROOT = QModelIndex()
ALPHABETICAL = [
    "O'Brien, Siobhán",
    "Smith, John",
    "Söderberg, Erik",
    "Ștefănescu, Ioana",
    "Virtanen, Anna",
    "Պետրոսյան, Արամ",
    "כהן, דוד",
]


def names(model: CardListModel) -> list[str]:
    return [model.index(row, COL_NAME).data() for row in range(model.rowCount())]


@pytest.fixture
def model(qtbot: QtBot, shop: Session) -> CardListModel:
    m = CardListModel(shop)
    m.set_query(CardQuery())
    return m


def test_rows_are_the_cards_in_the_cabinets_order(model: CardListModel) -> None:
    assert model.rowCount() == 7
    assert model.columnCount() == 3
    assert names(model) == ALPHABETICAL
    assert not model.canFetchMore(ROOT)
    assert model.count() == 7


def test_columns_show_name_city_and_the_phone_as_written_in_the_shops_country(
    qtbot: QtBot, model: CardListModel
) -> None:
    smith = ALPHABETICAL.index("Smith, John")
    virtanen = ALPHABETICAL.index("Virtanen, Anna")
    assert model.index(smith, COL_CITY).data() == "London"
    model.index(smith, COL_PHONE).data()  # asked for: written once the list is shown
    model.index(virtanen, COL_PHONE).data()
    qtbot.waitUntil(lambda: model.index(smith, COL_PHONE).data() == "020 7946 0018")
    assert model.index(virtanen, COL_PHONE).data() == "+358 40 1234567"
    assert model.index(ALPHABETICAL.index("Söderberg, Erik"), COL_PHONE).data() == ""


def test_a_keystroke_shows_its_rows_at_once_and_the_phones_follow(
    qtbot: QtBot, shop: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Writing a number as the shop writes it is slow (phonenumbers); it must not hold up the
    rows of a keystroke, and the list is told to repaint the phones when they are written."""
    monkeypatch.setattr(list_model, "_written_phones", {})
    for n in range(3):
        cards.add_card(
            shop, card_input(f"Given{n}", "Same", phones=[("mobile", f"+358 40 123456{n}")])
        )
    model = CardListModel(shop)
    model.set_query(CardQuery(text="same"))
    assert [model.index(row, COL_PHONE).data() for row in range(3)] == ["", "", ""]
    with qtbot.waitSignal(model.dataChanged) as changed:
        pass
    first, last = changed.args[0], changed.args[1]
    assert (first.row(), last.row(), first.column(), last.column()) == (0, 2, COL_PHONE, COL_PHONE)
    assert [model.index(row, COL_PHONE).data() for row in range(3)] == [
        f"+358 40 123456{n}" for n in range(3)
    ]
    model.set_query(CardQuery(text="given1"))  # a number written once is shown at once
    assert model.index(0, COL_PHONE).data() == "+358 40 1234561"
    assert [model.headerData(c, Qt.Orientation.Horizontal) for c in range(3)] == [
        "Name",
        "City",
        "Phone",
    ]


def test_roles_give_the_card_behind_a_row(model: CardListModel, shop: Session) -> None:
    index = model.index(ALPHABETICAL.index("Virtanen, Anna"), COL_NAME)
    card = cards.get_card(shop, index.data(CARD_ID_ROLE))
    assert card.full_name == "Anna Virtanen"
    assert index.data(SUMMARY_ROLE).email == "anna.v@example.fi"


def test_hebrew_names_are_right_aligned_and_latin_ones_are_not(model: CardListModel) -> None:
    hebrew = model.index(ALPHABETICAL.index("כהן, דוד"), COL_NAME)
    latin = model.index(0, COL_NAME)
    alignment = Qt.AlignmentFlag(hebrew.data(Qt.ItemDataRole.TextAlignmentRole))
    assert alignment & Qt.AlignmentFlag.AlignRight
    assert latin.data(Qt.ItemDataRole.TextAlignmentRole) is None
    assert model.index(hebrew.row(), COL_CITY).data(Qt.ItemDataRole.TextAlignmentRole)


def test_pages_are_fetched_only_as_the_view_asks(
    qtbot: QtBot, owner: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(list_model, "FIRST_PAGE", 3)
    monkeypatch.setattr(list_model, "PAGE_SIZE", 4)
    for n in range(10):
        cards.add_card(owner, card_input(f"Given{n:02d}", "Same"))
    model = CardListModel(owner)
    model.set_query(CardQuery())
    seen = [model.rowCount()]
    while model.canFetchMore(ROOT):
        model.fetchMore(ROOT)
        seen.append(model.rowCount())
    assert seen == [3, 7, 10]
    assert names(model) == [f"Same, Given{n:02d}" for n in range(10)]
    model.set_query(CardQuery(text="given0"))
    assert model.rowCount() == 3 and model.canFetchMore(ROOT)
    assert model.count() == 10  # the count asks the card file, not the rows loaded


def test_a_search_narrows_the_rows_accent_and_format_blind(model: CardListModel) -> None:
    for typed, expected in [
        ("stefanescu", ["Ștefănescu, Ioana"]),
        ("SODERBERG", ["Söderberg, Erik"]),
        ("+44 20 7946 0018", ["Smith, John"]),
        ("020-7946-0018", ["Smith, John"]),
        ("sw1a", ["Smith, John"]),
        ("helsinki", ["Virtanen, Anna"]),
        ("erik@example", ["Söderberg, Erik"]),
        ("כה", ["כהן, דוד"]),
    ]:
        model.set_query(CardQuery(text=typed))
        assert names(model) == expected, typed
        assert model.count() == len(expected)


def test_a_drawer_holds_the_cards_filed_under_its_letter(model: CardListModel) -> None:
    model.set_query(CardQuery(drawer="S"))
    assert names(model) == ["Smith, John", "Söderberg, Erik", "Ștefănescu, Ioana"]
    model.set_query(CardQuery(drawer="א–ת"))
    assert names(model) == ["כהן, דוד"]


def test_refresh_shows_a_card_saved_since(model: CardListModel, shop: Session) -> None:
    added = cards.add_card(shop, card_input("Ada", "Lovelace"))
    assert model.row_of(added.id or 0) is None
    model.refresh()
    assert model.row_of(added.id or 0) == 0
    assert model.rowCount() == 8


def test_a_list_taller_than_the_first_page_fetches_the_rows_to_fill_it(
    qtbot: QtBot, owner: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A keystroke reads only FIRST_PAGE rows; a tall list asks for the rest it can show."""
    monkeypatch.setattr(list_model, "FIRST_PAGE", 3)
    monkeypatch.setattr(list_model, "PAGE_SIZE", 4)
    for n in range(10):
        cards.add_card(owner, card_input(f"Given{n:02d}", "Same"))
    model = CardListModel(owner)
    view = CardListView()
    qtbot.addWidget(view)
    view.setModel(model)
    view.resize(400, 800)  # room for more than 10 rows
    view.show()
    model.set_query(CardQuery(text="same"))
    qtbot.waitUntil(lambda: model.rowCount() == 10)


def test_an_index_outside_the_rows_or_columns_is_invalid(model: CardListModel) -> None:
    assert model.index(0, COL_PHONE).isValid()
    assert model.index(6, COL_NAME).row() == 6
    assert not model.index(7, COL_NAME).isValid()
    assert not model.index(-1, COL_NAME).isValid()
    assert not model.index(0, COL_PHONE + 1).isValid()
    assert not model.index(0, COL_NAME, model.index(0, COL_NAME)).isValid()


@pytest.mark.parametrize("desk", ["this", "another"])
def test_a_phone_changed_since_is_read_again_and_one_unchanged_is_shown_at_once(
    qtbot: QtBot, shop: Session, desk: str
) -> None:
    """The list keeps the phones it read while the card file is unchanged; a change made
    here or at another desk (another connection) has them read again."""
    model = CardListModel(shop)
    model.set_query(CardQuery(text="virtanen"))
    model.index(0, COL_PHONE).data()
    qtbot.waitUntil(lambda: model.index(0, COL_PHONE).data() == "+358 40 1234567")
    model.set_query(CardQuery(text="virt"))
    assert model.index(0, COL_PHONE).data() == "+358 40 1234567"  # no read: at once
    editor = shop.twin() if desk == "another" else shop
    anna = cards.get_card(editor, model.index(0, COL_NAME).data(CARD_ID_ROLE))
    new_phones = [("mobile", "+358 50 7654321")]
    cards.update_card(editor, anna, card_input(city="Helsinki", phones=new_phones))
    if editor is not shop:
        editor.close()
    model.set_query(CardQuery(text="virtanen"))
    assert model.index(0, COL_PHONE).data() != "+358 40 1234567"
    qtbot.waitUntil(lambda: model.index(0, COL_PHONE).data() == "+358 50 7654321")


def test_a_rows_tooltip_names_the_card_and_its_number(model: CardListModel, shop: Session) -> None:
    index = model.index(ALPHABETICAL.index("Virtanen, Anna"), COL_NAME)
    card = cards.get_card(shop, index.data(CARD_ID_ROLE))
    tip = index.data(Qt.ItemDataRole.ToolTipRole)
    assert tip == f"Virtanen, Anna — card {card.card_no}"
    assert model.index(0, COL_CITY).data(Qt.ItemDataRole.ToolTipRole) is None
