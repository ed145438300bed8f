"""The figures of a purchase history, as captions and values in a small grid.

Each value label's accessible name is its caption, so a screen reader (and a test) reads
"Lifetime spend: 1 234,50 €".
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QLabel, QWidget

from shopcards.core.history import HistoryFigures, Trend
from shopcards.core.i18n import N_, _, format_locale
from shopcards.ui.kit.dates import iso_date_text
from shopcards.ui.kit.theme import SPACING

CAPTIONS = (
    N_("Lifetime spend"),
    N_("Last 12 months"),
    N_("Visits"),
    N_("Average basket"),
    N_("First visit"),
    N_("Last visit"),
    N_("Trend, 12 months"),
    N_("Trend, 6 months"),
)
"""The figures' captions in English (also the keys of ``FiguresPanel.values``)."""
_COLUMNS = 2
_PAIRED = 6
"""The first six figures stand two to a row; each trend, being longer, has a row of its own."""
_ROOM = "00 000,00 €"


def trend_text(trend: Trend, money: Callable[[int], str], locale: str) -> str:
    """ "▲ 12 % (1 200 € against 1 071 €)"; "new" when there was nothing before; the
    percentage written in ``locale``."""
    from babel.numbers import format_percent

    change = trend.change
    recent, before = money(trend.recent), money(trend.before)
    if change is None:
        if trend.recent <= 0:
            return "—"
        return _("new ({recent} against {before})", recent=recent, before=before)
    arrow = "▲" if change > 0 else "▼" if change < 0 else "="
    percent = format_percent(abs(change), "#,##0%", locale=locale)
    return _(
        "{arrow} {percent} ({recent} against {before})",
        arrow=arrow,
        percent=percent,
        recent=recent,
        before=before,
    )


class FiguresPanel(QWidget):
    """Eight captions with their values: three rows of two pairs, then a row per trend."""

    def __init__(
        self, locale: str, money: Callable[[int], str], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._locale = locale
        self._money = money
        self.values: dict[str, QLabel] = {}
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(SPACING * 2)
        grid.setVerticalSpacing(SPACING // 2)
        for i, caption in enumerate(CAPTIONS):
            row, pair = divmod(i, _COLUMNS) if i < _PAIRED else (i - _PAIRED // 2, 0)
            label = QLabel(_(caption))
            value = QLabel("—")
            value.setAccessibleName(_(caption))
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            font = value.font()
            font.setBold(True)
            value.setFont(font)
            if i < _PAIRED:  # room for most amounts from the start: the pane keeps its width
                value.setMinimumWidth(value.fontMetrics().horizontalAdvance(_ROOM))
            value.setWordWrap(True)  # a long trend, or a long date (Hebrew), wraps instead of
            # widening the pane or being cut off
            grid.addWidget(label, row, pair * 2)
            grid.addWidget(value, row, pair * 2 + 1, 1, 1 if i < _PAIRED else 3)
            self.values[caption] = value
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)

    def show_figures(self, figures: HistoryFigures | None) -> None:
        if figures is None:
            for value in self.values.values():
                value.setText("—")
            return
        from babel.numbers import format_decimal

        date = self._date
        locale = format_locale(self._locale)
        shown = {
            "Lifetime spend": self._money(figures.lifetime_spend),
            "Last 12 months": self._money(figures.last_12_months),
            "Visits": format_decimal(figures.visits, locale=locale),
            "Average basket": (
                "—" if figures.average_basket is None else self._money(figures.average_basket)
            ),
            "First visit": date(figures.first_visit),
            "Last visit": date(figures.last_visit),
            "Trend, 12 months": trend_text(figures.trend_12, self._money, locale),
            "Trend, 6 months": trend_text(figures.trend_6, self._money, locale),
        }
        for caption, text in shown.items():
            self.values[caption].setText(text)

    def _date(self, iso: str | None) -> str:
        return "—" if iso is None else iso_date_text(iso, format_locale(self._locale))
