"""Adding, finding, editing and archiving cards through the services the window calls."""

from __future__ import annotations

import pytest

from shopcards.core.card import CardQuery
from shopcards.core.errors import Conflict, PermissionDenied, ValidationError
from shopcards.services import cards
from shopcards.services.session import Session
from shopcards.services.settings import update_settings
from shopcards.store.stores import Location, open_store
from tests.conftest import card_input
from tests.stored_bytes import stored_bytes


def _names(session: Session, **query: str) -> list[str]:
    return [c.display_name for c in cards.list_cards(session, CardQuery(**query))]


@pytest.fixture
def shop(owner: Session) -> Session:
    update_settings(owner, locale="fi_FI", region="FI")
    for given, family, phone, extra in [
        ("Ștefan", "Popescu", "+40 721 234 567", {"postcode": "010011", "city": "București"}),
        ("Anna", "Virtanen", "+358 40 123 4567", {"email": "anna.v@example.fi"}),
        ("Mikko", "Äijälä", "050 765 4321", {"city": "Tampere"}),
        ("נועה", "כהן", "+972 52 123 4567", {}),
        ("Արամ", "Պետրոսյան", "+374 91 123456", {}),
    ]:
        cards.add_card(owner, card_input(given, family, phones=[("", phone)], **extra))
    return owner


@pytest.mark.parametrize(
    ("typed", "found"),
    [
        ("stefan", ["Popescu, Ștefan"]),
        ("POPESCU", ["Popescu, Ștefan"]),
        ("+358 40 123 4567", ["Virtanen, Anna"]),
        ("0401234567", ["Virtanen, Anna"]),
        ("040-123 45", ["Virtanen, Anna"]),
        ("anna.v@", ["Virtanen, Anna"]),
        ("bucuresti", ["Popescu, Ștefan"]),
        ("010011", ["Popescu, Ștefan"]),
        ("aijala", ["Äijälä, Mikko"]),
        ("כהן", ["כהן, נועה"]),
        ("Պետրո", ["Պետրոսյան, Արամ"]),
        ("nobody", []),
        ("ä", ["Äijälä, Mikko"]),
        ("po", ["Popescu, Ștefan"]),
        ("an", []),
        ("ann", ["Virtanen, Anna"]),
    ],
)
def test_search_finds_any_way_it_is_typed(shop: Session, typed: str, found: list[str]) -> None:
    assert _names(shop, text=typed) == found
    assert cards.count_cards(shop, CardQuery(text=typed)) == len(found)


def test_one_or_two_digits_are_too_little_to_narrow_the_cabinet(shop: Session) -> None:
    assert len(_names(shop, text="0")) == 5
    assert len(_names(shop, text="04")) == 5


def test_the_cabinet_is_in_the_shops_alphabetical_order(shop: Session) -> None:
    assert _names(shop) == [
        "Popescu, Ștefan",
        "Virtanen, Anna",
        "Äijälä, Mikko",
        "Պետրոսյան, Արամ",
        "כהן, נועה",
    ]
    assert _names(shop, drawer="Ä") == ["Äijälä, Mikko"]


def test_a_new_locale_refiles_the_cabinet(shop: Session) -> None:
    update_settings(shop, locale="de_DE")
    assert _names(shop)[0] == "Äijälä, Mikko"
    assert _names(shop, drawer="A") == ["Äijälä, Mikko"]


def test_paging_continues_after_the_last_card_seen(owner: Session) -> None:
    for n in range(25):
        cards.add_card(owner, card_input("Anna", f"Laine {n:02d}"))
    first = cards.list_cards(owner, CardQuery(), limit=10)
    rest = cards.list_cards(owner, CardQuery(), after=(first[-1].sort_key, first[-1].id))
    assert [c.family_name for c in first + rest] == [f"Laine {n:02d}" for n in range(25)]


def test_a_likely_duplicate_is_warned_and_can_be_saved_anyway(shop: Session) -> None:
    same_phone = card_input("Anne", "Virtanen-Laine", phones=[("", "040 123 4567")])
    with pytest.raises(cards.LikelyDuplicate) as warning:
        cards.add_card(shop, same_phone)
    assert [c.display_name for c in warning.value.candidates] == ["Virtanen, Anna"]
    cards.add_card(shop, same_phone, allow_duplicate=True)
    assert cards.count_cards(shop, CardQuery(text="virtanen")) == 2


def test_nothing_is_saved_from_a_bad_form(owner: Session) -> None:
    with pytest.raises(ValidationError):
        cards.add_card(owner, card_input(birthday="2023-04-31"))
    assert cards.count_cards(owner, CardQuery()) == 0


def test_the_second_desk_is_told_what_changed_and_never_overwrites(
    owner: Session, clerk: Session
) -> None:
    card = cards.add_card(owner, card_input())
    at_till = cards.get_card(clerk, card.id or 0)
    cards.update_card(owner, card, card_input(city="Turku"))
    with pytest.raises(Conflict) as conflict:
        cards.update_card(clerk, at_till, card_input(city="Oulu"))
    assert conflict.value.changed_fields == ["city", "updated_at"] or "city" in (
        conflict.value.changed_fields
    )
    assert cards.get_card(owner, card.id or 0).city == "Turku"


