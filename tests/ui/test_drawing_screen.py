"""The prize drawing screen, used as the owner would: pick a month, draw, skip, print."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QTabWidget,
    QWidget,
)
from pytestqt.qtbot import QtBot

from shopcards.core.errors import PermissionDenied
from shopcards.services import drawing
from shopcards.services.session import Session
from shopcards.ui.drawing.log import DrawingLog
from shopcards.ui.drawing.screen import BEFORE_DRAW, DrawingScreen, open_drawing_screen
from tests.conftest import publish_and_draw
from tests.ui.conftest import SHOP_CARDS, ModalAnswers, find

OCTOBER = "2026-10"


@pytest.fixture
def entered(shop: Session) -> Session:
    """The shop's seven customers, all entered in October 2026 (the clock: 23 November)."""
    for (customer_id,) in shop.db.execute("SELECT id FROM customers").fetchall():
        drawing.enter_drawing(shop, customer_id, OCTOBER)
    return shop


def open_screen(qtbot: QtBot, session: Session) -> DrawingScreen:
    screen = DrawingScreen(session)
    qtbot.addWidget(screen)
    screen.show()
    qtbot.waitExposed(screen)
    return screen


def pick_month(screen: DrawingScreen, name: str) -> None:
    month = find(screen, QComboBox, "Month")
    index = month.findText(name)
    assert index >= 0, f"{name} is not in the month list"
    month.setCurrentIndex(index)


def label(screen: DrawingScreen, name: str) -> str:
    return find(screen, QLabel, name).text()


def press(screen: QWidget, name: str) -> None:
    find(screen, QPushButton, name).click()


def test_the_owner_draws_a_month_and_sees_the_winner(qtbot: QtBot, entered: Session) -> None:
    screen = open_screen(qtbot, entered)
    pick_month(screen, "October 2026")
    assert label(screen, "Number of entries") == "7 entries from 7 customers"
    names = find(screen, QListWidget, "Entries")
    assert names.count() == 7 and names.item(0).text().startswith("O'Brien, Siobhán")
    assert label(screen, "Winner") == BEFORE_DRAW

    press(screen, "Draw")
    assert find(screen, QPushButton, "Skip").isVisible()
    press(screen, "Skip")

    result = drawing.get_drawing(entered, OCTOBER)
    assert result is not None and result.winner is not None
    assert label(screen, "Winner") == result.winner.full_name
    assert f"Card {result.winner.card_no}" in label(screen, "Winner's card")
    picks = label(screen, "Winner and alternates").splitlines()
    assert picks[0] == f"Winner: {result.picks[0].name} (card {result.picks[0].card_no})"
    assert len(picks) == 4
    assert label(screen, "Status").startswith("Drawn on ")
    assert "Congratulations" in label(screen, "Message")
    assert not [b for b in screen.findChildren(QPushButton) if b.text() == "Draw" and b.isVisible()]
    assert result.seed_hex in label(screen, "Proof")


def test_the_names_roll_and_stop_on_the_winner_by_themselves(
    qtbot: QtBot, entered: Session
) -> None:
    screen = open_screen(qtbot, entered)
    press(screen, "Draw")
    roll = find(screen, QLabel, "Winner")
    everyone = {f"{given} {family}" for given, family, _, _ in SHOP_CARDS}
    assert roll.text() in everyone
    qtbot.waitUntil(lambda: label(screen, "Status").startswith("Drawn on"), timeout=4000)
    result = drawing.get_drawing(entered, OCTOBER)
    assert result is not None and result.winner is not None
    assert roll.text() == result.winner.full_name


def test_choosing_another_month_while_the_names_roll_shows_that_month(
    qtbot: QtBot, entered: Session
) -> None:
    screen = open_screen(qtbot, entered)
    press(screen, "Draw")
    pick_month(screen, "September 2026")
    assert (
        label(screen, "Status") == "September 2026 has not been drawn yet. A month is drawn once."
    )
    assert label(screen, "Message") == ""
    pick_month(screen, "October 2026")
    assert label(screen, "Status").startswith("Drawn on ")  # the draw was saved all the same


def test_a_month_with_no_entries_says_so_and_cannot_be_drawn(
    qtbot: QtBot, entered: Session
) -> None:
    screen = open_screen(qtbot, entered)
    pick_month(screen, "September 2026")
    assert label(screen, "Number of entries") == "Nobody has entered the September 2026 drawing."
    assert not find(screen, QPushButton, "Draw").isEnabled()
    assert find(screen, QListWidget, "Entries").count() == 0


