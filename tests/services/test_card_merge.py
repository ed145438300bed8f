"""Merging two cards on a real card file: the other card has one record of every kind, and
after the merge each is on the kept card (frozen drawing months left as they were), the totals
are unchanged, the old number opens the kept card at the till and in an import, and the
owner's field choices land on the kept card."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from shopcards.core.calls import CallInput
from shopcards.core.card import Consent, Phone
from shopcards.core.errors import PermissionDenied, ShopError
from shopcards.core.loyalty_tiers import Rule, Tier
from shopcards.core.purchase import PurchaseInput
from shopcards.core.roles import Role
from shopcards.services import (
    calls,
    card_merge,
    cards,
    drawing,
    drawing_notice,
    drawing_proof,
    loyalty,
    loyalty_tiers,
    purchases,
)
from shopcards.services.session import Session
from shopcards.services.settings import update_settings
from shopcards.store import customers, letters
from shopcards.store import purchases as purchase_store
from shopcards.store.cardfile import open_card_file
from tests.conftest import card_input
from tests.store.test_old_card_files import OLD_FILES, old_card_file

OCTOBER, NOVEMBER = "2026-10", "2026-11"
TABLE = [Tier("Card", 500, Rule.SPEND, threshold=0), Tier("Gold", 1500, Rule.SPEND, 100_000)]


def _card(session: Session, given: str, family: str, **fields: object) -> int:
    card_id = cards.add_card(session, card_input(given, family, **fields), True).id
    assert card_id is not None
    return card_id


def _counts(session: Session, card_id: int) -> dict[str, int]:
    tables = (
        "purchases",
        "calls",
        "letters_sent",
        "drawing_entries",
        "cashback_ledger",
        "cashback_open_lots",
        "loyalty_placements",
    )
    found = {
        table: session.db.execute(
            f"SELECT count(*) FROM {table} WHERE customer_id = ?", [card_id]
        ).fetchone()[0]
        for table in tables
    }
    found["sale_discounts"] = session.db.execute(
        "SELECT count(*) FROM sale_discounts d JOIN purchases p ON p.id = d.purchase_id "
        "WHERE p.customer_id = ?",
        [card_id],
    ).fetchone()[0]
    return found


def _totals(session: Session) -> tuple[int, int, int]:
    return session.db.execute(
        "SELECT (SELECT sum(amount) FROM purchases), (SELECT sum(amount) FROM cashback_ledger), "
        "(SELECT sum(discount) FROM sale_discounts)"
    ).fetchone()


@pytest.fixture
def two(owner: Session) -> tuple[int, int]:
    """Anna (kept) and her second card, which holds one record of every kind."""
    update_settings(
        owner,
        locale="fi_FI",
        region="FI",
        currency="EUR",
        cashback_on=True,
        cashback_rate_bp=500,
        tiers_on=True,
    )
    loyalty_tiers.save_tiers(owner, TABLE)
    keep = _card(owner, "Anna", "Virtanen", phones=[("", "040 123 4567")], interests=["wool"])
    other = _card(
        owner,
        "Ana",
        "Virtanen",
        phones=[("", "050 765 4321")],
        email="anna@example.fi",
        interests=["yarn"],
        address="Kauppakatu 1",
        postcode="00100",
        city="Helsinki",
    )
    purchases.record_purchase(owner, keep, PurchaseInput("10", date="2026-10-03"))
    drawing.enter_drawing(owner, keep, OCTOBER)
    october = purchases.record_purchase(owner, other, PurchaseInput("100", date="2026-10-05"))
    drawing.enter_drawing(owner, other, OCTOBER)
    drawing_notice.publish_notice(owner, OCTOBER)
    purchases.record_return(owner, october.id, PurchaseInput("20", date="2026-10-06"))
    loyalty_tiers.place_by_hand(owner, other, "Gold", "2026-12-31", "opening week")
    purchases.record_purchase(owner, other, PurchaseInput("50", cashback="1", date="2026-11-20"))
    drawing.enter_drawing(owner, other, NOVEMBER)
    calls.log_call(owner, other, CallInput("reached", reason="asked about yarn"))
    batch = letters.BatchRow(
        owner.now(), "owner", "Autumn", "autumn", "letter", "all", False, 0, 1, 0
    )
    with owner.card_file.write() as db:
        letters.insert_batch(db, batch, [other], [])
    return keep, other


def test_every_record_moves_to_the_kept_card(owner: Session, two: tuple[int, int]) -> None:
    keep, other = two
    other_card = cards.get_card(owner, other)
    mine, before, totals = _counts(owner, keep), _counts(owner, other), _totals(owner)
    balance = loyalty.balance(owner, keep) + loyalty.balance(owner, other)
    history = len(cards.card_history(owner, other))
    assert all(before[kind] for kind in before), before  # one of every kind

    merged = card_merge.merge_cards(owner, keep, other)

    after = _counts(owner, keep)
    for kind in set(after) - {"drawing_entries"}:
        assert after[kind] == mine[kind] + before[kind], kind
    assert _counts(owner, other) == dict.fromkeys(after, 0)
    assert _totals(owner) == totals
    assert loyalty.balance(owner, keep) == balance
    # The open month moved; the published month stays as frozen (the kept card's own entry).
    entries = owner.db.execute(
        "SELECT month FROM drawing_entries WHERE customer_id = ? ORDER BY month", [keep]
    ).fetchall()
    assert entries == [(OCTOBER,), (NOVEMBER,)]
    notice = owner.db.execute(
        "SELECT entries FROM drawing_notices WHERE month = ?", [OCTOBER]
    ).fetchone()[0]
    assert other in {cid for cid, _ in json.loads(notice)}
    # The history came along, with one line saying what was chosen.
    log = cards.card_history(owner, keep)
    assert log[0].action == "merged"
    assert log[0].details["merged_card_no"] == other_card.card_no
    assert len([c for c in log if c.action != "merged"]) >= history
    # The other card is gone, recorded as merged; its number finds the kept card.
    with pytest.raises(ShopError):
        cards.get_card(owner, other)
    assert merged.merged_card_no == other_card.card_no
    assert card_merge.merged_numbers(owner, keep) == [other_card.card_no]
    assert cards.card_at_till(owner, other_card.card_no).id == keep
    assert customers.find_by_card_no(owner.db, other_card.card_no) == keep
    short = other_card.card_no.lstrip("0")
    assert purchase_store.cards_with_card_no(owner.db, short) == [(keep, merged.card.card_no)]


def test_default_choices_keep_the_kept_card_and_fill_its_gaps(
    owner: Session, two: tuple[int, int]
) -> None:
    keep, other = two
    card = card_merge.merge_cards(owner, keep, other).card
    assert card.given_name == "Anna"
    assert card.email == "anna@example.fi"  # the kept card had none
    assert card.city == "Helsinki"
    assert [p.number for p in card.phones] == ["+358401234567", "+358507654321"]
    assert card.interests == ("wool", "yarn")
    assert [c.id for c in cards.list_cards(owner, cards.CardQuery("anna@example.fi"))] == [keep]


def test_the_owners_choices_land_on_the_kept_card(owner: Session, two: tuple[int, int]) -> None:
    keep, other = two
    take = {"given_name": "other", "phones": "kept", "interests": "other", "email": "kept"}
    card = card_merge.merge_cards(owner, keep, other, take).card
    assert (card.given_name, card.email, card.interests) == ("Ana", "", ("yarn",))
    assert card.phones == (Phone("+358401234567", ""),)
    assert card.version == 2
    choices = cards.card_history(owner, keep)[0].details["choices"]
    assert choices["given_name"] == "other"


def test_a_no_on_either_card_stays_no(owner: Session) -> None:
    keep = _card(owner, "Bo", "Ek", consent_post="yes")
    other = _card(owner, "Bo", "Ek", consent_post="no")
    assert card_merge.merge_cards(owner, keep, other).card.consent_post is Consent.NO


def test_merging_twice_keeps_every_old_number(owner: Session) -> None:
    first, second, third = (_card(owner, "Bo", "Ek") for _ in range(3))
    numbers = [cards.get_card(owner, cid).card_no for cid in (first, second)]
    card_merge.merge_cards(owner, second, first)
    card_merge.merge_cards(owner, third, second)
    assert [cards.card_at_till(owner, no).id for no in numbers] == [third, third]
    new = _card(owner, "Cy", "Ek")
    assert new > third  # ids of merged cards are never given again


def test_refused_for_the_same_card_a_clerk_and_a_bad_field(owner: Session, clerk: Session) -> None:
    one, two = _card(owner, "Bo", "Ek"), _card(owner, "Bo", "Ek")
    with pytest.raises(ShopError, match="itself"):
        card_merge.merge_cards(owner, one, one)
    with pytest.raises(PermissionDenied):
        card_merge.merge_cards(clerk, one, two)
    with pytest.raises(ShopError, match="shoe_size"):
        card_merge.merge_cards(owner, one, two, {"shoe_size": "other"})
    with pytest.raises(ShopError, match="kept or other"):
        card_merge.merge_cards(owner, one, two, {"email": "both"})
    assert cards.get_card(owner, two).id == two  # nothing was changed


def test_a_file_from_the_first_release_merges_and_finds_the_old_number(tmp_path: Path) -> None:
    """m015 gives an old file its merged_cards table when it opens."""
    session = Session(open_card_file(old_card_file(OLD_FILES[0], tmp_path)), Role.OWNER)
    try:
        first, second = (
            row[0]
            for row in session.db.execute("SELECT id FROM customers ORDER BY id LIMIT 2").fetchall()
        )
        number = cards.get_card(session, second).card_no
        card_merge.merge_cards(session, first, second)
        assert customers.find_by_card_no(session.db, number) == first
    finally:
        session.close()


def test_a_drawn_month_won_by_the_merged_card_stays_as_drawn_and_names_the_kept_card(
    owner: Session,
) -> None:
    keep, other = _card(owner, "Bo", "Ek"), _card(owner, "Bo", "Ek")
    purchases.record_purchase(owner, other, PurchaseInput("10", date="2026-10-05"))
    drawing.enter_drawing(owner, other, OCTOBER)
    drawing_notice.publish_notice(owner, OCTOBER)
    drawn = drawing.draw(owner, OCTOBER)
    assert drawn.picks[0].customer_id == other

    card_merge.merge_cards(owner, keep, other)

    after = drawing.get_drawing(owner, OCTOBER)
    assert after is not None and after.entries_sha256 == drawn.entries_sha256
    assert after.picks[0].customer_id == other  # the frozen record is as it was drawn
    assert after.winner is not None and after.winner.id == keep  # shown as the kept card
    assert after.picks[0].card_no == cards.get_card(owner, keep).card_no
    assert drawing_proof.verify_drawing(owner, OCTOBER).findings == ()
