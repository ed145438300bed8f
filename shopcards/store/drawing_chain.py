"""The prize drawing's published notices and its chain of records, in the card file.

A notice holds the month's frozen entry list and the seed, secret until the draw reveals it.
Every record (published, discarded, drawn, next alternate) is appended to ``drawing_chain``
linked to the SHA-256 of the one before; rows are only ever added.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from shopcards.core.drawing import GENESIS, DrawRules, Entry, canonical, chain_sha256
from shopcards.store.changes import this_desk
from shopcards.store.handle import Database

PUBLISHED = "published"
DISCARDED = "discarded"
DRAWN = "drawn"
NEXT_ALTERNATE = "next_alternate"


@dataclass(frozen=True)
class Notice:
    """A month's published notice: what its draw is bound to."""

    month: str
    rules: DrawRules
    entries: tuple[Entry, ...]
    entries_sha256: str
    seed: bytes
    commitment: str
    published_at: str


@dataclass(frozen=True)
class Link:
    """One record of the drawing chain."""

    seq: int
    month: str
    kind: str
    body: dict[str, Any]
    prev_sha256: str
    sha256: str
    at: str
    actor: str
    desk: str


def save_notice(db: Database, notice: Notice) -> None:
    db.execute(
        "INSERT INTO drawing_notices (month, rules, entries, entries_sha256, seed, commitment, "
        "published_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
        [
            notice.month,
            json.dumps(notice.rules.to_dict()),
            json.dumps([[e.customer_id, e.ticket] for e in notice.entries], separators=(",", ":")),
            notice.entries_sha256,
            notice.seed.hex(),
            notice.commitment,
            notice.published_at,
        ],
    )


def get_notice(db: Database, month: str) -> Notice | None:
    row = db.execute(
        "SELECT month, rules, entries, entries_sha256, seed, commitment, published_at "
        "FROM drawing_notices WHERE month = ?",
        [month],
    ).fetchone()
    if row is None:
        return None
    month, rules, entries, sha, seed, promise, published_at = row
    return Notice(
        month,
        DrawRules.from_dict(json.loads(rules)),
        tuple(Entry(int(cid), int(ticket)) for cid, ticket in json.loads(entries)),
        sha,
        bytes.fromhex(seed),
        promise,
        published_at,
    )


def notices(db: Database) -> list[Notice]:
    """Every published notice not discarded, drawn or not."""
    months = db.execute("SELECT month FROM drawing_notices ORDER BY month").fetchall()
    return [notice for (month,) in months if (notice := get_notice(db, month)) is not None]


def drop_notice(db: Database, month: str) -> None:
    """A discarded notice leaves the table (its chain record stays)."""
    db.execute("DELETE FROM drawing_notices WHERE month = ?", [month])


def append(db: Database, month: str, kind: str, body: dict[str, Any], at: str, actor: str) -> Link:
    """Add a record to the chain, linked to the last one; inside the caller's transaction."""
    last = db.execute("SELECT seq, sha256 FROM drawing_chain ORDER BY seq DESC LIMIT 1").fetchone()
    seq, previous = (1, GENESIS) if last is None else (int(last[0]) + 1, str(last[1]))
    link = Link(
        seq,
        month,
        kind,
        body,
        previous,
        chain_sha256(previous, kind, month, body),
        at,
        actor,
        this_desk(),
    )
    db.execute(
        "INSERT INTO drawing_chain (seq, month, kind, body, prev_sha256, sha256, at, actor, desk) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [seq, month, kind, canonical(body), previous, link.sha256, at, actor, link.desk],
    )
    return link


def links(db: Database) -> list[Link]:
    """The whole chain, oldest first."""
    rows = db.execute(
        "SELECT seq, month, kind, body, prev_sha256, sha256, at, actor, desk FROM drawing_chain "
        "ORDER BY seq"
    ).fetchall()
    return [
        Link(int(seq), month, kind, json.loads(body), prev, sha, at, actor, desk)
        for seq, month, kind, body, prev, sha, at, actor, desk in rows
    ]
