"""Publishing a month's drawing notice before its draw, and keeping every drawing record chained.

Commit, then reveal: once a month has ended the owner publishes the notice — the frozen entry
list's SHA-256 and a commitment to a seed drawn from ``secrets`` — and puts it up in the shop
(the window notice, the drawing log, the command line all show it). The draw later reveals the
seed; anyone can check that it matches the commitment and replay the pick. A notice can be
discarded (a wrong rule, say) only with a reason and a record that shows its seed, so a
discarded notice cannot hide a result the owner did not like.

Every record (published, discarded, drawn, next alternate) is a link of the chain in the card
file and a line of the witness log beside the backups folder (store/drawing_witness.py).
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from babel.dates import format_skeleton
from sqlite_utils import Database

from shopcards.core.drawing import (
    SAMPLER,
    SEED_BYTES,
    DrawRules,
    Entry,
    add_months,
    build_entries,
    commitment,
    entry_hash,
    first_day,
    month_of,
    parse_month,
    pick,
)
from shopcards.core.errors import ShopError
from shopcards.services.session import Session, require_owner
from shopcards.store import changes, drawing_witness
from shopcards.store import drawing as store
from shopcards.store import drawing_chain as chain
from shopcards.store.drawing_chain import Link, Notice

__all__ = [
    "PublishedNotice",
    "add_link",
    "discard_notice",
    "entries_now",
    "get_notice",
    "month_name",
    "nobody_to_draw",
    "print_published_notice",
    "proof_lines",
    "publish_notice",
    "require_ended",
    "witness",
]


@dataclass(frozen=True)
class PublishedNotice:
    """What the shop is told before the draw (never the seed)."""

    month: str
    rules: DrawRules
    entries: int
    entrants: int
    entries_sha256: str
    commitment: str
    published_at: str


def month_name(session: Session, month: str) -> str:
    """The month's name in the shop's language: "November 2026"."""
    return str(format_skeleton("yMMMM", first_day(month), locale=session.settings.locale))


def nobody_to_draw(session: Session, month: str) -> str:
    """Why a month has nobody to draw, for the owner."""
    entered = store.count_entrants(session.db, month)
    name = month_name(session, month)
    if not entered:
        return f"Nobody has entered the {name} prize drawing, so there is nobody to draw."
    who = "The one customer" if entered == 1 else f"All {entered} customers"
    return (
        f"{who} who entered the {name} prize drawing {'is' if entered == 1 else 'are'} "
        "left out by the rules (archived, staff or a recent winner), so there is nobody "
        "to draw."
    )


def require_ended(session: Session, month: str, what: str) -> None:
    """Refuse a month that has not ended: its entries are not all in yet."""
    if month >= month_of(session.today()):
        opens = first_day(add_months(month, 1)).isoformat()
        raise ShopError(
            f"{month_name(session, month)} has not ended yet, so its prize drawing cannot be "
            f"{what} until {opens}: entries may still come in."
        )


def publish_notice(session: Session, month: str) -> PublishedNotice:
    """Freeze the month's entry list and commit to a secret seed, once; owner only.

    Returns the notice already published when there is one (publishing twice is harmless).
    """
    require_owner(session, "publish the prize drawing's notice")
    month = parse_month(month)
    require_ended(session, month, "published")
    with session.card_file.write() as db:
        if store.is_drawn(db, month):
            raise ShopError(
                f"The {month_name(session, month)} prize drawing has been drawn already."
            )
        notice = chain.get_notice(db, month)
        if notice is None:
            notice = _new_notice(session, db, month)
            link = add_link(session, db, month, chain.PUBLISHED, _published_body(notice))
        else:
            link = None
    if link is not None:
        witness(session, link)
    return _public(notice)


def print_published_notice(session: Session, month: str, out: Path) -> Path:
    """The notice to put up in the shop before the draw, with the entry hash and the
    commitment (publishing the month first if needed). Owner only."""
    from shopcards.printing.drawing_notice import print_published_notice as print_notice
    from shopcards.services.exports import record_export

    notice = publish_notice(session, month)
    print_notice(
        out,
        shop_name=session.settings.shop_name,
        month_name=month_name(session, notice.month),
        entrants=notice.entrants,
        proof=proof_lines(notice.month, notice.entries_sha256, notice.commitment),
    )
    record_export(session, "drawing notice", out)
    return out


def proof_lines(month: str, entries_sha256: str, promised: str, seed: str = "") -> tuple[str, ...]:
    """What the shop-window notices print in small type so anyone can check the draw."""
    lines = ["Entry list SHA-256:", entries_sha256, "Commitment to the seed:", promised]
    if seed:
        lines += ["Seed, revealed at the draw:", seed]
    lines.append(f"Check it: shopcards draw --month {month} --verify --published COMMITMENT")
    return tuple(lines)


def get_notice(session: Session, month: str) -> PublishedNotice | None:
    """The month's published notice, or None (anyone may see it: it is posted in the shop)."""
    notice = chain.get_notice(session.db, parse_month(month))
    return None if notice is None else _public(notice)


