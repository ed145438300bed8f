"""`shopcards loyalty balance|ledger|expire|adjust` as the owner and the clerk type them."""

from __future__ import annotations

from pathlib import Path

import pytest

from shopcards.core.roles import Role
from shopcards.services import cards, purchases
from shopcards.services.opening import open_session
from tests.cli.run import shopcards
from tests.conftest import PIN, set_test_pin
from tests.services.loyalty_shop import give_back, new_card, on_day, scheme_on, sell


@pytest.fixture
def shop(tmp_path: Path) -> tuple[Path, str]:
    """A card that earned 1,00 € on 2024-03-10 (its last day 2025-03-10 has passed, so the
    command's opening of the file expires it) and 2,00 € on 2026-11-30, a quarter of which a
    return took back."""
    db = tmp_path / "shop.db"
    session = open_session(db, Role.OWNER)
    try:
        scheme_on(session, months=12)
        set_test_pin(session)
        card = new_card(session)
        on_day(session, "2024-03-10")
        sell(session, card, "20,00")
        on_day(session, "2026-11-30")
        sale = sell(session, card, "40,00")
        give_back(session, sale, "10,00")
        card_no = cards.get_card(session, card).card_no
    finally:
        session.close()
    return db, card_no


def test_balance_names_the_card_and_what_it_holds(shop: tuple[Path, str], tmp_path: Path) -> None:
    db, card_no = shop
    done = shopcards("loyalty", "balance", card_no, "--db", str(db), home=tmp_path)
    assert done.returncode == 0, done.stderr
    assert f"Card {card_no} (Virtanen, Anna): 1,50\u00a0€" in done.stdout


def test_ledger_lists_every_row_and_the_balance(shop: tuple[Path, str], tmp_path: Path) -> None:
    db, card_no = shop
    done = shopcards("loyalty", "ledger", card_no, "--db", str(db), home=tmp_path)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    cells = [[cell.strip() for cell in line.split("  ") if cell.strip()] for line in lines[1:5]]
    assert cells[0][:3] == ["2024-03-10", "earned", "1,00 €"]
    assert "last day 2025-03-10" in lines[1]
    assert cells[1][:3] == ["2026-11-30", "earned", "2,00 €"]
    assert cells[2][1:3] == ["taken back", "-0,50 €"]
    assert cells[3][1:3] == ["expired", "-1,00 €"]
    assert lines[-1] == "Balance: 1,50\u00a0€"


def test_a_shortfall_is_shown_with_the_rule(tmp_path: Path) -> None:
    db = tmp_path / "short.db"
    session = open_session(db, Role.OWNER)
    scheme_on(session)
    card = new_card(session)
    sale = sell(session, card, "20,00")
    sell(session, card, "1,00", cashback="1,00")
    purchases.void_purchase(session, sale)
    card_no = cards.get_card(session, card).card_no
    session.close()
    done = shopcards("loyalty", "ledger", card_no, "--db", str(db), home=tmp_path)
    assert "shortfall 1,00\u00a0€" in done.stdout
    assert "A balance never goes below zero" in done.stdout


def test_adjust_needs_the_owners_pin_and_a_reason(shop: tuple[Path, str], tmp_path: Path) -> None:
    db, card_no = shop
    refused = shopcards("loyalty", "adjust", card_no, "5,00", "--reason", "x", "--db", str(db),
                        home=tmp_path)  # fmt: skip
    assert refused.returncode != 0 and "PIN" in refused.stderr
    no_reason = shopcards("loyalty", "adjust", card_no, "5,00", "--reason", " ", "--db", str(db),
                          home=tmp_path, pin=PIN)  # fmt: skip
    assert no_reason.returncode == 2
    assert "reason: say why the balance is adjusted" in no_reason.stderr
    done = shopcards("loyalty", "adjust", card_no, "5,00", "--reason", "birthday", "--db",
                     str(db), home=tmp_path, pin=PIN)  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "balance now 6,50\u00a0€" in done.stdout
    too_much = shopcards("loyalty", "adjust", card_no, "7,00", "--take", "--reason", "oops",
                         "--db", str(db), home=tmp_path, pin=PIN)  # fmt: skip
    assert too_much.returncode == 2
    assert "the balance is 6,50\u00a0€: 7,00\u00a0€ cannot be taken away" in too_much.stderr


def test_expire_may_be_run_by_anyone_and_twice(shop: tuple[Path, str], tmp_path: Path) -> None:
    db, _ = shop
    for _ in range(2):
        done = shopcards("loyalty", "expire", "--db", str(db), home=tmp_path)
        assert done.returncode == 0, done.stderr
        assert "Nothing else is due." in done.stdout


def test_an_unknown_card_number_is_named(shop: tuple[Path, str], tmp_path: Path) -> None:
    db, _ = shop
    done = shopcards("loyalty", "balance", "9999999", "--db", str(db), home=tmp_path)
    assert done.returncode == 2
    assert "There is no card number 9999999" in done.stderr
