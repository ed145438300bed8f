"""The shop's letterhead and printing settings: checked and saved by the owner, and read
once per batch into a :class:`PrintSetup`, so a batch can be drawn on a worker thread without
the card file.

The printing engine (reportlab) is imported only when a setting is checked or a batch drawn.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from shopcards.core.errors import ShopError, ValidationError
from shopcards.core.i18n import ENGLISH, N_, words
from shopcards.core.settings import ShopSettings

if TYPE_CHECKING:
    from shopcards.printing import LabelSheet, Letterhead


@dataclass(frozen=True)
class PrintSetup:
    """Everything the settings say about printing, read once so drawing needs no card file."""

    shop_name: str
    shop_address: tuple[str, ...]
    shop_phone: str
    shop_email: str
    logo: str
    signature: str
    signer: str
    closing: str
    paper: str
    fold: str
    envelope_size: str
    label_sheet: str
    custom_sheet: tuple[float, ...]
    offset_mm: tuple[float, float]
    date_text: str
    language: str = ENGLISH
    """The letters' language: the words printed for customers (a sheet's title, a card's)."""


_CUSTOM_SHEET = (
    "page_width",
    "page_height",
    "rows",
    "columns",
    "label_width",
    "label_height",
    "top",
    "left",
    "h_gap",
    "v_gap",
)
"""The custom label sheet's settings (``label_custom_*``) in LabelSheet's field order."""


STANDARD_CLOSING = N_("With warm wishes,")
"""The closing words a new shop starts with (the setting's default): printed in the letters'
language, while words the owner typed are printed as typed."""


def closing_words(settings: ShopSettings) -> str:
    closing = settings.letter_closing or STANDARD_CLOSING
    if closing == STANDARD_CLOSING:
        return words(settings.letter_language).gettext(STANDARD_CLOSING)
    return closing


STANDARD_PRIZE = N_("a gift voucher")
"""The drawing's prize a new shop starts with (the setting's default), printed the same way."""


def prize_words(settings: ShopSettings) -> str:
    """The drawing's prize as the winner's letter prints it: the standard prize in the letters'
    language, a prize the owner typed as typed."""
    prize = settings.drawing_prize
    if prize == STANDARD_PRIZE:
        return words(settings.letter_language).gettext(STANDARD_PRIZE)
    return prize


def print_setup(settings: ShopSettings, date_text: str) -> PrintSetup:
    custom = tuple(float(getattr(settings, f"label_custom_{name}")) for name in _CUSTOM_SHEET)
    return PrintSetup(
        shop_name=settings.shop_name,
        shop_address=tuple(
            line.strip() for line in settings.shop_address.splitlines() if line.strip()
        ),
        shop_phone=settings.shop_phone,
        shop_email=settings.shop_email,
        logo=settings.letterhead_logo,
        signature=settings.signature_image,
        signer=settings.signer_name,
        closing=closing_words(settings),
        paper=settings.letter_paper,
        fold=settings.card_fold,
        envelope_size=settings.envelope_size,
        label_sheet=settings.label_sheet,
        custom_sheet=custom,
        language=settings.letter_language,
        offset_mm=(settings.printer_offset_x_mm, settings.printer_offset_y_mm),
        date_text=date_text,
    )


def letterhead_of(setup: PrintSetup) -> Letterhead:
    """The shop as the printing engine draws it."""
    from shopcards.printing import Letterhead

    return Letterhead(
        setup.shop_name,
        setup.shop_address,
        setup.shop_phone,
        setup.shop_email,
        Path(setup.logo) if setup.logo else None,
        Path(setup.signature) if setup.signature else None,
        setup.signer,
        setup.closing,
    )


def label_sheet_of(setup: PrintSetup) -> str | LabelSheet:
    from shopcards.printing import LabelSheet

    if setup.label_sheet.lower() != "custom":
        return setup.label_sheet
    width, height, rows, columns, *rest = setup.custom_sheet
    return LabelSheet("Custom labels", width, height, int(rows), int(columns), *rest)


LETTERHEAD = (
    "letter_language",
    "shop_name",
    "shop_address",
    "shop_phone",
    "shop_email",
    "letterhead_logo",
    "signature_image",
    "signer_name",
    "letter_closing",
)
"""The language every letter is written in, and what heads and signs it."""
PRINTING = (
    "letter_paper",
    "card_fold",
    "envelope_size",
    "label_sheet",
    "printer_offset_x_mm",
    "printer_offset_y_mm",
)
"""The paper, folds, envelopes and label sheets the shop's printer takes."""
LETTER_SETTINGS = (
    *LETTERHEAD,
    *PRINTING,
    *(f"label_custom_{name}" for name in _CUSTOM_SHEET),
)
"""The settings the letters screen's settings dialog changes."""


PICTURE_SETTINGS = ("letterhead_logo", "signature_image")
SHEET_SETTINGS = ("label_sheet", *(f"label_custom_{name}" for name in _CUSTOM_SHEET))


def setting_problems(settings: ShopSettings) -> dict[str, str]:
    """What the printing engine finds wrong with the pictures and the custom label sheet."""
    from shopcards.printing.images import check_image

    problems: dict[str, str] = {}
    for name in PICTURE_SETTINGS:
        path = getattr(settings, name)
        try:
            check_image(Path(path) if path else None)
        except ShopError as exc:
            problems[name] = exc.message
    if settings.label_sheet == "custom":
        try:
            sheet = label_sheet_of(print_setup(settings, ""))
            assert not isinstance(sheet, str)
            sheet.check()
        except ValidationError as exc:
            problems |= {f"label_custom_{name}": text for name, text in exc.fields.items()}
    return problems
