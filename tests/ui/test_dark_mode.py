"""In the dark palette the grey segment bars and the × of the clear buttons stay visible."""

from __future__ import annotations

from collections import Counter
from types import SimpleNamespace

from PySide6.QtGui import QAction, QColor, QPalette
from pytestqt.qtbot import QtBot

from shopcards.ui.cabinet.search_box import SearchBox
from shopcards.ui.insights.segments_chart import SegmentChart
from shopcards.ui.kit.theme import palette


def _contrast(a: QColor, b: QColor) -> int:
    return abs(a.lightness() - b.lightness())


def test_the_clear_buttons_cross_follows_the_palette(qtbot: QtBot) -> None:
    box = SearchBox("Search")
    qtbot.addWidget(box)
    for scheme in ("light", "dark"):
        box.setPalette(palette(scheme))
        action = box.findChild(QAction, "_q_qlineeditclearaction")
        assert action is not None
        image = action.icon().pixmap(16, 16).toImage()
        ink = Counter(
            image.pixelColor(x, y).name()
            for x in range(16)
            for y in range(16)
            if image.pixelColor(x, y).alpha() > 200
        )
        drawn = QColor(ink.most_common(1)[0][0])  # what the icon is mostly drawn in
        base = palette(scheme).color(QPalette.ColorRole.Base)
        assert _contrast(drawn, base) > 120, scheme


def test_the_share_of_customers_bars_stand_out_on_the_dark_base(qtbot: QtBot) -> None:
    chart = SegmentChart(lambda share: f"{share:.0%}")
    qtbot.addWidget(chart)
    chart.setPalette(palette("dark"))
    chart.resize(480, 260)
    group = SimpleNamespace(
        segment=SimpleNamespace(label="Regulars"), count=10, share=0.7, customer_share=0.5
    )
    chart.set_segments(SimpleNamespace(groups=(group,)))  # type: ignore[arg-type]
    image = chart.grab().toImage()
    line = chart.fontMetrics().height()
    key = image.pixelColor(3, line // 2)  # the key's square for "Share of customers"
    assert _contrast(key, palette("dark").color(QPalette.ColorRole.Window)) > 60
