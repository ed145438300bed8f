"""The rules of the loyalty cash-back ledger: plain integers and dates, no storage.

The ledger is append-only. Every earn, spend, expiry, manual adjustment and reversal is one
row of integer minor units (a point is worth one minor unit: 5% of 20,00 € earns 100 points
or 1,00 €), signed: money in is positive, money out negative. A customer's balance is the sum
of their rows, never a stored figure.

* **Lots.** A positive row is a lot with its last day (``expires_on``; None: it never
  expires). A negative row names the lots it used (spending uses the lot nearest to expiry
  first, a lot that never expires last, ties the oldest first), so what is left of each lot,
  and what expires of it, is exact.
* **The last day.** ``expires_on`` is the last day the money can be spent: on that day it
  still pays; expiry (when the file opens, or ``shopcards loyalty expire``) takes what is left
  of every lot whose last day is before today. A lot earned on 31 March with 12 months
  expiry can be spent up to and including 31 March next year. A lot is never written with a
  last day before the day it is written (a sale typed in late, money given back from a lot
  that has since expired): such a lot keeps until the end of that day.
* **Earning.** A sale earns ``rate`` basis points (500 = 5%) of what was paid in money, i.e.
  the sale's amount less the cash-back spent on it, rounded half up to a minor unit. The
  rate used is stored on the earn row: changing the rate or switching the scheme on or off
  never rewrites what was earned before.
* **Returns and voids.** A return takes back the sale's earnings in proportion to what has
  come back so far (rounded down, cumulative, so the parts of a sale returned in pieces never
  add up to more than it earned), and gives back the same share of the cash-back spent on
  the sale. A return takes back from its own sale's lot first, then as a spend would.
  Voiding a purchase undoes each of its movements (a sale's void is refused while a return of
  it stands). Money given back keeps the latest last day of the lots it was taken from.
  :data:`SHORTFALL_RULE` says what happens when the balance is too small to take it back. The
  amount of a purchase that moved cash-back cannot be edited: void it and record it again.
* **Days.** An earn's last day counts from the sale's date; every row carries the shop's
  date it was written on (``on_date``) as well as the moment and who wrote it.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from enum import Enum

from babel.numbers import format_decimal

from shopcards.core.errors import ValidationError
from shopcards.core.i18n import N_, _, format_locale, ngettext
from shopcards.core.mailing import long_date
from shopcards.core.money import NotAnAmount, format_money, parse_amount
from shopcards.core.settings import ShopSettings
from shopcards.core.validation import text_problem

FULL_RATE_BP = 10_000
"""100% in basis points: no rate may be higher."""
EXPIRING_SOON_DAYS = 92
""""Expiring soon" (the ``cashback_expiring`` merge field) is what expires within this many
days (a quarter, so the quarterly letter names everything that would lapse before the next)."""
MAX_REASON = 200

SHORTFALL_RULE = N_(
    "A balance never goes below zero. When a return or a void must take back more cash-back "
    "than the customer still holds (it was spent already), only the balance is taken and "
    "the rest is written on that row as a shortfall: the shop's loss, not the customer's debt."
)


class Kind(Enum):
    """What a ledger row is; the sign of its amount follows from it."""

    EARN = "earn"
    SPEND = "spend"
    EXPIRE = "expire"
    ADJUST = "adjust"
    REVERSE = "reverse"
    """A return taking back (its share of) what the sale earned."""
    REFUND = "refund"
    """A return giving back (its share of) the cash-back spent on the sale."""
    UNDO = "undo"
    """A void undoing one movement of the voided purchase."""


@dataclass(frozen=True)
class Scheme:
    """The shop's cash-back scheme as the settings hold it."""

    on: bool = False
    points: bool = False
    rate_bp: int = 500
    expiry_months: int | None = 12

    @classmethod
    def of(cls, settings: ShopSettings) -> Scheme:
        return cls(
            on=settings.cashback_on,
            points=settings.cashback_kind == "points",
            rate_bp=settings.cashback_rate_bp,
            expiry_months=settings.cashback_expiry_months,
        )

    def last_day(self, earned_on: dt.date, today: dt.date) -> str | None:
        """The last day money earned on ``earned_on`` can be spent (never before today)."""
        if self.expiry_months is None:
            return None
        return max(add_months(earned_on, self.expiry_months), today).isoformat()


@dataclass(frozen=True)
class Movement:
    """One ledger row as read back (``left``: what is still unspent of a lot; 0 otherwise)."""

    id: int
    customer_id: int | None
    kind: Kind
    amount: int
    shortfall: int
    purchase_id: int | None
    rate_bp: int | None
    expires_on: str | None
    on_date: str
    reason: str
    created_at: str
    created_by: str
    left: int = 0


@dataclass(frozen=True)
class Cashback:
    """What a customer holds: the balance, and what of it expires soon.

    ``expiring`` is what expires within :data:`EXPIRING_SOON_DAYS` of today and
    ``expiring_on`` the first of those last days (None when nothing does).
    """

    balance: int
    expiring: int = 0
    expiring_on: str | None = None


