"""The scheme's cost month by month, drawn with QPainter: one column a month, the discounts
given (the accent colour) with the cash-back spent on top (grey), so a month that cost more
than the others stands out at a glance. The table beside it holds the figures. A right-to-left
window reads the months from the right, the oldest first there (ui.kit.mirror)."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QSizePolicy, QWidget

from shopcards.core.i18n import _
from shopcards.core.loyalty_insights import SchemeMonth
from shopcards.ui.kit.mirror import Mirror
from shopcards.ui.kit.theme import quiet_colour

_GAP = 4


class CostChart(QWidget):
    """Columns of (short month name, discounts, cash-back spent)."""

    def __init__(self, money: Callable[[int], str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._money = money
        self._months: list[tuple[str, int, int]] = []
        self._numbers: list[str] = []
        self.setAccessibleName(_("Cost chart"))
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(240, 140)

    def sizeHint(self) -> QSize:
        return QSize(360, 220)

    def set_months(
        self, months: Sequence[SchemeMonth], name: Callable[[SchemeMonth, str], str]
    ) -> None:
        """The months, oldest first; ``name(month, pattern)`` writes a month's name (a CLDR
        pattern: "LLL" for "Jan", "L" for "1" when the short names do not fit)."""
        self._months = [
            (name(month, "LLL"), month.discounts, month.cashback_spent) for month in months
        ]
        self._numbers = [name(month, "L") for month in months]
        self.setAccessibleDescription(
            "; ".join(
                _(
                    "{month}: {discounts} discounts, {spent} cash-back spent",
                    month=name,
                    discounts=self._money(given),
                    spent=self._money(spent),
                )
                for name, given, spent in self._months
            )
        )
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        if not self._months:
            return
        painter = QPainter(self)
        palette = self.palette()
        line = painter.fontMetrics().height()
        mirror = Mirror(self)
        key = self._key(painter, palette, line, mirror)
        area = QRectF(0, key, self.width(), self.height() - key - line - _GAP)
        step = area.width() / len(self._months)
        highest = max(given + spent for _unused, given, spent in self._months) or 1
        colours = (palette.color(QPalette.ColorRole.Highlight), quiet_colour(palette))
        widest = max(painter.fontMetrics().horizontalAdvance(m[0]) for m in self._months)
        names = [m[0] for m in self._months] if widest < step - _GAP else self._numbers
        for i, ((_unused, given, spent), name) in enumerate(zip(self._months, names, strict=True)):
            x = area.left() + i * step + _GAP / 2
            bottom = area.bottom()
            for amount, colour in zip((given, spent), colours, strict=True):
                height = area.height() * amount / highest
                painter.fillRect(
                    mirror.rect(QRectF(x, bottom - height, step - _GAP, height)), colour
                )
                bottom -= height
            painter.setPen(palette.color(QPalette.ColorRole.WindowText))
            painter.drawText(
                mirror.rect(QRectF(x - _GAP, area.bottom() + _GAP, step + _GAP, line)),
                Qt.AlignmentFlag.AlignHCenter,
                name,
            )
        painter.end()

    def _key(self, painter: QPainter, palette: QPalette, line: int, mirror: Mirror) -> float:
        """The colours' meaning along the top; returns where the columns may start."""
        x = 0.0
        colours = (palette.color(QPalette.ColorRole.Highlight), quiet_colour(palette))
        for text, colour in zip((_("Discounts"), _("Cash-back spent")), colours, strict=True):
            painter.fillRect(mirror.rect(QRectF(x, _GAP, line * 0.8, line * 0.8)), colour)
            x += line
            painter.setPen(palette.color(QPalette.ColorRole.WindowText))
            width = painter.fontMetrics().horizontalAdvance(text)
            painter.drawText(
                mirror.rect(QRectF(x, 0, width + _GAP, line + _GAP)),
                mirror.align(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                text,
            )
            x += width + line
        return float(line + _GAP * 3)