def test_edits_are_in_the_card_history_with_who_did_them(owner: Session, clerk: Session) -> None:
    card = cards.add_card(owner, card_input())
    cards.update_card(clerk, card, card_input(city="Turku"))
    history = cards.card_history(owner, card.id or 0)
    assert [(c.actor, c.action) for c in history] == [("clerk", "edited"), ("owner", "added")]
    assert history[0].details == {"fields": ["city"], "values": {"city": ["", "Turku"]}}


def test_an_edit_logs_each_fields_old_and_new_value_as_a_person_reads_it(
    owner: Session,
) -> None:
    update_settings(owner, region="FI")
    card = cards.add_card(
        owner, card_input(city="Turku", phones=[("mobile", "040 123 4567")], interests=["tea"])
    )
    cards.update_card(
        owner,
        card,
        card_input(
            city="Tampere",
            phones=[("mobile", "+358 50 765 4321")],
            interests=["tea", "cheese"],
            birthday="1961-04-03",
            consent_post="yes",
            is_staff=True,
        ),
    )
    [edit, _added] = cards.card_history(owner, card.id or 0)
    assert edit.details["values"] == {
        "city": ["Turku", "Tampere"],
        "phones": [["040 1234567 (mobile)"], ["050 7654321 (mobile)"]],
        "birthday": [None, "1961-04-03"],
        "interests": [["tea"], ["cheese", "tea"]],
        "consent_post": ["not_asked", "yes"],
        "is_staff": [False, True],
    }
    assert edit.details["fields"] == list(edit.details["values"])


def test_erasing_a_card_wipes_the_old_and_new_values_from_its_log(owner: Session) -> None:
    card = cards.add_card(owner, card_input(city="Xanadu", phones=[("", "+358 40 987 6543")]))
    cards.update_card(owner, card, card_input(city="Zanzibar", phones=[("", "+358 50 246 8101")]))
    cards.erase_card(owner, card.id or 0)
    history = cards.card_history(owner, card.id or 0)
    assert [c.action for c in history] == ["erased", "edited", "added"]
    assert history[1].details == {"fields": ["city", "phones"]}
    owner.close()
    raw = b"".join(p.read_bytes() for p in owner.card_file.path.parent.glob("shop.db*"))
    for trace in ("Xanadu", "Zanzibar", "9876543", "2468101"):
        assert trace.encode() not in raw, trace


def test_archiving_is_for_the_owner_and_keeps_the_card(owner: Session, clerk: Session) -> None:
    card = cards.add_card(owner, card_input())
    with pytest.raises(PermissionDenied):
        cards.archive_card(clerk, card.id or 0)
    cards.archive_card(owner, card.id or 0)
    assert cards.count_cards(owner, CardQuery()) == 0
    assert _names(owner, text="anna") == []
    assert cards.count_cards(owner, CardQuery(archived=True)) == 1
    cards.archive_card(owner, card.id or 0, archived=False)
    assert _names(owner) == ["Virtanen, Anna"]


def test_a_card_number_with_a_check_digit_finds_the_card(owner: Session) -> None:
    card = cards.add_card(owner, card_input())
    assert len(card.card_no) == 7
    found = cards.find_card_no(owner, card.card_no)
    assert found is not None and found.id == card.id
    assert _names(owner, text=card.card_no) == ["Virtanen, Anna"]


def test_erasing_leaves_no_trace_of_the_name_but_keeps_the_sales(
    owner: Session, clerk: Session, location: Location
) -> None:
    card = cards.add_card(
        owner,
        card_input("Zebulon", "Quixotesque", city="Xanadu", phones=[("", "+358 40 987 6543")]),
    )
    cards.add_card(owner, card_input("Anna", "Virtanen"))
    with owner.card_file.write() as db:
        db.execute(
            "INSERT INTO purchases (customer_id, date, amount, created_at, created_by, "
            "updated_at, updated_by) VALUES (?, '2026-11-01', 4200, 'x', 'o', 'x', 'o')",
            [card.id],
        )
    with pytest.raises(PermissionDenied):
        cards.erase_card(clerk, card.id or 0)
    cards.erase_card(owner, card.id or 0)
    clerk.close()
    owner.close()
    raw = b"".join(stored_bytes(location).values())
    for trace in ("Quixotesque", "quixotesque", "Zebulon", "zebulon", "Xanadu", "9876543"):
        assert trace.encode() not in raw, trace
    with open_store(location) as store:
        assert store.db.execute("SELECT customer_id, amount FROM purchases").fetchall() == [
            (None, 4200)
        ]


def test_only_drawers_that_hold_cards_are_offered_and_the_open_one(owner: Session) -> None:
    for family in ("Virtanen", "Smith", "Åberg"):
        cards.add_card(owner, card_input("Anna", family))
    assert cards.drawers(owner) == ["A", "S", "V"]  # en_GB: Åberg in A
    assert cards.drawers(owner, keep="K") == ["A", "K", "S", "V"]
    assert cards.drawers(owner, keep="no such drawer") == ["A", "S", "V"]


def test_a_drawer_whose_cards_are_all_archived_is_not_offered(owner: Session) -> None:
    smith = cards.add_card(owner, card_input("Anna", "Smith"))
    for family in ("Virtanen", "Åberg", "Zorn"):
        cards.add_card(owner, card_input("Anna", family))
    assert smith.id is not None
    cards.archive_card(owner, smith.id, True)
    assert cards.drawers(owner) == ["A", "V", "Z"]
