"""ui/kit/qt_words.py holds Qt's own words exactly as Qt asks for them: a source text or a
context off by one letter (a missing "&", "..." for "…") would never be asked for, and the
Romanian or Armenian window would show it in English."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QCoreApplication, QPoint, QTranslator
from PySide6.QtWidgets import (
    QApplication,
    QDialogButtonBox,
    QFileDialog,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QTextBrowser,
)
from pytestqt.qtbot import QtBot

from shopcards.ui.kit import qt_words


class Listener(QTranslator):
    """Notes every word Qt asks a translator for, and answers none."""

    def __init__(self) -> None:
        super().__init__()
        self.asked: set[tuple[str, str]] = set()

    def translate(
        self, context: str, source: str, disambiguation: str | None = None, n: int = -1
    ) -> str | None:
        self.asked.add((context, source))
        return None

    def isEmpty(self) -> bool:
        return False


@pytest.fixture
def listener(qapp: QApplication) -> Iterator[Listener]:
    listening = Listener()
    QCoreApplication.installTranslator(listening)
    yield listening
    QCoreApplication.removeTranslator(listening)


def test_qt_asks_for_every_word_we_carry(qtbot: QtBot, listener: Listener) -> None:
    buttons = QDialogButtonBox()
    qtbot.addWidget(buttons)
    for standard in QDialogButtonBox.StandardButton:
        if standard.name not in {"NoButton", "FirstButton", "LastButton", "Default", "Escape"}:
            buttons.addButton(standard)
    QLineEdit().createStandardContextMenu()
    QPlainTextEdit("some text").createStandardContextMenu()  # a box of lines: Undo … Delete
    browser = QTextBrowser()
    qtbot.addWidget(browser)
    browser.setHtml("<a href='https://example.com'>a link</a>")
    browser.createStandardContextMenu(browser.cursorRect().center() + QPoint(2, 2))
    box = QMessageBox()
    qtbot.addWidget(box)
    box.setDetailedText("the details")
    box.show()
    details = next(b for b in box.findChildren(QPushButton) if "Details" in b.text())
    details.click()  # "Hide Details..."
    box.hide()
    for mode in (QFileDialog.AcceptMode.AcceptOpen, QFileDialog.AcceptMode.AcceptSave):
        dialog = QFileDialog()
        qtbot.addWidget(dialog)
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
        dialog.setAcceptMode(mode)
        dialog.show()
        qtbot.waitExposed(dialog)
        dialog.hide()
    carried = qt_words.BUTTONS + qt_words.TEXT_MENUS + qt_words.MESSAGE_BOX + qt_words.FILE_DIALOG
    assert sorted(set(carried) - listener.asked) == []
