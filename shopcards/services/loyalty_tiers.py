"""Loyalty discount tiers: setting up the tier table, recomputing who is in which tier, placing
a customer by hand, a customer's tier (which, why, since) and the discount it gives on a sale.

Only the owner sets up the tiers or places a customer by hand; anyone may read a tier, record
a sale with its discount, or recompute (the recompute only follows the owner's rules). With
the scheme off (the setting ``tiers_on``) nobody has a tier and no sale a discount.

The recompute reads every customer's net spend over the last 12 months with the one set-based
query the 80/20 split uses (``store.insights.ranked_spend``), places them in Python and
writes only the customers whose tier changed.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from shopcards.core import loyalty_tiers as core
from shopcards.core.errors import Conflict, NotFound
from shopcards.core.history import months_back
from shopcards.core.i18n import _
from shopcards.core.insights import last_12_months
from shopcards.core.loyalty_tiers import Standing, Tier
from shopcards.core.purchase import PurchaseEntry
from shopcards.services.session import Session, require_owner
from shopcards.store import changes
from shopcards.store import insights as insights_store
from shopcards.store import loyalty_insights as members_store
from shopcards.store import loyalty_tiers as store
from shopcards.store.handle import Database
from shopcards.store.loyalty_due import recomputed_on

RECOMPUTE_ACTOR = "recompute"


def tiers(session: Session) -> list[Tier]:
    """The tier table in the owner's order (pass it back as ``base`` when saving an edit)."""
    return store.load_tiers(session.db)


def save_tiers(
    session: Session, table: Sequence[Tier], base: Sequence[Tier] | None = None
) -> list[Tier]:
    """Save the whole tier table and place every customer by it, in one transaction: all or
    nothing (owner only). ValidationError names each tier that will not do (its place and
    name, and what). ``base`` is the table as this desk read it: when another desk saved a
    different one since, Conflict is raised and nothing is saved."""
    # Translators: ends "Only the owner may …"
    require_owner(session, _("set up the loyalty tiers"))
    checked = core.check_tiers(table)
    with session.card_file.write() as db:
        if base is not None and store.load_tiers(db) != list(base):
            raise Conflict(
                _(
                    "Another desk changed the loyalty tiers since you opened them: reload them "
                    "and make your change again."
                ),
                ["tiers"],
            )
        saved = store.replace_tiers(db, checked)
        _placed, moved = _recompute(db, saved, session.today(), session.now())
        changes.record(
            db,
            session.actor,
            session.now(),
            "loyalty_tiers",
            0,
            "saved",
            {"tiers": [_described(tier) for tier in saved], "moved": moved},
        )
    return saved


@dataclass(frozen=True)
class Recomputed:
    """What a recompute did, for the command line and the log."""

    day: str
    placed: int
    """Customers in a tier by rule after the recompute."""
    moved: int
    """Customers whose tier by rule changed (joined, left or moved): the rows written."""


def recompute(session: Session) -> Recomputed:
    """Place every customer in the tier their last 12 months earn them (anyone may)."""
    with session.card_file.write() as db:
        placed, moved = _recompute(db, store.load_tiers(db), session.today(), session.now())
        if moved:
            facts = {"placed": placed, "moved": moved}
            changes.record(
                db, session.actor, session.now(), "loyalty_tiers", 0, "recomputed", facts
            )
    return Recomputed(session.today().isoformat(), placed, moved)


def recompute_if_due(session: Session) -> Recomputed | None:
    """The recompute when the file opens: at most once a day, and a look-up when done."""
    if recomputed_on(session.db) == session.today().isoformat():
        return None
    return recompute(session)


def _recompute(db: Database, table: Sequence[Tier], today: dt.date, now: str) -> tuple[int, int]:
    """Place everyone by ``table``, writing only who moved: (customers placed, moved)."""
    start, end = last_12_months(today)
    ranked = insights_store.ranked_spend(db, start.isoformat(), end.isoformat())
    moved, placed = core.moves(ranked, store.running_by_rule(db), table)
    day = today.isoformat()
    store.end_placements(db, (cid for cid, _spend, left, _tier in moved if left is not None), day)
    rows = [
        (cid, tier.id or 0, tier.name, tier.rule.value, spend, core.bar(tier))
        for cid, spend, _left, tier in moved
        if tier is not None
    ]
    store.start_placements(db, rows, day, now, RECOMPUTE_ACTOR)
    store.mark_recomputed(db, day)
    return placed, len(moved)


def tier_counts(session: Session) -> dict[str, int]:
    """Tier name -> how many customers are in it today (every tier of the table listed)."""
    today = session.today().isoformat()
    table = store.load_tiers(session.db)
    counts = Counter(tier_id for _cid, tier_id, _since in members_store.members(session.db, today))
    return {tier.name: counts[tier.id or 0] for tier in table}


def place_by_hand(session: Session, customer_id: int, tier: str, ends_on: str, reason: str) -> str:
    """Put a customer in ``tier`` from today until ``ends_on`` (ISO; it counts up to the day
    before), with the reason (owner only). ValidationError names the field: a tier not in the
    table, an end date not after today, no reason. A placement by hand still running ends.
    Returns the tier's name as the table writes it."""
    # Translators: ends "Only the owner may …"
    require_owner(session, _("put a customer in a loyalty tier by hand"))
    with session.card_file.write() as db:
        known = store.load_tiers(db)
        today = session.today()
        note = core.check_manual(tier, ends_on, reason, [t.name for t in known], today)
        chosen = next(t for t in known if t.name.casefold() == tier.casefold())
        if db.execute("SELECT 1 FROM customers WHERE id = ?", [customer_id]).fetchone() is None:
            raise NotFound(
                _("There is no card with id {id}; it may have been erased.", id=customer_id)
            )
        store.place_by_hand(
            db, customer_id, chosen, today.isoformat(), ends_on, note, session.now(), session.actor
        )
        changes.record(
            db,
            session.actor,
            session.now(),
            "customer",
            customer_id,
            "placed in a loyalty tier",
            {"tier": chosen.name, "ends_on": ends_on, "values": {"reason": note}},
        )
    return chosen.name


