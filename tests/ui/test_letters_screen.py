"""The letters screen as the owner uses it: pick, preview, look at the pages, print or save."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QSpinBox,
    QWidget,
)
from pytestqt.qtbot import QtBot

from shopcards.services import demo, letters, letters_sent
from shopcards.services.session import Session
from shopcards.store import changes
from shopcards.ui.kit.pdf_preview import render_page
from shopcards.ui.letters.last_sent import LastSentPane
from shopcards.ui.letters.screen import LettersScreen
from tests.letters_shop import build_shop, names_on, page_texts
from tests.ui.conftest import ModalAnswers, find


@pytest.fixture
def ids(owner: Session) -> dict[str, int]:
    return build_shop(owner)


def open_screen(qtbot: QtBot, session: Session) -> LettersScreen:
    screen = LettersScreen(session)
    qtbot.addWidget(screen)
    screen.resize(1280, 800)
    screen.show()
    qtbot.waitExposed(screen)
    return screen


def pick(screen: QWidget, name: str, text: str) -> None:
    """Choose ``text`` in a list (a template by its name: the list adds its language)."""
    combo = find(screen, QComboBox, name)
    index = combo.findText(text, Qt.MatchFlag.MatchStartsWith)
    assert index >= 0, (
        f"{text!r} is not in {name}: {[combo.itemText(i) for i in range(combo.count())]}"
    )
    combo.setCurrentIndex(index)


def press(screen: QWidget, name: str) -> None:
    find(screen, QPushButton, name).click()


def label(screen: QWidget, name: str) -> str:
    return find(screen, QLabel, name).text()


def preview(qtbot: QtBot, screen: LettersScreen) -> None:
    press(screen, "Preview")
    qtbot.waitUntil(lambda: bool(label(screen, "Summary")), timeout=20000)


def save_as(path: Path) -> object:
    def answer(dialog: QWidget) -> None:
        assert isinstance(dialog, QFileDialog)
        name = next(e for e in dialog.findChildren(QLineEdit) if e.objectName() == "fileNameEdit")
        name.setText(str(path))
        dialog.accept()

    return answer


def test_preview_shows_the_pages_and_save_as_pdf_writes_and_records(
    qtbot: QtBot, owner: Session, ids: dict[str, int], modals: ModalAnswers, tmp_path: Path
) -> None:
    screen = open_screen(qtbot, owner)
    pick(screen, "Print", "Letters")
    pick(screen, "Template", "Quarterly letter to regular customers")
    pick(screen, "Send to", "Everyone")
    preview(qtbot, screen)
    assert label(screen, "Summary") == "5 letters to 5 customers; 3 left out"
    assert screen.preview.page_count == 5
    assert label(screen, "Pages") == "Page 1 of 5"
    left_out = find(screen, QListWidget, "Left out")
    shown = [left_out.item(i).text() for i in range(left_out.count())]
    assert [text.replace("\u2068", "").replace("\u2069", "") for text in shown] == [
        f"Smith, John ({_card_no(owner, ids['john'])}): said no to post",
        f"Söderberg, Erik ({_card_no(owner, ids['erik'])}): no postal address",
        f"Ștefănescu, Ioana ({_card_no(owner, ids['ioana'])}): not asked about post",
    ]
    assert letters_sent.last_sent(owner, ids["anna"]).letter is None  # a preview sends nothing

    out = tmp_path / "quarterly.pdf"
    modals.then(save_as(out))  # type: ignore[arg-type]
    press(screen, "Save as PDF…")
    qtbot.waitUntil(modals.all_answered)
    assert [names_on(text) for text in page_texts(out)] == [
        {"paivi"},
        {"anna"},
        {"mikko"},
        {"aram"},
        {"david"},
    ]
    assert f"Saved to {out}. Recorded on each customer's card." == label(screen, "Message")
    last = letters_sent.last_sent(owner, ids["anna"]).letter
    assert last is not None and last.template == "Quarterly letter to regular customers"


def test_labels_saved_as_pdf_are_logged_as_an_export(
    qtbot: QtBot, owner: Session, ids: dict[str, int], modals: ModalAnswers, tmp_path: Path
) -> None:
    screen = open_screen(qtbot, owner)
    pick(screen, "Print", "Address labels")
    pick(screen, "Send to", "Everyone")
    preview(qtbot, screen)
    out = tmp_path / "labels.pdf"
    modals.then(save_as(out))  # type: ignore[arg-type]
    press(screen, "Save as PDF…")
    qtbot.waitUntil(modals.all_answered)
    assert label(screen, "Message") == f"Saved to {out}."
    [line] = changes.for_entity(owner.db, "card_file", 0)
    assert (line.actor, line.action) == ("owner", "exported")
    assert line.details == {"what": "labels", "to": str(out), "rows": 5}


def _card_no(session: Session, card_id: int) -> str:
    from shopcards.services.cards import get_card

    return get_card(session, card_id).card_no


def test_birthday_cards_for_a_range_one_per_household(
    qtbot: QtBot, owner: Session, ids: dict[str, int]
) -> None:
    screen = open_screen(qtbot, owner)
    pick(screen, "Print", "Greeting cards")
    pick(screen, "Template", "Birthday card")
    pick(screen, "Send to", "Birthdays between")
    find(screen, QDateEdit, "From").setDate(QDate(2026, 12, 15))
    find(screen, QDateEdit, "To").setDate(QDate(2027, 1, 31))
    find(screen, QCheckBox, "One card per household").setChecked(True)
    preview(qtbot, screen)
    assert label(screen, "Summary") == "2 cards to 3 customers; 1 left out"
    assert screen.preview.page_count == 2


def test_the_fields_asked_for_appear_with_the_template_that_uses_them(
    qtbot: QtBot, owner: Session, ids: dict[str, int]
) -> None:
    screen = open_screen(qtbot, owner)
    pick(screen, "Template", "Quarterly letter to regular customers")
    assert not [
        e
        for e in screen.findChildren(QLineEdit)
        if e.accessibleName() == "Event date" and e.isVisible()
    ]
    pick(screen, "Template", "Invitation to a customers' evening")
    preview(qtbot, screen)
    assert label(screen, "Summary") == "The template uses {event_date}: type the event date."
    find(screen, QLineEdit, "Event date").setText("Friday 4 December")
    preview(qtbot, screen)
    qtbot.waitUntil(lambda: screen.preview.page_count == 5)
    assert "Friday 4 December" in page_texts(screen.result.paths[0])[0]  # type: ignore[union-attr]


def test_print_goes_through_the_print_dialog_and_records_the_sends(
    qtbot: QtBot, owner: Session, ids: dict[str, int], modals: ModalAnswers, tmp_path: Path
) -> None:
    screen = open_screen(qtbot, owner)
    pick(screen, "Print", "Greeting cards")
    pick(screen, "Template", "New Year card")
    pick(screen, "Send to", "Asked for the card")
    pick(screen, "Which", "New year")
    preview(qtbot, screen)
    assert label(screen, "Summary") == "2 cards to 2 customers"
    printed = tmp_path / "printed.pdf"

    def print_to_file(dialog: QWidget) -> None:
        assert isinstance(dialog, QPrintDialog)
        file_name = next(e for e in dialog.findChildren(QLineEdit) if e.objectName() == "filename")
        file_name.setText(str(printed))
        dialog.accept()

    modals.then(print_to_file)
    press(screen, "Print…")
    qtbot.waitUntil(modals.all_answered)
    qtbot.waitUntil(lambda: label(screen, "Message").startswith("Sent"))
    assert (
        label(screen, "Message") == "Sent 2 pages to the printer. Recorded on each customer's card."
    )
    texts = page_texts(printed)
    assert len(texts) == 2
    last = letters_sent.last_sent(owner, ids["aram"]).card
    assert last is not None and last.template == "New Year card"


def test_printed_pages_are_painted_on_white(
    qtbot: QtBot, owner: Session, ids: dict[str, int], tmp_path: Path
) -> None:
    screen = open_screen(qtbot, owner)
    pick(screen, "Print", "Address labels")
    preview(qtbot, screen)
    image = render_page(screen.preview.document, 0, 30)
    corner = image.pixelColor(0, 0)
    assert (corner.red(), corner.green(), corner.blue(), corner.alpha()) == (255, 255, 255, 255)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "labels.pdf"))
    task = screen.print_to(printer)
    assert task is not None
    with qtbot.waitSignal(task.done, timeout=20000):
        pass
    assert label(screen, "Message") == "Sent 1 page to the printer."


def test_the_clerk_is_refused_a_batch_and_the_letterhead(
    qtbot: QtBot, clerk: Session, ids: dict[str, int]
) -> None:
    screen = open_screen(qtbot, clerk)
    pick(screen, "Template", "Welcome letter")
    preview(qtbot, screen)
    assert "Only the owner may print mass mailings" in label(screen, "Summary")
    assert not find(screen, QPushButton, "Save as PDF…").isEnabled()
    assert not find(screen, QPushButton, "Letterhead and printing…").isEnabled()
    screen.choose_cards([ids["anna"]])
    preview(qtbot, screen)
    assert label(screen, "Summary") == "1 letter to 1 customer"


def test_cancelling_the_preview_leaves_no_file(qtbot: QtBot, owner: Session) -> None:
    demo.build_demo(owner, 6000, with_purchases=False)  # long enough to cancel mid-way
    screen = open_screen(qtbot, owner)
    pick(screen, "Template", "Welcome letter")
    press(screen, "Preview")
    task = screen.task
    assert task is not None
    qtbot.waitUntil(task.dialog.isVisible, timeout=10000)
    qtbot.mouseClick(find(task.dialog, QPushButton, "Cancel"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(label(screen, "Summary")), timeout=20000)
    assert label(screen, "Summary") == "Cancelled: nothing was printed."
    assert list(screen.preview_folder.iterdir()) == []
    assert not find(screen, QPushButton, "Print…").isEnabled()


def test_changing_a_choice_asks_for_a_new_preview(
    qtbot: QtBot, owner: Session, ids: dict[str, int]
) -> None:
    screen = open_screen(qtbot, owner)
    pick(screen, "Print", "Envelopes")
    preview(qtbot, screen)
    assert find(screen, QPushButton, "Print…").isEnabled()
    find(screen, QCheckBox, "One envelope per household").setChecked(True)
    assert not find(screen, QPushButton, "Print…").isEnabled()
    assert "press Preview again" in label(screen, "Message")


def test_the_card_shows_the_last_letter_and_card_sent(
    qtbot: QtBot, owner: Session, ids: dict[str, int], tmp_path: Path
) -> None:
    pane = LastSentPane(owner)
    qtbot.addWidget(pane)
    pane.show()
    pane.show_card(ids["anna"])
    assert label(pane, "Last letter") == "none sent yet"
    letters.print_batch(
        owner,
        letters.LetterRequest(letters.Output.CARDS, f"ids:{ids['anna']}", "card_birthday"),
        tmp_path / "c.pdf",
    )
    pane.show_card(ids["anna"])
    assert label(pane, "Last card") == "23 Nov 2026, Birthday card"
    assert label(pane, "Last letter") == "none sent yet"


def test_one_file_per_customer_goes_into_the_folder_chosen(
    qtbot: QtBot, owner: Session, ids: dict[str, int], modals: ModalAnswers, tmp_path: Path
) -> None:
    screen = open_screen(qtbot, owner)
    pick(screen, "Template", "Welcome letter")
    find(screen, QCheckBox, "One file per customer").setChecked(True)
    preview(qtbot, screen)
    folder = tmp_path / "letters"
    folder.mkdir()
    modals.then(save_as(folder))  # type: ignore[arg-type]
    press(screen, "Save as PDF…")
    qtbot.waitUntil(modals.all_answered)
    qtbot.waitUntil(lambda: label(screen, "Message").startswith("Saved"), timeout=20000)
    files = sorted(folder.iterdir())
    assert len(files) == 5
    assert all(len(page_texts(path)) == 1 for path in files)
    assert label(screen, "Message") == (
        f"Saved 5 files in {folder}. Recorded on each customer's card."
    )


def test_a_share_held_back_gets_nothing_and_is_recorded_for_comparison(
    qtbot: QtBot, owner: Session, ids: dict[str, int], modals: ModalAnswers, tmp_path: Path
) -> None:
    screen = open_screen(qtbot, owner)
    pick(screen, "Print", "Letters")
    hold_back, share = find(screen, QCheckBox, "Hold back"), find(screen, QSpinBox, "Hold back")
    assert not hold_back.isChecked() and not share.isEnabled()  # asked for, never by default
    assert share.value() == 10  # the shop's setting, offered once ticked
    pick(screen, "Template", "Welcome letter")
    preview(qtbot, screen)
    assert "held back" not in label(screen, "Summary")
    hold_back.setChecked(True)
    share.setValue(40)
    preview(qtbot, screen)
    assert label(screen, "Summary") == (
        "3 letters to 3 customers; 3 left out; 2 customers held back to compare"
    )
    listed = find(screen, QListWidget, "Left out")
    first = [listed.item(i).text() for i in range(2)]  # the held back come first, by name
    assert all(text.endswith(": held back to measure the effect") for text in first)
    assert len(names_on(" ".join(first))) == 2
    assert "Left out (3), held back (2)" in [w.text() for w in screen.findChildren(QLabel)]
    modals.then(save_as(tmp_path / "welcome.pdf"))  # type: ignore[arg-type]
    press(screen, "Save as PDF…")
    qtbot.waitUntil(modals.all_answered)
    held = owner.db.execute("SELECT count(*) FROM letters_sent WHERE held_out = 1").fetchone()
    assert held == (2,)
