"""The printing engine: letters, greeting cards, envelopes and address labels as PDF files.

The only package that imports reportlab. It takes plain data and writes PDFs; it knows
nothing of the card file, consent or who was sent what (that is services/letters.py).

Entry points (each checks everything first, then draws; returns a :class:`PrintResult`):

``print_letters(template, recipients, out, *, letterhead, paper="A4", date_text="",
separate_files=False, progress=None)``
    One letter per recipient; the address sits where a window envelope shows it
    (A4: DIN 5008 DL/C5 left window; "Letter": US #10 window).
``print_cards(template, recipients, out, *, letterhead, paper="A4", fold="quarter",
separate_files=False, progress=None)``
    One folded greeting card per recipient on one sheet ("quarter": one side, folded twice;
    "half": two pages for double-sided printing, folded once).
``print_envelopes(recipients, out, *, letterhead, size="DL", progress=None)``
    DL, C5, C6 or US10 envelopes: the shop top-left, the recipient right of centre.
``print_labels(recipients, out, *, sheet="L7160", start_at=1, offset_mm=(0, 0),
progress=None)``
    Address labels on an Avery sheet from :data:`LABEL_SHEETS` or a custom :class:`LabelSheet`.
``print_loyalty_cards(cards, out, *, letterhead, sheet="C32011", start_at=1, offset_mm=(0, 0),
progress=None)``
    Credit-card-size loyalty cards (:class:`LoyaltyCard`: name and card number, drawn as a
    Code 128 barcode) on business-card blanks from :data:`CARD_SHEETS` or one per page.

Inputs: a parsed :class:`~shopcards.core.templates.Template`; :class:`Recipient` (merge values
``str -> str``, address lines, a key naming the file when ``separate_files``); a
:class:`Letterhead` (shop name, address, phone, optional logo and signature image paths).
The shop's own fields (``{shop_name}``, ``{shop_phone}``, ``{shop_address}``) come from the
letterhead and ``{today}`` from ``date_text``, unless a recipient's values say otherwise.

``progress`` (a :data:`~shopcards.core.progress.Report`) is told after each recipient; when it
raises :class:`~shopcards.core.errors.Cancelled` the run stops and no file is left behind.
Output goes to a temporary file
renamed at the end, so a failed run leaves no half-written PDF either. Errors a person can fix
(a template of the wrong kind, a missing merge value, an unreadable logo, a label sheet that
does not fit its page) raise :class:`~shopcards.core.errors.ValidationError` or
:class:`~shopcards.core.errors.ShopError` before anything is drawn.

Text in any script prints: Latin with Romanian and Finnish letters, Greek, Cyrillic, Armenian
and Hebrew (right-to-left, also mixed with Latin on one line and wrapped over several lines),
in Noto fonts that are embedded in every PDF.
"""

from shopcards.core.printed import PrintResult
from shopcards.printing.loyalty_cards import LoyaltyCard
from shopcards.printing.model import Letterhead, Recipient
from shopcards.printing.pages import CARD_SHEETS, ENVELOPES, LABEL_SHEETS, PAPERS, LabelSheet
from shopcards.printing.run import (
    print_cards,
    print_envelopes,
    print_labels,
    print_letters,
    print_loyalty_cards,
)

__all__ = [
    "CARD_SHEETS",
    "ENVELOPES",
    "LABEL_SHEETS",
    "PAPERS",
    "LabelSheet",
    "Letterhead",
    "LoyaltyCard",
    "PrintResult",
    "Recipient",
    "print_cards",
    "print_envelopes",
    "print_labels",
    "print_letters",
    "print_loyalty_cards",
]
