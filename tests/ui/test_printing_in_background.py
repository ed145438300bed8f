"""Printing from the letters screen never freezes the window: pages are drawn and spooled on a
worker thread, the window's event loop keeps running, and the progress dialog's Cancel stops
the job part-way."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QPushButton
from pytestqt.qtbot import QtBot

from shopcards.services import demo
from shopcards.services.session import Session
from shopcards.ui.letters.screen import LettersScreen
from tests.ui.conftest import find

CUSTOMERS = 380
"""A demo shop of this many sends some 200 welcome letters: pages enough that printing them
all takes many seconds."""


def pdf_printer(path: Path) -> QPrinter:
    """A printer that writes a PDF file, as the system's print dialog sets up "Print to file"."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    return printer


def big_preview(qtbot: QtBot, owner: Session) -> LettersScreen:
    """The letters screen showing the welcome letters of a demo shop."""
    demo.build_demo(owner, CUSTOMERS, with_purchases=False)
    screen = LettersScreen(owner)
    qtbot.addWidget(screen)
    screen.resize(1024, 768)
    screen.show()
    qtbot.waitExposed(screen)
    template = find(screen, QComboBox, "Template")
    # the list names each template's language too: "Welcome letter (English)"
    template.setCurrentIndex(template.findText("Welcome letter", Qt.MatchFlag.MatchStartsWith))
    find(screen, QPushButton, "Preview").click()
    qtbot.waitUntil(lambda: screen.preview.page_count > 0, timeout=60000)
    return screen


def test_the_window_keeps_working_while_pages_print_and_cancel_stops_the_job(
    qtbot: QtBot, owner: Session, tmp_path: Path
) -> None:
    screen = big_preview(qtbot, owner)
    total = screen.preview.page_count
    assert total >= 150
    ticks: list[int] = []
    clock = QTimer()
    clock.timeout.connect(lambda: ticks.append(len(ticks)))
    clock.start(20)
    notes = QLineEdit()  # another window of the program, e.g. the cabinet's search box
    notes.setAccessibleName("Notes")
    qtbot.addWidget(notes)
    notes.show()
    out = tmp_path / "printed.pdf"

    task = screen.print_to(pdf_printer(out))
    assert task is not None and task.running  # print_to came back while the job goes on
    try:
        qtbot.waitUntil(lambda: task.dialog.isVisible() and task.reached.done >= 1, timeout=30000)
        ticks_then, pages_then = len(ticks), task.reached.done
        qtbot.keyClicks(notes, "still typing")
        qtbot.waitUntil(lambda: task.reached.done >= pages_then + 1, timeout=30000)
        assert len(ticks) > ticks_then  # the event loop ran while the next page went
        assert notes.text() == "still typing"
        cancel = find(task.dialog, QPushButton, "Cancel")
        with qtbot.waitSignal(task.done, timeout=30000):
            qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)
            said = task.dialog.labelText()
    finally:  # a failed check must not leave the job printing into the next test's window
        clock.stop()
        if task.running:
            task.token.cancel()
            qtbot.waitUntil(lambda: not task.running, timeout=60000)
    assert said == "Cancelling… the printer is told to stop after this page."

    sent = task.reached.done
    assert 2 <= sent < total  # stopped part-way, not after the last page
    message = find(screen, QLabel, "Message").text()
    assert message == (
        f"Cancelled: printing stopped after {sent:,} of {total:,} pages; "
        "nothing was recorded as sent."
    )
    assert not out.exists()  # the half-written print file went with the job
