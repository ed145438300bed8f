"""Checking a drawing: replay it, and compare it with what was published and chained.

Anyone may check (it shows card ids, not names). Each thing that does not match is named with
its month and field — entries hash, commitment, seed, picks, chain link, witness log, the notice
put up in the shop — and why it matters. Cards changed since the draw are a note, not a fault:
the check replays the entry list frozen with the drawing, and the cards are rebuilt only with
the drawings made before this one, so a month drawn later is never blamed.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from shopcards.core.drawing import (
    GENESIS,
    Verification,
    chain_sha256,
    commitment,
    parse_month,
    verify,
)
from shopcards.core.errors import ShopError
from shopcards.services.drawing_notice import entries_now, month_name
from shopcards.services.session import Session
from shopcards.store import drawing as store
from shopcards.store import drawing_chain as chain
from shopcards.store import drawing_witness
from shopcards.store.drawing_chain import Link

__all__ = ["Finding", "VerifyReport", "verify_drawing"]


@dataclass(frozen=True)
class Finding:
    """One thing that does not match: which field, and what and why, for a person."""

    field: str
    text: str


@dataclass(frozen=True)
class VerifyReport:
    """The check of one month's drawing."""

    month: str
    verification: Verification
    recorded_sha256: str
    recorded_picks: tuple[int, ...]
    commitment: str
    findings: tuple[Finding, ...]
    changed_cards: tuple[int, ...]
    """Cards that would enter differently today (archived, erased, made staff since)."""
    notes: tuple[str, ...]

    @property
    def ok(self) -> bool:
        return not self.findings

    @property
    def rebuilt_same(self) -> bool:
        return not self.changed_cards


def verify_drawing(session: Session, month: str, published: str = "") -> VerifyReport:
    """Check the month's drawing; ``published`` is the commitment read off the notice that was
    put up in the shop, when the person checking has it."""
    month = parse_month(month)
    drawn = store.get(session.db, month)
    if drawn is None:
        raise ShopError(f"The {month_name(session, month)} prize drawing has not been drawn.")
    frozen = drawn.frozen
    replay = verify(frozen)
    findings = _replay_findings(replay, frozen.entries_sha256, frozen.picks)
    links = chain.links(session.db)
    mine = [link for link in links if link.month == month]
    notes: list[str] = []
    promised = ""
    if not mine:
        notes.append(
            "This drawing was made before shopcards published notices: the replay checks the "
            "pick, but nothing shows the month was not drawn more than once."
        )
    else:
        promised, more = _notice_findings(mine, frozen.entries_sha256, frozen.seed, frozen.picks)
        findings += more
    if published and published.strip().lower() != promised:
        findings.append(
            Finding(
                "published notice",
                f"the notice put up in the shop says {published.strip()}, but this drawing was "
                f"bound to {promised or 'no commitment'}: the month was published again after "
                "that notice (a restored file, or a notice discarded and replaced).",
            )
        )
    last = max((link.seq for link in mine), default=0)
    findings += _chain_findings(links, last)
    findings += _witness_findings(session.card_file.path, links, month, last, notes)
    rebuilt = entries_now(session, month, frozen.rules, before=drawn.drawn_at)
    changed = {e.customer_id for e in rebuilt} ^ {e.customer_id for e in frozen.entries}
    return VerifyReport(
        month,
        replay,
        frozen.entries_sha256,
        frozen.picks,
        promised,
        tuple(findings),
        tuple(sorted(changed)),
        tuple(notes),
    )


def _replay_findings(
    replay: Verification, recorded_sha256: str, recorded_picks: tuple[int, ...]
) -> list[Finding]:
    found = []
    if not replay.hash_ok:
        found.append(
            Finding(
                "entries hash",
                f"the frozen entry list hashes to {replay.computed_sha256}, but the drawing "
                f"recorded {recorded_sha256}: the entry list was changed after the draw.",
            )
        )
    if not replay.picks_ok:
        found.append(
            Finding(
                "picks",
                f"replaying the seed picks cards {_ids(replay.replayed_picks)}, but the drawing "
                f"recorded {_ids(recorded_picks)}: the seed or the picks were changed.",
            )
        )
    return found


