"""Cash-back: what a customer holds, spending it in a sale, the ledger, adjustments, expiry.

The rules are in core/loyalty.py (read its docstring first: lots, the last day, rounding,
returns and voids, the shortfall). Here they meet the card file:

* The clerk and the owner may spend cash-back in a sale (:mod:`shopcards.services.purchases`
  calls :func:`spend_and_earn` inside the sale's own transaction). The balance is checked and
  the spend written in that one ``BEGIN IMMEDIATE`` transaction, so two desks spending the
  same balance at once cannot both succeed: the second waits for the first and then finds
  the balance spent.
* Only the owner adjusts a balance by hand, always with a reason.
* Expiry may run for anyone (clerk too): it is automatic, runs when the file opens
  (:func:`expire_due`, one index lookup when nothing is due) and does only what the rules say
  is due, so running it again changes nothing.
* With the scheme off (the default) sales earn nothing and the till shows nothing unless the
  customer still holds cash-back from before, which stays theirs to spend until it expires.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from shopcards.core.card import Card
from shopcards.core.errors import NotFound, ShopError, ValidationError
from shopcards.core.i18n import N_, _, format_locale
from shopcards.core.loyalty import (
    EXPIRING_SOON_DAYS,
    Cashback,
    Kind,
    MonthTotals,
    Movement,
    Scheme,
    checked_reason,
    earned,
    month_totals,
    parse_positive,
    points_or_money,
    share,
)
from shopcards.core.money import format_money
from shopcards.core.purchase import Purchase
from shopcards.services.session import Session, require_owner
from shopcards.store import changes, customers
from shopcards.store import loyalty as store
from shopcards.store import purchases as purchase_store
from shopcards.store.handle import Database
from shopcards.store.loyalty import Stamp
from shopcards.store.loyalty_due import nothing_due


@dataclass(frozen=True)
class TillCashback:
    """Everything the sale screen needs about cash-back after a scan, from one call.

    ``shown`` is False when there is nothing to show (scheme off and nothing held);
    ``earning`` whether a sale earns now, at ``rate_bp``; the texts are ready to show, in
    points or money as the scheme says (``expiring_text`` "" when nothing expires soon).
    """

    shown: bool
    earning: bool
    points: bool
    rate_bp: int
    cashback: Cashback
    balance_text: str
    expiring_text: str


@dataclass(frozen=True)
class SaleCashback:
    """What one purchase did to cash-back: earned, spent, taken back (and the shortfall),
    given back; for the slip line and the change log."""

    earned: int = 0
    spent: int = 0
    taken_back: int = 0
    shortfall: int = 0
    given_back: int = 0

    def facts(self) -> dict[str, int]:
        """The non-zero figures, for the purchase's line in the change log."""
        return {f"cashback_{k}": v for k, v in vars(self).items() if v}


@dataclass(frozen=True)
class Expired:
    """What an expiry run took: how many lots, how much in all."""

    lots: int = 0
    amount: int = 0


def scheme(session: Session) -> Scheme:
    return Scheme.of(session.settings)


def balance(session: Session, customer_id: int) -> int:
    """The sum of the customer's ledger, in minor units."""
    return store.balance(session.db, customer_id)


def cashback(session: Session, customer_id: int) -> Cashback:
    """The balance and what of it expires soonest (see :class:`Cashback`)."""
    return cashback_of(session, [customer_id])[customer_id]


def cashback_of(session: Session, customer_ids: list[int]) -> dict[int, Cashback]:
    """:func:`cashback` for many customers at once (a letter batch)."""
    until = (session.today() + dt.timedelta(days=EXPIRING_SOON_DAYS)).isoformat()
    found = store.expiring(session.db, customer_ids, until)
    return {customer_id: Cashback(*held) for customer_id, held in found.items()}


def for_till(session: Session, customer_id: int) -> TillCashback:
    """The cash-back part of the sale screen for the card just scanned (expiry runs first if
    the till has stayed open past midnight)."""
    expire_due(session)
    plan = scheme(session)
    held = cashback(session, customer_id)
    soon = ""
    if held.expiring and held.expiring_on:
        soon = _(
            "{amount} to spend by {day}",
            amount=shown(session, held.expiring),
            day=held.expiring_on,
        )
    return TillCashback(
        shown=plan.on or held.balance > 0,
        earning=plan.on,
        points=plan.points,
        rate_bp=plan.rate_bp,
        cashback=held,
        balance_text=shown(session, held.balance),
        expiring_text=soon,
    )


