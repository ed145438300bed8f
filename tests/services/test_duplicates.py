"""Finding duplicate cards on a real card file: each rule finds its pair, a pair marked "not
the same person" is not listed again, different people are not listed, and only the owner
may look."""

from __future__ import annotations

import pytest

from shopcards.core.errors import Cancelled, PermissionDenied
from shopcards.core.progress import CancelToken
from shopcards.services import card_merge, cards, duplicates
from shopcards.services.session import Session
from shopcards.services.settings import update_settings
from tests.conftest import card_input


def _card(session: Session, given: str, family: str, **fields: object) -> int:
    card_id = cards.add_card(session, card_input(given, family, **fields), True).id
    assert card_id is not None
    return card_id


@pytest.fixture
def shop(owner: Session) -> dict[str, int]:
    update_settings(owner, region="FI")
    return {
        "phone_a": _card(owner, "Pia", "Lund", phones=[("", "040 123 4567")]),
        "phone_b": _card(owner, "P.", "Lund-Ek", phones=[("mobile", "+358 40 1234567")]),
        "mail_a": _card(owner, "Ola", "Berg", email="Ola.Berg@Example.com"),
        "mail_b": _card(owner, "Olav", "Bergman", email="ola.berg@example.com "),
        "post_a": _card(owner, "Anna-Maria", "Virtanen", postcode="00100"),
        "post_b": _card(owner, "Virtanen", "Anna Maria", postcode="00 100"),
        "born_a": _card(owner, "Jonathan", "Smith", birthday="1970-05-04"),
        "born_b": _card(owner, "Jonathon", "Smith", birthday="--05-04"),
        # Same name, nothing else agreeing; same name and birthday, but born years apart.
        "alone_a": _card(owner, "Eva", "Nilsson", postcode="11122"),
        "alone_b": _card(owner, "Eva", "Nilsson", postcode="99999"),
        "year_a": _card(owner, "Kari", "Salo", birthday="1950-01-02"),
        "year_b": _card(owner, "Kari", "Salo", birthday="1990-01-02"),
    }


def _found(session: Session) -> dict[tuple[int, int], str]:
    return {(d.first.id, d.second.id): d.why for d in duplicates.find_duplicates(session)}


def test_each_rule_finds_its_pair_and_says_why(owner: Session, shop: dict[str, int]) -> None:
    found = _found(owner)
    assert found == {
        (shop["phone_a"], shop["phone_b"]): "same phone +358401234567",
        (shop["mail_a"], shop["mail_b"]): "same e-mail ola.berg@example.com",
        (shop["post_a"], shop["post_b"]): "names 100% alike at 00100",
        (shop["born_a"], shop["born_b"]): "names 92% alike, both born 1970-05-04",
    }


def test_a_pair_marked_not_the_same_is_not_listed_again(
    owner: Session, shop: dict[str, int]
) -> None:
    duplicates.mark_not_same(owner, shop["mail_b"], shop["mail_a"])
    duplicates.mark_not_same(owner, shop["mail_a"], shop["mail_b"])  # twice is harmless
    assert (shop["mail_a"], shop["mail_b"]) not in _found(owner)
    assert len(_found(owner)) == 3
    log = cards.card_history(owner, shop["mail_a"])
    assert [c.action for c in log].count("not_a_duplicate") == 1


def test_a_merged_pair_is_gone_from_the_list(owner: Session, shop: dict[str, int]) -> None:
    card_merge.merge_cards(owner, shop["phone_a"], shop["phone_b"])
    assert (shop["phone_a"], shop["phone_b"]) not in _found(owner)


def test_only_the_owner_looks_and_cancel_stops_it(
    owner: Session, clerk: Session, shop: dict[str, int]
) -> None:
    with pytest.raises(PermissionDenied):
        duplicates.find_duplicates(clerk)
    with pytest.raises(PermissionDenied):
        duplicates.mark_not_same(clerk, shop["mail_a"], shop["mail_b"])
    token = CancelToken()
    token.cancel()
    with pytest.raises(Cancelled):
        duplicates.find_duplicates(owner, token)
