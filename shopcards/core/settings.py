"""The shop's settings with their defaults: who the shop is and how it counts and writes."""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields
from typing import Any


@dataclass(frozen=True)
class ShopSettings:
    """Settings every feature reads. Features with settings of their own add fields here."""

    shop_name: str = "My Shop"
    shop_address: str = ""
    shop_phone: str = ""
    locale: str = "en_GB"
    region: str = "GB"
    currency: str = "EUR"
    owner_idle_minutes: int = 10

    @classmethod
    def from_dict(cls, values: dict[str, Any]) -> ShopSettings:
        """Known keys only: a setting written by a newer shopcards is kept but not read."""
        known = {f.name for f in fields(cls)}
        return cls(**{key: value for key, value in values.items() if key in known})

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)
