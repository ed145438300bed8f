"""A believable shop: customers from several countries who joined over the past years, with a
Pareto-shaped purchase history since, prize-drawing entries, a few calls and letters sent: so
every screen and card tab has something to show.

Plain Python over a seeded ``random.Random``, so the same seed always makes the same shop.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator
from dataclasses import dataclass

from shopcards.core.calls import CallEntry, Outcome
from shopcards.core.card import Card, Consent, CustomerType, JoinedVia, PartialDate, Phone
from shopcards.core.demo_places import COUNTRIES, INTERESTS, ITEMS, Country
from shopcards.core.text import fold


@dataclass(frozen=True)
class DemoPurchase:
    customer_index: int
    date: str
    amount: int
    items: str
    category: str
    receipt_no: str


DRAWING_MONTHS = 6
"""Past months with prize-drawing entries (besides the current one), none of them drawn."""
MAX_YEARS = 6
"""The longest-standing customers joined this many years ago."""
_CALL_REASONS = ("moved house", "asked about a special order", "prices", "", "", "")


@dataclass(frozen=True)
class DemoBatch:
    """A letter or card batch the demo shop sent, and how many days ago."""

    template_key: str
    template: str
    kind: str
    selection: str
    sent_at: str
    holdout_share: float


@dataclass(frozen=True)
class DemoCustomer:
    card: Card
    purchases: tuple[DemoPurchase, ...]
    entries: tuple[tuple[str, str], ...] = ()
    """(month, entered_at) of each prize drawing the customer entered."""
    calls: tuple[CallEntry, ...] = ()
    letters: tuple[tuple[int, bool], ...] = ()
    """(index into :func:`demo_batches`, held back) for each batch the customer was chosen for."""


def demo_batches(today: dt.date) -> tuple[DemoBatch, ...]:
    """A quarterly letter ten weeks ago (with a tenth held back, so "Did it work?" has a
    figure) and last month's birthday cards, sent at the end of the month before."""
    last_month_end = today.replace(day=1) - dt.timedelta(days=1)
    first = last_month_end.replace(day=1)
    return (
        DemoBatch(
            "letter_quarterly",
            "Quarterly letter to regular customers",
            "letter",
            "all",
            f"{(today - dt.timedelta(days=70)).isoformat()}T09:30:00",
            0.1,
        ),
        DemoBatch(
            "card_birthday",
            "Birthday card",
            "card",
            f"birthdays:{first.isoformat()}..{last_month_end.isoformat()}",
            f"{(first - dt.timedelta(days=3)).isoformat()}T16:00:00",
            0.0,
        ),
    )


def demo_customers(
    count: int, seed: int, today: dt.date, with_purchases: bool = True
) -> Iterator[DemoCustomer]:
    """``count`` customers; about a fifth are regulars who bring most of the sales. Without
    purchases the cards still joined over the years, but nothing else happened to them."""
    rng = random.Random(seed)
    weights = [c.weight for c in COUNTRIES]
    batches = demo_batches(today)
    for index in range(count):
        country = rng.choices(COUNTRIES, weights)[0]
        card = _card(rng, country, today)
        if not with_purchases:
            yield DemoCustomer(card, ())
            continue
        purchases = _purchases(rng, index, card, today)
        yield DemoCustomer(
            card,
            purchases,
            _entries(card, purchases, today),
            _calls(rng, card, today),
            _letters(rng, card, batches),
        )


def _entries(
    card: Card, purchases: tuple[DemoPurchase, ...], today: dt.date
) -> tuple[tuple[str, str], ...]:
    """A purchase enters the month's drawing, and so does a new card (the first of each)."""
    oldest = today.replace(day=1)
    for _ in range(DRAWING_MONTHS):
        oldest = (oldest - dt.timedelta(days=1)).replace(day=1)
    entered: dict[str, str] = {}
    for when in (card.created_at[:10], *(p.date for p in purchases)):
        if when >= oldest.isoformat():
            entered.setdefault(when[:7], f"{when}T12:00:00")
    return tuple(entered.items())


def _calls(rng: random.Random, card: Card, today: dt.date) -> tuple[CallEntry, ...]:
    """One customer in twenty-five had a call in the past months (a month or more after they
    joined), some to call again; never one who said no to calls."""
    first = dt.date.fromisoformat(card.created_at[:10]) + dt.timedelta(days=30)
    no_calls = card.consent_phone is Consent.NO
    if rng.random() >= 0.04 or not card.phones or first >= today or no_calls:
        return ()
    called = max(first, today - dt.timedelta(days=rng.randint(1, 200)))
    outcome = rng.choice(tuple(Outcome))
    again = called + dt.timedelta(days=rng.randint(14, 60)) if rng.random() < 0.3 else None
    return (
        CallEntry(
            called.isoformat(),
            outcome,
            rng.choice(_CALL_REASONS) if outcome is Outcome.REACHED else "",
            complaint=outcome is Outcome.REACHED and rng.random() < 0.1,
            follow_up_on=again.isoformat() if again else None,
        ),
    )