def test_a_drawn_month_opens_on_its_result(qtbot: QtBot, entered: Session) -> None:
    result = publish_and_draw(entered, OCTOBER)
    screen = open_screen(qtbot, entered)
    pick_month(screen, "October 2026")
    assert result.winner is not None
    assert label(screen, "Winner") == result.winner.full_name
    assert "(as frozen at the draw)" in label(screen, "Number of entries")
    press(screen, "Check the drawing")
    assert label(screen, "Message").startswith("Verified:")


def test_next_alternate_asks_why_and_shows_who_wins_now(
    qtbot: QtBot, entered: Session, modals: ModalAnswers
) -> None:
    first = publish_and_draw(entered, OCTOBER)
    screen = open_screen(qtbot, entered)
    pick_month(screen, "October 2026")

    def answer(dialog: QWidget) -> None:
        assert isinstance(dialog, QInputDialog)
        reason = dialog.findChild(QLineEdit)
        assert reason is not None
        reason.setText("moved abroad")
        dialog.accept()

    modals.then(answer)
    press(screen, "Next alternate")
    qtbot.waitUntil(modals.all_answered)
    picks = label(screen, "Winner and alternates").splitlines()
    assert picks[0].endswith("— not reached (moved abroad)")
    assert picks[1].endswith("— the winner now")
    assert first.picks[1].name in picks[1]

    tabs = find(screen, QTabWidget, "Drawing pages")
    tabs.setCurrentIndex(next(i for i in range(tabs.count()) if tabs.tabText(i) == "Log"))
    [row] = find(screen, DrawingLog, "Drawing log").texts()
    assert row[:3] == ["October 2026", "7", first.picks[1].name]
    assert row[3] == f"{first.picks[0].name} (moved abroad)"


def test_the_letter_and_notice_are_saved_where_the_owner_says(
    qtbot: QtBot, entered: Session, modals: ModalAnswers, tmp_path: Path
) -> None:
    publish_and_draw(entered, OCTOBER)
    screen = open_screen(qtbot, entered)
    pick_month(screen, "October 2026")
    find(screen, QLineEdit, "Prize").setText("a hamper of Finnish sweets")

    def save_as(path: Path) -> object:
        def answer(dialog: QWidget) -> None:
            assert isinstance(dialog, QFileDialog)
            name = next(
                edit
                for edit in dialog.findChildren(QLineEdit)
                if edit.objectName() == "fileNameEdit"
            )
            name.setText(str(path))
            dialog.accept()

        return answer

    # the till slips gave no street: the letter is refused, saying why, and nothing is written
    modals.then(save_as(tmp_path / "refused.pdf"))  # type: ignore[arg-type]
    press(screen, "Print winner's letter")
    qtbot.waitUntil(modals.all_answered)
    assert "cannot go by post: address has no street" in label(screen, "Message")
    assert not (tmp_path / "refused.pdf").exists()
    with entered.card_file.write() as db:
        db.execute("UPDATE customers SET address = 'Kauppakatu 1'")

    for button, path in (
        ("Print winner's letter", tmp_path / "letter.pdf"),
        ("Print shop-window notice", tmp_path / "notice.pdf"),
    ):
        modals.then(save_as(path))  # type: ignore[arg-type]
        press(screen, button)
        qtbot.waitUntil(modals.all_answered)
        qtbot.waitUntil(path.exists)
        assert str(path) in label(screen, "Message")

    from pypdf import PdfReader

    assert (
        "a hamper of Finnish sweets" in PdfReader(tmp_path / "letter.pdf").pages[0].extract_text()
    )


def test_the_clerk_cannot_open_the_drawing(
    qtbot: QtBot, entered: Session, clerk: Session, modals: ModalAnswers
) -> None:
    with pytest.raises(PermissionDenied, match="Only the owner may open the prize drawing"):
        DrawingScreen(clerk)
    told: list[str] = []

    def read_and_close(dialog: QWidget) -> None:
        told.append(find(dialog, QLabel, "Message").text())
        dialog.close()

    modals.then(read_and_close)
    assert open_drawing_screen(clerk) is None
    qtbot.waitUntil(modals.all_answered)
    assert told and told[0].startswith("Only the owner may open the prize drawing")
