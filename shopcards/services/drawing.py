"""The monthly prize drawing: entering it, drawing a month once, moving to an alternate, the
log, and printing the winner's letter and window notice.

Entering is open to the clerk at the till; everything else is the owner's. A month is drawn
once, after it has ended and after its notice was published (services/drawing_notice.py), from
the entry list and seed that notice froze; it is never redone: when the winner cannot be
reached, "next alternate" records that step, with who took it, when and why. Checking a drawing
is services/drawing_proof.py.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from shopcards.core.card import Card
from shopcards.core.drawing import (
    SAMPLER,
    DrawRules,
    Frozen,
    add_months,
    month_of,
    parse_month,
    pick,
    public_name,
)
from shopcards.core.errors import ShopError
from shopcards.core.i18n import N_, _
from shopcards.services import letters, templates
from shopcards.services.drawing_notice import (
    add_link,
    entries_now,
    month_name,
    notice_words,
    proof_lines,
    require_ended,
    witness,
)
from shopcards.services.session import Session, require_owner
from shopcards.store import changes, customers
from shopcards.store import drawing as store
from shopcards.store import drawing_chain as chain
from shopcards.store.drawing import Drawn, Person, Step

__all__ = [
    "Drawing",
    "EntryLine",
    "LogEntry",
    "Pick",
    "Preview",
    "default_month",
    "draw",
    "drawing_log",
    "enter_drawing",
    "get_drawing",
    "month_name",
    "next_alternate",
    "preview_drawing",
    "print_window_notice",
    "print_winner_letter",
]

ERASED = N_("(card erased)")
NOT_DRAWN = N_("(notice published, not drawn yet)")
WINNER_TEMPLATE = "letter_prize_winner"
"""The built-in template of the winner's letter (the owner may edit its text)."""


@dataclass(frozen=True)
class EntryLine:
    """One customer in a month's entry list, with their number of entries."""

    customer_id: int
    name: str
    """Family name first, as the cabinet lists it."""
    full_name: str
    """Given name first, as the winner is announced."""
    card_no: str
    chances: int


@dataclass(frozen=True)
class Pick:
    """A place in the drawing's order: 0 the winner, then the alternates."""

    place: int
    customer_id: int
    name: str
    card_no: str
    status: str
    """"winner", "not reached" (passed over), or "waiting" (an alternate not yet needed)."""
    reason: str = ""


@dataclass(frozen=True)
class Drawing:
    """A drawn month as the screen and the command line show it."""

    month: str
    rules: DrawRules
    entries: int
    entrants: int
    entries_sha256: str
    seed_hex: str
    drawn_at: str
    drawn_by: str
    picks: tuple[Pick, ...]
    winner: Card | None
    """The winner in force, or None when their card has since been erased."""
    commitment: str = ""
    """The commitment published before the draw ("" for a drawing made before notices)."""

    @property
    def current(self) -> Pick:
        return next(p for p in self.picks if p.status == "winner")

    @property
    def alternates_left(self) -> int:
        return sum(1 for p in self.picks if p.status == "waiting")


@dataclass(frozen=True)
class Preview:
    """A month before (or after) its draw: the rules, the entries and who they are."""

    month: str
    rules: DrawRules
    entries: int
    people: tuple[EntryLine, ...]
    drawing: Drawing | None


@dataclass(frozen=True)
class LogEntry:
    """One line of the drawing log: ``not_reached`` are the winners passed over, in order,
    each with the reason given; ``alternates_used`` is how many. A month published but not
    drawn yet has the notice's time in ``drawn_at`` and :data:`NOT_DRAWN` as its winner."""

    month: str
    entries: int
    winner: str
    not_reached: tuple[tuple[str, str], ...]
    drawn_at: str
    drawn_by: str
    commitment: str = ""

    @property
    def alternates_used(self) -> int:
        return len(self.not_reached)


