"""A card number is given once: an erased customer's old card never opens a new customer."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from shopcards.services import backup, cards
from shopcards.services.demo import build_demo
from shopcards.services.session import Session
from shopcards.store.stores import Location
from tests.both_stores import as_argument
from tests.conftest import card_input

DESK = textwrap.dedent("""
    import sys, time
    from shopcards.core.roles import Role
    from shopcards.core.validation import CardInput
    from shopcards.services import cards
    from shopcards.services.opening import open_session
    from tests.both_stores import from_argument

    where, desk, start = from_argument(sys.argv[1]), sys.argv[2], float(sys.argv[3])
    session = open_session(where, Role.CLERK)
    while time.time() < start:
        time.sleep(0.005)
    for n in range(100):
        card = cards.add_card(session, CardInput(given_name=f"{desk}{n}", family_name="Desk"),
                              allow_duplicate=True)
        print(card.id, card.card_no)
    session.close()
""")


def _ids(session: Session) -> list[int]:
    return [row[0] for row in session.db.execute("SELECT id FROM customers ORDER BY id")]


def test_a_card_added_after_the_newest_was_erased_gets_a_new_number(owner: Session) -> None:
    anna = cards.add_card(owner, card_input("Anna", "Virtanen"))
    bert = cards.add_card(owner, card_input("Bert", "Lindqvist"))
    assert bert.id is not None
    cards.erase_card(owner, bert.id)

    cara = cards.add_card(owner, card_input("Cara", "Nieminen"))

    assert cara.id not in (anna.id, bert.id)
    assert cara.card_no not in (anna.card_no, bert.card_no)
    with pytest.raises(cards.CardNotUsable, match="erased"):
        cards.card_at_till(owner, bert.card_no)
    assert cards.card_at_till(owner, cara.card_no).given_name == "Cara"
    history = cards.card_history(owner, cara.id or 0)
    assert [c.action for c in history] == ["added"]


def test_two_erasures_in_a_row_are_both_skipped(owner: Session) -> None:
    first = cards.add_card(owner, card_input("Bert", "Lindqvist"))
    cards.erase_card(owner, first.id or 0)
    second = cards.add_card(owner, card_input("Cara", "Nieminen"))
    cards.erase_card(owner, second.id or 0)

    third = cards.add_card(owner, card_input("Dora", "Salo"))

    assert (third.id or 0) > (second.id or 0) > (first.id or 0)


def test_a_demo_added_after_an_erasure_skips_the_erased_number(owner: Session) -> None:
    build_demo(owner, 20, seed=3, with_purchases=False)
    newest = max(_ids(owner))
    cards.erase_card(owner, newest)

    build_demo(owner, 5, seed=4, with_purchases=False)

    ids = _ids(owner)
    assert newest not in ids
    assert ids[-5:] == list(range(newest + 1, newest + 6))


def test_two_desks_adding_cards_at_once_get_distinct_new_numbers(
    owner: Session, location: Location
) -> None:
    bert = cards.add_card(owner, card_input("Bert", "Lindqvist"))
    cards.erase_card(owner, bert.id or 0)
    start = str(time.time() + 2)
    desks = [
        subprocess.Popen(
            [sys.executable, "-c", DESK, as_argument(location), desk, start],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for desk in ("till", "office")
    ]
    results = [desk.communicate(timeout=300) for desk in desks]
    for desk, (_, err) in zip(desks, results, strict=True):
        assert desk.returncode == 0, err
    given = [line.split() for out, _ in results for line in out.splitlines()]
    assert len(given) == 200
    assert len({card_id for card_id, _ in given}) == 200
    assert len({card_no for _, card_no in given}) == 200
    assert bert.card_no not in {card_no for _, card_no in given}
    assert min(int(card_id) for card_id, _ in given) == (bert.id or 0) + 1


def test_cards_issued_after_a_backup_keep_their_numbers_once_it_is_restored(
    owner: Session, tmp_path: Path
) -> None:
    cards.add_card(owner, card_input("Anna", "Virtanen"))
    copy = backup.backup_now(owner, tmp_path / "monday.db")
    bert = cards.add_card(owner, card_input("Bert", "Lindqvist"))

    backup.restore_from(owner, copy)
    cara = cards.add_card(owner, card_input("Cara", "Nieminen"))

    assert cards.find_card_no(owner, bert.card_no) is None  # Bert is not in Monday's file
    assert cara.id == (bert.id or 0) + 1
    assert cara.card_no != bert.card_no
