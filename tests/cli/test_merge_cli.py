"""`shopcards duplicates` and `shopcards merge` as the owner types them: the pair listed with
why, the merge with a field taken from the other card, and the PIN asked for."""

from __future__ import annotations

from pathlib import Path

import pytest

from shopcards.core.purchase import PurchaseInput
from shopcards.core.roles import Role
from shopcards.services import cards, purchases
from shopcards.services.opening import open_session
from tests.cli.run import shopcards
from tests.conftest import PIN, card_input, set_test_pin


@pytest.fixture
def shop(tmp_path: Path) -> tuple[Path, str, str]:
    """Two cards of one person (one phone, typed two ways), the second with a sale."""
    db = tmp_path / "shop.db"
    session = open_session(db, Role.OWNER)
    try:
        set_test_pin(session)
        numbers = []
        for given, phone in (("Pia", "+358 40 1234567"), ("Pirjo", "040-123 4567")):
            inp = card_input(given, "Lund", phones=[("", phone)], country="FI")
            card = cards.add_card(session, inp, allow_duplicate=True)
            numbers.append(card.card_no)
        assert card.id is not None
        purchases.record_purchase(session, card.id, PurchaseInput("12.50"))
    finally:
        session.close()
    return db, numbers[0], numbers[1]


def test_duplicates_lists_the_pair_with_why(shop: tuple[Path, str, str], tmp_path: Path) -> None:
    db, first, second = shop
    done = shopcards("duplicates", "--db", str(db), home=tmp_path, pin=PIN)
    assert done.returncode == 0, done.stderr
    assert f"{first} Lund, Pia  /  {second} Lund, Pirjo: same phone +358401234567" in done.stdout
    assert "1 pair that may be one person." in done.stdout


def test_merge_takes_a_field_from_the_other_card(
    shop: tuple[Path, str, str], tmp_path: Path
) -> None:
    db, first, second = shop
    args = ("merge", first, second, "--take", "given_name=other", "--db", str(db))
    done = shopcards(*args, home=tmp_path, pin=PIN)
    assert done.returncode == 0, done.stderr
    assert f"Card {second} (Lund, Pirjo) is merged into card {first} (Lund, Pirjo)" in done.stdout
    assert "purchases 1" in done.stdout
    session = open_session(db, Role.CLERK)
    try:
        kept = cards.card_at_till(session, second)
        assert (kept.card_no, kept.given_name) == (first, "Pirjo")
        assert purchases.count_purchases(session, kept.id or 0) == 1
    finally:
        session.close()


def test_merge_needs_the_pin_and_names_a_bad_field(
    shop: tuple[Path, str, str], tmp_path: Path
) -> None:
    db, first, second = shop
    done = shopcards("merge", first, second, "--db", str(db), home=tmp_path)
    assert done.returncode == 2 and "PIN" in done.stderr
    done = shopcards(
        "merge", first, second, "--take", "size=other", "--db", str(db), home=tmp_path, pin=PIN
    )
    assert done.returncode == 2 and "“size” is not a field" in done.stderr
    done = shopcards("duplicates", "--db", str(db), home=tmp_path, pin=PIN)
    assert "1 pair that may be one person." in done.stdout  # nothing was merged