# -- entering ----------------------------------------------------------------------------


def enter_drawing(session: Session, customer_id: int, month: str | None = None) -> None:
    """Enter the customer in the month's drawing (default: this month); twice is harmless.

    Clerk or owner. Refused (ShopError) for a month already drawn, an archived card, or staff
    when the rules leave staff out.
    """
    month = parse_month(month) if month is not None else month_of(session.today())
    with session.card_file.write() as db:
        card = customers.get(db, customer_id)
        if card.archived_at is not None:
            raise ShopError(
                _(
                    "{name}'s card is archived, so they cannot enter the prize drawing.",
                    name=card.full_name,
                )
            )
        if session.settings.drawing_exclude_staff and card.is_staff:
            raise ShopError(_("Staff are left out of the prize drawing."))
        if store.has_entered(db, month, customer_id):
            return
        if store.is_drawn(db, month) or chain.get_notice(db, month) is not None:
            raise ShopError(
                _(
                    "The {month} prize drawing's notice is published already; it takes no "
                    "more entries.",
                    month=month_name(session, month),
                )
            )
        store.add_entry(db, month, customer_id, session.actor, session.now())
        changes.record(
            db,
            session.actor,
            session.now(),
            "customer",
            customer_id,
            "drawing_entered",
            {"month": month},
        )


# -- the owner's drawing -----------------------------------------------------------------


def default_month(session: Session) -> str:
    """The month the owner most likely means: last month until it is drawn, then this one."""
    this = month_of(session.today())
    last = add_months(this, -1)
    return this if store.is_drawn(session.db, last) else last


def preview_drawing(session: Session, month: str) -> Preview:
    """The month's entries as they stand (or as frozen, once drawn), with names. Owner only."""
    require_owner(session, _("see the prize drawing's entries"))
    month = parse_month(month)
    drawn = store.get(session.db, month)
    notice = chain.get_notice(session.db, month)
    if drawn is not None:
        rules, entries = drawn.frozen.rules, list(drawn.frozen.entries)
    elif notice is not None:
        rules, entries = notice.rules, list(notice.entries)
    else:
        rules = DrawRules.from_settings(session.settings)
        entries = entries_now(session, month, rules)
    chances: dict[int, int] = {}
    for entry in entries:
        chances[entry.customer_id] = chances.get(entry.customer_id, 0) + 1
    known = store.people(session.db, chances)
    lines = [
        EntryLine(
            cid, _name(known.get(cid)), _full_name(known.get(cid)), _card_no(known.get(cid)), n
        )
        for cid, n in chances.items()
    ]
    lines.sort(key=lambda line: _sort_key(known.get(line.customer_id), line))
    result = None if drawn is None else _drawing(session, drawn)
    return Preview(month, rules, len(entries), tuple(lines), result)


def draw(session: Session, month: str) -> Drawing:
    """Draw the month's winner and alternates, once, from its published notice. Owner only.

    The notice froze the entry list and committed to the seed; the draw reveals the seed, picks
    with it, and records the picks with everything frozen, so anyone can replay and check it.
    """
    require_owner(session, _("draw the prize drawing"))
    month = parse_month(month)
    require_ended(session, month, "drawn")
    with session.card_file.write() as db:
        earlier = store.get(db, month)
        if earlier is not None:
            raise ShopError(
                _(
                    "The {month} prize drawing was drawn on {date} by the {who}; a month is "
                    "drawn only once. If the winner cannot be reached, use “Next alternate”.",
                    month=month_name(session, month),
                    date=earlier.drawn_at[:10],
                    who=earlier.drawn_by,
                )
            )
        notice = chain.get_notice(db, month)
        if notice is None:
            raise ShopError(
                _(
                    "Publish the {month} drawing notice first and put it up in the shop: it "
                    "fixes the entries and the seed before the draw (“Publish the drawing "
                    "notice”, or {command}).",
                    month=month_name(session, month),
                    command=f"shopcards draw --month {month} --publish",
                )
            )
        seed, entries = notice.seed, notice.entries
        picks = pick(entries, seed, 1 + notice.rules.alternates)
        frozen = Frozen(month, notice.rules, SAMPLER, entries, notice.entries_sha256, seed, picks)
        now = session.now()
        drawing_id = store.insert(db, frozen, now, session.actor)
        store.add_step(db, drawing_id, Step(0, picks[0], store.WINNER, "", now, session.actor))
        body = {"commitment": notice.commitment, "seed": seed.hex(), "picks": list(picks)}
        link = add_link(session, db, month, chain.DRAWN, body)
        drawn = store.get(db, month)
    witness(session, link)
    assert drawn is not None
    return _drawing(session, drawn)


