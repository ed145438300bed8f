"""The change history: who (owner or clerk) at which desk changed what, and when.

The desk is the PC's host name: two desks share one card file, and a wrong PIN, an owner's
login or an export is worth tracing to the PC it came from.
"""

from __future__ import annotations

import json
import socket
from typing import TYPE_CHECKING, Any

from shopcards.core.changes import Change

if TYPE_CHECKING:
    from shopcards.store.handle import Database


def record(
    db: Database,
    actor: str,
    now: str,
    entity: str,
    entity_id: int,
    action: str,
    details: dict[str, Any] | None = None,
) -> None:
    """Write one line of history. ``details`` must never hold a customer's name, except under
    ``values`` (a card edit's old and new values), which :func:`forget_values` wipes on erasure."""
    db.execute(
        "INSERT INTO changes (at, actor, entity, entity_id, action, details, desk) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)",
        [
            now,
            actor,
            entity,
            entity_id,
            action,
            json.dumps(details or {}, ensure_ascii=False),
            this_desk(),
        ],
    )


def forget_values(db: Database, entity: str, entity_id: int) -> None:
    """Erasure: wipe the old and new values logged for ``entity_id`` (they name the person),
    keeping which fields were changed, when and by whom."""
    db.execute(
        "UPDATE changes SET details = json_remove(details, '$.values') "
        "WHERE entity = ? AND entity_id = ? AND json_extract(details, '$.values') IS NOT NULL",
        [entity, entity_id],
    )


def this_desk() -> str:
    """The name of the PC this program runs on."""
    return socket.gethostname()


def for_entity(db: Database, entity: str, entity_id: int, limit: int = 200) -> list[Change]:
    rows = db.execute(
        "SELECT at, actor, entity, entity_id, action, details, desk FROM changes "
        "WHERE entity = ? AND entity_id = ? ORDER BY id DESC LIMIT ?",
        [entity, entity_id, limit],
    ).fetchall()
    return [
        Change(at, actor, ent, int(eid), action, json.loads(details), desk)
        for at, actor, ent, eid, action, details, desk in rows
    ]


def last_of(db: Database, entity: str, entity_id: int, action: str) -> Change | None:
    """The latest change of ``action`` to ``entity_id``, or None."""
    row = db.execute(
        "SELECT at, actor, entity, entity_id, action, details, desk FROM changes "
        "WHERE entity = ? AND entity_id = ? AND action = ? ORDER BY id DESC LIMIT 1",
        [entity, entity_id, action],
    ).fetchone()
    if row is None:
        return None
    at, actor, ent, eid, act, details, desk = row
    return Change(at, actor, ent, int(eid), act, json.loads(details), desk)


def demo_footprint(db: Database) -> tuple[int, int, bool]:
    """How many cards the file holds, how many `shopcards demo` made, and whether anyone added
    a card or changed the settings by hand: what tells a demo file from a real shop's."""
    cards = db.execute("SELECT count(*) FROM customers").fetchone()[0]
    by_demo = db.execute(
        "SELECT coalesce(sum(CAST(json_extract(details, '$.customers') AS INTEGER)), 0) "
        "FROM changes WHERE entity = 'card_file' AND action = 'demo'"
    ).fetchone()[0]
    by_hand = db.execute(
        "SELECT EXISTS (SELECT 1 FROM changes WHERE (entity = 'customer' AND action = 'added') "
        "OR (entity = 'settings' AND action = 'changed'))"
    ).fetchone()[0]
    return int(cards), int(by_demo), bool(by_hand)