def _letters(
    rng: random.Random, card: Card, batches: tuple[DemoBatch, ...]
) -> tuple[tuple[int, bool], ...]:
    """Who each batch went to: customers who said yes to post and had joined by then; the
    birthday cards to those whose birthday falls in the batch's month."""
    if card.consent_post is not Consent.YES:
        return ()
    chosen: list[tuple[int, bool]] = []
    for index, batch in enumerate(batches):
        if card.created_at > batch.sent_at:
            continue
        if batch.kind == "card":
            month = int(batch.selection.split(":")[1][5:7])
            if card.birthday is None or card.birthday.month != month:
                continue
        chosen.append((index, rng.random() < batch.holdout_share))
    return tuple(chosen)


def _card(rng: random.Random, country: Country, today: dt.date) -> Card:
    given, family = rng.choice(country.given), rng.choice(country.family)
    base_postcode, city = rng.choice(country.cities)
    postcode = _nearby_postcode(rng, base_postcode)
    street, house = rng.choice(country.streets), rng.randint(1, 120)
    line = f"{house} {street}" if country.house_first else f"{street} {house}"
    phone = rng.choice(country.phone_prefixes) + "".join(
        str(rng.randint(0, 9)) for _ in range(country.phone_digits)
    )
    birthday = None
    if rng.random() < 0.7:
        year = rng.randint(1940, today.year - 18) if rng.random() < 0.6 else None
        start = dt.date(2001, 1, 1) + dt.timedelta(days=rng.randrange(365))
        birthday = PartialDate(start.month, start.day, year)
    ascii_name = _email_name(rng, given, family)
    joined = today - dt.timedelta(days=rng.randint(0, 365 * MAX_YEARS))
    anniversary = _anniversary(rng, today)
    return Card(
        given_name=given,
        family_name=family,
        address_lines=(line,),
        postcode=postcode,
        city=city,
        country=country.code,
        phones=(Phone(phone, "mobile"),),
        email=f"{ascii_name}@example.{country.code.lower()}" if rng.random() < 0.6 else "",
        birthday=birthday,
        greeting=rng.choice(
            ("christmas", "christmas", "new_year", "none")
            if country.code != "IL"
            else ("hanukkah", "new_year")
        ),
        interests=tuple(rng.sample(INTERESTS, rng.randint(0, 3))),
        consent_post=rng.choice(
            (Consent.YES, Consent.YES, Consent.YES, Consent.NO, Consent.NOT_ASKED)
        ),
        consent_phone=rng.choice((Consent.YES, Consent.NO, Consent.NOT_ASKED)),
        consent_email=rng.choice((Consent.YES, Consent.NO, Consent.NOT_ASKED)),
        joined_via=rng.choice((JoinedVia.TILL, JoinedVia.TILL, JoinedVia.OWNER)),
        customer_type=rng.choice((None, *CustomerType)),
        anniversary=anniversary,
        anniversary_what="wedding" if anniversary else "",
        created_at=f"{joined.isoformat()}T{rng.randint(9, 17):02d}:{rng.randint(0, 59):02d}:00",
    )


def _anniversary(rng: random.Random, today: dt.date) -> str:
    """A wedding day for about one customer in eight (the anniversary cards' selection)."""
    if rng.random() >= 0.125:
        return ""
    return (today - dt.timedelta(days=rng.randint(365, 365 * 40))).isoformat()


def _nearby_postcode(rng: random.Random, base: str) -> str:
    """Another postcode of the same town: the digits after the first two vary."""
    return "".join(
        ch if i < 2 or not ch.isdigit() else str(rng.randint(0, 9)) for i, ch in enumerate(base)
    )


def _email_name(rng: random.Random, given: str, family: str) -> str:
    """name.surname42 for Latin names; a made-up Latin handle for names in other scripts."""
    latin = fold(f"{given}.{family}").replace(" ", "").replace("'", "")
    if not latin.isascii():
        latin = "".join(rng.choice("aeioukmnrstl") for _ in range(rng.randint(5, 9)))
    return f"{latin}{rng.randint(1, 999)}"


def _purchases(
    rng: random.Random, index: int, card: Card, today: dt.date
) -> tuple[DemoPurchase, ...]:
    """Regulars (20%) visit often and spend more; some customers lapse, some decline."""
    regular = rng.random() < 0.2
    visits_per_year = rng.uniform(6, 18) if regular else rng.uniform(0.3, 3)
    basket = rng.uniform(30, 90) if regular else rng.uniform(8, 30)
    start = dt.date.fromisoformat(card.created_at[:10])  # the first visit: the day they joined
    fate = rng.random()
    end = today - dt.timedelta(days=rng.randint(200, 700)) if fate < 0.15 else today
    declining_from = today - dt.timedelta(days=180) if 0.15 <= fate < 0.25 else None
    interests = card.interests or ("gifts",)
    out: list[DemoPurchase] = []
    day = start
    while day < end:
        scale = 0.3 if declining_from and day >= declining_from else 1.0
        category = rng.choice(interests)
        cents = max(150, int(rng.lognormvariate(0, 0.5) * basket * scale * 100))
        out.append(
            DemoPurchase(
                index,
                day.isoformat(),
                cents,
                ITEMS[category],
                category,
                f"R{rng.randint(100000, 999999)}",
            )
        )
        day += dt.timedelta(days=max(1.0, rng.expovariate(visits_per_year / 365)))
    return tuple(out)
