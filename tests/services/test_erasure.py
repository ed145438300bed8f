"""Forgetting a customer leaves no byte of them in the card file or its write-ahead log.

Each test gives one person a name no other text contains ("Zyxwvutsrqpon") in every field
that can hold it, and reads the file's bytes afterwards: the .db and the -wal. On a shared
card file it reads the server's files instead: the database's folder and the server's
write-ahead log (tests/stored_bytes.py). What is not read on either: blocks the file
system freed (a truncated -wal, a table's old file, a deleted log segment), which keep
their bytes until the disk reuses them.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager

import pytest

from shopcards.core.calls import CallInput
from shopcards.core.errors import PermissionDenied
from shopcards.core.purchase import PurchaseInput
from shopcards.core.retention import Logged
from shopcards.core.roles import Role
from shopcards.core.shared_address import SharedAddress
from shopcards.services import calls, cards, erasure, loyalty, purchases
from shopcards.services.opening import open_session
from shopcards.services.session import Session
from shopcards.store import erasure as erasure_store
from shopcards.store.stores import Location, open_store
from tests.conftest import card_input
from tests.services.loyalty_shop import scheme_on
from tests.stored_bytes import stored_bytes

NAME = "Zyxwvutsrqpon"
PHONE_DIGITS = "409871234"
TRACES = (NAME.lower().encode(), b"qponzyx", PHONE_DIGITS.encode(), b"gift for")
"""The name (lower-cased: how the search index keeps it), the e-mail's local part, the
phone's digits and the purchase's words."""


def traces_in(location: Location) -> list[str]:
    """Which traces of the person the store's files hold (compared lower-cased): the card
    file and its -wal, or the shared card file's files on the server."""
    found = []
    for name, data in stored_bytes(location).items():
        found += [f"{name}: {trace.decode()}" for trace in TRACES if trace in data.lower()]
    return found


@contextmanager
def a_desk_reading(location: Location) -> Iterator[None]:
    """Another desk in the middle of a read while the block runs: a read transaction on a
    card file; on a shared one a report's snapshot (PgConnection.snapshot), which keeps the
    server from removing rows deleted after it began."""
    if isinstance(location, SharedAddress):
        store = open_store(location)
        try:
            with store.conn.snapshot():
                store.db.execute("SELECT count(*) FROM customers").fetchone()
                yield
        finally:
            store.close()
        return
    conn = sqlite3.connect(location, isolation_level=None)
    conn.execute("BEGIN")
    conn.execute("SELECT count(*) FROM customers").fetchone()
    try:
        yield
    finally:
        conn.close()


def the_person(owner: Session) -> int:
    """A customer named in every field, with sales, a call, a cash-back adjustment, an edit
    (the change log's old values) and an interest only they have."""
    scheme_on(owner)
    card = cards.add_card(
        owner,
        card_input(
            NAME,
            NAME,
            address=f"{NAME} Street 1",
            postcode="00100",
            city="Helsinki",
            email="qponzyx@example.com",
            phones=[("mobile", "+358 " + PHONE_DIGITS)],
            interests=[f"{NAME} club", "cheese"],
            notes=f"Ask {NAME} about the order",
        ),
    )
    assert card.id is not None
    edited = card_input(
        NAME,
        NAME,
        address=f"{NAME} Road 2",
        postcode="00100",
        city="Helsinki",
        email="qponzyx@example.com",
        phones=[("mobile", "+358 " + PHONE_DIGITS)],
        interests=[f"{NAME} club", "cheese"],
        notes=f"{NAME} moved",
    )
    cards.update_card(owner, card, edited)
    sale = purchases.record_purchase(owner, card.id, PurchaseInput("20,00", items="gift for Zyx"))
    voided = purchases.record_purchase(owner, card.id, PurchaseInput("5,00", items="gift for x"))
    purchases.void_purchase(owner, voided, reason=f"gift for {NAME}, wrong card")
    calls.log_call(owner, card.id, CallInput("reached", reason=f"{NAME} asked about hours"))
    loyalty.adjust(owner, card.id, "1,00", f"sorry, {NAME}")
    assert sale.amount == 2000
    return card.id


@pytest.fixture
def others(owner: Session) -> None:
    """Other customers, added one by one as at the counter: the search index then holds its
    words in several segments, as a real file does."""
    for n in range(60):
        cards.add_card(owner, card_input(f"Given{n}", f"Family{n}", interests=["cheese"]))