def earn_preview(session: Session, amount: int, spent: int = 0) -> int:
    """What a sale of ``amount`` paying ``spent`` in cash-back would earn now (0 when off)."""
    plan = scheme(session)
    return earned(amount - spent, plan.rate_bp) if plan.on else 0


def shown(session: Session, amount: int) -> str:
    """An amount of cash-back as the customer is told it (points or money)."""
    settings = session.settings
    money = format_money(amount, format_locale(settings.locale), settings.currency)
    return points_or_money(amount, scheme(session).points, money)


def ledger(session: Session, customer_id: int, limit: int = 200, offset: int = 0) -> list[Movement]:
    """The customer's ledger, oldest first; a lot's ``left`` says what is still unspent."""
    return store.page(session.db, customer_id, limit, offset)


def of_purchase(session: Session, purchase_id: int) -> list[Movement]:
    """The cash-back movements of one purchase (for the slip or the purchase's details)."""
    return store.of_purchase(session.db, purchase_id)


def sale_cashback(session: Session, purchase_id: int) -> SaleCashback:
    """What one purchase did to cash-back, added up from its ledger rows."""
    rows = store.of_purchase(session.db, purchase_id)

    def total(*kinds: Kind, sign: int = 1) -> int:
        return sum(r.amount * sign for r in rows if r.kind in kinds and r.amount * sign > 0)

    return SaleCashback(
        earned=total(Kind.EARN),
        spent=total(Kind.SPEND, sign=-1),
        taken_back=total(Kind.REVERSE, Kind.UNDO, sign=-1),
        shortfall=sum(r.shortfall for r in rows),
        given_back=total(Kind.REFUND, Kind.UNDO),
    )


def slip_line(session: Session, purchase: Purchase) -> str:
    """The line for the slip or the sale screen after a sale: what the customer spent and
    earned and now holds ("Cash-back: spent 0,60 €, earned 0,47 €; now 0,87 €"); "" when the
    sale moved none and the customer holds none."""
    if purchase.customer_id is None:
        return ""
    moved = sale_cashback(session, purchase.id)
    held = store.balance(session.db, purchase.customer_id)
    said = [
        _(words, amount=shown(session, amount))
        for words, amount in (
            (SPENT, moved.spent),
            (EARNED, moved.earned),
            (TAKEN_BACK, moved.taken_back),
            (GIVEN_BACK, moved.given_back),
        )
        if amount
    ]
    if not said and not held:
        return ""
    balance = shown(session, held)
    if not said:
        return _("Cash-back: now {balance}", balance=balance)
    return _("Cash-back: {moves}, now {balance}", moves=", ".join(said), balance=balance)


# Translators: the parts of the cash-back line after a sale ("Cash-back: spent 0,60 €, …")
SPENT = N_("spent {amount}")
EARNED = N_("earned {amount}")
TAKEN_BACK = N_("taken back {amount}")
GIVEN_BACK = N_("given back {amount}")


def months(session: Session) -> list[MonthTotals]:
    """Each month of the scheme: earned, spent, expired, reversed, adjusted and outstanding at
    its end (for the cost of the scheme in the insights). Owner only, like the reports."""
    # Translators: ends "Only the owner may …"
    require_owner(session, _("see what the cash-back scheme costs"))
    return month_totals(store.month_totals(session.db))


def holder_of_card(session: Session, card_no: str) -> Card:
    """The card with this number, if it may hold cash-back; NotFound or ShopError saying why
    not (no such card, erased, archived)."""
    card_id = customers.find_by_card_no(session.db, card_no)
    if card_id is None:
        raise NotFound(
            _(
                "There is no card number {card_no}; it may have been erased.",
                card_no=card_no.strip(),
            )
        )
    _check_holder(session.db, card_id)
    return customers.get(session.db, card_id)


