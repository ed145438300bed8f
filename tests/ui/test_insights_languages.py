"""The insights screen in the shop's other languages: Finnish words, Romanian plurals, and
charts that read from the right in Hebrew."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QTabWidget
from pytestqt.qtbot import QtBot

from shopcards.core.insights import CustomerList
from shopcards.services import catalogues
from shopcards.services.session import Session
from shopcards.ui.insights.lists import CustomerListPanel
from shopcards.ui.insights.pareto_chart import ParetoChart
from tests.ui.conftest import find
from tests.ui.test_insights_screen import known, open_screen

__all__ = ["known"]


def test_in_finnish_the_segments_and_headings_read_finnish(
    qtbot: QtBot, owner: Session, known: dict[str, int]
) -> None:
    catalogues.start("fi")
    screen = open_screen(qtbot, owner)
    tabs = find(screen, QTabWidget, "Asiakastietojen sivut")
    assert [tabs.tabText(i) for i in range(3)] == ["80/20-jako", "Ryhmät", "Poisjääneet"]
    segments = screen.segment_table
    assert segments.accessibleName() == "Ryhmät"
    assert segments.horizontalHeaderItem(0).text() == "Ryhmä"
    assert segments.item(0, 0).text() == "Vakituiset, suurostajat"
    assert find(screen, QLabel, "Parhaat 20 %: määrä").text() == "Parhaat 20 %: 2 asiakasta"
    assert "Henkilökunnan kortit on jätetty pois" in find(screen, QLabel, "Tila").text()


def test_romanian_counts_take_their_three_forms(qtbot: QtBot, owner: Session) -> None:
    catalogues.start("ro")
    panel = CustomerListPanel(owner, "Pierduți")
    qtbot.addWidget(panel)
    said = []
    for count in (1, 2, 20):
        panel.set_list(CustomerList("Pierduți", list(range(1, count + 1))))
        said.append(panel.heading.text())
    assert said == ["Pierduți: 1 client", "Pierduți: 2 clienți", "Pierduți: 20 de clienți"]


def test_in_hebrew_the_screen_and_its_charts_read_from_the_right(
    qtbot: QtBot, owner: Session, known: dict[str, int]
) -> None:
    catalogues.start("he")
    screen = open_screen(qtbot, owner)
    assert screen.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert screen.pareto_chart.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert screen.segment_chart.layoutDirection() == Qt.LayoutDirection.RightToLeft
    # the first segment is chosen and listed (selectRow chose nothing in a mirrored table)
    heading = "\u2068קבועים, קונים גדולים\u2069: \u20682\u2069 לקוחות"
    assert screen.segment_panel.heading.text() == heading


def test_a_right_to_left_chart_puts_the_best_customers_on_the_right(qtbot: QtBot) -> None:
    """The shaded top 20% starts at the left edge of the plot in English and at the right edge
    in Hebrew: the same pixel row, mirrored."""
    images = {}
    for direction in (Qt.LayoutDirection.LeftToRight, Qt.LayoutDirection.RightToLeft):
        chart = ParetoChart()
        qtbot.addWidget(chart)
        chart.setLayoutDirection(direction)
        chart.resize(600, 400)
        chart.set_pareto(None)
        images[direction] = chart.grab().toImage()
    ltr, rtl = images[Qt.LayoutDirection.LeftToRight], images[Qt.LayoutDirection.RightToLeft]
    x, y = 90, 140  # inside the top 20% band of a 600-pixel chart, read from the left
    background = ltr.pixelColor(590 - x, y)
    assert ltr.pixelColor(x, y) != background
    assert rtl.pixelColor(600 - 1 - x, y) == ltr.pixelColor(x, y)
    assert rtl.pixelColor(x, y) != ltr.pixelColor(x, y)
