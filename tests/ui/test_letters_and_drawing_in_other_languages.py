"""The letters and drawing screens speak the window's language, Hebrew right to left, while the
template list offers the templates of the shop's letters' language first (issue 15)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QComboBox, QLabel, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from shopcards.services import catalogues, drawing
from shopcards.services.session import Session
from shopcards.services.settings import update_settings
from shopcards.ui.drawing.screen import DrawingScreen
from shopcards.ui.letters.screen import LettersScreen
from tests.letters_shop import build_shop
from tests.ui.conftest import find

OCTOBER = "2026-10"


@pytest.fixture
def right_to_left() -> Iterator[None]:
    """The window mirrored as the application does for Hebrew, and back after the test."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    app.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
    yield
    app.setLayoutDirection(Qt.LayoutDirection.LeftToRight)


def show(qtbot: QtBot, screen: QWidget) -> QWidget:
    qtbot.addWidget(screen)
    screen.resize(1024, 768)
    screen.show()
    qtbot.waitExposed(screen)
    return screen


def test_the_letters_screen_in_finnish_offers_the_finnish_templates_first(
    qtbot: QtBot, owner: Session
) -> None:
    build_shop(owner)
    update_settings(owner, locale="fi_FI")  # a Finnish shop: its letters are in Finnish
    catalogues.start("fi")
    screen = show(qtbot, LettersScreen(owner))
    preview = find(screen, QPushButton, "Esikatselu")
    assert preview.text() == "Esikatselu"
    templates = find(screen, QComboBox, "Pohja")
    assert templates.currentText() == "Arvonnan voittajan kirje (suomi)"
    offered = [templates.itemText(i) for i in range(templates.count())]
    assert "Welcome letter (English)" in offered  # another language is still there to choose


def test_the_letters_screen_in_hebrew_reads_right_to_left(
    qtbot: QtBot, owner: Session, right_to_left: None
) -> None:
    build_shop(owner)
    catalogues.start("he")
    screen = show(qtbot, LettersScreen(owner))
    assert screen.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert screen.windowTitle() == "מכתבים וכרטיסי ברכה"
    assert find(screen, QPushButton, "להדפיס…").isVisible()


def test_the_drawing_screen_counts_and_names_the_month_in_finnish(
    qtbot: QtBot, shop: Session
) -> None:
    for (customer_id,) in shop.db.execute("SELECT id FROM customers").fetchall():
        drawing.enter_drawing(shop, customer_id, OCTOBER)
    catalogues.start("fi")
    screen = show(qtbot, DrawingScreen(shop))
    month = find(screen, QComboBox, "Kuukausi")
    month.setCurrentIndex(month.findText("lokakuu 2026"))
    count = find(screen, QLabel, "Osallistumisten määrä").text()
    assert count == "7 arvontalipuketta, 7 asiakasta"
    assert find(screen, QPushButton, "Arvo").isVisible()


def test_the_drawing_screen_in_hebrew_reads_right_to_left(
    qtbot: QtBot, shop: Session, right_to_left: None
) -> None:
    catalogues.start("he")
    screen = show(qtbot, DrawingScreen(shop))
    assert screen.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert screen.windowTitle() == "הגרלה"
    assert find(screen, QComboBox, "חודש").currentText().endswith("2026")
