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
