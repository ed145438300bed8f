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
    # The monthly prize drawing (core.drawing.DrawRules reads these).
    drawing_entry_mode: str = "per_customer"
    """One entry per customer who entered the month ("per_customer"), or one per purchase that
    month ("per_purchase"; returns and voided purchases are not entries; at least one)."""
    drawing_exclude_staff: bool = True
    drawing_exclude_winners_months: int = 3
    """Winners of the drawings of this many months before are left out (0: nobody)."""
    drawing_alternates: int = 3
    drawing_prize: str = "a gift voucher"
    """What the winner's letter says they won, unless the owner types something else."""
    # Letters, cards, envelopes and labels (services.letters reads these).
    shop_email: str = ""
    letter_paper: str = "A4"
    """"A4" (DIN 5008 window) or "Letter" (US #10 window); greeting cards use it too."""
    card_fold: str = "quarter"
    """"quarter": one side, folded twice; "half": double-sided, folded once."""
    envelope_size: str = "DL"
    label_sheet: str = "L7160"
    """An Avery sheet (L7160, L7163, 5160, 5163) or "custom" (the label_custom_* fields)."""
    printer_offset_x_mm: float = 0.0
    """Moves labels right (negative: left) for a printer that prints off the mark."""
    printer_offset_y_mm: float = 0.0
    label_custom_page_width: float = 210.0
    label_custom_page_height: float = 297.0
    label_custom_rows: int = 7
    label_custom_columns: int = 3
    label_custom_label_width: float = 63.5
    label_custom_label_height: float = 38.1
    label_custom_top: float = 15.15
    label_custom_left: float = 7.2
    label_custom_h_gap: float = 2.54
    label_custom_v_gap: float = 0.0
    letterhead_logo: str = ""
    """A PNG or JPEG file printed at the top of every letter ("" = none)."""
    signature_image: str = ""
    """The owner's signature, scanned (PNG or JPEG), printed above the signer's name."""
    signer_name: str = ""
    letter_closing: str = "With warm wishes,"
    # Knowing the customers (services.insights reads these).
    lapsed_months: int = 6
    """Lapsed: bought before, but nothing in this many months."""
    former_months: int = 12
    """The segment "former": bought before, but nothing in this many months (6 or 12)."""
    regular_visits: int | None = None
    """Regular customers made more visits than this in 12 months (None: the median)."""
    heavy_spend: int | None = None
    """Heavy customers spent more than this, in minor units, in 12 months (None: the median)."""
    holdout_share: float = 0.1
    """The share of a letter batch's recipients held back at random, to measure its effect."""

    @classmethod
    def from_dict(cls, values: dict[str, Any]) -> ShopSettings:
        """Known keys only: a setting written by a newer shopcards is kept but not read."""
        known = {f.name for f in fields(cls)}
        return cls(**{key: value for key, value in values.items() if key in known})

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)
