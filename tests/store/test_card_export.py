"""The export's card reader against the card file's own (store.customers.get, one card at a
time): every field of every card the same, on a demo shop with purchases, plus the cards a
demo does not make (several phones out of label order, interests whose order depends on case
and accents, a long address, an archived and an erased card), in pages that cut anywhere."""

from __future__ import annotations

import random

import pytest

from shopcards.core.card import Card
from shopcards.core.card_export import CardRecord
from shopcards.services import cards, demo
from shopcards.services.session import Session
from shopcards.store import card_export, customers
from tests.conftest import card_input


@pytest.fixture
def shop(owner: Session) -> Session:
    """60 demo customers with purchases, then cards with what the demo lacks."""
    demo.build_demo(owner, 60)
    unusual = [
        card_input(
            "Zelda",
            "Quayle",
            address="Mannerheimintie 1\nA 5\nc/o Matti\nPL 12",
            phones=[
                ("work", "+44 20 7946 0018"),
                ("mobile", "040 123 4567"),
                ("", "09 123 4567"),
                ("mobile", "050 765 4321"),
            ],
            interests=["tea", "Maps", "éclairs", "apples", "Zebra finches"],
            consent_post="yes",
            consent_phone="no",
            is_staff=True,
            notes="two\nlines",
        ),
        card_input("Bo", "Plain"),
        card_input("Cy", "Archived", phones=[("home", "09 765 4321")], interests=["wine"]),
        card_input("Di", "Erased", phones=[("mobile", "040 999 8888")], interests=["cheese"]),
        card_input("Ed", "Forgotten", interests=["only Ed's"]),
    ]
    ids = [cards.add_card(owner, card).id for card in unusual]
    assert None not in ids
    cards.archive_card(owner, ids[2])  # type: ignore[arg-type]
    with owner.card_file.write() as db:  # a card an older program marked erased
        db.execute("UPDATE customers SET erased_at = '2026-01-01' WHERE id = ?", [ids[3]])
    cards.erase_card(owner, ids[4])  # type: ignore[arg-type]
    return owner


def expected(card: Card) -> CardRecord:
    """What the export's record of ``card`` must hold."""
    return CardRecord(
        card.id or 0,
        card.card_no,
        card.title,
        card.salutation,
        card.given_name,
        card.family_name,
        card.address_lines,
        card.postcode,
        card.city,
        card.country,
        card.phones,
        card.email,
        card.birthday.iso() if card.birthday else "",
        card.anniversary,
        card.anniversary_what,
        card.greeting,
        card.interests,
        card.consent_post.value,
        card.consent_phone.value,
        card.consent_email.value,
        card.customer_type.value if card.customer_type else "",
        card.is_staff,
        card.joined_via.value,
        card.created_at or "",
        card.archived_at or "",
        card.notes,
    )


def live_ids(session: Session) -> list[int]:
    rows = session.db.execute("SELECT id FROM customers WHERE erased_at IS NULL ORDER BY id")
    return [card_id for (card_id,) in rows]


@pytest.mark.parametrize("page", [7, card_export.PAGE])
def test_every_card_in_pages_is_the_card_as_stored(shop: Session, page: int) -> None:
    read: list[CardRecord] = []
    while batch := card_export.cards_after(shop.db, read[-1].id if read else 0, page):
        assert len(batch) <= page
        read += batch
    ids = live_ids(shop)
    assert [card.id for card in read] == ids
    assert len(ids) == card_export.card_count(shop.db) == 63  # 60 + 4 added - Di - Ed
    assert read == [expected(customers.get(shop.db, card_id)) for card_id in ids]
    zelda = next(card for card in read if card.family_name == "Quayle")
    assert zelda.interests == ("apples", "Maps", "tea", "Zebra finches", "éclairs")
    assert [phone.label for phone in zelda.phones] == ["work", "mobile", "", "mobile"]


def test_cards_by_ids_keep_the_order_asked_and_leave_out_what_is_not_a_card(
    shop: Session,
) -> None:
    ids = live_ids(shop)
    random.Random(14).shuffle(ids)
    asked = [*ids[:30], 999_999, *ids[30:]]
    read = card_export.cards_by_ids(shop.db, asked)
    assert [card.id for card in read] == ids
    assert read == [expected(customers.get(shop.db, card_id)) for card_id in ids]
