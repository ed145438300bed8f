"""Paper, envelope and label-sheet geometry, in millimetres measured from the top-left corner.

People measure a sheet from its top-left corner with a ruler, and the standards (DIN 5008,
Avery's data sheets) are written that way, so every geometry here is too; ``Box.pdf_rect``
turns one into reportlab's points from the bottom-left.
"""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib.units import mm

from shopcards.core.errors import ValidationError
from shopcards.core.i18n import _

MM: float = mm
"""Points per millimetre."""

INCH_MM = 25.4


@dataclass(frozen=True)
class Box:
    """A rectangle on a page: ``left``/``top`` from the page's top-left corner, in mm."""

    left: float
    top: float
    width: float
    height: float

    def pdf_rect(self, page_height_mm: float) -> tuple[float, float, float, float]:
        """``(x, y, width, height)`` in points, y from the bottom, as reportlab wants it."""
        bottom = page_height_mm - self.top - self.height
        return (self.left * MM, bottom * MM, self.width * MM, self.height * MM)

    def inset(self, dx: float, dy: float) -> Box:
        """The box shrunk by ``dx`` mm left and right and ``dy`` mm top and bottom."""
        return Box(self.left + dx, self.top + dy, self.width - 2 * dx, self.height - 2 * dy)


@dataclass(frozen=True)
class Paper:
    """A sheet size (portrait)."""

    name: str
    width: float
    height: float


PAPERS: dict[str, Paper] = {
    "A4": Paper("A4", 210.0, 297.0),
    "LETTER": Paper("Letter", 8.5 * INCH_MM, 11.0 * INCH_MM),
}


@dataclass(frozen=True)
class LetterGeometry:
    """Where things go on a letter that is folded into a window envelope.

    ``window`` is where the envelope's window lies over the folded sheet: the return line and
    the recipient's address must stay inside it.
    """

    paper: Paper
    margin_left: float
    margin_right: float
    window: Box
    fold_marks: tuple[float, ...]
    date_top: float
    body_top: float
    body_bottom: float


LETTER_GEOMETRY: dict[str, LetterGeometry] = {
    # DIN 5008 form B, for DL and C5/6 envelopes with a left window (90 x 45 mm, 20 mm from
    # the left, 45 mm from the top); fold marks at 105 and 210 mm, punch mark at 148.5 mm.
    "A4": LetterGeometry(
        paper=PAPERS["A4"],
        margin_left=25.0,
        margin_right=20.0,
        window=Box(20.0, 45.0, 90.0, 45.0),
        fold_marks=(105.0, 148.5, 210.0),
        date_top=97.0,
        body_top=104.0,
        body_bottom=270.0,
    ),
    # US #10 window envelope, common layout: window 4.5 x 1.125 in, 7/8 in from the left; on a
    # Letter sheet folded in thirds its top lies about 2 in below the top of the page.
    "LETTER": LetterGeometry(
        paper=PAPERS["LETTER"],
        margin_left=25.4,
        margin_right=22.0,
        window=Box(0.875 * INCH_MM, 2.0 * INCH_MM, 4.5 * INCH_MM, 1.125 * INCH_MM),
        fold_marks=(11.0 / 3 * INCH_MM, 22.0 / 3 * INCH_MM),
        date_top=90.0,
        body_top=97.0,
        body_bottom=252.0,
    ),
}


@dataclass(frozen=True)
class Envelope:
    """An envelope size (landscape, as it is printed) and where the recipient goes."""

    name: str
    width: float
    height: float
    recipient: Box


ADDRESS_WINDOW = (90.0, 45.0)
"""The largest recipient block on an envelope, in mm: the size of a DIN 5008 window, which
addresses are written for. A Latin address starts at its left edge and a right-to-left one
ends at its right edge, so both sit in the same place, not one against the envelope's edge."""


def _envelope(name: str, width: float, height: float) -> Envelope:
    """The recipient block sits right of centre in the lower half, where postal machines look,
    and keeps 12 mm from the right and 8 mm from the bottom edge on a small envelope."""
    left = round(width * 0.44, 1)
    top = round(height * 0.46, 1)
    window_width = min(ADDRESS_WINDOW[0], width - left - 12.0)
    window_height = min(ADDRESS_WINDOW[1], height - top - 8.0)
    return Envelope(name, width, height, Box(left, top, window_width, window_height))


