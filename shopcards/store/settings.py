"""The shop's settings, kept in the card file so every desk sees the same ones."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from shopcards.store.reads import Reads

if TYPE_CHECKING:
    from shopcards.store.handle import Database


def load(db: Reads) -> dict[str, Any]:
    return {
        key: json.loads(value)
        for key, value in db.execute("SELECT key, value FROM settings").fetchall()
    }


def save(db: Database, values: dict[str, Any]) -> None:
    db.conn.executemany(
        "INSERT INTO settings (key, value) VALUES (?, ?) "
        "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        [(key, json.dumps(value, ensure_ascii=False)) for key, value in values.items()],
    )
