"""The demo shop's cash-back scheme: on, with earned, spent and expired movements that follow
the ledger's rules, so a newcomer sees it working."""

from __future__ import annotations

from shopcards.core.loyalty import Kind
from shopcards.services import loyalty
from shopcards.services.demo import build_demo
from shopcards.services.session import Session


def test_the_demo_shop_has_the_scheme_on_with_earned_spent_and_expired_cash_back(
    owner: Session,
) -> None:
    build_demo(owner, 300, seed=3)
    assert owner.settings.cashback_on
    db = owner.db
    holders = [int(c) for (c,) in db.execute("SELECT DISTINCT customer_id FROM cashback_ledger")]
    assert len(holders) > 100
    kinds = {row.kind for card in holders for row in loyalty.ledger(owner, card)}
    assert {Kind.EARN, Kind.SPEND, Kind.EXPIRE} <= kinds
    for card in holders:
        rows = loyalty.ledger(owner, card)
        assert loyalty.balance(owner, card) == sum(row.amount for row in rows) >= 0
        still_open = [row.expires_on for row in rows if row.left and row.expires_on]
        assert all(day >= owner.today().isoformat() for day in still_open)  # expired by now
    first_earn = db.execute("SELECT min(on_date) FROM cashback_ledger").fetchone()[0]
    first_sale = db.execute("SELECT min(date) FROM purchases").fetchone()[0]
    assert first_earn > first_sale  # the scheme began later: older sales earned nothing
