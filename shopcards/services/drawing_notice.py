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
from shopcards.core.i18n import N_, Words, _, format_locale, ngettext, words
from shopcards.services.session import Session, require_owner
from shopcards.store import changes, drawing_witness
from shopcards.store import drawing as store
from shopcards.store import drawing_chain as chain
from shopcards.store.drawing_chain import Link, Notice
from shopcards.store.handle import Database

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


def month_name(session: Session, month: str, language: str | None = None) -> str:
    """The month's name beside words in ``language`` (the window's when None; the letters'
    for a printed notice): "November 2026", "marraskuu 2026"."""
    locale = format_locale(session.settings.locale, language)
    return str(format_skeleton("yMMMM", first_day(month), locale=locale))


def notice_words(session: Session) -> Words:
    """The language of the printed notices: the shop's letters' language, like every letter."""
    return words(session.settings.letter_language)


def nobody_to_draw(session: Session, month: str) -> str:
    """Why a month has nobody to draw, for the owner."""
    entered = store.count_entrants(session.db, month)
    name = month_name(session, month)
    if not entered:
        return _(
            "Nobody has entered the {month} prize drawing, so there is nobody to draw.",
            month=name,
        )
    return ngettext(
        "The one customer who entered the {month} prize drawing is left out by the rules "
        "(archived, staff or a recent winner), so there is nobody to draw.",
        "All {count} customers who entered the {month} prize drawing are left out by the rules "
        "(archived, staff or a recent winner), so there is nobody to draw.",
        entered,
        month=name,
        count=f"{entered:,}",
    )


NOT_ENDED = {
    "published": N_(
        "{month} has not ended yet, so its prize drawing cannot be published until {opens}: "
        "entries may still come in."
    ),
    "drawn": N_(
        "{month} has not ended yet, so its prize drawing cannot be drawn until {opens}: "
        "entries may still come in."
    ),
}
"""Why a month that has not ended cannot be published or drawn yet, by what was asked."""


def require_ended(session: Session, month: str, what: str) -> None:
    """Refuse a month that has not ended (``what``: "published" or "drawn", a key of
    :data:`NOT_ENDED`): its entries are not all in yet."""
    if month >= month_of(session.today()):
        opens = first_day(add_months(month, 1)).isoformat()
        raise ShopError(_(NOT_ENDED[what], month=month_name(session, month), opens=opens))


def publish_notice(session: Session, month: str) -> PublishedNotice:
    """Freeze the month's entry list and commit to a secret seed, once; owner only.

    Returns the notice already published when there is one (publishing twice is harmless).
    """
    require_owner(session, _("publish the prize drawing's notice"))
    month = parse_month(month)
    require_ended(session, month, "published")
    with session.card_file.write() as db:
        if store.is_drawn(db, month):
            raise ShopError(
                _(
                    "The {month} prize drawing has been drawn already.",
                    month=month_name(session, month),
                )
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
    said = notice_words(session)
    print_notice(
        out,
        shop_name=session.settings.shop_name,
        month_name=month_name(session, notice.month, said.code),
        entrants=notice.entrants,
        proof=proof_lines(notice.month, notice.entries_sha256, notice.commitment, said=said),
        words=said,
    )
    record_export(session, "drawing notice", out)  # a log's kind, not shown
    return out


def proof_lines(
    month: str, entries_sha256: str, promised: str, seed: str = "", *, said: Words | None = None
) -> tuple[str, ...]:
    """What the shop-window notices print in small type so anyone can check the draw, with
    its labels in the notice's language (``said``; English when None).

    Only the labels people read are translated: the hashes, the seed and the command are
    printed exactly as computed and typed, in every language, because the proof hashes the
    month, the entry list and the seed — never these words — and a customer checks the
    printed values against ``shopcards draw --verify`` character for character."""
    said = said or words("en")
    lines = [
        said.gettext("Entry list SHA-256:"),
        entries_sha256,
        said.gettext("Commitment to the seed:"),
        promised,
    ]
    if seed:
        lines += [said.gettext("Seed, revealed at the draw:"), seed]
    command = f"shopcards draw --month {month} --verify --published COMMITMENT"
    lines.append(said.gettext("Check it: {command}", command=command))
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
    require_owner(session, _("discard the prize drawing's notice"))
    month = parse_month(month)
    reason = " ".join(reason.split())[:200]
    if not reason:
        raise ShopError(_("Say why the notice is discarded: the reason is kept with the drawing."))
    with session.card_file.write() as db:
        notice = chain.get_notice(db, month)
        if notice is None:
            raise ShopError(
                _(
                    "No notice of the {month} prize drawing is published.",
                    month=month_name(session, month),
                )
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
