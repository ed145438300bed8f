"""The 80/20 chart, drawn with QPainter: share of sales against share of customers, the best
customers first, with the top 20% and the next 40% shaded and their share of sales written on.

A shop where every customer spends alike would follow the dashed diagonal; the further the
curve bows above it, the more the shop lives on its best customers. In a right-to-left window
the chart reads from the right: the axis of sales on the right, the best customers first from
the right edge, the legend starting there (ui.kit.mirror).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFontMetrics, QPainter, QPainterPath, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from shopcards.core.i18n import _
from shopcards.core.insights import NEXT_PERCENT, TOP_PERCENT, Pareto
from shopcards.ui.kit.mirror import Mirror

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
        self.setAccessibleName(_("80/20 chart"))
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(320, 220)

    def sizeHint(self) -> QSize:
        return QSize(520, 320)

    def set_pareto(self, pareto: Pareto | None) -> None:
        self._pareto = pareto
        if pareto is None or not pareto.customers:
            self.setAccessibleDescription(_("Nobody bought anything in this period."))
        else:
            self.setAccessibleDescription(
                _(
                    "The top {top_percent}% of customers made {top_share} of sales; the next "
                    "{next_percent}% made {next_share}.",
                    top_percent=TOP_PERCENT,
                    top_share=self._percent(pareto.top_share),
                    next_percent=NEXT_PERCENT,
                    next_share=self._percent(pareto.next_share),
                )
            )
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        metrics = painter.fontMetrics()
        line = metrics.height()
        widest = metrics.horizontalAdvance(_tick_label(self, 100))
        left = widest + _GAP * 2
        right = widest / 2 + _GAP
        legend = self._legend_lines(metrics)
        top = line * (legend + 1) + _GAP
        area = QRectF(self.rect()).adjusted(left, top, -right, -(line * 2 + _GAP * 2))
        if area.width() <= 0 or area.height() <= 0:
            painter.end()
            return
        mirror = Mirror(self)

        def at(x: float, y: float) -> QPointF:
            return mirror.point(
                QPointF(area.left() + x * area.width(), area.bottom() - y * area.height())
            )

        accent = palette.color(QPalette.ColorRole.Highlight)
        self._bands(painter, area, accent, mirror)
        self._grid(painter, area, palette, mirror)
        pareto = self._pareto
        if pareto is not None and pareto.customers:
            path = QPainterPath(at(*pareto.curve[0]))
            for point in pareto.curve[1:]:
                path.lineTo(at(*point))
            painter.setPen(QPen(accent, 2.5))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawPath(path)
            self._legend(painter, area, accent, mirror)
        else:
            painter.setPen(palette.color(QPalette.ColorRole.PlaceholderText))
            painter.drawText(
                mirror.rect(area), Qt.AlignmentFlag.AlignCenter, _("No sales in this period")
            )
        painter.setPen(palette.color(QPalette.ColorRole.WindowText))
        painter.drawText(
            mirror.rect(QRectF(area.left(), area.bottom() + line + _GAP, area.width(), line)),
            Qt.AlignmentFlag.AlignCenter,
            _("Share of customers, best first"),
        )
        painter.drawText(
            mirror.rect(QRectF(0, line * legend + _GAP / 2, area.right(), line)),
            mirror.align(Qt.AlignmentFlag.AlignLeft),
            _("Share of sales"),
        )
        painter.end()

    def _bands(self, painter: QPainter, area: QRectF, accent: QColor, mirror: Mirror) -> None:
        painter.setPen(Qt.PenStyle.NoPen)
        for lo, hi, alpha in ((0, TOP_PERCENT, 60), (TOP_PERCENT, TOP_PERCENT + NEXT_PERCENT, 28)):
            shade = QColor(accent)
            shade.setAlpha(alpha)
            painter.setBrush(shade)
            band = QRectF(
                area.left() + area.width() * lo / 100,
                area.top(),
                area.width() * (hi - lo) / 100,
                area.height(),
            )
            painter.drawRect(mirror.rect(band))

    def _grid(self, painter: QPainter, area: QRectF, palette: QPalette, mirror: Mirror) -> None:
        metrics = painter.fontMetrics()
        line = metrics.height()
        grid = QPen(palette.color(QPalette.ColorRole.Mid), 1)
        text = palette.color(QPalette.ColorRole.PlaceholderText)
        for tick in _TICKS:
            x = mirror.x(area.left() + area.width() * tick / 100)
            y = area.bottom() - area.height() * tick / 100
            painter.setPen(grid)
            painter.drawLine(QPointF(x, area.top()), QPointF(x, area.bottom()))
            painter.drawLine(QPointF(area.left(), y), QPointF(area.right(), y))
            painter.setPen(text)
            label = _tick_label(self, tick)
            width = metrics.horizontalAdvance(label)
            painter.drawText(
                QRectF(x - width / 2 - 2, area.bottom() + _GAP / 2, width + 4, line),
                Qt.AlignmentFlag.AlignCenter,
                label,
            )
            painter.drawText(
                mirror.rect(QRectF(0, y - line / 2, area.left() - _GAP, line)),
                mirror.align(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
                label,
            )
        dashed = QPen(palette.color(QPalette.ColorRole.Dark), 1, Qt.PenStyle.DashLine)
        painter.setPen(dashed)
        painter.drawLine(mirror.point(area.bottomLeft()), mirror.point(area.topRight()))

    def _legend_entries(self) -> list[tuple[int, str]]:
        """(shade, text) of the two groups' shares of sales; none without sales."""
        pareto = self._pareto
        if pareto is None or not pareto.customers:
            return []
        top = _(
            "Top {percent}% of customers: {share} of sales",
            percent=TOP_PERCENT,
            share=self._percent(pareto.top_share),
        )
        following = _(
            "Next {percent}%: {share}", percent=NEXT_PERCENT, share=self._percent(pareto.next_share)
        )
        return [(60, top), (28, following)]

    def _legend_lines(self, metrics: QFontMetrics) -> int:
        """1 when the legend fits on the top line, else 2 (one entry a line: long words)."""
        widths = self._legend_widths(metrics)
        return 1 if sum(widths) + metrics.height() <= self.width() else 2

    def _legend_widths(self, metrics: QFontMetrics) -> list[float]:
        line = metrics.height()
        return [line + 4 + metrics.horizontalAdvance(text) for _a, text in self._legend_entries()]

    def _legend(self, painter: QPainter, area: QRectF, accent: QColor, mirror: Mirror) -> None:
        """The two groups' shares of sales at the top, each by a swatch of its shade: on one
        line (from the plot's edge where there is room), else one a line."""
        metrics = painter.fontMetrics()
        line = metrics.height()
        widths = self._legend_widths(metrics)
        one_line = self._legend_lines(metrics) == 1
        # in a narrow chart (a 1024-pixel screen) the legend starts at the edge
        x = area.left() if sum(widths) + line <= self.width() - area.left() else 0.0
        y = 0.0
        painter.setPen(self.palette().color(QPalette.ColorRole.WindowText))
        for (alpha, text), width in zip(self._legend_entries(), widths, strict=True):
            shade = QColor(accent)
            shade.setAlpha(alpha * 2)
            painter.fillRect(mirror.rect(QRectF(x, y + 2, line - 4, line - 4)), shade)
            painter.drawText(
                mirror.rect(QRectF(x + line + 2, y, width - line - 2, line)),
                mirror.align(Qt.AlignmentFlag.AlignLeft),
                text,
            )
            if one_line:
                x += width + line
            else:
                x, y = 0.0, y + line


def _tick_label(widget: QWidget, percent: int) -> str:
    """A whole per cent as the window's language writes it ("20%", "20 %")."""
    locale = widget.locale()
    return f"{locale.toString(percent)}{locale.percent()}"
