"""The till and the back office on one card file at once: nothing lost, nothing locked."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import time

import pytest

from shopcards.core.errors import Conflict
from shopcards.core.purchase import PurchaseInput
from shopcards.services import cards, purchases
from shopcards.services.session import Session
from shopcards.store.stores import Location
from tests.both_stores import as_argument
from tests.conftest import card_input

DESK = textwrap.dedent("""
    import sys, time
    from shopcards.core.purchase import PurchaseInput
    from shopcards.core.roles import Role
    from shopcards.services import purchases
    from shopcards.services.opening import open_session
    from tests.both_stores import from_argument

    where, desk, customer_id, start = sys.argv[1:5]
    customer_id, start = int(customer_id), float(start)
    session = open_session(from_argument(where), Role.CLERK)
    while time.time() < start:
        time.sleep(0.005)
    for n in range(1000):
        purchases.record_purchase(session, customer_id,
                                  PurchaseInput(f"{n + 1},00", receipt_no=f"{desk}-{n}"))
        if n % 50 == 0:
            purchases.purchase_figures(session, customer_id)
    session.close()
""")


def test_two_desks_each_save_a_thousand_purchases(owner: Session, location: Location) -> None:
    """Two processes, as two PCs would be: on a shared card file, two connections to the
    server."""
    card_id = cards.add_card(owner, card_input()).id
    start = str(time.time() + 2)
    desks = [
        subprocess.Popen(
            [sys.executable, "-c", DESK, as_argument(location), desk, str(card_id), start],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for desk in ("till", "office")
    ]
    results = [desk.communicate(timeout=300) for desk in desks]
    for desk, (_, err) in zip(desks, results, strict=True):
        assert desk.returncode == 0, err
        assert "locked" not in err
    assert card_id is not None
    stored = purchases.list_purchases(owner, card_id, limit=5000)
    assert len(stored) == 2000
    assert {p.receipt_no for p in stored} == {
        f"{d}-{n}" for d in ("till", "office") for n in range(1000)
    }
    assert purchases.purchase_figures(owner, card_id).lifetime_spend == 2 * 500500 * 100


def test_the_second_save_of_one_purchase_is_told_not_lost(owner: Session, clerk: Session) -> None:
    card_id = cards.add_card(owner, card_input()).id
    assert card_id is not None
    at_till = purchases.record_purchase(clerk, card_id, PurchaseInput("10", "tea"))
    at_office = purchases.get_purchase(owner, at_till.id)
    purchases.edit_purchase(owner, at_office, PurchaseInput("10", "green tea"))
    with pytest.raises(Conflict) as told:
        purchases.edit_purchase(clerk, at_till, PurchaseInput("12", "tea"))
    assert told.value.changed_fields == ["items"]
    assert purchases.get_purchase(clerk, at_till.id).items == "green tea"
