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
from shopcards.core.i18n import N_, _
from shopcards.services.drawing_notice import entries_now, month_name
from shopcards.services.session import Session
from shopcards.store import drawing as store
from shopcards.store import drawing_chain as chain
from shopcards.store import drawing_witness
from shopcards.store.drawing_chain import Link

__all__ = ["Finding", "VerifyReport", "verify_drawing"]


FIELDS = {
    "published": N_("published notice"),
    "entries": N_("entries hash"),
    "picks": N_("picks"),
    "chain": N_("chain link"),
    "commitment": N_("commitment"),
    "seed": N_("seed"),
    "witness": N_("witness log"),
}
"""What a finding is about. The report's words are translated for whoever reads them; what the
proof hashes (the month, the entry list, the seed, the chain records) is never translated, so
a drawing checks the same in every language."""


@dataclass(frozen=True)
class Finding:
    """One thing that does not match: which field (one of :data:`FIELDS`, in English: translate
    it where shown), and what and why, for a person."""

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
        raise ShopError(
            _("The {month} prize drawing has not been drawn.", month=month_name(session, month))
        )
    frozen = drawn.frozen
    replay = verify(frozen)
    findings = _replay_findings(replay, frozen.entries_sha256, frozen.picks)
    links = chain.links(session.db)
    mine = [link for link in links if link.month == month]
    notes: list[str] = []
    promised = ""
    if not mine:
        notes.append(
            _(
                "This drawing was made before shopcards published notices: the replay checks "
                "the pick, but nothing shows the month was not drawn more than once."
            )
        )
    else:
        promised, more = _notice_findings(mine, frozen.entries_sha256, frozen.seed, frozen.picks)
        findings += more
    if published and published.strip().lower() != promised:
        findings.append(
            Finding(
                FIELDS["published"],
                _(
                    "the notice put up in the shop says {published}, but this drawing was bound "
                    "to {promised}: the month was published again after that notice (a restored "
                    "file, or a notice discarded and replaced).",
                    published=published.strip(),
                    promised=promised or _("no commitment"),
                ),
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
                FIELDS["entries"],
                _(
                    "the frozen entry list hashes to {computed}, but the drawing recorded "
                    "{recorded}: the entry list was changed after the draw.",
                    computed=replay.computed_sha256,
                    recorded=recorded_sha256,
                ),
            )
        )
    if not replay.picks_ok:
        found.append(
            Finding(
                FIELDS["picks"],
                _(
                    "replaying the seed picks cards {replayed}, but the drawing recorded "
                    "{recorded}: the seed or the picks were changed.",
                    replayed=_ids(replay.replayed_picks),
                    recorded=_ids(recorded_picks),
                ),
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
                FIELDS["chain"],
                _(
                    "the chain holds {count} “drawn” records for this month, not one: it was "
                    "drawn again.",
                    count=len(draws),
                )
                if draws
                else _(
                    "the chain holds no “drawn” record for this month: the drawing was written "
                    "in by hand."
                ),
            )
        )
    if not notices:
        found.append(Finding(FIELDS["commitment"], _("no notice was published for this month.")))
        return "", found
    notice = notices[-1].body
    promised = str(notice["commitment"])
    if notice["entries_sha256"] != entries_sha256:
        found.append(
            Finding(
                FIELDS["entries"],
                _(
                    "the drawing's entry list hash {hash} is not the published {published} "
                    "(record #{seq}).",
                    hash=entries_sha256,
                    published=notice["entries_sha256"],
                    seq=notices[-1].seq,
                ),
            )
        )
    if commitment(mine[0].month, entries_sha256, seed) != promised:
        found.append(
            Finding(
                FIELDS["commitment"],
                _(
                    "the revealed seed does not match the published commitment {promised} "
                    "(record #{seq}): the seed was chosen after the notice.",
                    promised=promised,
                    seq=notices[-1].seq,
                ),
            )
        )
    if draws and draws[-1].body.get("seed") != seed.hex():
        found.append(
            Finding(
                FIELDS["seed"],
                _("the drawing's seed is not the one revealed by #{seq}.", seq=draws[-1].seq),
            )
        )
    if draws and draws[-1].body.get("picks") != list(picks):
        found.append(
            Finding(
                FIELDS["picks"],
                _("the drawing's picks are not those in record #{seq}.", seq=draws[-1].seq),
            )
        )
    return promised, found


def _chain_findings(links: list[Link], last: int) -> list[Finding]:
    """Breaks in the chain up to record ``last`` (later records cannot touch this month)."""
    found = []
    previous = GENESIS
    for link in links:
        if link.seq > last:
            break
        where = _("record #{seq} ({month}, {kind})", seq=link.seq, month=link.month, kind=link.kind)
        if link.prev_sha256 != previous:
            found.append(
                Finding(
                    FIELDS["chain"],
                    _(
                        "{record} does not link to the record before it: a record was removed "
                        "or changed.",
                        record=where,
                    ),
                )
            )
        if chain_sha256(link.prev_sha256, link.kind, link.month, link.body) != link.sha256:
            found.append(
                Finding(
                    FIELDS["chain"],
                    _("{record} was changed after it was written (its hash).", record=where),
                )
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
            notes.append(
                _("There is no drawing log at {path} to compare the card file with.", path=path)
            )
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
        logged = _(
            "record #{seq} ({month}, {kind}, {at})",
            seq=seq,
            month=line["month"],
            kind=line["kind"],
            at=line["at"],
        )
        said = (
            _(
                "the drawing log {path} holds {record}, which the card file lacks: the card file "
                "was restored from an older copy and drawn again, or edited.",
                path=path,
                record=logged,
            )
            if mine is None
            else _(
                "the drawing log {path} holds {record}, where the card file has a different "
                "record ({month}, {kind}): the card file was restored from an older copy and "
                "drawn again, or edited.",
                path=path,
                record=logged,
                month=mine.month,
                kind=mine.kind,
            )
        )
        found.append(Finding(FIELDS["witness"], said))
    return found


def _ids(ids: tuple[int, ...]) -> str:
    return ", ".join(str(i) for i in ids) or _("none")