def next_alternate(session: Session, month: str, reason: str = "") -> Drawing:
    """The winner in force cannot be reached: the next alternate becomes the winner. Owner only.

    The step is recorded with the reason; the drawing itself is never redone.
    """
    require_owner(session, _("move the prize drawing to the next alternate"))
    month = parse_month(month)
    reason = " ".join(reason.split())[:200]
    with session.card_file.write() as db:
        drawn = _drawn(session, month)
        place = drawn.current.place + 1
        if place >= len(drawn.frozen.picks):
            raise ShopError(
                _(
                    "Every alternate of the {month} drawing has been used. The drawing is not "
                    "redone.",
                    month=month_name(session, month),
                )
            )
        step = Step(
            place,
            drawn.frozen.picks[place],
            store.NEXT_ALTERNATE,
            reason,
            session.now(),
            session.actor,
        )
        store.add_step(db, drawn.id, step)
        body = {"place": place, "customer_id": step.customer_id, "reason": reason}
        link = add_link(session, db, month, chain.NEXT_ALTERNATE, body)
        drawn = _drawn(session, month)
    witness(session, link)
    return _drawing(session, drawn)


def get_drawing(session: Session, month: str) -> Drawing | None:
    """The month's drawing, or None if it has not been drawn. Owner only."""
    require_owner(session, _("see the prize drawing"))
    drawn = store.get(session.db, parse_month(month))
    return None if drawn is None else _drawing(session, drawn)


def drawing_log(session: Session) -> list[LogEntry]:
    """Every month drawn or published, newest first: entries, winner, alternates used, who
    drew it when, and the commitment published before the draw."""
    require_owner(session, _("see the prize drawing log"))
    lines = store.log(session.db)
    known = store.people(session.db, (s.customer_id for line in lines for s in line.steps))
    notices = {notice.month: notice for notice in chain.notices(session.db)}
    drawn = [
        LogEntry(
            line.month,
            line.entries,
            _name(known.get(line.steps[-1].customer_id)),
            tuple(
                (_name(known.get(before.customer_id)), after.reason)
                for before, after in zip(line.steps, line.steps[1:], strict=False)
            ),
            line.drawn_at,
            line.drawn_by,
            notices[line.month].commitment if line.month in notices else "",
        )
        for line in lines
    ]
    waiting = [
        LogEntry(n.month, len(n.entries), _(NOT_DRAWN), (), n.published_at, "owner", n.commitment)
        for month, n in notices.items()
        if month not in {line.month for line in lines}
    ]
    return sorted(drawn + waiting, key=lambda entry: entry.month, reverse=True)


# -- printing ----------------------------------------------------------------------------


