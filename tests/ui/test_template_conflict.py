"""Two template editors on one card file (the back office and the till PC): the second save
shows the conflict dialog, and "Reload theirs" and "Keep mine" each do what they say."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QDialog,
    QMessageBox,
    QPlainTextEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

from shopcards.core.templates import TemplateKind
from shopcards.services import templates
from shopcards.services.session import Session
from shopcards.services.templates import TemplateParts
from shopcards.ui.letters.template_editor import TemplateEditor
from tests.ui.conftest import ModalAnswers, find


def open_editor(qtbot: QtBot, session: Session, key: str) -> TemplateEditor:
    editor = TemplateEditor(session, templates.get_template(session, key))
    qtbot.addWidget(editor)
    editor.show()
    qtbot.waitExposed(editor)
    return editor


def click(qtbot: QtBot, root: QWidget, label: str) -> None:
    qtbot.mouseClick(find(root, QAbstractButton, label), Qt.MouseButton.LeftButton)


def write(editor: TemplateEditor, text: str) -> None:
    find(editor, QPlainTextEdit, "Text").setPlainText(text)


def edited_at_both_desks(
    qtbot: QtBot, owner: Session, other_owner: Session, office_words: str, till_words: str
) -> TemplateEditor:
    """The welcome letter open at the office and at the till; the office saves its words
    first, and the till's editor (returned) holds its own, not yet saved."""
    office = open_editor(qtbot, owner, "letter_welcome")
    till = open_editor(qtbot, other_owner, "letter_welcome")
    write(office, office_words)
    click(qtbot, office, "Save")
    assert office.result() == QDialog.DialogCode.Accepted
    write(till, till_words)
    return till


def say_yes(box: QWidget) -> None:
    assert isinstance(box, QMessageBox)
    box.button(QMessageBox.StandardButton.Yes).click()


def stored_body(session: Session, key: str) -> str:
    return templates.get_template(session, key).text.rstrip().rsplit("\n", 1)[-1]


def test_the_second_save_of_a_built_in_asks_and_keep_mine_saves_over_theirs(
    qtbot: QtBot, owner: Session, other_owner: Session, modals: ModalAnswers
) -> None:
    till = edited_at_both_desks(
        qtbot, owner, other_owner, "Hello {given_name}, from the office.",
        "Hello {given_name}, from the till.",
    )  # fmt: skip
    said: list[str] = []

    def keep_mine(box: QWidget) -> None:
        assert isinstance(box, QMessageBox)
        said.append(box.text())
        click(qtbot, box, "Keep mine")

    modals.then(keep_mine)
    click(qtbot, till, "Save")
    qtbot.waitUntil(lambda: till.saved is not None)
    assert modals.seen == ["Changed at another desk"]
    assert "“Welcome letter” was changed at another desk" in said[0]
    assert "Changed there: Text." in said[0]
    assert stored_body(owner, "letter_welcome") == "Hello {given_name}, from the till."
    assert templates.get_template(owner, "letter_welcome").version == 2


def test_reload_theirs_shows_the_other_desks_words_and_saves_nothing(
    qtbot: QtBot, owner: Session, other_owner: Session, modals: ModalAnswers
) -> None:
    till = edited_at_both_desks(qtbot, owner, other_owner, "From the office.", "From the till.")
    modals.then(lambda box: click(qtbot, box, "Reload theirs"))
    click(qtbot, till, "Save")
    text = find(till, QPlainTextEdit, "Text")
    qtbot.waitUntil(lambda: text.toPlainText() == "From the office.")
    assert till.isVisible() and till.saved is None
    assert stored_body(owner, "letter_welcome") == "From the office."
    assert find(till, QAbstractButton, "Put back as it came").isVisible()
    write(till, "From the till, after reading theirs.")
    click(qtbot, till, "Save")
    assert till.saved is not None and till.saved.version == 2
    assert stored_body(owner, "letter_welcome") == "From the till, after reading theirs."


def test_esc_on_the_conflict_goes_back_to_the_editor_with_nothing_decided(
    qtbot: QtBot, owner: Session, other_owner: Session, modals: ModalAnswers
) -> None:
    till = edited_at_both_desks(qtbot, owner, other_owner, "From the office.", "From the till.")
    modals.then(lambda box: qtbot.keyClick(box, Qt.Key.Key_Escape))
    click(qtbot, till, "Save")
    qtbot.waitUntil(modals.all_answered)
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is None)
    assert till.isVisible() and till.saved is None
    assert find(till, QPlainTextEdit, "Text").toPlainText() == "From the till."
    assert stored_body(owner, "letter_welcome") == "From the office."


def test_deleting_a_template_edited_at_the_other_desk_asks_first(
    qtbot: QtBot, owner: Session, other_owner: Session, modals: ModalAnswers
) -> None:
    own = templates.save_template(
        owner, TemplateParts("Spring news", TemplateKind.LETTER, "", "", "Hello {given_name}")
    )
    office = open_editor(qtbot, owner, own.key)
    till = open_editor(qtbot, other_owner, own.key)
    write(office, "Spring is here, {given_name}.")
    click(qtbot, office, "Save")
    modals.then(say_yes)
    modals.then(lambda box: click(qtbot, box, "Reload theirs"))
    click(qtbot, till, "Delete template")
    text = find(till, QPlainTextEdit, "Text")
    qtbot.waitUntil(lambda: text.toPlainText() == "Spring is here, {given_name}.")
    assert not till.removed and stored_body(owner, own.key) == "Spring is here, {given_name}."

    modals.then(say_yes)
    click(qtbot, till, "Delete template")
    qtbot.waitUntil(lambda: till.removed)
    assert own.key not in {t.key for t in templates.list_templates(owner)}


def test_a_template_deleted_at_the_other_desk_is_saved_anew_on_keep_mine(
    qtbot: QtBot, owner: Session, other_owner: Session, modals: ModalAnswers
) -> None:
    own = templates.save_template(
        owner, TemplateParts("Spring news", TemplateKind.LETTER, "", "", "Hello {given_name}")
    )
    till = open_editor(qtbot, other_owner, own.key)
    templates.remove_template(owner, own)
    write(till, "Still here, {given_name}.")
    said: list[str] = []

    def keep_mine(box: QWidget) -> None:
        assert isinstance(box, QMessageBox)
        said.append(box.text())
        click(qtbot, box, "Keep mine")

    modals.then(keep_mine)
    click(qtbot, till, "Save")
    qtbot.waitUntil(lambda: till.saved is not None)
    assert "deleted at another desk" in said[0]
    assert till.saved is not None and till.saved.name == "Spring news"
    assert stored_body(owner, till.saved.key) == "Still here, {given_name}."