def tier_of(session: Session, customer_id: int) -> Standing | None:
    """Everything the card and the till show of a customer's tier, in one call: the tier's
    name, its discount (``rate_bp``; ``Standing.discount(amount)`` for a sale), why (a sentence
    in the shop's money) and since when. None with the scheme off or outside every tier."""
    if not session.settings.tiers_on:
        return None
    return _standing(session, session.db, customer_id)


def _standing(session: Session, db: Database, customer_id: int) -> Standing | None:
    found = store.standing(db, customer_id, session.today().isoformat())
    if found is None:
        return None
    name, rate, why, since = found
    settings = session.settings
    reason = core.reason_text(why, settings.locale, settings.currency)
    return Standing(name, rate, why.rule, reason, since, why.ends_on)


def discount_for(session: Session, customer_id: int, amount: int) -> int:
    """The discount the customer's tier gives on a sale of ``amount`` minor units (0 without)."""
    standing = tier_of(session, customer_id)
    return 0 if standing is None else standing.discount(amount)


# On a sale ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SaleDiscount:
    """The tier a sale was made in, its rate, and the discount given in minor units."""

    tier: str
    rate_bp: int
    given: int


def discount_sale(
    session: Session, db: Database, customer_id: int, entry: PurchaseEntry
) -> tuple[PurchaseEntry, SaleDiscount | None]:
    """Inside the sale's transaction: ``entry`` with its amount less the tier's discount (the
    amount typed is the price; what is saved is what the customer paid), and the discount."""
    if not session.settings.tiers_on:
        return entry, None
    standing = _standing(session, db, customer_id)
    given = 0 if standing is None else standing.discount(entry.amount)
    if standing is None or not given:
        return entry, None
    paid = PurchaseEntry(
        entry.date, entry.amount - given, entry.items, entry.category, entry.receipt_no
    )
    return paid, SaleDiscount(standing.tier, standing.rate_bp, given)


def record_discount(
    db: Database, purchase_id: int, discount: SaleDiscount | None
) -> dict[str, object]:
    """Keep the sale's tier and discount beside it; returns them for the change log."""
    if discount is None:
        return {}
    tier = store.tier_by_name(db, discount.tier)
    store.record_discount(
        db,
        purchase_id,
        None if tier is None else tier.id,
        discount.tier,
        discount.rate_bp,
        discount.given,
    )
    return {"tier": discount.tier, "discount": discount.given}


def sale_discount(session: Session, purchase_id: int) -> SaleDiscount | None:
    """The tier and the discount recorded on a sale."""
    return sale_discounts(session, [purchase_id]).get(purchase_id)


def sale_discounts(session: Session, purchase_ids: Sequence[int]) -> dict[int, SaleDiscount]:
    """Purchase id -> the tier and discount recorded on it, for the sales that had one (a page
    of the purchase history at once)."""
    found = store.discounts_of(session.db, purchase_ids)
    return {pid: SaleDiscount(*given) for pid, given in found.items()}


# The demo shop ----------------------------------------------------------------------------------

DEMO_TIERS = (
    Tier("Card", 500, core.Rule.SPEND, threshold=0),
    Tier("Gold", 1500, core.Rule.SPEND, threshold=50_000),
    Tier("VIP", 2500, core.Rule.TOP, top_bp=500),
)
DEMO_HISTORY_MONTHS = (12, 9, 6, 3, 0)
"""The demo's tiers were recomputed on these months back, so customers joined them at
different times and "since they joined" has something to show."""


def demo_scheme(db: Database, today: dt.date, now: str) -> None:
    """The demo shop's tiers (Card 5% for any net spend, Gold 15% from 500,00, VIP 25% for the
    top 5%), a year of placements, two customers placed by hand, and the discounts its sales
    since would have been given (inside the demo's own transaction)."""
    table = store.replace_tiers(db, DEMO_TIERS)
    for months in DEMO_HISTORY_MONTHS:
        _recompute(db, table, months_back(today, months), now)
    outside = [cid for (cid,) in db.execute(store.OUTSIDE_EVERY_TIER).fetchall()][:2]
    for cid, (tier, days, reason) in zip(outside, _DEMO_BY_HAND, strict=False):
        day = (today - dt.timedelta(days=days)).isoformat()
        ends_on = (today + dt.timedelta(days=90 - days)).isoformat()
        store.place_by_hand(db, cid, table[tier], day, ends_on, reason, now, "owner")
    store.demo_discounts(db)


_DEMO_BY_HAND = (
    (1, 20, "helps at the Christmas market stall"),
    (2, 45, "ordered the wedding gifts for 120 guests"),
)


# Letters ---------------------------------------------------------------------------------------


def merge_values(session: Session, customer_ids: Sequence[int]) -> dict[int, Mapping[str, str]]:
    """The merge fields ``tier`` and ``discount`` of each customer ("" without a tier)."""
    locale = session.settings.locale
    return {cid: core.merge_fields(tier_of(session, cid), locale) for cid in customer_ids}


def _described(tier: Tier) -> dict[str, object]:
    bar = {"threshold": tier.threshold} if tier.rule is core.Rule.SPEND else {"top_bp": tier.top_bp}
    return {"name": tier.name, "rate_bp": tier.rate_bp, "rule": tier.rule.value} | bar
