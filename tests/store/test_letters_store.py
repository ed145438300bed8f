"""The letters tables: batches and sends as "Did it work?" reads them, templates, look-ups."""

from __future__ import annotations

from shopcards.services import cards
from shopcards.services.session import Session
from shopcards.store import letters as store
from tests.conftest import card_input


def _batch(kind: str = "letter", at: str = "2026-11-23T10:00:00") -> store.BatchRow:
    return store.BatchRow(
        at, "owner", "Welcome letter", "letter_welcome", kind, "all", False, 0.1, 2, 0
    )


def test_the_tables_have_the_columns_insights_reads(owner: Session) -> None:
    columns = {  # read the way both stores answer: a statement's column names
        table: {d[0] for d in owner.db.execute(f"SELECT * FROM {table} LIMIT 0").description}
        for table in ("letter_batches", "letters_sent", "templates")
    }
    assert {"id", "created_at", "created_by", "template", "selection", "holdout_share"} <= (
        columns["letter_batches"]
    )
    assert {"id", "batch_id", "customer_id", "template", "kind", "sent_at", "held_out"} <= (
        columns["letters_sent"]
    )
    assert {"key", "text", "updated_at", "updated_by"} <= columns["templates"]


def test_the_last_letter_sent_is_found_and_held_back_ones_do_not_count(owner: Session) -> None:
    anna = cards.add_card(owner, card_input()).id
    mikko = cards.add_card(owner, card_input("Mikko")).id
    assert anna is not None and mikko is not None
    with owner.card_file.write() as db:
        first = store.insert_batch(db, _batch(at="2026-01-05T09:00:00"), [anna], [mikko])
        second = store.insert_batch(db, _batch("card"), [anna, mikko], [])
    last = store.last_sent(owner.db, anna, "letter")
    assert last == store.Sent("2026-01-05T09:00:00", "Welcome letter", "letter", first)
    assert store.last_sent(owner.db, mikko, "letter") is None
    assert store.last_sent(owner.db, mikko, "card") == store.Sent(
        "2026-11-23T10:00:00", "Welcome letter", "card", second
    )


def test_templates_are_saved_replaced_and_deleted(owner: Session) -> None:
    with owner.card_file.write() as db:
        assert store.save_template(db, "letter_x", "one", store.NOT_STORED, "owner", "2026-01-01")
        assert store.save_template(db, "letter_x", "two", 1, "owner", "2026-01-02")
    assert store.stored_template(owner.db, "letter_x") == store.StoredTemplate(
        "letter_x", "two", "2026-01-02", "owner", 2
    )
    with owner.card_file.write() as db:
        assert store.delete_template(db, "letter_x", 2)
        assert not store.delete_template(db, "letter_x", 2)
    assert store.stored_templates(owner.db) == []


def test_a_save_or_delete_from_a_stale_version_writes_nothing(owner: Session) -> None:
    with owner.card_file.write() as db:
        store.save_template(db, "letter_x", "one", store.NOT_STORED, "owner", "2026-01-01")
        store.save_template(db, "letter_x", "two", 1, "office", "2026-01-02")
        assert not store.save_template(db, "letter_x", "mine", 1, "till", "2026-01-03")
        assert not store.save_template(db, "letter_x", "first", store.NOT_STORED, "till", "x")
        assert not store.delete_template(db, "letter_x", 1)
    assert store.stored_template(owner.db, "letter_x") == store.StoredTemplate(
        "letter_x", "two", "2026-01-02", "office", 2
    )


def test_birthdays_are_found_by_month_and_day_over_the_year_end(owner: Session) -> None:
    december = cards.add_card(owner, card_input("Anna", birthday="--12-30")).id
    january = cards.add_card(owner, card_input("Mikko", birthday="1970-01-02")).id
    cards.add_card(owner, card_input("Liisa", birthday="--06-01"))
    found = store.with_month_day(owner.db, "birthday", [("12-15", "12-31"), ("01-01", "01-15")])
    assert sorted(found) == sorted([(december, "12-30"), (january, "01-02")])