def discard_notice(session: Session, month: str, reason: str) -> None:
    """Withdraw a published notice before the draw, for a reason; owner only.

    The chain keeps a "discarded" record with the reason *and the seed*, so anyone can see who
    the discarded notice would have drawn: a notice cannot be discarded to dodge a winner.
    """
    require_owner(session, "discard the prize drawing's notice")
    month = parse_month(month)
    reason = " ".join(reason.split())[:200]
    if not reason:
        raise ShopError("Say why the notice is discarded: the reason is kept with the drawing.")
    with session.card_file.write() as db:
        notice = chain.get_notice(db, month)
        if notice is None:
            raise ShopError(
                f"No notice of the {month_name(session, month)} prize drawing is published."
            )
        picks = pick(notice.entries, notice.seed, 1 + notice.rules.alternates)
        body = {
            "commitment": notice.commitment,
            "seed": notice.seed.hex(),
            "would_have_picked": list(picks),
            "reason": reason,
        }
        chain.drop_notice(db, month)
        link = add_link(session, db, month, chain.DISCARDED, body)
    witness(session, link)


def add_link(session: Session, db: Database, month: str, kind: str, body: dict[str, Any]) -> Link:
    """A chain record and its change-log line, inside the caller's transaction."""
    link = chain.append(db, month, kind, body, session.now(), session.actor)
    changes.record(
        db,
        session.actor,
        session.now(),
        "drawing_chain",
        link.seq,
        kind,
        {"month": month, "sha256": link.sha256},
    )
    return link


def witness(session: Session, link: Link) -> None:
    """Copy ``link`` to the witness log, once its transaction is committed."""
    drawing_witness.append(session.card_file.path, link)


def entries_now(session: Session, month: str, rules: DrawRules, before: str = "") -> list[Entry]:
    """The entry list under ``rules`` from the card file as it is now; with ``before``, the
    recent winners left out are those of drawings made before that moment (not later ones)."""
    start = first_day(month)
    end = first_day(add_months(month, 1))
    entrants = store.entrants(session.db, month, start.isoformat(), end.isoformat())
    recent = [add_months(month, -n) for n in range(1, rules.exclude_winners_months + 1)]
    return build_entries(entrants, store.current_winners(session.db, recent, before), rules)


def _new_notice(session: Session, db: Database, month: str) -> Notice:
    rules = DrawRules.from_settings(session.settings)
    entries = entries_now(session, month, rules)
    if not entries:
        raise ShopError(nobody_to_draw(session, month))
    sha = entry_hash(entries)
    seed = secrets.token_bytes(SEED_BYTES)
    notice = Notice(
        month, rules, tuple(entries), sha, seed, commitment(month, sha, seed), session.now()
    )
    chain.save_notice(db, notice)
    return notice


def _published_body(notice: Notice) -> dict[str, Any]:
    return {
        "rules": notice.rules.to_dict(),
        "sampler": SAMPLER,
        "entries": len(notice.entries),
        "entries_sha256": notice.entries_sha256,
        "commitment": notice.commitment,
    }


def _public(notice: Notice) -> PublishedNotice:
    return PublishedNotice(
        notice.month,
        notice.rules,
        len(notice.entries),
        len({e.customer_id for e in notice.entries}),
        notice.entries_sha256,
        notice.commitment,
        notice.published_at,
    )
