"""Recording, returning, editing and voiding purchases, and a card's purchase figures.

The clerk may record sales and returns and put right today's mistakes; a purchase recorded
before today is the owner's to change or void. Nothing is deleted: a voided purchase stays,
with who voided it and when, and every change is written to the change history.
"""

from __future__ import annotations

from shopcards.core import i18n
from shopcards.core.changes import Change
from shopcards.core.errors import ShopError, ValidationError
from shopcards.core.history import HistoryFigures, figures
from shopcards.core.i18n import _
from shopcards.core.money import format_money
from shopcards.core.purchase import Purchase, PurchaseEntry, PurchaseInput, validate_purchase
from shopcards.core.roles import Role
from shopcards.services import loyalty, loyalty_tiers
from shopcards.services.session import Session, require_owner
from shopcards.store import changes
from shopcards.store import purchases as store

SORTABLE = store.SORTABLE


def record_purchase(session: Session, customer_id: int, inp: PurchaseInput) -> Purchase:
    """Save a sale on the customer's card (clerk or owner): all of it, or nothing.

    With the loyalty scheme on, the amount typed is the price: the customer's tier discount
    comes off it (see :func:`loyalty_tiers.discount_sale`), the purchase keeps what was paid,
    and the tier and the discount are recorded beside it. The cash-back it spends
    (``inp.cashback``, at most what is paid after the discount) and earns is in the same
    transaction: nothing is saved when the balance is too small."""
    entry = _validate(session, inp)
    with session.card_file.write() as db:
        store.ensure_customer(db, customer_id)
        entry, discount = loyalty_tiers.discount_sale(session, db, customer_id, entry)
        spent = loyalty.parse_spend(session, inp.cashback, entry.amount)
        purchase = store.insert(db, customer_id, entry, None, session.actor, session.now())
        given = loyalty_tiers.record_discount(db, purchase.id, discount)
        moved = loyalty.spend_and_earn(session, db, purchase, spent)
        facts = _facts(purchase) | given | moved.facts()
        changes.record(db, session.actor, session.now(), "purchase", purchase.id, "added", facts)
    return purchase


def record_return(session: Session, sale_id: int, inp: PurchaseInput) -> Purchase:
    """Save a return of (part of) the sale ``sale_id``: a negative purchase pointing at it."""
    entry = _validate(session, inp, is_return=True)
    with session.card_file.write() as db:
        sale = store.get(db, sale_id)
        _check_returnable(session, sale, entry, store.returned_so_far(db, sale_id))
        assert sale.customer_id is not None
        purchase = store.insert(db, sale.customer_id, entry, sale.id, session.actor, session.now())
        moved = loyalty.settle_return(session, db, sale, purchase)
        changes.record(
            db,
            session.actor,
            session.now(),
            "purchase",
            purchase.id,
            "returned",
            _facts(purchase) | {"returns": sale.id} | moved.facts(),
        )
    return purchase


def edit_purchase(session: Session, base: Purchase, inp: PurchaseInput) -> Purchase:
    """Save changes to a purchase; Conflict when another desk changed it since ``base``."""
    _check_may_change(session, base, _("change a purchase recorded before today"))
    entry = _validate(session, inp, is_return=base.is_return)
    with session.card_file.write() as db:
        if base.returns_id is not None:
            sale = store.get(db, base.returns_id)
            others = store.returned_so_far(db, sale.id) + base.amount
            _check_returnable(session, sale, entry, others)
        elif entry.amount < store.returned_so_far(db, base.id):
            raise ValidationError({"amount": _("Less than what has already been returned of it")})
        loyalty.check_amount_kept(db, base, entry.amount)
        purchase = store.update(db, base, entry, session.actor, session.now())
        before, after = _facts(base), _facts(purchase)
        changed = {key: [before[key], after[key]] for key in after if before[key] != after[key]}
        changes.record(db, session.actor, session.now(), "purchase", base.id, "edited", changed)
    return purchase


