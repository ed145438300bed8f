"""A small bar chart of a customer's spend per month, drawn with QPainter.

QtCharts is not shipped with shopcards; two years of bars need no more than a painter. A month
with more returns than sales dips below the line, in the error colour.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence

from babel.dates import format_skeleton
from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QSizePolicy, QWidget

from shopcards.core.i18n import _, format_locale, ngettext
from shopcards.ui.kit.theme import ERROR_COLOUR

_LABEL_GAP = 4


class SpendChart(QWidget):
    """Bars for (YYYY-MM, amount) pairs, oldest first; the tallest bar is labelled."""

    def __init__(
        self, locale: str, money: Callable[[int], str], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._locale = locale
        self._money = money
        self._months: list[tuple[str, int]] = []
        self.setAccessibleName(_("Spend per month"))
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.setMinimumSize(260, 120)

    def sizeHint(self) -> QSize:
        return QSize(420, 150)

    def set_months(self, months: Sequence[tuple[str, int]]) -> None:
        self._months = list(months)
        spent = [amount for _month, amount in self._months]
        if self._months and any(spent):
            from babel.numbers import format_decimal

            best_month, best = max(self._months, key=lambda m: m[1])
            self.setAccessibleDescription(
                ngettext(
                    "{count} month from {first}; most in {best}: {amount}",
                    "{count} months from {first}; most in {best}: {amount}",
                    len(spent),
                    count=format_decimal(len(spent), locale=format_locale(self._locale)),
                    first=self._month_name(self._months[0][0], True),
                    best=self._month_name(best_month, True),
                    amount=self._money(best),
                )
            )
        else:
            self.setAccessibleDescription(_("No purchases in these months"))
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        text_colour = palette.color(QPalette.ColorRole.WindowText)
        metrics = painter.fontMetrics()
        line = metrics.height()
        area = QRectF(self.rect()).adjusted(2, line + _LABEL_GAP, -2, -(line + _LABEL_GAP))
        if not self._months or area.width() <= 0 or area.height() <= 0:
            painter.end()
            return
        top = max(0, max(amount for _month, amount in self._months))
        bottom = min(0, min(amount for _month, amount in self._months))
        span = (top - bottom) or 1
        zero_y = area.top() + area.height() * top / span
        step = area.width() / len(self._months)
        bar = max(1.0, step * 0.7)
        dark = palette.color(QPalette.ColorRole.Window).lightness() < 128
        colours = {
            True: palette.color(QPalette.ColorRole.Highlight),
            False: QColor(ERROR_COLOUR["dark" if dark else "light"]),
        }
        painter.setPen(Qt.PenStyle.NoPen)
        for i, (_month, amount) in enumerate(self._months):
            height = area.height() * abs(amount) / span
            x = area.left() + i * step + (step - bar) / 2
            y = zero_y - height if amount >= 0 else zero_y
            painter.setBrush(colours[amount >= 0])
            painter.drawRect(QRectF(x, y, bar, max(height, 0.0)))
        painter.setPen(palette.color(QPalette.ColorRole.Mid))
        painter.drawLine(int(area.left()), int(zero_y), int(area.right()), int(zero_y))
        painter.setPen(text_colour)
        if top:
            painter.drawText(
                QRectF(area.left(), 0, area.width(), line),
                Qt.AlignmentFlag.AlignLeft,
                _("Spend per month, at most {amount}", amount=self._money(top)),
            )
        self._draw_month_labels(painter, area, step, line)
        painter.end()

    def _draw_month_labels(self, painter: QPainter, area: QRectF, step: float, line: int) -> None:
        """The first month of each quarter under its bar, a January as its year; a label that
        would run into the one before it is left out."""
        y = area.bottom() + _LABEL_GAP
        metrics = painter.fontMetrics()
        free_from = area.left()
        for i, (month, _amount) in enumerate(self._months):
            if month[5:] not in ("01", "04", "07", "10"):
                continue
            label = month[:4] if month.endswith("-01") else self._month_name(month, False)
            x = area.left() + i * step
            width = metrics.horizontalAdvance(label)
            if x < free_from or x + width > area.right():
                continue
            painter.drawText(QRectF(x, y, width + 1, line), Qt.AlignmentFlag.AlignLeft, label)
            free_from = x + width + metrics.horizontalAdvance("  ")

    def _month_name(self, month: str, with_year: bool) -> str:
        day = dt.date(int(month[:4]), int(month[5:7]), 1)
        skeleton = "MMMy" if with_year else "MMM"
        return str(format_skeleton(skeleton, day, locale=format_locale(self._locale)))