def _notice_findings(
    mine: list[Link], entries_sha256: str, seed: bytes, picks: tuple[int, ...]
) -> tuple[str, list[Finding]]:
    """The published commitment, and what of the drawing does not match its chain records."""
    found = []
    draws = [link for link in mine if link.kind == chain.DRAWN]
    notices = [link for link in mine if link.kind == chain.PUBLISHED]
    if len(draws) != 1:
        found.append(
            Finding(
                "chain link",
                f"the chain holds {len(draws)} “drawn” records for this month, not one: "
                + ("it was drawn again." if draws else "the drawing was written in by hand."),
            )
        )
    if not notices:
        found.append(Finding("commitment", "no notice was published for this month."))
        return "", found
    notice = notices[-1].body
    promised = str(notice["commitment"])
    if notice["entries_sha256"] != entries_sha256:
        found.append(
            Finding(
                "entries hash",
                f"the drawing's entry list hash {entries_sha256} is not the published "
                f"{notice['entries_sha256']} (record #{notices[-1].seq}).",
            )
        )
    if commitment(mine[0].month, entries_sha256, seed) != promised:
        found.append(
            Finding(
                "commitment",
                f"the revealed seed does not match the published commitment {promised} "
                f"(record #{notices[-1].seq}): the seed was chosen after the notice.",
            )
        )
    if draws and draws[-1].body.get("seed") != seed.hex():
        found.append(
            Finding("seed", f"the drawing's seed is not the one revealed by #{draws[-1].seq}.")
        )
    if draws and draws[-1].body.get("picks") != list(picks):
        found.append(
            Finding("picks", f"the drawing's picks are not those in record #{draws[-1].seq}.")
        )
    return promised, found


def _chain_findings(links: list[Link], last: int) -> list[Finding]:
    """Breaks in the chain up to record ``last`` (later records cannot touch this month)."""
    found = []
    previous = GENESIS
    for link in links:
        if link.seq > last:
            break
        where = f"record #{link.seq} ({link.month}, {link.kind})"
        if link.prev_sha256 != previous:
            found.append(
                Finding(
                    "chain link",
                    f"{where} does not link to the record before it: a record was removed or "
                    "changed.",
                )
            )
        if chain_sha256(link.prev_sha256, link.kind, link.month, link.body) != link.sha256:
            found.append(
                Finding("chain link", f"{where} was changed after it was written (its hash).")
            )
        previous = link.sha256
    return found


def _witness_findings(
    db_path: Path, links: list[Link], month: str, last: int, notes: list[str]
) -> list[Finding]:
    """Where the card file's chain forks from the witness log beside the backups."""
    path = drawing_witness.witness_path(db_path)
    lines = drawing_witness.lines(db_path)
    if not lines:
        if links:
            notes.append(f"There is no drawing log at {path} to compare the card file with.")
        return []
    by_seq = {link.seq: link for link in links}
    found = []
    for line in lines:
        seq = int(line["seq"])
        mine = by_seq.get(seq)
        if mine is not None and mine.sha256 == line["sha256"]:
            continue
        if line["month"] != month and seq > last and (mine is None or mine.month != month):
            continue
        logged = f"record #{seq} ({line['month']}, {line['kind']}, {line['at']})"
        differs = (
            "which the card file lacks"
            if mine is None
            else f"where the card file has a different record ({mine.month}, {mine.kind})"
        )
        found.append(
            Finding(
                "witness log",
                f"the drawing log {path} holds {logged}, {differs}: the card file was restored "
                "from an older copy and drawn again, or edited.",
            )
        )
    return found


def _ids(ids: tuple[int, ...]) -> str:
    return ", ".join(str(i) for i in ids) or "none"
