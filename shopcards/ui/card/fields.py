"""Every field of a card as inputs, grouped as a person reads a card, with a message slot each.

The widget only converts: a Card into inputs (:meth:`CardFields.set_card`), the inputs into a
CardInput as typed (:meth:`CardFields.card_input`), and a ValidationError's messages into red
labels under the fields (:meth:`CardFields.show_errors`). Saving is the dialog's business.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from shopcards.core import phones
from shopcards.core.card import BUILTIN_GREETINGS, Card, Consent, JoinedVia
from shopcards.core.i18n import N_, _
from shopcards.core.validation import CardInput
from shopcards.ui.card.interests import InterestsEdit
from shopcards.ui.card.phones import PhoneListEditor
from shopcards.ui.kit.card_words import (
    CONSENT,
    CUSTOMER_TYPES,
    FIELD_LABELS,
    JOINED_VIA,
    greeting_label,
)
from shopcards.ui.kit.theme import ERROR_COLOUR, MARGIN, SPACING

BIRTHDAY_HINT = N_("YYYY-MM-DD or MM-DD")
_GROUPS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (N_("Name"), ("given_name", "family_name", "title", "salutation")),
    (N_("Address"), ("address", "postcode", "city", "country")),
    (N_("Contact"), ("phones", "email")),
    (N_("Dates"), ("birthday", "anniversary", "anniversary_what")),
    (
        N_("Preferences && consent"),
        (
            "greeting",
            "interests",
            "consent_post",
            "consent_phone",
            "consent_email",
            "customer_type",
            "joined_via",
            "is_staff",
        ),
    ),
    (N_("Notes"), ("notes",)),
)
LEFT_GROUPS = 3
"""The first three groups make the left column, the rest the right one."""
FORM_ORDER = tuple(name for _title, names in _GROUPS for name in names)
"""Fields in the order the form shows them (and Tab visits them)."""
_Input = QLineEdit | QPlainTextEdit | QComboBox | QCheckBox | PhoneListEditor


class CardFields(QWidget):
    """The card's inputs in six groups, two columns; a red message under any field that is wrong."""

    def __init__(
        self,
        region: str,
        greetings: Sequence[str] = BUILTIN_GREETINGS,
        interest_suggestions: Sequence[str] = (),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._region = region
        self._greetings = list(greetings)
        self.inputs: dict[str, _Input] = {}
        self.messages: dict[str, QLabel] = {}
        self._build_inputs(interest_suggestions)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(MARGIN * 2)
        grid.setVerticalSpacing(SPACING)
        columns = (QVBoxLayout(), QVBoxLayout())
        labels: tuple[list[QLabel], list[QLabel]] = ([], [])
        for i, (title, names) in enumerate(_GROUPS):
            side = 0 if i < LEFT_GROUPS else 1
            columns[side].addWidget(self._group(title, names, labels[side]))
        for column_labels in labels:  # the fields of one column start at one line
            width = max(label.sizeHint().width() for label in column_labels)
            for label in column_labels:
                label.setMinimumWidth(width)
        for number, column in enumerate(columns):
            column.setSpacing(SPACING)
            column.addStretch(1)
            grid.addLayout(column, 0, number)
            grid.setColumnStretch(number, 1)
        self.phone_list.rowsChanged.connect(self._order_tabs)
        self._order_tabs()

    # Card in, input out -------------------------------------------------------------------

    def set_card(self, card: Card) -> None:
        """Fill the inputs from ``card`` (a stored card, or a fresh Card with defaults)."""
        for name in (
            "given_name",
            "family_name",
            "title",
            "salutation",
            "postcode",
            "city",
            "country",
            "email",
            "anniversary",
            "anniversary_what",
        ):
            self._line(name).setText(getattr(card, name))
        self._text("address").setPlainText("\n".join(card.address_lines))
        self._text("notes").setPlainText(card.notes)
        self._line("birthday").setText(card.birthday.iso().lstrip("-") if card.birthday else "")
        self.phone_list.set_phones(
            [(p.label, phones.display(p.number, self._region)) for p in card.phones]
        )
        self.interests.set_tags(card.interests)
        self._choose("greeting", card.greeting)
        for name in (
            "consent_post",
            "consent_phone",
            "consent_email",
            "joined_via",
            "customer_type",
        ):
            self._choose(name, getattr(card, name))
        self._check("is_staff").setChecked(card.is_staff)
        self.clear_errors()

    def card_input(self) -> CardInput:
        """What the inputs hold, exactly as typed."""
        lines = {
            name: self._line(name).text()
            for name in (
                "given_name",
                "family_name",
                "title",
                "salutation",
                "postcode",
                "city",
                "country",
                "email",
                "birthday",
                "anniversary",
                "anniversary_what",
            )
        }
        combos = {
            name: str(self._combo(name).currentData() or "")
            for name in (
                "greeting",
                "consent_post",
                "consent_phone",
                "consent_email",
                "joined_via",
                "customer_type",
            )
        }
        return CardInput(
            **lines,
            **combos,
            address=self._text("address").toPlainText(),
            notes=self._text("notes").toPlainText(),
            phones=self.phone_list.phones(),
            interests=self.interests.tags(),
            is_staff=self._check("is_staff").isChecked(),
        )

    # Messages ------------------------------------------------------------------------------

    def show_errors(self, errors: dict[str, str]) -> QWidget | None:
        """Put each message under its field and focus the first bad field (None if no field)."""
        self.clear_errors()
        dark = self.palette().color(QPalette.ColorRole.Window).lightness() < 128
        colour = ERROR_COLOUR["dark" if dark else "light"]
        first: QWidget | None = None
        for name in FORM_ORDER:
            if name not in errors:
                continue
            self.messages[name].setText(errors[name])
            self.messages[name].setStyleSheet(f"color: {colour};")
            self.messages[name].show()
            self.inputs[name].setAccessibleDescription(errors[name])
            if first is None:
                first = self.inputs[name]
        if isinstance(first, PhoneListEditor):
            first.focus_first()
        elif first is not None:
            first.setFocus(Qt.FocusReason.OtherFocusReason)
            if isinstance(first, QLineEdit):
                first.selectAll()
        return first

    def clear_errors(self) -> None:
        for name, label in self.messages.items():
            label.hide()
            label.clear()
            self.inputs[name].setAccessibleDescription("")

    # Building ------------------------------------------------------------------------------

    def _build_inputs(self, interest_suggestions: Sequence[str]) -> None:
        for name in (
            "given_name",
            "family_name",
            "title",
            "salutation",
            "postcode",
            "city",
            "email",
            "anniversary_what",
        ):
            self.inputs[name] = QLineEdit()
        self.inputs["country"] = QLineEdit()
        self._line("country").setPlaceholderText(_("code, e.g. FI; blank = the shop's own"))
        self._line("email").setPlaceholderText(_("name@example.com"))
        self.inputs["address"] = _plain_text(3)
        self.inputs["notes"] = _plain_text(3)
        self.inputs["birthday"] = QLineEdit()
        self._line("birthday").setPlaceholderText(_(BIRTHDAY_HINT))
        self.inputs["anniversary"] = QLineEdit()
        self._line("anniversary").setPlaceholderText(_("YYYY-MM-DD"))
        self.phone_list = PhoneListEditor()
        self.inputs["phones"] = self.phone_list
        self.interests = InterestsEdit(interest_suggestions)
        self.inputs["interests"] = self.interests
        self.inputs["greeting"] = _combo(
            {code: _(greeting_label(code)) for code in self._greetings}
        )
        for name in ("consent_post", "consent_phone", "consent_email"):
            self.inputs[name] = _combo({c.value: _(text) for c, text in CONSENT.items()})
        self.inputs["customer_type"] = _combo(
            {(t.value if t else ""): _(text) for t, text in CUSTOMER_TYPES.items()}
        )
        self.inputs["joined_via"] = _combo({j.value: _(text) for j, text in JOINED_VIA.items()})
        self.inputs["is_staff"] = QCheckBox(_("Works at the shop"))
        for name, widget in self.inputs.items():
            widget.setAccessibleName(_(FIELD_LABELS[name]))
            self.messages[name] = _message_label()
        self.set_card(Card(consent_post=Consent.NOT_ASKED, joined_via=JoinedVia.OWNER))

    def _order_tabs(self) -> None:
        """Tab follows the form: down the left column, then down the right one."""
        chain: list[QWidget] = []
        for name in FORM_ORDER:
            widget = self.inputs[name]
            chain += widget.focus_chain() if isinstance(widget, PhoneListEditor) else [widget]
        for first, second in pairwise(chain):
            QWidget.setTabOrder(first, second)

    def _group(self, title: str, names: Sequence[str], labels: list[QLabel]) -> QGroupBox:
        box = QGroupBox(_(title))
        box.setAccessibleName(_(title).replace("&&", "&"))
        form = QFormLayout(box)
        form.setContentsMargins(MARGIN, MARGIN, MARGIN, MARGIN)
        form.setHorizontalSpacing(MARGIN)
        form.setVerticalSpacing(SPACING - 2)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for name in names:
            cell = QWidget()
            column = QVBoxLayout(cell)
            column.setContentsMargins(0, 0, 0, 0)
            column.setSpacing(2)
            column.addWidget(self.inputs[name])
            column.addWidget(self.messages[name])
            if name == "notes":
                form.addRow(cell)
                continue
            label = QLabel(_(FIELD_LABELS[name]))
            label.setBuddy(self.inputs[name])
            label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            labels.append(label)
            form.addRow(label, cell)
        return box

    def _choose(self, name: str, value: object) -> None:
        combo = self._combo(name)
        code = "" if value is None else str(value)
        index = combo.findData(code)
        if index < 0:  # a greeting the shop added: keep it on offer for this card
            combo.addItem(_(greeting_label(code)), code)
            index = combo.count() - 1
        combo.setCurrentIndex(index)

    def _line(self, name: str) -> QLineEdit:
        widget = self.inputs[name]
        assert isinstance(widget, QLineEdit)
        return widget

    def _text(self, name: str) -> QPlainTextEdit:
        widget = self.inputs[name]
        assert isinstance(widget, QPlainTextEdit)
        return widget

    def _combo(self, name: str) -> QComboBox:
        widget = self.inputs[name]
        assert isinstance(widget, QComboBox)
        return widget

    def _check(self, name: str) -> QCheckBox:
        widget = self.inputs[name]
        assert isinstance(widget, QCheckBox)
        return widget


def _plain_text(lines: int) -> QPlainTextEdit:
    """A multi-line input where Tab moves on (a keyboard user must be able to leave it)."""
    edit = QPlainTextEdit()
    edit.setTabChangesFocus(True)
    height = edit.fontMetrics().lineSpacing() * lines + 12
    edit.setFixedHeight(height)
    return edit


def _combo(choices: dict[str, str]) -> QComboBox:
    combo = QComboBox()
    for code, text in choices.items():
        combo.addItem(text, code)
    return combo


def _message_label() -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    label.hide()
    return label
