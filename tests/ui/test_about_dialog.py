"""The About box: the version, the open card file and its backups, what ships under which
licence, and the texts."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)
from pytestqt.qtbot import QtBot

from shopcards import __version__, paths
from shopcards.ui.cabinet.about_dialog import AboutDialog
from shopcards.ui.cabinet.main_window import MainWindow
from tests.ui.conftest import ModalAnswers, find

# what the issue names, as each package's own metadata states it
EXPECTED_LICENCES = {
    "shopcards": "MIT",
    "Qt": "LGPL-3.0-only",
    "PySide6_Essentials": "LGPL-3.0-only OR GPL-2.0-only OR GPL-3.0-only",
    "reportlab": "BSD",
    "sqlite-utils": "Apache-2.0",
    "python-bidi": "LGPL",
    "babel": "BSD-3-Clause",
    "phonenumbers": "Apache-2.0",
    "platformdirs": "MIT",
    "Noto Sans fonts": "OFL-1.1",
}


@pytest.fixture
def about(qtbot: QtBot) -> AboutDialog:
    dialog = AboutDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def cell(table: QTableWidget, row: int, column: int) -> QTableWidgetItem:
    item = table.item(row, column)
    assert item is not None
    return item


def rows(table: QTableWidget) -> dict[str, tuple[str, str]]:
    """Component name -> (version, licence), as the table shows them."""
    return {
        cell(table, r, 0).text(): (cell(table, r, 1).text(), cell(table, r, 2).text())
        for r in range(table.rowCount())
    }


def pick(qtbot: QtBot, table: QTableWidget, name: str) -> None:
    """Click the row of ``name`` as a person would."""
    item = next(
        cell(table, r, 0) for r in range(table.rowCount()) if cell(table, r, 0).text() == name
    )
    table.scrollToItem(item)
    rect = table.visualItemRect(item)
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_the_about_box_names_the_version_and_the_data_folder(
    about: AboutDialog, tmp_path: Path
) -> None:
    assert __version__ in find(about, QLabel, "Version").text()
    # SHOPCARDS_HOME points the data folder into the test's own folder (tests/conftest.py)
    assert str(tmp_path / "home") in find(about, QLabel, "Card file").text()


def test_the_about_box_names_the_open_card_file_and_its_backups(
    window: MainWindow, db_path: Path, modals: ModalAnswers
) -> None:
    said: list[str] = []

    def read(dialog: QWidget) -> None:
        said.append(find(dialog, QLabel, "Card file").text())
        dialog.close()

    modals.then(read)
    window.about_action.trigger()
    assert str(db_path) in said[0]
    assert str(db_path.parent / "backups" / db_path.stem) in said[0]
    assert str(paths.data_dir()) not in said[0]


def test_it_lists_what_ships_with_each_licence(about: AboutDialog) -> None:
    shown = rows(find(about, QTableWidget, "What shopcards ships"))
    assert shown["shopcards"][0] == __version__
    assert {name: shown[name][1] for name in EXPECTED_LICENCES} == EXPECTED_LICENCES
    assert shown["Qt"][0].startswith("6.")
    assert "pytest" not in shown, "test tools are not shipped"


def test_picking_a_component_shows_its_licence_text(qtbot: QtBot, about: AboutDialog) -> None:
    table = find(about, QTableWidget, "What shopcards ships")
    text = find(about, QPlainTextEdit, "Licence text")
    assert "MIT License" in text.toPlainText(), "shopcards' own licence shows first"
    pick(qtbot, table, "PySide6_Essentials")
    assert "GNU LESSER GENERAL PUBLIC LICENSE" in text.toPlainText()
    assert "may be replaced" in text.toPlainText()
    pick(qtbot, table, "sqlite-utils")
    assert "Apache License" in text.toPlainText()
    pick(qtbot, table, "Noto Sans fonts")
    assert "SIL OPEN FONT LICENSE" in text.toPlainText().upper()


def test_copy_list_puts_every_component_on_the_clipboard(qtbot: QtBot, about: AboutDialog) -> None:
    qtbot.mouseClick(find(about, QPushButton, "Copy list"), Qt.MouseButton.LeftButton)
    copied = QGuiApplication.clipboard().text().splitlines()
    assert f"shopcards {__version__}: MIT" in copied
    assert len(copied) == find(about, QTableWidget, "What shopcards ships").rowCount()


def test_close_closes(qtbot: QtBot, about: AboutDialog) -> None:
    qtbot.mouseClick(find(about, QPushButton, "Close"), Qt.MouseButton.LeftButton)
    assert not about.isVisible()
