"""A demo shop to try shopcards on: believable customers and years of purchases."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass

from shopcards.core.demo_data import demo_customers
from shopcards.core.errors import ShopError
from shopcards.core.settings import ShopSettings
from shopcards.services.session import Session, require_owner
from shopcards.store import bulk, changes, customers
from shopcards.store import settings as settings_store

CHUNK = 2000
DEMO_SETTINGS = ShopSettings(
    shop_name="Aurora Deli & Gifts", shop_address="Kauppakatu 12\n00100 Helsinki\nFinland",
    shop_phone="+358 9 123 4567", locale="fi_FI", region="FI", currency="EUR",
)

Progress = Callable[[int, int], bool]
"""Called with (done, total); returning False cancels, and nothing is kept."""


class Cancelled(ShopError):
    """The person stopped the work; nothing was saved."""


@dataclass(frozen=True)
class DemoResult:
    customers: int
    purchases: int


def build_demo(session: Session, customers_count: int = 500, seed: int = 1,
               with_purchases: bool = True, progress: Progress | None = None) -> DemoResult:
    """Fill the card file with a demo shop, all in one transaction (cancel keeps nothing)."""
    require_owner(session, "fill the card file with a demo shop")
    _refuse_a_real_shop(session)
    if customers_count < 1:
        raise ShopError("A demo shop needs at least one customer")
    made = 0
    purchases = 0
    stream = demo_customers(customers_count, seed, session.today(), with_purchases)
    with session.card_file.write() as db:
        settings_store.save(db, DEMO_SETTINGS.to_dict())
        session.forget_settings()
        alphabet = session.alphabet
        while chunk := list(itertools.islice(stream, CHUNK)):
            ids = customers.insert_many(db, [c.card for c in chunk], alphabet, "owner",
                                        session.now())
            rows = [(card_id, p.date, p.amount, p.items, p.category, p.receipt_no)
                    for card_id, c in zip(ids, chunk, strict=True) for p in c.purchases]
            purchases += bulk.insert_purchases(db, rows, "owner", session.now())
            made += len(chunk)
            if progress is not None and not progress(made, customers_count):
                raise Cancelled("The demo shop was cancelled; nothing was saved.")
        changes.record(db, session.actor, session.now(), "card_file", 0, "demo",
                       {"customers": made, "purchases": purchases, "seed": seed})
    session.forget_settings()
    return DemoResult(made, purchases)


def _refuse_a_real_shop(session: Session) -> None:
    """A demo replaces the shop's name, locale and currency and adds made-up customers: never
    on a file that holds a real shop (cards not made by demo, or a shop its owner set up)."""
    cards, by_demo, by_hand = changes.demo_footprint(session.db)
    set_up = set(settings_store.load(session.db)) & set(ShopSettings().to_dict())
    if by_hand or cards > by_demo or (set_up and not by_demo):
        raise ShopError(
            f"{session.card_file.path} already holds a real shop (cards or settings the demo "
            "did not make), so no demo was added to it and nothing was changed. To try the "
            "demo, give it a card file of its own: shopcards demo --db demo.db"
        )
