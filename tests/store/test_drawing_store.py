"""The drawing's SQL on a real card file: entries, purchases that count, drawings and steps."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlite_utils import Database

from shopcards.core.collation import Alphabet
from shopcards.core.drawing import SAMPLER, DrawRules, Entry, Frozen, entry_hash
from shopcards.core.errors import Conflict
from shopcards.store import customers
from shopcards.store import drawing as store
from shopcards.store.cardfile import CardFile, open_card_file
from tests.conftest import card_input

NOW = "2026-11-23T10:30:00"


@pytest.fixture
def card_file(tmp_path: Path) -> CardFile:
    return open_card_file(tmp_path / "shop.db")


def add_card(db: Database, given: str, family: str) -> int:
    from shopcards.core.validation import validate

    card = customers.insert(
        db, validate(card_input(given, family), "GB"), Alphabet.for_locale("en_GB"), "owner", NOW
    )
    assert card.id is not None
    return card.id


def add_purchase(
    db: Database, customer_id: int, date: str, amount: int, voided: bool = False
) -> int:
    cursor = db.execute(
        "INSERT INTO purchases (customer_id, date, amount, voided_at, created_at, created_by, "
        "updated_at, updated_by) VALUES (?, ?, ?, ?, ?, 'owner', ?, 'owner')",
        [customer_id, date, amount, NOW if voided else None, NOW, NOW],
    )
    assert cursor.lastrowid is not None
    return cursor.lastrowid


def frozen(month: str, picks: tuple[int, ...]) -> Frozen:
    entries = tuple(Entry(cid) for cid in sorted(picks))
    return Frozen(month, DrawRules(), SAMPLER, entries, entry_hash(entries), bytes(32), picks)


def test_entrants_carry_the_purchases_of_the_month_that_count(card_file: CardFile) -> None:
    with card_file.write() as db:
        anna, john = add_card(db, "Anna", "Virtanen"), add_card(db, "John", "Smith")
        assert store.add_entry(db, "2026-10", anna, "clerk", NOW)
        assert not store.add_entry(db, "2026-10", anna, "clerk", NOW)
        store.add_entry(db, "2026-10", john, "owner", NOW)
        store.add_entry(db, "2026-09", john, "owner", NOW)
        first = add_purchase(db, anna, "2026-10-01", 1000)
        last = add_purchase(db, anna, "2026-10-31", 250)
        add_purchase(db, anna, "2026-10-15", -1000)  # a return
        add_purchase(db, anna, "2026-10-16", 500, voided=True)
        add_purchase(db, anna, "2026-09-30", 700)
        add_purchase(db, anna, "2026-11-01", 700)
    found = store.entrants(card_file.db, "2026-10", "2026-10-01", "2026-11-01")
    assert [(e.customer_id, sorted(e.purchase_ids)) for e in found] == [
        (anna, sorted([first, last])),
        (john, []),
    ]
    assert store.count_entrants(card_file.db, "2026-10") == 2
    assert store.has_entered(card_file.db, "2026-09", john)
    assert not store.has_entered(card_file.db, "2026-09", anna)


def test_a_month_is_recorded_once(card_file: CardFile) -> None:
    with card_file.write() as db:
        store.insert(db, frozen("2026-10", (1, 2)), NOW, "owner")
    with pytest.raises(Conflict, match="already been drawn"), card_file.write() as db:
        store.insert(db, frozen("2026-10", (2, 1)), NOW, "owner")
    drawn = store.get(card_file.db, "2026-10")
    assert drawn is not None and drawn.frozen == frozen("2026-10", (1, 2))


def test_the_winner_in_force_is_the_last_step(card_file: CardFile) -> None:
    with card_file.write() as db:
        august = store.insert(db, frozen("2026-08", (5, 6, 7)), NOW, "owner")
        store.add_step(db, august, store.Step(0, 5, store.WINNER, "", NOW, "owner"))
        store.add_step(db, august, store.Step(1, 6, store.NEXT_ALTERNATE, "away", NOW, "owner"))
        september = store.insert(db, frozen("2026-09", (8, 9)), NOW, "owner")
        store.add_step(db, september, store.Step(0, 8, store.WINNER, "", NOW, "owner"))
    assert store.current_winners(card_file.db, ["2026-08", "2026-09"]) == {6, 8}
    assert store.current_winners(card_file.db, ["2026-09", "2026-07"]) == {8}
    assert store.current_winners(card_file.db, []) == set()
    log = store.log(card_file.db)
    assert [(line.month, line.entries, len(line.steps)) for line in log] == [
        ("2026-09", 2, 1),
        ("2026-08", 3, 2),
    ]


def test_erasing_a_customer_takes_their_entries_with_them(card_file: CardFile) -> None:
    with card_file.write() as db:
        anna = add_card(db, "Anna", "Virtanen")
        store.add_entry(db, "2026-10", anna, "clerk", NOW)
        customers.erase(db, anna)
    assert store.count_entrants(card_file.db, "2026-10") == 0
    assert store.people(card_file.db, [anna]) == {}