def adjust(session: Session, customer_id: int, amount: str, reason: str) -> Movement:
    """Add (``"5"``) or take away (``"-5"``) cash-back by hand, with a reason. Owner only.

    Taking away more than the balance is refused with the balance named. Money added is a lot
    that expires like earned money would today.
    """
    # Translators: ends "Only the owner may …"
    require_owner(session, _("adjust a cash-back balance"))
    settings = session.settings
    text = amount.strip()
    taking = text.startswith("-")
    minor = parse_positive(text.lstrip("-+").strip(), "amount", settings.locale, settings.currency)
    why = checked_reason(reason)
    stamp = _stamp(session)
    with session.card_file.write() as db:
        _check_holder(db, customer_id)
        if taking:
            expire_in(session, db)
            _check_enough(session, db, customer_id, minor, TAKEN_AWAY)
            row_id, _taken, _short = store.take(
                db, customer_id, Kind.ADJUST, minor, stamp, reason=why
            )
        else:
            last = scheme(session).last_day(session.today(), session.today())
            row_id = store.give(db, customer_id, Kind.ADJUST, minor, last, stamp, reason=why)
        row = store.movement(db, row_id)
        changes.record(
            db,
            session.actor,
            session.now(),
            "customer",
            customer_id,
            "cashback adjusted",
            {"amount": row.amount, "reason": why, "ledger_row": row.id},
        )
    return row


def expire(session: Session) -> Expired:
    """Take what is left of every lot whose last day is before today; idempotent. Anyone may
    run it (see the module docstring)."""
    with session.card_file.write() as db:
        return expire_in(session, db)


def expire_in(session: Session, db: Database) -> Expired:
    """:func:`expire` inside the caller's transaction."""
    stamp = _stamp(session)
    lots = total = 0
    for customer_id, lot_id in store.due_lots(db, stamp.on_date):
        left = store.movement(db, lot_id).left
        _row, taken, _short = store.take(db, customer_id, Kind.EXPIRE, left, stamp, first=lot_id)
        lots, total = lots + 1, total + taken
    if lots:
        details = {"lots": lots, "amount": total}
        changes.record(
            db, session.actor, session.now(), "card_file", 0, "cashback expired", details
        )
    return Expired(lots, total)


def expired_today(session: Session) -> Expired:
    """What expiry took today, by every run (at opening, at a spend, from the command line)."""
    lots, amount = store.expired_on(session.db, session.today().isoformat())
    return Expired(lots, amount)


def expire_due(session: Session) -> Expired:
    """:func:`expire` when the file opens: one index lookup when nothing is due."""
    if nothing_due(session.db, session.today().isoformat()):
        return Expired()
    return expire(session)


# Hooks for services/purchases.py, inside the purchase's own write transaction ---------------


def parse_spend(session: Session, text: str, sale_amount: int) -> int:
    """Cash-back typed at the till for a sale of ``sale_amount``: 0 for none; ValidationError
    under ``cashback`` for zero, a negative amount, or more than the sale."""
    if not text.strip():
        return 0
    settings = session.settings
    spent = parse_positive(text, "cashback", settings.locale, settings.currency)
    if spent > sale_amount:
        limit = format_money(sale_amount, settings.locale, settings.currency)
        raise ValidationError(
            {"cashback": _("more than the sale ({amount}) cannot be paid with it", amount=limit)}
        )
    return spent


def spend_and_earn(session: Session, db: Database, sale: Purchase, spent: int) -> SaleCashback:
    """Spend ``spent`` on ``sale`` (refused, with the balance named, if it is more than the
    customer holds) and earn on what was paid in money, if the scheme is on."""
    assert sale.customer_id is not None
    stamp = _stamp(session)
    if spent:
        _check_holder(db, sale.customer_id)
        expire_in(session, db)  # after midnight at an open till: nothing past its last day
        _check_enough(session, db, sale.customer_id, spent, CANNOT_SPEND)
        store.take(db, sale.customer_id, Kind.SPEND, spent, stamp, purchase_id=sale.id)
    plan = scheme(session)
    gained = earned(sale.amount - spent, plan.rate_bp) if plan.on else 0
    if gained:
        last = plan.last_day(dt.date.fromisoformat(sale.date), session.today())
        store.give(
            db,
            sale.customer_id,
            Kind.EARN,
            gained,
            last,
            stamp,
            purchase_id=sale.id,
            rate_bp=plan.rate_bp,
        )
    return SaleCashback(earned=gained, spent=spent)


