"""The segments side by side, drawn with QPainter: for each, its share of the customers (grey)
against its share of the sales (the accent colour). A segment whose sales bar outruns its
customers bar is worth more than its numbers. A right-to-left window reads it from the right:
the names on the right, the bars growing to the left (ui.kit.mirror)."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFontMetrics, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QSizePolicy, QWidget

from shopcards.core.i18n import _
from shopcards.core.segments import Segments
from shopcards.ui.kit.mirror import Mirror
from shopcards.ui.kit.theme import quiet_colour

_GAP = 6
Bar = tuple[str, float, float]
"""(segment label, share of customers, share of sales)"""


class SegmentChart(QWidget):
    def __init__(self, percent: Callable[[float], str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._percent = percent
        self._bars: list[Bar] = []
        self.setAccessibleName(_("Segments chart"))
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.setMinimumSize(320, 200)

    def sizeHint(self) -> QSize:
        return QSize(480, 260)

    def set_segments(self, segments: Segments | None) -> None:
        self._bars = [
            (g.segment.label, g.customer_share, g.share)
            for g in (segments.groups if segments else ())
        ]
        self.setAccessibleDescription(
            "; ".join(
                _(
                    "{segment}: {customers} of customers, {sales} of sales",
                    segment=label,
                    customers=self._percent(people),
                    sales=self._percent(sales),
                )
                for label, people, sales in self._bars
            )
        )
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        metrics = painter.fontMetrics()
        line = metrics.height()
        label_width = (
            max((metrics.horizontalAdvance(label) for label, _, _unused in self._bars), default=0)
            + _GAP * 2
        )
        value_width = metrics.horizontalAdvance("100.0%") + _GAP * 2
        key_lines = self._key_lines(metrics)
        top = line * key_lines + _GAP * 2
        area = QRectF(
            label_width, top, self.width() - label_width - value_width - _GAP, self.height() - top
        )
        if area.width() <= 0 or not self._bars:
            painter.end()
            return
        mirror = Mirror(self)
        self._key(painter, palette, key_lines == 1, mirror)
        step = area.height() / len(self._bars)
        bar = max(4.0, min(line * 0.9, (step - _GAP) / 2))
        widest = max(max(people, sales) for _unused, people, sales in self._bars) or 1.0
        colours = (quiet_colour(palette), palette.color(QPalette.ColorRole.Highlight))
        for i, (label, people, sales) in enumerate(self._bars):
            y = area.top() + i * step
            painter.setPen(palette.color(QPalette.ColorRole.WindowText))
            painter.drawText(
                mirror.rect(QRectF(0, y, label_width - _GAP, bar * 2)),
                mirror.align(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                label,
            )
            self._draw_bars(painter, area, y, (bar, widest), (people, sales), colours, mirror)
        painter.end()

    def _draw_bars(
        self,
        painter: QPainter,
        area: QRectF,
        y: float,
        scale: tuple[float, float],
        shares: Sequence[float],
        colours: Sequence[QColor],
        mirror: Mirror,
    ) -> None:
        """A segment's two bars (``scale``: a bar's thickness, the share of the longest)."""
        bar, widest = scale
        text = self.palette().color(QPalette.ColorRole.WindowText)
        for j, (share, colour) in enumerate(zip(shares, colours, strict=True)):
            length = area.width() * share / widest
            top = y + j * bar
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(colour)
            painter.drawRect(mirror.rect(QRectF(area.left(), top + 1, max(length, 1.0), bar - 2)))
            painter.setPen(text)
            painter.drawText(
                mirror.rect(QRectF(area.left() + length + _GAP, top, 200, bar)),
                mirror.align(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                self._percent(share),
            )

    @staticmethod
    def _key_texts() -> tuple[str, str]:
        return _("Share of customers"), _("Share of sales, last 12 months")

    def _key_lines(self, metrics: QFontMetrics) -> int:
        """1 when the key fits on the top line, else 2 (one entry a line: long words)."""
        line = metrics.height()
        width = sum(line * 2 + metrics.horizontalAdvance(text) + 4 for text in self._key_texts())
        return 1 if width <= self.width() else 2

    def _key(self, painter: QPainter, palette: QPalette, one_line: bool, mirror: Mirror) -> None:
        """What the two colours mean, along the top (one entry a line where they do not fit)."""
        line = painter.fontMetrics().height()
        x = y = 0.0
        painter.setPen(palette.color(QPalette.ColorRole.WindowText))
        colours = (quiet_colour(palette), palette.color(QPalette.ColorRole.Highlight))
        for colour, text in zip(colours, self._key_texts(), strict=True):
            painter.fillRect(mirror.rect(QRectF(x, y + 3, line - 6, line - 6)), colour)
            width = painter.fontMetrics().horizontalAdvance(text) + 4
            painter.drawText(
                mirror.rect(QRectF(x + line, y, width, line)),
                mirror.align(Qt.AlignmentFlag.AlignLeft),
                text,
            )
            if one_line:
                x += line + width + line
            else:
                y += line