def test_forgetting_leaves_no_trace_in_the_file_or_its_log(
    owner: Session, others: None, location: Location
) -> None:
    person = the_person(owner)
    owner.card_file.flush_log()
    assert len(traces_in(location)) == len(TRACES)  # the test sees them before
    total_before = _sales_total(owner)

    erasure.forget_customer(owner, person)

    assert traces_in(location) == []
    assert _sales_total(owner) == total_before  # the sales stay, as amounts
    items = owner.db.execute("SELECT items, void_reason FROM purchases").fetchall()
    assert set(items) == {("", "")}
    tags = {row[0] for row in owner.db.execute("SELECT name FROM tags").fetchall()}
    assert tags == {"cheese"}  # the tag others have stays
    assert erasure.wipe_note(owner) == ""
    if not isinstance(location, SharedAddress):  # the server has no such check of its own
        assert owner.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_the_change_log_keeps_that_it_happened_but_no_words(owner: Session) -> None:
    person = the_person(owner)
    erasure.forget_customer(owner, person)
    details = [row[0] for row in owner.db.execute("SELECT details FROM changes").fetchall()]
    assert not [text for text in details if NAME.lower() in text.lower() or "gift" in text]
    assert owner.db.execute(
        "SELECT count(*) FROM changes WHERE entity = 'customer' AND entity_id = ? AND "
        "action = 'erased'",
        [person],
    ).fetchone() == (1,)


def test_the_erasure_log_holds_the_card_number_and_day_only(owner: Session) -> None:
    person = the_person(owner)
    number = cards.get_card(owner, person).card_no
    erasure.forget_customer(owner, person)
    assert erasure_store.logged(owner.db) == [Logged(person, number, "2026-11-23")]
    beside = erasure_store_file_lines(owner)
    assert [line.card_no for line in beside] == [number]


def erasure_store_file_lines(session: Session) -> list[Logged]:
    from shopcards.store import erasure_file

    return erasure_file.lines(session.card_file.path)


def test_a_clerk_may_not_forget_a_customer(clerk: Session, owner: Session) -> None:
    card = cards.add_card(owner, card_input())
    assert card.id is not None
    with pytest.raises(PermissionDenied, match="Only the owner may forget a customer"):
        erasure.forget_customer(clerk, card.id)
    assert cards.get_card(owner, card.id).given_name == "Anna"


def test_a_desk_reading_delays_the_wipe_and_the_owner_is_told_until_it_is_done(
    owner: Session, others: None, location: Location
) -> None:
    person = the_person(owner)
    number = cards.get_card(owner, person).card_no
    owner.card_file.flush_log()
    with a_desk_reading(location):
        erasure.forget_customer(owner, person)

        assert traces_in(location)  # the old pages wait (in the log, the rows) for the reader
        assert erasure.wipe_note(owner).startswith(f"Forgetting card {number} is not finished")
        assert not erasure.finish_wipe(owner)  # still reading
    assert erasure.finish_wipe(owner)
    assert traces_in(location) == []
    assert erasure.wipe_note(owner) == ""


def _sales_total(session: Session) -> int:
    row = session.db.execute("SELECT sum(amount) FROM purchases WHERE voided_at IS NULL")
    return int(row.fetchone()[0])


def test_opening_the_file_finishes_a_wipe_the_reader_held_up(
    owner: Session, location: Location
) -> None:
    person = the_person(owner)
    with a_desk_reading(location):
        erasure.forget_customer(owner, person)
        assert erasure.wipe_note(owner)

    later = open_session(location, Role.CLERK)  # the next desk to open the file
    later.close()

    assert erasure.wipe_note(owner) == ""
    assert traces_in(location) == []


def test_a_merge_cut_short_is_finished_at_the_next_opening(
    owner: Session, others: None, location: Location
) -> None:
    """The program closed after the erasure's commit, before the index's merge was done (on
    a shared card file, before its wipe: there is no merge there, the tables' rewrite is
    left to the opening the same way)."""
    person = the_person(owner)
    with owner.card_file.write() as db:
        erasure_store.forget(db, person, "2026-11-23")
    owner.card_file.flush_log()
    assert "It finishes when the card file is next opened." in erasure.wipe_note(owner)
    assert not erasure.finish_wipe(owner, merge=False)  # the window's timer leaves the merge
    assert traces_in(location)  # the old segments still hold the words

    open_session(location, Role.CLERK).close()

    assert traces_in(location) == []
    assert erasure.wipe_note(owner) == ""


def test_a_sale_being_saved_at_another_desk_leaves_the_wipe_for_later(
    owner: Session, clerk: Session, location: Location
) -> None:
    """The till saving while a pending wipe is tried: the card file's checkpoint cannot run
    past its write, the server's rewrite cannot lock the purchases it is changing; either
    gives up at once (the till must not wait behind a wipe) and the wipe is left pending."""
    person = the_person(owner)
    with a_desk_reading(location):  # the wipe after the erasure is left pending
        erasure.forget_customer(owner, person)

    with clerk.card_file.write() as db:
        db.execute(
            "UPDATE purchases SET amount = amount WHERE id = (SELECT min(id) FROM purchases)"
        )
        assert not erasure.finish_wipe(owner)
        assert traces_in(location)
    assert erasure.finish_wipe(owner)
    assert traces_in(location) == []
    assert erasure.wipe_note(owner) == ""