def settle_return(session: Session, db: Database, sale: Purchase, back: Purchase) -> SaleCashback:
    """After the return ``back`` is stored: take back the sale's earnings and give back the
    cash-back spent on it, each in proportion to all returned of the sale so far."""
    assert sale.customer_id is not None
    rows = {row.kind: row for row in store.of_purchase(db, sale.id)}
    returned = purchase_store.returned_so_far(db, sale.id)
    stamp = _stamp(session)
    taken = short = given = 0
    if (earn := rows.get(Kind.EARN)) is not None:
        amount, shortfall = store.sale_returned_rows(db, sale.id, Kind.REVERSE)
        wanted = share(earn.amount, returned, sale.amount) - (-amount + shortfall)
        if wanted > 0:
            _row, taken, short = store.take(
                db,
                sale.customer_id,
                Kind.REVERSE,
                wanted,
                stamp,
                purchase_id=back.id,
                first=earn.id,
            )
    if (spend := rows.get(Kind.SPEND)) is not None:
        already, _rows = store.sale_returned_rows(db, sale.id, Kind.REFUND)
        given = share(-spend.amount, returned, sale.amount) - already
        if given > 0:
            store.give(
                db,
                sale.customer_id,
                Kind.REFUND,
                given,
                _kept(db, spend, session),
                stamp,
                purchase_id=back.id,
            )
    return SaleCashback(taken_back=taken, shortfall=short, given_back=max(given, 0))


def undo_purchase(session: Session, db: Database, voided: Purchase) -> SaleCashback:
    """A voided purchase's movements undone: what it gave is taken back (with a shortfall if
    it was spent), what it took is given back."""
    if voided.customer_id is None:
        return SaleCashback()
    stamp = _stamp(session)
    taken = short = given = 0
    for row in store.of_purchase(db, voided.id):
        if row.kind is Kind.UNDO:
            continue
        if row.amount > 0:
            _row, got, missing = store.take(
                db,
                voided.customer_id,
                Kind.UNDO,
                row.amount,
                stamp,
                purchase_id=voided.id,
                first=row.id,
            )
            taken, short = taken + got, short + missing
        elif row.amount < 0:
            store.give(
                db,
                voided.customer_id,
                Kind.UNDO,
                -row.amount,
                _kept(db, row, session),
                stamp,
                purchase_id=voided.id,
            )
            given -= row.amount
    return SaleCashback(taken_back=taken, shortfall=short, given_back=given)


def check_amount_kept(db: Database, base: Purchase, new_amount: int) -> None:
    """An edit may not change the amount of a purchase that moved cash-back: its earnings
    and spend rest on it. Void it and record it again instead."""
    if new_amount != base.amount and store.of_purchase(db, base.id):
        raise ValidationError(
            {
                "amount": _(
                    "this purchase earned or spent cash-back: void it and record it again "
                    "to change its amount"
                )
            }
        )


def _kept(db: Database, row: Movement, session: Session) -> str | None:
    """The last day of money given back from ``row``: the latest of the lots it came from,
    but never before today."""
    last = store.latest_last_day(db, row.id)
    return None if last is None else max(last, session.today().isoformat())


def _check_holder(db: Database, customer_id: int) -> None:
    state = store.holder(db, customer_id)
    if state == "missing":
        raise NotFound(_("There is no card with id {id}; it may have been erased.", id=customer_id))
    if state == "archived":
        raise ShopError(
            _(
                "Card {card_no} is archived: bring it back first to spend or adjust its cash-back.",
                card_no=customers.get(db, customer_id).card_no,
            )
        )


TAKEN_AWAY = N_("the balance is {held}: {want} cannot be taken away")
CANNOT_SPEND = N_("the balance is {held}: {want} cannot be spent")


def _check_enough(
    session: Session, db: Database, customer_id: int, want: int, refusal: str
) -> None:
    """ValidationError ``refusal`` (TAKEN_AWAY, CANNOT_SPEND) when the customer holds less."""
    held = store.balance(db, customer_id)
    if want > held:
        raise ValidationError(
            {"cashback": _(refusal, held=shown(session, held), want=shown(session, want))}
        )


def _stamp(session: Session) -> Stamp:
    return Stamp(session.today().isoformat(), session.now(), session.actor)
