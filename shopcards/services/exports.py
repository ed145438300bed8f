"""Customer data leaving the card file (a report, a list, a backup carried off) is logged."""

from __future__ import annotations

from pathlib import Path

from shopcards.services.session import Session
from shopcards.store import changes


def record_export(session: Session, what: str, path: Path, rows: int | None = None) -> None:
    """One line in the change log: who, at which desk, wrote ``what`` to ``path``."""
    details: dict[str, object] = {"what": what, "to": str(path)}
    if rows is not None:
        details["rows"] = rows
    with session.card_file.write() as db:
        changes.record(db, session.actor, session.now(), "card_file", 0, "exported", details)
