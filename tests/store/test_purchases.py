"""The purchases table: stored as given, listed in any order, never overwritten blindly."""

from __future__ import annotations

import pytest

from shopcards.core.errors import Conflict, NotFound
from shopcards.core.purchase import PurchaseEntry
from shopcards.services import cards
from shopcards.services.session import Session
from shopcards.store import changes
from shopcards.store import purchases as store
from tests.conftest import card_input

NOW = "2026-11-23T10:30:00"


def _entry(date: str, amount: int, items: str = "", receipt: str = "") -> PurchaseEntry:
    return PurchaseEntry(date=date, amount=amount, items=items, category="", receipt_no=receipt)


@pytest.fixture
def customer_id(owner: Session) -> int:
    card_id = cards.add_card(owner, card_input()).id
    assert card_id is not None
    return card_id


def test_a_purchase_reads_back_as_stored(owner: Session, customer_id: int) -> None:
    with owner.card_file.write() as db:
        made = store.insert(
            db, customer_id, _entry("2026-11-01", 1250, "tea", "R1"), None, "clerk", NOW
        )
    assert store.get(owner.db, made.id) == made
    assert made.version == 1 and made.created_by == "clerk"
    with pytest.raises(NotFound):
        store.get(owner.db, 999)


def test_pages_sort_by_any_listed_column(owner: Session, customer_id: int) -> None:
    with owner.card_file.write() as db:
        for date, amount, items in [
            ("2026-01-01", 300, "b"),
            ("2026-03-01", 100, "c"),
            ("2026-02-01", 200, "a"),
        ]:
            store.insert(db, customer_id, _entry(date, amount, items), None, "owner", NOW)
    assert [p.date for p in store.page(owner.db, customer_id)] == [
        "2026-03-01",
        "2026-02-01",
        "2026-01-01",
    ]
    assert [p.amount for p in store.page(owner.db, customer_id, "amount", False)] == [100, 200, 300]
    assert [p.items for p in store.page(owner.db, customer_id, "items", False, 1, 1)] == ["b"]
    with pytest.raises(ValueError):
        store.page(owner.db, customer_id, "amount; DROP TABLE purchases")


def test_an_edit_from_a_stale_copy_is_a_conflict(owner: Session, customer_id: int) -> None:
    with owner.card_file.write() as db:
        made = store.insert(db, customer_id, _entry("2026-11-01", 1250), None, "clerk", NOW)
        first = store.update(db, made, _entry("2026-11-01", 1300), "owner", NOW)
    assert first.version == 2
    with pytest.raises(Conflict) as caught, owner.card_file.write() as db:
        store.update(db, made, _entry("2026-11-01", 9999), "clerk", NOW)
    assert "amount" in caught.value.changed_fields
    assert store.get(owner.db, made.id).amount == 1300


def test_voided_purchases_are_listed_but_not_counted(owner: Session, customer_id: int) -> None:
    with owner.card_file.write() as db:
        kept = store.insert(db, customer_id, _entry("2026-11-01", 1000), None, "clerk", NOW)
        gone = store.insert(db, customer_id, _entry("2026-11-02", 5000), None, "clerk", NOW)
        store.void(db, gone, "typed twice", "owner", NOW)
    assert store.count(owner.db, customer_id) == 2
    assert store.counted_for_customer(owner.db, customer_id) == [("2026-11-01", 1000)]
    voided = store.get(owner.db, gone.id)
    assert (voided.voided_by, voided.void_reason, voided.version) == ("owner", "typed twice", 2)
    assert kept.voided_at is None


def test_a_card_s_changes_include_its_purchases(owner: Session, customer_id: int) -> None:
    with owner.card_file.write() as db:
        made = store.insert(db, customer_id, _entry("2026-11-01", 1000), None, "clerk", NOW)
        changes.record(db, "clerk", "2026-11-23T11:00:00", "purchase", made.id, "added")
    actions = [(c.entity, c.action) for c in store.changes_for_customer(owner.db, customer_id)]
    assert actions == [("purchase", "added"), ("customer", "added")]


def test_the_figures_come_from_the_covering_index(owner: Session, customer_id: int) -> None:
    """The figures of a customer with thousands of purchases must not visit the table."""
    issued: list[str] = []
    owner.db.conn.set_trace_callback(issued.append)
    store.counted_for_customer(owner.db, customer_id)
    owner.db.conn.set_trace_callback(None)
    query = next(sql for sql in issued if sql.lstrip().startswith("SELECT"))
    plan = owner.db.execute(f"EXPLAIN QUERY PLAN {query}").fetchall()
    assert "USING COVERING INDEX" in str(plan)
