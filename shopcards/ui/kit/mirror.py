"""Charts drawn with QPainter, mirrored for a right-to-left reader.

A chart is drawn in left-to-right coordinates; :class:`Mirror` puts each point, rectangle and
text alignment where a Hebrew reader looks for it (the axis on the right, the legend starting
at the right edge, the best customers first from the right) without mirroring the text itself,
which a painter transform would.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtWidgets import QWidget

_Align = Qt.AlignmentFlag


class Mirror:
    """The geometry of ``widget`` as its layout direction reads it (nothing changes in a
    left-to-right window)."""

    def __init__(self, widget: QWidget) -> None:
        self.flipped = widget.layoutDirection() == Qt.LayoutDirection.RightToLeft
        self._width = float(widget.width())

    def x(self, x: float) -> float:
        return self._width - x if self.flipped else x

    def point(self, point: QPointF) -> QPointF:
        return QPointF(self.x(point.x()), point.y())

    def rect(self, rect: QRectF) -> QRectF:
        if not self.flipped:
            return rect
        return QRectF(self._width - rect.right(), rect.top(), rect.width(), rect.height())

    def align(self, alignment: _Align) -> _Align:
        """Left becomes right and right left; centred stays centred."""
        if not self.flipped:
            return alignment
        if alignment & _Align.AlignLeft:
            return (alignment & ~_Align.AlignLeft) | _Align.AlignRight
        if alignment & _Align.AlignRight:
            return (alignment & ~_Align.AlignRight) | _Align.AlignLeft
        return alignment
