"""Any sequence of sales (some paid partly with cash-back), returns, voids, rate changes,
adjustments and days passing (with expiry) keeps the ledger sound: the balance is the sum of
the ledger and the sum of what is left of the lots, never below zero, the open-lots index
lists exactly the lots with money left, and no sale has more taken back than it earned."""

from __future__ import annotations

import datetime as dt
import uuid
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from shopcards.core.errors import ShopError
from shopcards.core.purchase import Purchase, PurchaseInput
from shopcards.core.roles import Role
from shopcards.services import loyalty, purchases
from shopcards.services.opening import open_session
from shopcards.services.session import Session
from shopcards.services.settings import update_settings
from tests.services.loyalty_shop import new_card, scheme_on

STEPS = st.lists(
    st.one_of(
        st.tuples(st.just("sell"), st.integers(1, 40_000), st.integers(0, 100)),
        st.tuples(st.just("return"), st.integers(0, 50), st.integers(1, 100)),
        st.tuples(st.just("void"), st.integers(0, 50), st.just(0)),
        st.tuples(st.just("days"), st.integers(1, 400), st.just(0)),
        st.tuples(st.just("rate"), st.integers(0, 3000), st.just(0)),
        st.tuples(st.just("adjust"), st.integers(-3000, 3000), st.just(0)),
    ),
    max_size=25,
)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(steps=STEPS)
def test_the_ledger_stays_sound_whatever_happens(
    tmp_path: Path, steps: list[tuple[str, int, int]]
) -> None:
    path = tmp_path / f"{uuid.uuid4().hex}.db"  # a new card file for each example
    session = open_session(path, Role.OWNER)
    clock = [dt.datetime(2026, 1, 5, 10, 0)]
    session.clock = lambda: clock[0]
    try:
        scheme_on(session, months=6)
        card = new_card(session)
        bought: list[Purchase] = []
        for step in steps:
            _do(session, card, bought, clock, step)
            _check_sound(session, card)
    finally:
        session.close()


def _do(
    session: Session,
    card: int,
    bought: list[Purchase],
    clock: list[dt.datetime],
    step: tuple[str, int, int],
) -> None:
    what, number, percent = step
    money = f"{number // 100},{number % 100:02d}" if number > 0 else ""
    try:
        if what == "sell":
            spend = min(loyalty.balance(session, card), number * percent // 100)
            pay = f"{spend // 100},{spend % 100:02d}" if spend else ""
            bought.append(
                purchases.record_purchase(session, card, PurchaseInput(money, cashback=pay))
            )
        elif what == "return" and bought:
            sale = purchases.get_purchase(session, bought[number % len(bought)].id)
            left = purchases.returnable(session, sale)
            back = max(1, left * percent // 100)
            if left:
                text = f"{back // 100},{back % 100:02d}"
                bought.append(purchases.record_return(session, sale.id, PurchaseInput(text)))
        elif what == "void" and bought:
            chosen = purchases.get_purchase(session, bought[number % len(bought)].id)
            purchases.void_purchase(session, chosen)
        elif what == "days":
            clock[0] += dt.timedelta(days=number)
            loyalty.expire(session)
        elif what == "rate":
            update_settings(session, cashback_rate_bp=number)
        elif what == "adjust" and number:
            text = f"{'-' if number < 0 else ''}{abs(number) // 100},{abs(number) % 100:02d}"
            loyalty.adjust(session, card, text, "a test")
    except ShopError:
        pass  # refused as a whole (void a sale with a return, take more than is held, …)


def _check_sound(session: Session, card: int) -> None:
    db = session.db
    rows = loyalty.ledger(session, card, limit=10**6)
    held = loyalty.balance(session, card)
    assert held == sum(row.amount for row in rows) >= 0
    assert held == sum(row.left for row in rows if row.amount > 0)
    assert all(0 <= row.left <= row.amount for row in rows if row.amount > 0)
    listed = db.execute("SELECT lot_id FROM cashback_open_lots WHERE customer_id = ?", [card])
    assert {lot for (lot,) in listed} == {row.id for row in rows if row.left > 0}
    taken = db.execute(
        "SELECT coalesce(sum(amount), 0) FROM cashback_takes WHERE movement_id IN "
        "(SELECT id FROM cashback_ledger WHERE customer_id = ?)",
        [card],
    ).fetchone()[0]
    assert taken == -sum(row.amount for row in rows if row.amount < 0)
    for sale_id, earned in db.execute(
        "SELECT purchase_id, amount FROM cashback_ledger WHERE kind = 'earn'"
    ).fetchall():
        back = db.execute(
            "SELECT coalesce(sum(-l.amount + l.shortfall), 0) FROM cashback_ledger l "
            "JOIN purchases p ON p.id = l.purchase_id "
            "WHERE l.kind = 'reverse' AND p.returns_id = ? AND p.voided_at IS NULL",
            [sale_id],
        ).fetchone()[0]
        assert back <= earned
