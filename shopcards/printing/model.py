"""The plain data the printing engine takes and gives back: no database rows, no widgets."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Letterhead:
    """The shop as it appears on every letter, card back and envelope.

    ``logo`` and ``signature`` are optional image files (PNG or JPEG); the signature is drawn
    above ``signer`` under the letter's ``closing``.
    """

    shop_name: str
    address: tuple[str, ...] = ()
    phone: str = ""
    email: str = ""
    logo: Path | None = None
    signature: Path | None = None
    signer: str = ""
    closing: str = "With warm wishes,"

    @property
    def one_line(self) -> str:
        """Name and address on one line: the return line above a window address."""
        return " · ".join(part for part in (self.shop_name, *self.address) if part)

    def values(self) -> dict[str, str]:
        """The shop's merge fields."""
        return {
            "shop_name": self.shop_name,
            "shop_phone": self.phone,
            "shop_address": ", ".join(self.address),
        }


@dataclass(frozen=True)
class Recipient:
    """One customer to print for: merge values, the postal address, and a file-name key.

    ``key`` names the file when each recipient gets a file of their own (e.g. "0042-popescu").
    """

    values: Mapping[str, str]
    address: tuple[str, ...]
    key: str = ""