ENVELOPES: dict[str, Envelope] = {
    "DL": _envelope("DL", 220.0, 110.0),
    "C5": _envelope("C5", 229.0, 162.0),
    "C6": _envelope("C6", 162.0, 114.0),
    "US10": _envelope("US #10", 9.5 * INCH_MM, 4.125 * INCH_MM),
}


@dataclass(frozen=True)
class LabelSheet:
    """A sheet of sticky address labels, measured as the maker's data sheet gives it.

    ``top``/``left`` are the margins to the first label; ``h_gap``/``v_gap`` the space between
    neighbouring labels across and down.
    """

    name: str
    page_width: float
    page_height: float
    rows: int
    columns: int
    label_width: float
    label_height: float
    top: float
    left: float
    h_gap: float = 0.0
    v_gap: float = 0.0

    @property
    def per_sheet(self) -> int:
        """How many labels one sheet holds."""
        return self.rows * self.columns

    def cell(self, index: int) -> Box:
        """The label at ``index`` (0 = top-left, then across the row, then down)."""
        row, column = divmod(index % self.per_sheet, self.columns)
        left = self.left + column * (self.label_width + self.h_gap)
        top = self.top + row * (self.label_height + self.v_gap)
        return Box(left, top, self.label_width, self.label_height)

    def check(self) -> None:
        """Raise ValidationError when the labels cannot lie on the page as described."""
        problems: dict[str, str] = {}
        for name in ("page_width", "page_height", "label_width", "label_height"):
            if getattr(self, name) <= 0:
                problems[name] = _("must be more than 0 mm")
        for name in ("rows", "columns"):
            if not 1 <= getattr(self, name) <= 100:
                problems[name] = _("must be between 1 and 100")
        for name in ("top", "left", "h_gap", "v_gap"):
            if getattr(self, name) < 0:
                problems[name] = _("cannot be less than 0 mm")
        if not problems:
            right = self.left + self.columns * self.label_width + (self.columns - 1) * self.h_gap
            bottom = self.top + self.rows * self.label_height + (self.rows - 1) * self.v_gap
            if right > self.page_width + 0.5:
                problems["columns"] = _(
                    "the labels reach {mm} mm, wider than the page", mm=f"{right:.1f}"
                )
            if bottom > self.page_height + 0.5:
                problems["rows"] = _(
                    "the labels reach {mm} mm, taller than the page", mm=f"{bottom:.1f}"
                )
        if problems:
            raise ValidationError(problems)


_A4 = PAPERS["A4"]
_LETTER = PAPERS["LETTER"]

LABEL_SHEETS: dict[str, LabelSheet] = {
    "L7160": LabelSheet("Avery L7160 (21 per A4)", _A4.width, _A4.height, 7, 3,
                        63.5, 38.1, 15.15, 7.2, 2.54, 0.0),
    "L7163": LabelSheet("Avery L7163 (14 per A4)", _A4.width, _A4.height, 7, 2,
                        99.1, 38.1, 15.15, 4.65, 2.5, 0.0),
    "5160": LabelSheet("Avery 5160 (30 per Letter)", _LETTER.width, _LETTER.height, 10, 3,
                       2.625 * INCH_MM, 1.0 * INCH_MM, 0.5 * INCH_MM, 0.1875 * INCH_MM,
                       0.125 * INCH_MM, 0.0),
    "5163": LabelSheet("Avery 5163 (10 per Letter)", _LETTER.width, _LETTER.height, 5, 2,
                       4.0 * INCH_MM, 2.0 * INCH_MM, 0.5 * INCH_MM, 0.15625 * INCH_MM,
                       0.1875 * INCH_MM, 0.0),
}  # fmt: skip
"""The label sheets every stationer sells; a custom :class:`LabelSheet` may be given instead."""

CARD_SIZE = (85.6, 54.0)
"""A credit card (ISO/IEC 7810 ID-1) in mm: what fits a wallet's card slot."""

CARD_SHEETS: dict[str, LabelSheet] = {
    "C32011": LabelSheet("Avery C32011 / L7414 business cards (10 per A4)", _A4.width,
                         _A4.height, 5, 2, 85.0, 54.0, 13.5, 15.0, 10.0, 0.0),
    "SINGLE": LabelSheet("One card 85.6 × 54 mm", *CARD_SIZE, 1, 1, *CARD_SIZE, 0.0, 0.0),
}  # fmt: skip
"""Where loyalty cards print: A4 sheets of business-card blanks (2 across, 5 down, 85 × 54 mm,
the common Avery layout), or one card per page for a card printer or to cut out."""
