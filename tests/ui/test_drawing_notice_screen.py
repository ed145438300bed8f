"""Before the draw the screen shows, and prints, the notice that binds it."""

from __future__ import annotations

import re
from pathlib import Path

from pypdf import PdfReader
from PySide6.QtWidgets import QComboBox, QLabel, QPushButton
from pytestqt.qtbot import QtBot

from shopcards.services import drawing, drawing_notice
from shopcards.services.session import Session
from shopcards.ui.drawing.screen import DrawingScreen
from tests.ui.conftest import find

OCTOBER = "2026-10"


def test_an_ended_month_shows_its_commitment_before_the_draw_and_prints_it(
    qtbot: QtBot, shop: Session, tmp_path: Path
) -> None:
    for (customer_id,) in shop.db.execute("SELECT id FROM customers").fetchall():
        drawing.enter_drawing(shop, customer_id, OCTOBER)
    screen = DrawingScreen(shop)
    qtbot.addWidget(screen)
    screen.show()
    qtbot.waitExposed(screen)
    month = find(screen, QComboBox, "Month")
    month.setCurrentIndex(month.findText("October 2026"))
    notice = drawing_notice.get_notice(shop, OCTOBER)
    assert notice is not None  # opening the ended month published it
    proof = find(screen, QLabel, "Proof").text()
    assert f"Commitment to the seed: {notice.commitment}" in proof
    assert f"Entry list SHA-256: {notice.entries_sha256}" in proof
    button = find(screen, QPushButton, "Print the drawing notice")
    assert button.text() == "Print the drawing notice…" and button.isEnabled()

    out = tmp_path / "notice.pdf"
    screen.print_published_notice(out)
    text = re.sub(r"\s+", "", PdfReader(out).pages[0].extract_text())
    assert notice.commitment in text and notice.entries_sha256 in text
    assert "7customerstakepart" in text

    result = drawing.draw(shop, OCTOBER)
    assert result.commitment == notice.commitment