def print_winner_letter(session: Session, month: str, out: Path, prize: str = "") -> Path:
    """The letter telling the winner in force that they won ``prize`` (default: settings).

    It goes through the letters feature, so it is the shop's own (perhaps edited) "Prize
    winner's letter" on the shop's letterhead, and the card records that it was sent. It needs
    a postal address; consent to post is not asked for, since the customer entered to hear.
    """
    require_owner(session, _("print the prize drawing's letters"))
    winner = _winner_card(session, month)
    request = letters.LetterRequest(
        letters.Output.LETTERS,
        f"ids:{winner.id}",
        template_key=templates.builtin_in(WINNER_TEMPLATE, session.settings.letter_language),
        extra={"prize": prize},
        reply=True,
    )
    plan = letters.plan_batch(session, request)
    if plan.excluded:
        raise ShopError(
            _(
                "The letter to {name} cannot go by post: {reason}. Complete the address on "
                "their card, or tell them by phone.",
                name=winner.full_name,
                reason=plan.excluded[0].reason,
            )
        )
    letters.write_batch(plan, out)
    letters.record_batch(session, plan)
    return out


def print_window_notice(session: Session, month: str, out: Path) -> Path:
    """The shop-window notice: the winner by given name and initial only ("Anna V.")."""
    require_owner(session, _("print the prize drawing's notice"))
    from shopcards.printing.drawing_notice import print_window_notice as print_notice

    winner = _winner_card(session, month)
    drawing = get_drawing(session, month)
    assert drawing is not None
    said = notice_words(session)
    proof = proof_lines(
        month, drawing.entries_sha256, drawing.commitment, drawing.seed_hex, said=said
    )
    print_notice(
        out,
        shop_name=session.settings.shop_name,
        month_name=month_name(session, month, said.code),
        winner=public_name(winner.given_name, winner.family_name),
        entrants=drawing.entrants,
        proof=proof if drawing.commitment else (),
        words=said,
    )
    return out


# -- helpers ------------------------------------------------------------------------------


def _drawn(session: Session, month: str) -> Drawn:
    drawn = store.get(session.db, month)
    if drawn is None:
        raise ShopError(
            _("The {month} prize drawing has not been drawn.", month=month_name(session, month))
        )
    return drawn


def _drawing(session: Session, drawn: Drawn) -> Drawing:
    frozen = drawn.frozen
    known = store.people(session.db, frozen.picks)
    reasons = {step.place: step.reason for step in drawn.steps}
    current = drawn.current.place
    picks = tuple(
        Pick(
            place,
            cid,
            _name(known.get(cid)),
            _card_no(known.get(cid)),
            "winner" if place == current else "not reached" if place < current else "waiting",
            reasons.get(place + 1, "") if place < current else "",
        )
        for place, cid in enumerate(frozen.picks)
    )
    winner_id = frozen.picks[current]
    winner = customers.get(session.db, known[winner_id].id) if winner_id in known else None
    return Drawing(
        frozen.month,
        frozen.rules,
        len(frozen.entries),
        len({e.customer_id for e in frozen.entries}),
        frozen.entries_sha256,
        frozen.seed.hex(),
        drawn.drawn_at,
        drawn.drawn_by,
        picks,
        winner,
        _commitment(session, frozen.month),
    )


def _commitment(session: Session, month: str) -> str:
    notice = chain.get_notice(session.db, month)
    return "" if notice is None else notice.commitment


def _winner_card(session: Session, month: str) -> Card:
    drawing = get_drawing(session, parse_month(month))
    if drawing is None:
        raise ShopError(
            _("The {month} prize drawing has not been drawn.", month=month_name(session, month))
        )
    if drawing.winner is None:
        raise ShopError(_("The winner's card has been erased; there is nobody to write to."))
    return drawing.winner


def _name(person: Person | None) -> str:
    return _(ERASED) if person is None else person.display_name


def _full_name(person: Person | None) -> str:
    if person is None:
        return _(ERASED)
    return " ".join(part for part in (person.given_name, person.family_name) if part)


def _card_no(person: Person | None) -> str:
    return "" if person is None else person.card_no


def _sort_key(person: Person | None, line: EntryLine) -> tuple[str, int]:
    """The cabinet's order; erased cards last."""
    return ("\uffff" if person is None else person.sort_key, line.customer_id)