@dataclass(frozen=True)
class MonthTotals:
    """A month of the scheme, in minor units: earned, spent in sales, expired, taken back by
    returns and voids (net of what they gave back), adjusted by hand (signed), and what the
    customers held at the month's end (the shop's liability)."""

    month: str
    earned: int = 0
    spent: int = 0
    expired: int = 0
    taken_back: int = 0
    adjusted: int = 0
    outstanding: int = 0


def month_totals(sums: list[tuple[str, str, int]]) -> list[MonthTotals]:
    """:class:`MonthTotals` from (month, kind, signed sum) rows sorted by month."""
    months: dict[str, dict[str, int]] = {}
    for month, kind, total in sums:
        months.setdefault(month, {})[kind] = total
    out, held = [], 0
    for month, by_kind in months.items():
        held += sum(by_kind.values())
        back = sum(by_kind.get(k.value, 0) for k in (Kind.REVERSE, Kind.REFUND, Kind.UNDO))
        out.append(
            MonthTotals(
                month,
                earned=by_kind.get(Kind.EARN.value, 0),
                spent=-by_kind.get(Kind.SPEND.value, 0),
                expired=-by_kind.get(Kind.EXPIRE.value, 0),
                taken_back=-back,
                adjusted=by_kind.get(Kind.ADJUST.value, 0),
                outstanding=held,
            )
        )
    return out


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` later, or the month's last day where it has none (31 Jan + 1
    month = 28 or 29 Feb)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return dt.date(year, month + 1, min(day.day, last))


def earned(paid: int, rate_bp: int) -> int:
    """What a sale paid ``paid`` minor units in money earns at ``rate_bp``, rounded half up."""
    if paid <= 0 or rate_bp <= 0:
        return 0
    return (paid * rate_bp + FULL_RATE_BP // 2) // FULL_RATE_BP


def share(total: int, part: int, whole: int) -> int:
    """``total`` × ``part`` / ``whole``, rounded down and never more than ``total``: the
    cumulative share of a sale's earnings (or cash-back spent) that ``part`` of it carries."""
    if whole <= 0 or part <= 0:
        return 0
    return min(total, total * min(part, whole) // whole)


def parse_positive(text: str, what: str, locale: str, currency: str) -> int:
    """An amount typed for a spend or an adjustment, in minor units; ValidationError naming
    ``what`` when it is not an amount, zero or negative."""
    try:
        amount = parse_amount(text, locale, currency)
    except NotAnAmount as exc:
        raise ValidationError({what: str(exc)}) from None
    if amount <= 0:
        raise ValidationError(
            {
                what: _("must be more than zero, not {typed}", typed=text.strip())
                if text.strip()
                else _("must be more than zero, not empty")
            }
        )
    return amount


def checked_reason(text: str) -> str:
    """A manual adjustment's reason, one line; ValidationError when there is none."""
    reason = " ".join(text.split())
    if not reason:
        raise ValidationError(
            {"reason": _("say why the balance is adjusted (it is in the ledger)")}
        )
    problem = text_problem(reason, MAX_REASON)
    if problem:
        raise ValidationError({"reason": problem})
    return reason


def points_or_money(amount: int, points: bool, money: str) -> str:
    """An amount as the customer is told it: "120 points (1,20 €)" or "1,20 €"."""
    if not points:
        return money
    count = format_decimal(amount, locale=format_locale(""))
    return ngettext(
        "{count} point ({money})", "{count} points ({money})", abs(amount), count=count, money=money
    )


@dataclass(frozen=True)
class Lot:
    """What is left of one positive row, and its last day (None: never expires)."""

    id: int
    left: int
    expires_on: str | None


def allocate(lots: Iterable[Lot], wanted: int) -> list[tuple[int, int]]:
    """(lot id, amount) taken for ``wanted`` from ``lots`` in the order given (the order money
    is spent in: see the module docstring); less than ``wanted`` in all when they hold less.
    Stops reading ``lots`` as soon as ``wanted`` is covered."""
    taken: list[tuple[int, int]] = []
    for lot in lots:
        if wanted <= 0:
            break
        amount = min(lot.left, wanted)
        if amount > 0:
            taken.append((lot.id, amount))
            wanted -= amount
    return taken


def letter_values(held: list[Cashback], locale: str, currency: str) -> dict[str, str]:
    """The cash-back merge fields of one letter (a household's holdings added up):
    ``cashback_balance`` as money, ``cashback_expiring`` what expires within
    :data:`EXPIRING_SOON_DAYS` ("" when nothing does) and ``cashback_expiring_date`` the first
    last day of it, written long ("31 March 2027"), so a letter can say "you have 12,40 € to
    spend by 31 March 2027"."""
    expiring = sum(h.expiring for h in held)
    first = min((h.expiring_on for h in held if h.expiring_on), default="")
    return {
        "cashback_balance": format_money(sum(h.balance for h in held), locale, currency),
        "cashback_expiring": format_money(expiring, locale, currency) if expiring else "",
        "cashback_expiring_date": long_date(first, locale) if expiring else "",
    }
