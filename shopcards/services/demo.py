"""A demo shop to try shopcards on: believable customers who joined over the years, their
purchases, prize-drawing entries, a few calls, the letters and cards they were sent, and a
cash-back scheme with earned, spent and expired movements (services/demo_loyalty.py)."""

from __future__ import annotations

import itertools
from dataclasses import dataclass

from shopcards.core.demo_data import DemoBatch, DemoCustomer, demo_batches, demo_customers
from shopcards.core.errors import ShopError
from shopcards.core.i18n import _
from shopcards.core.progress import Report, tell
from shopcards.core.settings import ShopSettings
from shopcards.services import loyalty_tiers
from shopcards.services.demo_loyalty import add_cashback
from shopcards.services.session import Session, require_owner
from shopcards.services.settings import SET_UP_KEY
from shopcards.store import bulk, calls, changes, customers
from shopcards.store import letters as letters_store
from shopcards.store import settings as settings_store
from shopcards.store.handle import Database

CHUNK = 2000
DEMO_SETTINGS = ShopSettings(
    shop_name="Aurora Deli & Gifts",
    shop_address="Kauppakatu 12\n00100 Helsinki\nFinland",
    shop_phone="+358 9 123 4567",
    locale="fi_FI",
    region="FI",
    currency="EUR",
    cashback_on=True,
    cashback_rate_bp=300,
    cashback_expiry_months=12,
    tiers_on=True,
)
ACTOR = "owner"


@dataclass(frozen=True)
class DemoResult:
    customers: int
    purchases: int
    entries: int = 0
    calls: int = 0
    letters: int = 0
    """Letters and cards sent (those held back not counted)."""


@dataclass
class _Totals:
    purchases: int = 0
    entries: int = 0
    calls: int = 0


def build_demo(
    session: Session,
    customers_count: int = 500,
    seed: int = 1,
    with_purchases: bool = True,
    progress: Report | None = None,
) -> DemoResult:
    """Fill the card file with a demo shop, all in one transaction: ``progress`` is told the
    cards made so far, and a cancel (it raises Cancelled) keeps nothing."""
    require_owner(session, _("fill the card file with a demo shop"))
    _refuse_a_real_shop(session)
    if customers_count < 1:
        raise ShopError(_("A demo shop needs at least one customer"))
    made = 0
    totals = _Totals()
    batches = demo_batches(session.today())
    chosen: list[list[tuple[int, bool]]] = [[] for _batch in batches]
    stream = demo_customers(customers_count, seed, session.today(), with_purchases)
    with session.card_file.write() as db:
        settings_store.save(db, DEMO_SETTINGS.to_dict() | {SET_UP_KEY: True})
        session.forget_settings()
        alphabet = session.alphabet
        while chunk := list(itertools.islice(stream, CHUNK)):
            now = session.now()
            ids = customers.insert_many(db, [c.card for c in chunk], alphabet, ACTOR, now)
            _add_history(db, list(zip(ids, chunk, strict=True)), chosen, totals, now)
            made += len(chunk)
            tell(progress, made, customers_count)
        letters = sum(_send(db, batch, sent) for batch, sent in zip(batches, chosen, strict=True))
        add_cashback(session, db, DEMO_SETTINGS)
        if with_purchases:
            loyalty_tiers.demo_scheme(db, session.today(), session.now())
        changes.record(
            db,
            session.actor,
            session.now(),
            "card_file",
            0,
            "demo",
            {"customers": made, "purchases": totals.purchases, "seed": seed},
        )
    session.forget_settings()
    return DemoResult(made, totals.purchases, totals.entries, totals.calls, letters)


def _add_history(
    db: Database,
    stored: list[tuple[int, DemoCustomer]],
    chosen: list[list[tuple[int, bool]]],
    totals: _Totals,
    now: str,
) -> None:
    """The purchases, drawing entries and calls of a chunk of new cards; who each letter
    batch chose is gathered in ``chosen`` and written at the end."""
    totals.purchases += bulk.insert_purchases(
        db,
        [
            (card_id, p.date, p.amount, p.items, p.category, p.receipt_no)
            for card_id, c in stored
            for p in c.purchases
        ],
        ACTOR,
        now,
    )
    totals.entries += bulk.insert_entries(
        db, [(month, card_id, at) for card_id, c in stored for month, at in c.entries], ACTOR
    )
    for card_id, c in stored:
        for call in c.calls:
            calls.insert(db, card_id, call, ACTOR, f"{call.called_on}T11:00:00")
            totals.calls += 1
        for index, held in c.letters:
            chosen[index].append((card_id, held))


def _send(db: Database, batch: DemoBatch, chosen: list[tuple[int, bool]]) -> int:
    """Record the batch as the letters service would have; returns how many were sent."""
    sent = [card_id for card_id, held in chosen if not held]
    if not chosen:
        return 0
    row = letters_store.BatchRow(
        batch.sent_at,
        ACTOR,
        batch.template,
        batch.template_key,
        batch.kind,
        batch.selection,
        False,
        batch.holdout_share,
        len(sent),
        0,
    )
    letters_store.insert_batch(db, row, sent, [card_id for card_id, held in chosen if held])
    return len(sent)


def _refuse_a_real_shop(session: Session) -> None:
    """A demo replaces the shop's name, locale and currency and adds made-up customers: never
    on a file that holds a real shop (cards not made by demo, or a shop its owner set up)."""
    cards, by_demo, by_hand = changes.demo_footprint(session.db)
    set_up = set(settings_store.load(session.db)) & set(ShopSettings().to_dict())
    if by_hand or cards > by_demo or (set_up and not by_demo):
        raise ShopError(
            _(
                "{path} already holds a real shop (cards or settings the demo did not make), so "
                "no demo was added to it and nothing was changed. To try the demo, give it a "
                "card file of its own: shopcards demo --db demo.db",
                path=session.card_file.path,
            )
        )
