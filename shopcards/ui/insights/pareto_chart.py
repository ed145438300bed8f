"""The 80/20 chart, drawn with QPainter: share of sales against share of customers, the best
customers first, with the top 20% and the next 40% shaded and their share of sales written on.

A shop where every customer spends alike would follow the dashed diagonal; the further the
curve bows above it, the more the shop lives on its best customers.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from shopcards.core.insights import NEXT_PERCENT, TOP_PERCENT, Pareto

_GAP = 6
_TICKS = range(0, 101, 20)


class ParetoChart(QWidget):
    """The curve of one :class:`Pareto`; ``percent`` writes a share the shop's way."""

    def __init__(
        self, percent: Callable[[float], str] | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._percent = percent or (lambda share: f"{share:.1%}")
        self._pareto: Pareto | None = None
        self.setAccessibleName("80/20 chart")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(320, 220)

    def sizeHint(self) -> QSize:
        return QSize(520, 320)

    def set_pareto(self, pareto: Pareto | None) -> None:
        self._pareto = pareto
        if pareto is None or not pareto.customers:
            self.setAccessibleDescription("Nobody bought anything in this period.")
        else:
            self.setAccessibleDescription(
                f"The top {TOP_PERCENT}% of customers made {self._percent(pareto.top_share)} "
                f"of sales; the next {NEXT_PERCENT}% made {self._percent(pareto.next_share)}."
            )
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        metrics = painter.fontMetrics()
        line = metrics.height()
        left = metrics.horizontalAdvance("100%") + _GAP * 2
        right = metrics.horizontalAdvance("100%") / 2 + _GAP
        area = QRectF(self.rect()).adjusted(left, line * 2 + _GAP, -right, -(line * 2 + _GAP * 2))
        if area.width() <= 0 or area.height() <= 0:
            painter.end()
            return

        def at(x: float, y: float) -> QPointF:
            return QPointF(area.left() + x * area.width(), area.bottom() - y * area.height())

        accent = palette.color(QPalette.ColorRole.Highlight)
        self._bands(painter, area, accent)
        self._grid(painter, area, palette)
        pareto = self._pareto
        if pareto is not None and pareto.customers:
            path = QPainterPath(at(*pareto.curve[0]))
            for point in pareto.curve[1:]:
                path.lineTo(at(*point))
            painter.setPen(QPen(accent, 2.5))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawPath(path)
            self._legend(painter, area, pareto, accent)
        else:
            painter.setPen(palette.color(QPalette.ColorRole.PlaceholderText))
            painter.drawText(area, Qt.AlignmentFlag.AlignCenter, "No sales in this period")
        painter.setPen(palette.color(QPalette.ColorRole.WindowText))
        painter.drawText(
            QRectF(area.left(), area.bottom() + line + _GAP, area.width(), line),
            Qt.AlignmentFlag.AlignCenter,
            "Share of customers, best first",
        )
        painter.drawText(
            QRectF(0, line + _GAP / 2, area.right(), line),
            Qt.AlignmentFlag.AlignLeft,
            "Share of sales",
        )
        painter.end()

    def _bands(self, painter: QPainter, area: QRectF, accent: QColor) -> None:
        painter.setPen(Qt.PenStyle.NoPen)
        for lo, hi, alpha in ((0, TOP_PERCENT, 60), (TOP_PERCENT, TOP_PERCENT + NEXT_PERCENT, 28)):
            shade = QColor(accent)
            shade.setAlpha(alpha)
            painter.setBrush(shade)
            painter.drawRect(
                QRectF(
                    area.left() + area.width() * lo / 100,
                    area.top(),
                    area.width() * (hi - lo) / 100,
                    area.height(),
                )
            )

    def _grid(self, painter: QPainter, area: QRectF, palette: QPalette) -> None:
        metrics = painter.fontMetrics()
        line = metrics.height()
        grid = QPen(palette.color(QPalette.ColorRole.Mid), 1)
        text = palette.color(QPalette.ColorRole.PlaceholderText)
        for tick in _TICKS:
            x = area.left() + area.width() * tick / 100
            y = area.bottom() - area.height() * tick / 100
            painter.setPen(grid)
            painter.drawLine(QPointF(x, area.top()), QPointF(x, area.bottom()))
            painter.drawLine(QPointF(area.left(), y), QPointF(area.right(), y))
            painter.setPen(text)
            label = f"{tick}%"
            width = metrics.horizontalAdvance(label)
            painter.drawText(
                QRectF(x - width / 2 - 2, area.bottom() + _GAP / 2, width + 4, line),
                Qt.AlignmentFlag.AlignCenter,
                label,
            )
            painter.drawText(
                QRectF(0, y - line / 2, area.left() - _GAP, line),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                label,
            )
        dashed = QPen(palette.color(QPalette.ColorRole.Dark), 1, Qt.PenStyle.DashLine)
        painter.setPen(dashed)
        painter.drawLine(area.bottomLeft(), area.topRight())

    def _legend(self, painter: QPainter, area: QRectF, pareto: Pareto, accent: QColor) -> None:
        """The two groups' shares of sales on the top line, each by a swatch of its shade."""
        metrics = painter.fontMetrics()
        line = metrics.height()
        entries = (
            (60, f"Top {TOP_PERCENT}% of customers: {self._percent(pareto.top_share)} of sales"),
            (28, f"Next {NEXT_PERCENT}%: {self._percent(pareto.next_share)}"),
        )
        widths = [line + 2 + metrics.horizontalAdvance(text) + 2 for _alpha, text in entries]
        # in a narrow chart (a 1024-pixel screen) the legend starts at the left edge
        x = area.left() if sum(widths) + line <= self.width() - area.left() else 0.0
        painter.setPen(self.palette().color(QPalette.ColorRole.WindowText))
        for (alpha, text), width in zip(entries, widths, strict=True):
            shade = QColor(accent)
            shade.setAlpha(alpha * 2)
            painter.fillRect(QRectF(x, 2, line - 4, line - 4), shade)
            painter.drawText(
                QRectF(x + line + 2, 0, width - line - 2, line), Qt.AlignmentFlag.AlignLeft, text
            )
            x += width + line
