"""The insights screen as the owner uses it, on the shop whose figures are known by hand
(tests.services.test_insights): read the lists, open a card, log a call, export, print."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTableView,
    QTableWidget,
    QTabWidget,
    QWidget,
)
from pytestqt.qtbot import QtBot

from shopcards.core.calls import CallInput, Outcome
from shopcards.services import calls
from shopcards.services.session import Session
from shopcards.ui.card.call_dialog import CallsPane
from shopcards.ui.insights.lists import CustomerListPanel
from shopcards.ui.insights.screen import InsightsScreen, open_insights_screen
from shopcards.ui.kit.error_dialog import ErrorDialog
from tests.services.test_insights import build_known_shop, send_batch
from tests.ui.conftest import ModalAnswers, find


@pytest.fixture
def known(owner: Session) -> dict[str, int]:
    return build_known_shop(owner)


def open_screen(qtbot: QtBot, session: Session) -> InsightsScreen:
    """The screen, once its figures are in (they are added up on a worker thread, and the
    result only reaches the window through its event loop, so nothing is missed here)."""
    screen = InsightsScreen(session)
    qtbot.addWidget(screen)
    screen.resize(1280, 800)
    screen.show()
    with qtbot.waitSignal(screen.loaded, timeout=20000):
        pass
    qtbot.waitExposed(screen)
    return screen


def go_to(qtbot: QtBot, screen: QWidget, tab: str) -> None:
    tabs = find(screen, QTabWidget, "Insights pages")
    index = next(i for i in range(tabs.count()) if tabs.tabText(i) == tab)
    QTest.mouseClick(
        tabs.tabBar(), Qt.MouseButton.LeftButton, pos=tabs.tabBar().tabRect(index).center()
    )
    assert tabs.currentIndex() == index


def panel(screen: QWidget, title: str) -> CustomerListPanel:
    return find(screen, CustomerListPanel, title)


def names_in(list_panel: CustomerListPanel) -> list[str]:
    table = find(list_panel, QTableView, list_panel.title)
    model = table.model()
    return [model.index(row, 0).data() for row in range(model.rowCount())]


def click_row(table: QTableView, row: int, double: bool = False) -> None:
    centre: QPoint = table.visualRect(table.model().index(row, 0)).center()
    click = QTest.mouseDClick if double else QTest.mouseClick
    if double:
        QTest.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    click(table.viewport(), Qt.MouseButton.LeftButton, pos=centre)


def cell(table: QTableWidget, row: int, column: int) -> str:
    item = table.item(row, column)
    assert item is not None, f"no cell at {row}, {column}"
    return item.text()


def press(root: QWidget, name: str) -> None:
    find(root, QPushButton, name).click()


def save_as(path: Path) -> object:
    def answer(dialog: QWidget) -> None:
        assert isinstance(dialog, QFileDialog)
        name = next(e for e in dialog.findChildren(QLineEdit) if e.objectName() == "fileNameEdit")
        name.setText(str(path))
        dialog.accept()

    return answer


CALLS_EMPTY = "No calls logged yet — “Log a call…” keeps what a customer said on the phone."
CALLS_OWNERS = "Calls are the owner's: switch to owner mode to see them."


def test_the_80_20_page_shows_both_groups(
    qtbot: QtBot, owner: Session, known: dict[str, int]
) -> None:
    screen = open_screen(qtbot, owner)
    summary = find(screen, QLabel, "80/20 summary").text()
    assert summary.startswith("8 customers bought for €2,970.00")
    assert "The top 20% (2 customers) made 67.3% of those sales" in summary
    assert "the next 40% (3) made 29.0%" in summary
    top, following = panel(screen, "Top 20%"), panel(screen, "Next 40%")
    assert find(top, QLabel, "Top 20%: count").text() == "Top 20%: 2 customers"
    assert names_in(top) == ["Known, Anna", "Known, Bo"]
    assert names_in(following) == ["Known, Eli", "Known, Fay", "Known, Cai"]
    assert "67.3%" in find(screen, QWidget, "80/20 chart").accessibleDescription()
    assert "Staff cards are left out" in find(screen, QLabel, "Status").text()


def test_another_period_is_added_up_again(
    qtbot: QtBot, owner: Session, known: dict[str, int]
) -> None:
    screen = open_screen(qtbot, owner)
    period = find(screen, QComboBox, "80/20 period")
    with qtbot.waitSignal(screen.loaded, timeout=20000):
        period.setCurrentText("Last year")
        period.activated.emit(period.currentIndex())
    assert names_in(panel(screen, "Top 20%")) == ["Known, Bo"]  # 2025: Bo 160 €, Anna 100 €
    assert names_in(panel(screen, "Next 40%")) == ["Known, Anna"]


def test_segments_list_the_chosen_segment(
    qtbot: QtBot, owner: Session, known: dict[str, int]
) -> None:
    screen = open_screen(qtbot, owner)
    go_to(qtbot, screen, "Segments")
    table = find(screen, QTableWidget, "Segments")
    rows = [[cell(table, r, c) for c in range(3)] for r in range(table.rowCount())]
    assert rows == [  # 2/9 and 1/9 of the customers, rounded to add up to 100%
        ["Regular, heavy", "2", "22.3%"],
        ["Regular, light", "2", "22.2%"],
        ["Infrequent, heavy", "2", "22.2%"],
        ["Infrequent, light", "2", "22.2%"],
        ["Former", "1", "11.1%"],
    ]
    assert cell(table, 0, 3) == "67.3%"
    assert names_in(panel(screen, "Regular, heavy")) == ["Known, Anna", "Known, Bo"]
    QTest.mouseClick(
        table.viewport(),
        Qt.MouseButton.LeftButton,
        pos=table.visualRect(table.model().index(4, 0)).center(),
    )
    assert names_in(panel(screen, "Former")) == ["Known, Ida"]
    assert "more than 4 visits" in find(screen, QLabel, "Thresholds").text()


def test_the_owners_thresholds_change_the_segments(
    qtbot: QtBot, owner: Session, known: dict[str, int], modals: ModalAnswers
) -> None:
    screen = open_screen(qtbot, owner)

    def set_thresholds(dialog: QWidget) -> None:
        find(dialog, QComboBox, "Former after").setCurrentText("6 months")
        find(dialog, QSpinBox, "Regular: more visits than").setValue(1)
        find(dialog, QLineEdit, "Heavy: more spend than").setText("100")
        press(dialog, "Save")

    modals.then(set_thresholds)
    with qtbot.waitSignal(screen.loaded, timeout=20000):
        press(screen, "Thresholds…")
    go_to(qtbot, screen, "Segments")
    table = find(screen, QTableWidget, "Segments")
    assert cell(table, 4, 1) == "2"  # Fay and Ida
    assert (
        "more than 1 visit in the last 12 months (your threshold)"
        in find(screen, QLabel, "Thresholds").text()
    )
    assert owner.settings.heavy_spend == 10_000


def test_a_call_from_the_lapsed_list(
    qtbot: QtBot, owner: Session, known: dict[str, int], modals: ModalAnswers
) -> None:
    screen = open_screen(qtbot, owner)
    go_to(qtbot, screen, "Lapsed")
    lapsed = panel(screen, "Lapsed")
    assert names_in(lapsed) == ["Known, Fay", "Known, Ida"]
    assert not find(lapsed, QPushButton, "Call…").isEnabled()
    click_row(find(lapsed, QTableView, "Lapsed"), 0)

    def log(dialog: QWidget) -> None:
        find(dialog, QComboBox, "Outcome").setCurrentText("Left a message")
        find(dialog, QPlainTextEdit, "Reason they gave").setPlainText("Moved to Tampere")
        find(dialog, QCheckBox, "Complaint").setChecked(True)
        find(dialog, QCheckBox, "Follow up").setChecked(True)
        press(dialog, "Save")

    modals.then(log)
    press(lapsed, "Call…")
    qtbot.waitUntil(modals.all_answered)
    assert find(lapsed, QLabel, "Message").text() == "Call to Fay Known logged."
    [call] = calls.calls_for(owner, known["Fay"])
    assert (call.outcome, call.reason, call.complaint) == (
        Outcome.LEFT_MESSAGE,
        "Moved to Tampere",
        True,
    )
    assert call.follow_up_on == "2026-12-07"


def test_open_card_from_a_list(qtbot: QtBot, owner: Session, known: dict[str, int]) -> None:
    screen = open_screen(qtbot, owner)
    go_to(qtbot, screen, "Declining")
    table = find(panel(screen, "Declining"), QTableView, "Declining")
    with qtbot.waitSignal(screen.openCardRequested) as opened:
        click_row(table, 1, double=True)
    assert opened.args == [known["Fay"]]


def test_export_a_list_to_csv(
    qtbot: QtBot, owner: Session, known: dict[str, int], modals: ModalAnswers, tmp_path: Path
) -> None:
    screen = open_screen(qtbot, owner)
    go_to(qtbot, screen, "Declining")
    declining = panel(screen, "Declining")
    path = tmp_path / "declining.csv"
    modals.then(save_as(path))  # type: ignore[arg-type]
    press(declining, "Export CSV…")
    qtbot.waitUntil(path.exists)
    with path.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    assert [row[1] for row in rows[1:]] == ["Known, Bo", "Known, Fay"]
    assert find(declining, QLabel, "Message").text() == f"Saved 2 rows to {path}."


def test_due_for_a_letter_goes_straight_to_a_letter_batch(
    qtbot: QtBot, owner: Session, known: dict[str, int]
) -> None:
    send_batch(owner, "2026-10-15T09:00:00", [known["Bo"]], [known["Cai"]])
    screen = open_screen(qtbot, owner)
    go_to(qtbot, screen, "Due for contact")
    letters = panel(screen, "No letter this quarter")
    assert names_in(letters) == ["Known, Anna", "Known, Jon"]
    assert names_in(panel(screen, "No call in 6 months")) == [
        "Known, Eli",
        "Known, Dana",
        "Known, Gus",
    ]  # 400 €, 60 €, 30 € a year
    with qtbot.waitSignal(screen.letterBatchRequested) as asked:
        press(letters, "Letter batch…")
    assert asked.args == [[known["Anna"], known["Jon"]]]


def test_did_it_work_shows_the_uplift(qtbot: QtBot, owner: Session, known: dict[str, int]) -> None:
    send_batch(
        owner,
        "2026-09-01T09:00:00",
        [known[n] for n in ("Anna", "Bo", "Dana", "Hal", "Ida")],
        [known["Cai"], known["Gus"]],
    )
    screen = open_screen(qtbot, owner)
    go_to(qtbot, screen, "Did it work?")
    table = find(screen, QTableWidget, "Letter batches")
    assert [cell(table, 0, c) for c in range(table.columnCount())] == [
        "1 Sept 2026",
        "We miss you",
        "chosen cards",
        "5",
        "2",
        "60.0% / 50.0%",
        "60.0% / 50.0%",
        "+10.0 pts",
        "+10.0 pts",
    ]


def test_print_the_screen_as_a_one_page_report(
    qtbot: QtBot, owner: Session, known: dict[str, int], modals: ModalAnswers, tmp_path: Path
) -> None:
    from pypdf import PdfReader

    screen = open_screen(qtbot, owner)
    path = tmp_path / "report.pdf"
    modals.then(save_as(path))  # type: ignore[arg-type]
    press(screen, "Print report…")
    qtbot.waitUntil(path.exists)
    pages = PdfReader(path).pages
    assert len(pages) == 1
    text = pages[0].extract_text()
    assert "Customer insights" in text and "Known, Fay" in text
    assert str(path) in find(screen, QLabel, "Status message").text()


def test_the_clerk_is_told_insights_are_the_owners(
    qtbot: QtBot, owner: Session, clerk: Session, modals: ModalAnswers
) -> None:
    seen: list[str] = []

    def read(dialog: QWidget) -> None:
        assert isinstance(dialog, ErrorDialog)
        seen.append(find(dialog, QLabel, "Message").text())
        dialog.accept()

    modals.then(read)
    assert open_insights_screen(clerk) is None
    assert seen and seen[0].startswith("Only the owner may see what the customers buy")


def test_the_calls_pane_follows_the_open_card(
    qtbot: QtBot, owner: Session, clerk: Session, known: dict[str, int]
) -> None:
    calls.log_call(
        owner,
        known["Eli"],
        CallInput("reached", "2026-08-01", "Liked the tea", False, "2026-12-01"),
    )
    pane = CallsPane(owner)
    qtbot.addWidget(pane)
    pane.show()
    pane.show_customer(known["Eli"])
    assert find(pane, QLabel, "Calls summary").text() == (
        "1 call; the last on 1 Aug 2026 (reached). Follow up on 1 Dec 2026."
    )
    table = find(pane, QTableWidget, "Calls")
    assert [cell(table, 0, c) for c in range(3)] == ["1 Aug 2026", "Reached", "Liked the tea"]
    pane.show_customer(known["Anna"])
    assert find(pane, QLabel, CALLS_EMPTY).isVisible()  # in the table's place
    at_till = CallsPane(clerk)
    qtbot.addWidget(at_till)
    at_till.show()
    at_till.show_customer(known["Eli"])
    assert find(at_till, QLabel, CALLS_OWNERS).isVisible()
    assert not find(at_till, QPushButton, "Log a call…").isEnabled()
