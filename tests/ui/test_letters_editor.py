"""The template editor and the letterhead settings, as the owner uses them."""

from __future__ import annotations

from pathlib import Path

from PIL import Image
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QWidget,
)
from pytestqt.qtbot import QtBot

from shopcards.core.templates import MERGE_FIELDS, TemplateKind
from shopcards.services import letters, templates
from shopcards.services.session import Session
from shopcards.ui.letters.letterhead import LetterSettingsDialog
from shopcards.ui.letters.screen import LettersScreen
from shopcards.ui.letters.template_editor import TemplateEditor
from tests.ui.conftest import ModalAnswers, find, type_text


def _show(qtbot: QtBot, widget: QWidget) -> None:
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)


def mistakes(editor: QWidget) -> str:
    return find(editor, QLabel, "Mistakes").text()


def test_a_misspelled_field_is_named_with_its_place_and_cannot_be_saved(
    qtbot: QtBot, owner: Session
) -> None:
    info = templates.get_template(owner, "letter_welcome")
    editor = TemplateEditor(owner, info)
    _show(qtbot, editor)
    text = find(editor, QPlainTextEdit, "Text")
    text.setFocus()
    text.moveCursor(QTextCursor.MoveOperation.End)
    for _ in range(2):
        qtbot.keyClick(text, Qt.Key.Key_Return)
    type_text(text, "See you soon, {gven_name}!")
    expected = (
        "Text, line 9, column 15: unknown merge field {gven_name}; did you mean {given_name}?"
    )
    qtbot.waitUntil(lambda: mistakes(editor) == expected)
    find(editor, QPushButton, "Save").click()
    assert editor.isVisible() and not templates.get_template(owner, "letter_welcome").edited

    for _ in range(len("{gven_name}!")):
        text.textCursor().deletePreviousChar()
    fields = find(editor, QListWidget, "Merge fields")
    assert fields.count() == len(MERGE_FIELDS)
    item = next(
        fields.item(i)
        for i in range(fields.count())
        if fields.item(i).text().startswith("{given_name}")
    )
    rect = fields.visualItemRect(item)
    qtbot.mouseClick(fields.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert text.toPlainText().endswith("See you soon, {given_name}")
    qtbot.waitUntil(lambda: mistakes(editor).startswith("No mistakes."))
    find(editor, QPushButton, "Save").click()
    assert editor.result() == QDialog.DialogCode.Accepted
    saved = templates.get_template(owner, "letter_welcome")
    assert saved.edited and saved.text.rstrip().endswith("See you soon, {given_name}")


def test_bold_wraps_the_chosen_words(qtbot: QtBot, owner: Session) -> None:
    editor = TemplateEditor(owner, None, TemplateKind.CARD)
    _show(qtbot, editor)
    text = find(editor, QPlainTextEdit, "Text")
    text.setPlainText("Happy days")
    cursor = text.textCursor()
    cursor.setPosition(6)
    cursor.setPosition(10, QTextCursor.MoveMode.KeepAnchor)
    text.setTextCursor(cursor)
    find(editor, QPushButton, "Bold").click()
    assert text.toPlainText() == "Happy **days**"
    assert find(editor, QLineEdit, "Front").isVisible()


def test_a_new_card_occasion_is_offered_as_a_greeting(
    qtbot: QtBot, owner: Session, modals: ModalAnswers
) -> None:
    screen = LettersScreen(owner)
    _show(qtbot, screen)
    template = find(screen, QComboBox, "Print")
    template.setCurrentIndex(template.findText("Greeting cards"))

    def write_card(dialog: QWidget) -> None:
        assert isinstance(dialog, TemplateEditor)
        find(dialog, QLineEdit, "Name").setText("Diwali card")
        find(dialog, QLineEdit, "Occasion").setText("Diwali")
        find(dialog, QLineEdit, "Front").setText("Happy Diwali")
        find(dialog, QPlainTextEdit, "Text").setPlainText("Dear {given_name},\n\nMay light win.")
        find(dialog, QPushButton, "Save").click()

    modals.then(write_card)
    find(screen, QPushButton, "New template…").click()
    qtbot.waitUntil(modals.all_answered)
    assert find(screen, QComboBox, "Template").currentText() == "Diwali card"
    assert "diwali" in letters.greeting_options(owner)
    send_to = find(screen, QComboBox, "Send to")
    send_to.setCurrentIndex(send_to.findText("Asked for the card"))
    which = find(screen, QComboBox, "Which")
    assert [which.itemText(i) for i in range(which.count())] == [
        "Christmas",
        "Hanukkah",
        "New year",
        "Diwali",
    ]


def test_the_letterhead_settings_name_each_problem_and_save(
    qtbot: QtBot, owner: Session, tmp_path: Path
) -> None:
    dialog = LetterSettingsDialog(owner)
    _show(qtbot, dialog)
    find(dialog, QLineEdit, "Logo").setText(str(tmp_path / "missing.png"))
    find(dialog, QPushButton, "Save").click()
    assert "cannot be found" in find(dialog, QLabel, "Logo problem").text()
    assert dialog.isVisible()
    Image.new("RGB", (200, 80), "navy").save(tmp_path / "logo.png")
    find(dialog, QLineEdit, "Logo").setText(str(tmp_path / "logo.png"))
    find(dialog, QLineEdit, "Signed by").setText("Aino Aurora")
    paper = find(dialog, QComboBox, "Paper")
    paper.setCurrentIndex(paper.findText("US Letter"))
    find(dialog, QPushButton, "Save").click()
    assert dialog.result() == QDialog.DialogCode.Accepted
    owner.forget_settings()
    settings = owner.settings
    assert (settings.letterhead_logo, settings.signer_name, settings.letter_paper) == (
        str(tmp_path / "logo.png"),
        "Aino Aurora",
        "Letter",
    )
