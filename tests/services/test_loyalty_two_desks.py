"""Two desks spending the same cash-back at the same moment: only one of them can."""

from __future__ import annotations

import threading
import time

import pytest

from shopcards.core.errors import ValidationError
from shopcards.core.roles import Role
from shopcards.services import loyalty, purchases
from shopcards.services.opening import open_session
from shopcards.services.session import Session
from shopcards.store import loyalty as loyalty_store
from shopcards.store.stores import Location
from tests.conftest import FIXED_NOW
from tests.services.loyalty_shop import new_card, scheme_on, sell


def test_two_desks_spending_the_whole_balance_at_once_cannot_both_succeed(
    owner: Session, location: Location, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each desk reads the balance slowly (0.3 s), so were the check outside the write
    transaction both would read 1,00 € and both spend it."""
    scheme_on(owner)
    card = new_card(owner)
    sell(owner, card, "20,00")  # 1,00 € to spend
    slow_balance = loyalty_store.balance

    def balance_read_slowly(db: object, customer_id: int) -> int:
        found = slow_balance(db, customer_id)  # type: ignore[arg-type]
        time.sleep(0.3)
        return found

    monkeypatch.setattr(loyalty_store, "balance", balance_read_slowly)
    start = threading.Barrier(2, timeout=30)  # a desk that fails to open cannot hang the run
    outcomes: list[str] = []

    def desk() -> None:
        session = open_session(location, Role.CLERK)
        session.clock = lambda: FIXED_NOW
        try:
            start.wait()
            sell(session, card, "5,00", cashback="1,00")
            outcomes.append("spent")
        except ValidationError as exc:
            outcomes.append(exc.fields["cashback"])
        finally:
            session.close()

    desks = [threading.Thread(target=desk) for _ in range(2)]
    for thread in desks:
        thread.start()
    for thread in desks:
        thread.join(timeout=30)
    assert sorted(outcomes) == ["spent", "the balance is 0,20\u00a0€: 1,00\u00a0€ cannot be spent"]
    monkeypatch.undo()
    assert purchases.count_purchases(owner, card) == 2
    assert loyalty.balance(owner, card) == 20  # the winning sale paid 4,00 € in money: 5%
