"""The change history: who (owner or clerk) changed which card or purchase, and when."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from sqlite_utils import Database


@dataclass(frozen=True)
class Change:
    at: str
    actor: str
    entity: str
    entity_id: int
    action: str
    details: dict[str, Any]


def record(db: Database, actor: str, now: str, entity: str, entity_id: int, action: str,
           details: dict[str, Any] | None = None) -> None:
    """Write one line of history; ``details`` must never hold a customer's name (erasure)."""
    db.execute(
        "INSERT INTO changes (at, actor, entity, entity_id, action, details) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        [now, actor, entity, entity_id, action, json.dumps(details or {}, ensure_ascii=False)],
    )


def for_entity(db: Database, entity: str, entity_id: int, limit: int = 200) -> list[Change]:
    rows = db.execute(
        "SELECT at, actor, entity, entity_id, action, details FROM changes "
        "WHERE entity = ? AND entity_id = ? ORDER BY id DESC LIMIT ?",
        [entity, entity_id, limit],
    ).fetchall()
    return [Change(at, actor, ent, int(eid), action, json.loads(details))
            for at, actor, ent, eid, action, details in rows]


def demo_footprint(db: Database) -> tuple[int, int, bool]:
    """How many cards the file holds, how many `shopcards demo` made, and whether anyone added
    a card or changed the settings by hand: what tells a demo file from a real shop's."""
    cards = db.execute("SELECT count(*) FROM customers").fetchone()[0]
    by_demo = db.execute(
        "SELECT coalesce(sum(json_extract(details, '$.customers')), 0) FROM changes "
        "WHERE entity = 'card_file' AND action = 'demo'"
    ).fetchone()[0]
    by_hand = db.execute(
        "SELECT EXISTS (SELECT 1 FROM changes WHERE (entity = 'customer' AND action = 'added') "
        "OR (entity = 'settings' AND action = 'changed'))"
    ).fetchone()[0]
    return int(cards), int(by_demo), bool(by_hand)