def void_purchase(session: Session, base: Purchase, reason: str = "") -> Purchase:
    """Void a purchase: it stays on the card, struck through, and stops counting; the
    cash-back it earned is taken back and what it spent given back (services/loyalty)."""
    _check_may_change(session, base, _("void a purchase recorded before today"))
    reason = " ".join(reason.split())[:200]
    with session.card_file.write() as db:
        if not base.is_return and store.returned_so_far(db, base.id):
            raise ShopError(_("Part of this sale was returned: void the return first."))
        purchase = store.void(db, base, reason, session.actor, session.now())
        moved = loyalty.undo_purchase(session, db, base)
        facts = _facts(base) | moved.facts()
        changes.record(db, session.actor, session.now(), "purchase", base.id, "voided", facts)
    return purchase


def get_purchase(session: Session, purchase_id: int) -> Purchase:
    return store.get(session.db, purchase_id)


def list_purchases(
    session: Session,
    customer_id: int,
    sort: str = "date",
    descending: bool = True,
    offset: int = 0,
    limit: int = 200,
) -> list[Purchase]:
    """One page of the customer's purchases, voided ones included (newest first by default)."""
    return store.page(session.db, customer_id, sort, descending, offset, limit)


def count_purchases(session: Session, customer_id: int) -> int:
    return store.count(session.db, customer_id)


def purchase_figures(session: Session, customer_id: int) -> HistoryFigures:
    return figures(store.counted_for_customer(session.db, customer_id), session.today())


def returnable(session: Session, sale: Purchase) -> int:
    """How much of ``sale`` may still be returned, in minor units."""
    if sale.is_voided or sale.is_return:
        return 0
    return sale.amount - store.returned_so_far(session.db, sale.id)


def may_change(session: Session, purchase: Purchase) -> bool:
    """Whether the person at the desk may edit or void ``purchase`` (for greying out)."""
    return session.role is Role.OWNER or _recorded_today(session, purchase)


def categories(session: Session) -> list[str]:
    return store.categories(session.db)


def customer_changes(session: Session, customer_id: int) -> list[Change]:
    """The card's change history together with that of its purchases, newest first."""
    return store.changes_for_customer(session.db, customer_id)


def money(session: Session, minor: int) -> str:
    """An amount in the shop's currency, written the shop's way in the language of the words
    around it (a Romanian window in an English shop writes 12,50 €)."""
    settings = session.settings
    return format_money(minor, i18n.format_locale(settings.locale), settings.currency)


def _validate(session: Session, inp: PurchaseInput, is_return: bool = False) -> PurchaseEntry:
    settings = session.settings
    return validate_purchase(inp, settings.locale, settings.currency, session.today(), is_return)


def _check_may_change(session: Session, purchase: Purchase, what: str) -> None:
    if purchase.is_voided:
        raise ShopError(
            _(
                "This purchase was voided on {when} by the {who}; it cannot be changed.",
                when=purchase.voided_at,
                who=purchase.voided_by,
            )
        )
    if not _recorded_today(session, purchase):
        require_owner(session, what)


def _recorded_today(session: Session, purchase: Purchase) -> bool:
    return purchase.created_at[:10] == session.today().isoformat()


def _check_returnable(
    session: Session, sale: Purchase, entry: PurchaseEntry, returned: int
) -> None:
    if sale.is_voided:
        raise ShopError(_("That sale was voided; there is nothing to return."))
    if sale.is_return:
        raise ShopError(_("That is a return itself; choose the sale it returned."))
    left = sale.amount - returned
    if -entry.amount > left:
        raise ValidationError(
            {
                "amount": _(
                    "At most {amount} of this sale can still be returned",
                    amount=money(session, left),
                )
            }
        )
    if entry.date < sale.date:
        raise ValidationError(
            {"date": _("The sale was on {date}; a return comes after it", date=sale.date)}
        )


def _facts(purchase: Purchase) -> dict[str, object]:
    """What the change history keeps about a purchase: never a customer's name."""
    return {
        "date": purchase.date,
        "amount": purchase.amount,
        "items": purchase.items,
        "category": purchase.category,
        "receipt_no": purchase.receipt_no,
    }
