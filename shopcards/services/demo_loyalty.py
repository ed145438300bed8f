"""The demo shop's cash-back: a scheme switched on a while ago, and for a sample of its
customers the cash-back their purchases since then earned, some of it spent, some expired.

The movements go through the same rules as the till's (services/loyalty.py), replayed in
date order with the clock at each sale's day, so the ledger reads as if the scheme had run
all along. Only a sample of customers (at most :data:`SAMPLE`) get them, so a demo of a
million cards is not slowed down much.
"""

from __future__ import annotations

import datetime as dt

from shopcards.core.roles import Role
from shopcards.core.settings import ShopSettings
from shopcards.services import loyalty
from shopcards.services.session import Session
from shopcards.store import loyalty as store
from shopcards.store.handle import Database

SAMPLE = 1000
"""At most this many customers have cash-back movements."""
SCHEME_MONTHS = 18
"""The scheme was switched on this many months (of 30 days) ago: older sales earned nothing."""
SPEND_EVERY = 4
"""Every this-many-th sale of a customer spends up to a quarter of its amount in cash-back."""


def add_cashback(session: Session, db: Database, settings: ShopSettings) -> int:
    """Replay the sample's sales since the scheme began through the ledger, inside the demo's
    transaction, then expire what is due today; returns how many sales were replayed."""
    today = session.today()
    start = (today - dt.timedelta(days=30 * SCHEME_MONTHS)).isoformat()
    day = [dt.datetime.combine(today, dt.time(9))]
    replay = Session(session.card_file, Role.OWNER, lambda: day[0], settings)
    seen: dict[int, int] = {}
    sales = store.sample_sales(db, start, SAMPLE)
    for sale in sales:
        day[0] = dt.datetime.fromisoformat(f"{sale.date}T17:00:00")
        loyalty.expire_in(replay, db)  # as when the file opens each day: one lookup if none due
        assert sale.customer_id is not None
        count = seen[sale.customer_id] = seen.get(sale.customer_id, 0) + 1
        spent = 0
        if count % SPEND_EVERY == 0:
            spent = min(loyalty.balance(replay, sale.customer_id), sale.amount // 4)
        loyalty.spend_and_earn(replay, db, sale, spent)
    day[0] = dt.datetime.combine(today, dt.time(9))
    loyalty.expire_in(replay, db)
    return len(sales)
