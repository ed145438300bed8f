"""Across a page from the side its language is read from: mirrored for Hebrew.

A page in a right-to-left language reads right to left as a whole, not only inside its lines:
a label stands to the right of its value, a table's first column is its rightmost, a heading
starts at the right margin, a bar grows leftwards. A page is drawn as if it were left to right
(``x`` measured in from the reading side) and every position and alignment passes through
:class:`ReadingSide` on its way to the canvas, so one drawing routine serves both directions.

Inside a line nothing changes: a Latin name or a number keeps its own direction (bidi_text);
only where the line stands, and the side it is aligned to, follow the page.
"""

from __future__ import annotations

from dataclasses import dataclass

from shopcards.printing.textlayout import Align


@dataclass(frozen=True, slots=True)
class ReadingSide:
    """Positions in an area ``width`` wide, measured from its reading side (any unit)."""

    width: float
    rtl: bool = False

    def box(self, x: float, width: float) -> float:
        """The left edge of a box ``width`` wide whose reading edge is ``x`` in from the
        reading side."""
        return self.width - x - width if self.rtl else x

    def point(self, x: float) -> float:
        """A point ``x`` in from the reading side, from the area's left edge."""
        return self.width - x if self.rtl else x

    def align(self, align: Align) -> Align:
        """Text set from the page's reading side, whatever the script of the line: a Latin
        name in a Hebrew table is right-aligned, a Hebrew one in an English table left."""
        if align is not Align.START:
            return align
        return Align.RIGHT if self.rtl else Align.LEFT

    def end(self) -> Align:
        """Set to the end of the reading direction (an axis's figures against the axis that
        follows them): right on a left-to-right page, left on a right-to-left one."""
        return Align.LEFT if self.rtl else Align.RIGHT
