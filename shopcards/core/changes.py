"""One line of the card file's change log, as the window and the reports read it: who (role
and desk) did what to which card, purchase or setting, and when. Plain data, so the layers
above the store can hold it without reaching into the store."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Change:
    at: str
    actor: str
    entity: str
    entity_id: int
    action: str
    details: dict[str, Any]
    desk: str = ""
