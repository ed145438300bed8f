"""The prize drawing's SQL: entries per month, the frozen drawings and their steps.

A drawing row holds card ids only (in its entry list and picks), never a name, so erasing a
customer leaves nothing of them in it; names are looked up when shown.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass

from shopcards.core.drawing import DrawRules, Entrant, Entry, Frozen
from shopcards.core.errors import Conflict
from shopcards.core.i18n import _
from shopcards.store.customers import card_number
from shopcards.store.dialect import among, inserted_id
from shopcards.store.handle import Database


@dataclass(frozen=True)
class Step:
    """The winner (place 0), or a move on to the alternate in ``place``."""

    place: int
    customer_id: int
    action: str
    reason: str
    at: str
    actor: str


@dataclass(frozen=True)
class Drawn:
    """A month's drawing as recorded: what was frozen, who drew it when, and its steps."""

    id: int
    frozen: Frozen
    drawn_at: str
    drawn_by: str
    steps: tuple[Step, ...]

    @property
    def current(self) -> Step:
        """The step in force: the winner, or the alternate last moved on to."""
        return self.steps[-1]


@dataclass(frozen=True)
class Person:
    """What the drawing shows of a customer: their name and card number."""

    id: int
    card_no: str
    given_name: str
    family_name: str
    sort_key: str
    """Where the cabinet files the card (alphabetical order in the shop's alphabet)."""

    @property
    def display_name(self) -> str:
        if self.family_name and self.given_name:
            return f"{self.family_name}, {self.given_name}"
        return self.family_name or self.given_name


WINNER = "winner"
NEXT_ALTERNATE = "next_alternate"


def add_entry(db: Database, month: str, customer_id: int, actor: str, now: str) -> bool:
    """Enter the customer in the month; False when they had entered already."""
    cursor = db.execute(
        "INSERT OR IGNORE INTO drawing_entries (month, customer_id, entered_at, entered_by) "
        "VALUES (?, ?, ?, ?)",
        [month, customer_id, now, actor],
    )
    return cursor.rowcount == 1


def has_entered(db: Database, month: str, customer_id: int) -> bool:
    row = db.execute(
        "SELECT 1 FROM drawing_entries WHERE month = ? AND customer_id = ?", [month, customer_id]
    ).fetchone()
    return row is not None


def count_entrants(db: Database, month: str) -> int:
    return int(
        db.execute("SELECT count(*) FROM drawing_entries WHERE month = ?", [month]).fetchone()[0]
    )


def entrants(db: Database, month: str, start: str, end: str) -> list[Entrant]:
    """Everyone who entered ``month``, with their purchases dated ``start`` <= date < ``end``
    that count as entries: not voided, and not a return (a positive amount)."""
    rows = db.execute(
        "SELECT c.id, c.is_staff, c.archived_at IS NOT NULL, "
        "  (SELECT json_group_array(p.id) FROM purchases p WHERE p.customer_id = c.id "
        "     AND p.date >= ? AND p.date < ? AND p.voided_at IS NULL AND p.amount > 0) "
        "FROM drawing_entries e JOIN customers c ON c.id = e.customer_id "
        "WHERE e.month = ? ORDER BY c.id",
        [start, end, month],
    ).fetchall()
    return [
        Entrant(int(cid), bool(staff), bool(archived), tuple(json.loads(pids)))
        for cid, staff, archived, pids in rows
    ]


def current_winners(db: Database, months: Iterable[str], before: str = "") -> set[int]:
    """The winner in force (after any alternates) of each drawn month among ``months``; with
    ``before``, only of drawings made before that moment, and alternates moved to before it."""
    drawn, listed = among(db, "d.month", months)
    rows = db.execute(
        "SELECT s.customer_id FROM drawings d JOIN drawing_steps s ON s.drawing_id = d.id "
        f"WHERE {drawn} AND s.place = "
        "  (SELECT max(place) FROM drawing_steps WHERE drawing_id = d.id "
        "   AND (? = '' OR at < ?))",
        [listed, before, before],
    ).fetchall()
    return {int(cid) for (cid,) in rows}


