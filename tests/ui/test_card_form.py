"""The card form: every field, messages next to the field, duplicates and conflicts."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QCheckBox,
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTreeWidget,
    QWidget,
)
from pytestqt.qtbot import QtBot

from shopcards.core.card import CardQuery, Consent, PartialDate
from shopcards.core.drawing import month_of
from shopcards.services import cards, drawing
from shopcards.services.session import Session
from shopcards.ui.card.form import CardDialog
from tests.conftest import card_input
from tests.ui.conftest import ModalAnswers, find, type_text


def open_form(qtbot: QtBot, session: Session, card_id: int | None = None) -> CardDialog:
    card = cards.get_card(session, card_id) if card_id is not None else None
    dialog = CardDialog(session, card, interest_suggestions=["chocolate", "cheese", "wine"])
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def fill(dialog: QWidget, **fields: str) -> None:
    """Type into the fields named by their labels (underscores for spaces)."""
    for label, text in fields.items():
        widget = find(dialog, QLineEdit, label.replace("_", " ").replace("E mail", "E-mail"))
        widget.clear()
        type_text(widget, text)


def click(qtbot: QtBot, dialog: QWidget, label: str) -> None:
    qtbot.mouseClick(find(dialog, QAbstractButton, label), Qt.MouseButton.LeftButton)


def message_under(dialog: QWidget, field: QWidget) -> str:
    """The visible label just below ``field`` in the same cell (the field's message)."""
    cell = field.parentWidget()
    assert cell is not None
    labels = [w for w in cell.findChildren(QLabel) if w.isVisible() and w.text()]
    below = [w for w in labels if w.geometry().top() >= field.geometry().bottom()]
    return below[0].text() if below else ""


def test_a_date_that_does_not_exist_is_named_under_its_field_and_nothing_is_saved(
    qtbot: QtBot, shop: Session
) -> None:
    dialog = open_form(qtbot, shop)
    fill(dialog, Given_name="Ada", Family_name="Lovelace", Birthday="1990-04-31")
    click(qtbot, dialog, "Save")
    birthday = find(dialog, QLineEdit, "Birthday")
    assert message_under(dialog, birthday) == "31 April 1990 does not exist"
    assert dialog.focusWidget() is birthday
    assert dialog.isVisible() and dialog.saved is None
    assert cards.count_cards(shop, CardQuery(text="lovelace")) == 0
    fill(dialog, Birthday="04-30")
    click(qtbot, dialog, "Save")
    assert dialog.saved is not None
    assert dialog.saved.birthday == PartialDate(4, 30)
    assert message_under(dialog, birthday) == ""


def test_every_bad_field_gets_its_message_and_the_first_one_the_focus(
    qtbot: QtBot, shop: Session
) -> None:
    dialog = open_form(qtbot, shop)
    fill(dialog, E_mail="anna(at)example", Phone_number="12", Anniversary="05-06")
    click(qtbot, dialog, "Save")
    family = find(dialog, QLineEdit, "Family name")
    assert message_under(dialog, family).startswith("Enter a name")
    assert dialog.focusWidget() is family
    assert "not an e-mail address" in message_under(dialog, find(dialog, QLineEdit, "E-mail"))
    assert "needs its year" in message_under(dialog, find(dialog, QLineEdit, "Anniversary"))
    phones_message = [
        t.text()
        for t in dialog.findChildren(QLabel)
        if t.isVisible() and "phone number" in t.text()
    ]
    assert phones_message
    assert find(dialog, QLineEdit, "E-mail").accessibleDescription().startswith("“anna(at)")


def test_every_field_is_saved_and_shown_again_when_edited(qtbot: QtBot, shop: Session) -> None:
    dialog = open_form(qtbot, shop)
    fill(
        dialog,
        Given_name="Ada",
        Family_name="Lovelace",
        Title="Dr",
        Salutation="Dear Ada",
        Postcode="W1 1AA",
        City="London",
        Country="gb",
        E_mail="ada@example.org",
        Birthday="1915-12-10",
        Anniversary="1945-07-08",
        Anniversary_of="wedding",
        Phone_number="07700 900456",
        Interests="maths, po",
    )
    find(dialog, QPlainTextEdit, "Address").setPlainText("12 St James's Square\nFlat 2")
    find(dialog, QPlainTextEdit, "Notes").setPlainText("Prefers letters.")
    for name, text in [
        ("Holiday card", "New Year"),
        ("Consent to post", "Yes"),
        ("Consent to e-mail", "No"),
        ("Customer type", "Loyal"),
    ]:
        combo = find(dialog, QComboBox, name)
        combo.setCurrentIndex(combo.findText(text))
    find(dialog, QCheckBox, "Staff member").setChecked(True)
    click(qtbot, dialog, "Add phone")
    numbers = [
        w
        for w in dialog.findChildren(QLineEdit)
        if w.accessibleName() == "Phone number" and w.isVisible()
    ]
    assert len(numbers) == 2 and dialog.focusWidget() is numbers[1]
    type_text(numbers[1], "020 7946 0999")
    labels = [
        w
        for w in dialog.findChildren(QComboBox)
        if w.accessibleName() == "Phone label" and w.isVisible()
    ]
    labels[1].setCurrentText("work")
    click(qtbot, dialog, "Save")
    saved = dialog.saved
    assert saved is not None and saved.id is not None
    assert (saved.title, saved.salutation, saved.country) == ("Dr", "Dear Ada", "GB")
    assert saved.address_lines == ("12 St James's Square", "Flat 2")
    assert [(p.label, p.number) for p in saved.phones] == [
        ("mobile", "+447700900456"),
        ("work", "+442079460999"),
    ]
    assert saved.interests == ("maths", "po")
    assert (saved.greeting, saved.consent_post, saved.consent_email, saved.consent_phone) == (
        "new_year",
        Consent.YES,
        Consent.NO,
        Consent.NOT_ASKED,
    )
    assert saved.customer_type is not None and saved.customer_type.value == "loyal"
    assert saved.is_staff and saved.notes == "Prefers letters."
    assert saved.anniversary == "1945-07-08" and saved.anniversary_what == "wedding"

    again = open_form(qtbot, shop, saved.id)
    assert find(again, QLineEdit, "Birthday").text() == "1915-12-10"
    assert find(again, QComboBox, "Holiday card").currentText() == "New Year"
    assert find(again, QLineEdit, "Interests").text() == "maths, po"
    click(qtbot, again, "Save")
    assert again.saved is not None
    assert again.saved.version == saved.version + 1
    assert again.saved.phones == saved.phones and again.saved.address_lines == saved.address_lines


def test_interests_complete_the_tag_being_typed(qtbot: QtBot, shop: Session) -> None:
    dialog = open_form(qtbot, shop)
    interests = find(dialog, QLineEdit, "Interests")
    interests.setFocus()
    type_text(interests, "wine, ch")
    completer = interests.completer()
    assert completer.completionPrefix() == "wine, ch"
    found = [
        completer.completionModel().index(r, 0).data()
        for r in range(completer.completionModel().rowCount())
    ]
    assert found == ["cheese", "chocolate"]
    completer.setCurrentRow(1)
    assert completer.pathFromIndex(completer.currentIndex()) == "wine, chocolate"


def test_removing_a_phone_row_drops_the_number(qtbot: QtBot, shop: Session) -> None:
    smith = cards.list_cards(shop, CardQuery(text="smith"))[0]
    dialog = open_form(qtbot, shop, smith.id)
    click(qtbot, dialog, "Remove phone")
    click(qtbot, dialog, "Save")
    assert dialog.saved is not None and dialog.saved.phones == ()


def test_a_likely_duplicate_is_shown_before_anything_is_saved(
    qtbot: QtBot, shop: Session, modals: ModalAnswers
) -> None:
    listed: list[str] = []

    def back_to_form(dup: QWidget) -> None:
        tree = find(dup, QTreeWidget, "Existing cards")
        items = [tree.topLevelItem(i) for i in range(tree.topLevelItemCount())]
        listed.extend(item.text(0) for item in items if item is not None)
        click(qtbot, dup, "Back to form")

    dialog = open_form(qtbot, shop)
    fill(dialog, Given_name="Jon", Family_name="Smyth", Phone_number="+44 20 7946 0018")
    modals.then(back_to_form)
    click(qtbot, dialog, "Save")
    qtbot.waitUntil(modals.all_answered)
    assert listed == ["Smith, John"]
    assert modals.seen == ["Possible duplicate"]
    assert dialog.isVisible() and dialog.saved is None
    assert cards.count_cards(shop, CardQuery()) == 7

    modals.then(lambda dup: click(qtbot, dup, "Open existing card"))
    click(qtbot, dialog, "Save")
    qtbot.waitUntil(lambda: not dialog.isVisible())
    smith = cards.list_cards(shop, CardQuery(text="smith"))[0]
    assert dialog.open_existing == smith.id and dialog.saved is None
    assert cards.count_cards(shop, CardQuery()) == 7


def test_save_as_new_card_keeps_both(qtbot: QtBot, shop: Session, modals: ModalAnswers) -> None:
    dialog = open_form(qtbot, shop)
    fill(dialog, Given_name="Jon", Family_name="Smyth", Phone_number="020 7946 0018")
    modals.then(lambda dup: click(qtbot, dup, "Save as new card"))
    click(qtbot, dialog, "Save")
    qtbot.waitUntil(lambda: dialog.saved is not None)
    assert cards.count_cards(shop, CardQuery(text="02079460018")) == 2


def test_a_conflict_says_what_changed_and_keep_mine_saves_over_it(
    qtbot: QtBot, shop: Session, clerk: Session, modals: ModalAnswers
) -> None:
    anna_id = cards.list_cards(shop, CardQuery(text="virtanen"))[0].id
    dialog = open_form(qtbot, clerk, anna_id)
    fresh = cards.get_card(shop, anna_id)
    cards.update_card(
        shop,
        fresh,
        card_input("Anna", "Virtanen", city="Espoo", postcode="00100", email="anna.v@example.fi"),
    )
    fill(dialog, Postcode="00200")
    said: list[str] = []

    def keep_mine(box: QWidget) -> None:
        said.append(box.text())  # type: ignore[attr-defined]
        click(qtbot, box, "Keep mine")

    modals.then(keep_mine)
    click(qtbot, dialog, "Save")
    qtbot.waitUntil(lambda: dialog.saved is not None)
    assert "changed at another desk" in said[0] and "Changed there: City, Phones." in said[0]
    stored = cards.get_card(shop, anna_id)
    assert (stored.postcode, stored.city) == ("00200", "Helsinki")


def test_reload_theirs_shows_the_other_desks_version(
    qtbot: QtBot, shop: Session, clerk: Session, modals: ModalAnswers
) -> None:
    anna_id = cards.list_cards(shop, CardQuery(text="virtanen"))[0].id
    dialog = open_form(qtbot, clerk, anna_id)
    cards.update_card(
        shop, cards.get_card(shop, anna_id), card_input("Anna", "Virtanen", city="Espoo")
    )
    fill(dialog, City="Vantaa")
    modals.then(lambda box: click(qtbot, box, "Reload theirs"))
    click(qtbot, dialog, "Save")
    qtbot.waitUntil(lambda: find(dialog, QLineEdit, "City").text() == "Espoo")
    assert dialog.isVisible() and dialog.saved is None
    click(qtbot, dialog, "Save")
    assert dialog.saved is not None and dialog.saved.city == "Espoo"


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(typed=st.text(alphabet="0123456789-./ aX", max_size=12))
def test_whatever_is_typed_as_a_birthday_is_saved_or_explained(
    qtbot: QtBot, shop: Session, typed: str
) -> None:
    dialog = open_form(qtbot, shop)
    fill(dialog, Given_name="Test", Family_name="Birthday", Birthday=typed)
    click(qtbot, dialog, "Save")
    if dialog.saved is None:
        assert dialog.isVisible()
        assert message_under(dialog, find(dialog, QLineEdit, "Birthday")), typed
        dialog.close()
    else:
        assert not dialog.isVisible()


def test_every_input_and_button_of_the_form_is_named_as_it_reads(
    qtbot: QtBot, shop: Session
) -> None:
    dialog = open_form(qtbot, shop)
    named = 0
    for kind in (QLineEdit, QComboBox, QAbstractButton, QPlainTextEdit):
        for widget in dialog.findChildren(kind):
            if not widget.isVisible() or widget.parent().inherits("QComboBox"):
                continue  # an editable combo box's own line edit speaks through the combo
            assert widget.accessibleName(), f"unnamed {type(widget).__name__}"
            named += 1
    labels = {label.text() for label in dialog.findChildren(QLabel) if label.buddy()}
    inputs = {w.accessibleName() for w in dialog.findChildren(QWidget) if w.accessibleName()}
    assert labels <= inputs  # each visible label names its input
    assert named > 25


def drawing_names(session: Session) -> list[str]:
    month = month_of(session.today())
    return [line.name for line in drawing.preview_drawing(session, month).people]


def test_a_new_card_enters_this_months_drawing_unless_the_box_is_cleared(
    qtbot: QtBot, shop: Session
) -> None:
    dialog = open_form(qtbot, shop)
    box = find(dialog, QCheckBox, "Enter this month's prize drawing")
    assert box.isChecked()
    fill(dialog, Given_name="Aino", Family_name="Kettunen")
    click(qtbot, dialog, "Save")
    assert dialog.told.startswith("Entered in the ")
    second = open_form(qtbot, shop)
    find(second, QCheckBox, "Enter this month's prize drawing").setChecked(False)
    fill(second, Given_name="Ilmari", Family_name="Kettunen")
    click(qtbot, second, "Save")
    assert second.saved is not None and second.told == ""
    names = drawing_names(shop)
    assert any("Aino" in name for name in names)
    assert not any("Ilmari" in name for name in names)


def test_editing_a_card_offers_no_drawing_box(qtbot: QtBot, shop: Session) -> None:
    first = cards.list_cards(shop, CardQuery())[0]
    dialog = open_form(qtbot, shop, first.id)
    boxes = [b.text() for b in dialog.findChildren(QCheckBox)]
    assert "Enter this month's prize drawing" not in boxes