def insert(db: Database, frozen: Frozen, at: str, actor: str) -> int:
    """Record a new drawing; Conflict when the month has been drawn (by another desk)."""
    try:
        new_id = inserted_id(
            db,
            "INSERT INTO drawings (month, rules, sampler, entries, entries_sha256, seed, picks, "
            "drawn_at, drawn_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                frozen.month,
                json.dumps(frozen.rules.to_dict()),
                frozen.sampler,
                json.dumps(
                    [[e.customer_id, e.ticket] for e in frozen.entries], separators=(",", ":")
                ),
                frozen.entries_sha256,
                frozen.seed.hex(),
                json.dumps(list(frozen.picks)),
                at,
                actor,
            ],
        )
    except sqlite3.IntegrityError as exc:
        raise Conflict(
            _("The drawing for {month} has already been drawn.", month=frozen.month), []
        ) from exc
    return new_id


def add_step(db: Database, drawing_id: int, step: Step) -> None:
    db.execute(
        "INSERT INTO drawing_steps (drawing_id, place, customer_id, action, reason, at, actor) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)",
        [drawing_id, step.place, step.customer_id, step.action, step.reason, step.at, step.actor],
    )


def is_drawn(db: Database, month: str) -> bool:
    return db.execute("SELECT 1 FROM drawings WHERE month = ?", [month]).fetchone() is not None


def get(db: Database, month: str) -> Drawn | None:
    """The month's drawing, or None when it has not been drawn."""
    row = db.execute(
        "SELECT id, month, rules, sampler, entries, entries_sha256, seed, picks, drawn_at, "
        "drawn_by FROM drawings WHERE month = ?",
        [month],
    ).fetchone()
    if row is None:
        return None
    drawing_id, month, rules, sampler, entries, sha, seed, picks, drawn_at, drawn_by = row
    frozen = Frozen(
        month,
        DrawRules.from_dict(json.loads(rules)),
        sampler,
        tuple(Entry(int(cid), int(ticket)) for cid, ticket in json.loads(entries)),
        sha,
        bytes.fromhex(seed),
        tuple(int(cid) for cid in json.loads(picks)),
    )
    return Drawn(int(drawing_id), frozen, drawn_at, drawn_by, _steps(db, int(drawing_id)))


def _steps(db: Database, drawing_id: int) -> tuple[Step, ...]:
    rows = db.execute(
        "SELECT place, customer_id, action, reason, at, actor FROM drawing_steps "
        "WHERE drawing_id = ? ORDER BY place",
        [drawing_id],
    ).fetchall()
    return tuple(
        Step(int(place), int(cid), action, reason, at, actor)
        for place, cid, action, reason, at, actor in rows
    )


@dataclass(frozen=True)
class LogLine:
    """One month in the drawing log (without the frozen entry list)."""

    month: str
    entries: int
    drawn_at: str
    drawn_by: str
    steps: tuple[Step, ...]


def log(db: Database) -> list[LogLine]:
    """Every month drawn, newest first."""
    rows = db.execute(
        "SELECT id, month, json_array_length(entries), drawn_at, drawn_by FROM drawings "
        "ORDER BY month DESC"
    ).fetchall()
    return [
        LogLine(month, int(count), drawn_at, drawn_by, _steps(db, int(drawing_id)))
        for drawing_id, month, count, drawn_at, drawn_by in rows
    ]


def people(db: Database, ids: Iterable[int]) -> dict[int, Person]:
    """Names and card numbers of the cards among ``ids`` that still exist (erased ones lack);
    a card merged into another since its month was frozen is shown as the kept card."""
    wanted = sorted(set(ids))
    known, listed = among(db, "id", wanted)
    rows = db.execute(
        f"SELECT id, card_no, given_name, family_name, sort_key FROM customers WHERE {known}",
        [listed],
    ).fetchall()
    found = {
        int(cid): Person(int(cid), card_no or "", given, family, sort_key)
        for cid, card_no, given, family, sort_key in rows
    }
    numbers = {card_number(cid): cid for cid in wanted if cid not in found}
    old_numbers, listed = among(db, "m.card_no", numbers)
    merged = db.execute(
        "SELECT m.card_no, c.id, c.card_no, c.given_name, c.family_name, c.sort_key "
        f"FROM merged_cards m JOIN customers c ON c.id = m.merged_into WHERE {old_numbers}",
        [listed],
    ).fetchall()
    for old_no, cid, card_no, given, family, sort_key in merged:
        found[numbers[old_no]] = Person(int(cid), card_no or "", given, family, sort_key)
    return found
