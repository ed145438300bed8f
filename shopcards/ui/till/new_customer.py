"""A new customer from the till: the short slip, filled in while the customer waits.

Name, phone or e-mail, postcode, interests, consent and (optionally) the birthday; "Enter this
month's prize drawing" is ticked, as the slip promises. The rest of the card is completed later
at the back office. Enter saves from any field, Esc goes back.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from shopcards.core.card import Consent, JoinedVia
from shopcards.core.errors import ShopError, ValidationError
from shopcards.core.i18n import N_, _
from shopcards.core.phones import looks_like_phone
from shopcards.core.validation import CardInput
from shopcards.services import cards
from shopcards.services.cards import LikelyDuplicate
from shopcards.services.session import Session
from shopcards.ui.card.duplicate_warning import DuplicateChoice, DuplicateDialog
from shopcards.ui.card.interests import InterestsEdit
from shopcards.ui.drawing.entry import enter_box, entered_if_ticked
from shopcards.ui.kit.button_flow import ButtonFlow
from shopcards.ui.kit.card_words import FIELD_LABELS
from shopcards.ui.kit.theme import SPACING
from shopcards.ui.kit.widgets import FieldErrors, MessageLabel, button, line_edit

CONSENTS = (
    ("consent_post", N_("Letters by post")),
    ("consent_phone", N_("Phone calls")),
    ("consent_email", N_("E-mails")),
)
LABELS = FIELD_LABELS | {"phones": N_("Phone"), "birthday": N_("Birthday (optional)")}
"""Each field's label, in English: shown through ``_``."""


class TillNewCustomerPage(QWidget):
    """The short form; ``added`` carries the new card's id and what to tell the clerk."""

    added = Signal(int, str)
    existingChosen = Signal(int)
    cancelled = Signal()

    def __init__(
        self,
        session: Session,
        interest_suggestions: Sequence[str] = (),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.inputs: dict[str, QLineEdit] = {
            name: line_edit(_(LABELS[name]))
            for name in ("given_name", "family_name", "phones", "email", "postcode", "birthday")
        }
        self.inputs["birthday"].setPlaceholderText(_("YYYY-MM-DD or MM-DD"))
        self.errors = FieldErrors(self.inputs)
        self.interests = InterestsEdit(interest_suggestions)
        self.interests.setAccessibleName(_("Interests"))
        self.consents = {name: QCheckBox(_(label)) for name, label in CONSENTS}
        for box in self.consents.values():
            box.setAccessibleName(box.text())
        self.drawing = enter_box()
        self.message = MessageLabel()
        self.save_button = button(_("Save (Enter)"), _("Save"))
        self.save_button.clicked.connect(self.save)
        self.cancel_button = button(_("Cancel (Esc)"), _("Cancel"))
        self.cancel_button.clicked.connect(self.cancelled.emit)
        self._lay_out()

    def start(self, typed: str = "") -> None:
        """An empty slip, with what was typed in the find field put where it belongs."""
        for field in (*self.inputs.values(), self.interests):
            field.clear()
        for box in self.consents.values():
            box.setChecked(False)
        self.drawing.setChecked(True)
        self.message.clear()
        self.errors.clear()
        if "@" in typed:
            self.inputs["email"].setText(typed)
        elif looks_like_phone(typed):
            self.inputs["phones"].setText(typed)
        elif typed:
            given, _sep, family = typed.partition(" ")
            self.inputs["given_name"].setText(given if family else "")
            self.inputs["family_name"].setText(family or given)
        self.inputs["given_name"].setFocus()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.save()
        elif event.key() == Qt.Key.Key_Escape:
            if self.has_typed():  # like the sale: Esc clears first, so nothing typed goes at once
                self.start()
            else:
                self.cancelled.emit()
        else:
            super().keyPressEvent(event)

    def has_typed(self) -> bool:
        return any(field.text().strip() for field in (*self.inputs.values(), self.interests))

    def typed(self) -> CardInput:
        text = {name: field.text() for name, field in self.inputs.items()}
        consent = {
            name: (Consent.YES if box.isChecked() else Consent.NO).value
            for name, box in self.consents.items()
        }
        return CardInput(
            given_name=text["given_name"],
            family_name=text["family_name"],
            phones=[("", text["phones"])] if text["phones"].strip() else [],
            email=text["email"],
            postcode=text["postcode"],
            birthday=text["birthday"],
            interests=self.interests.tags(),
            joined_via=JoinedVia.TILL.value,
            consent_post=consent["consent_post"],
            consent_phone=consent["consent_phone"],
            consent_email=consent["consent_email"],
        )

    def save(self, allow_duplicate: bool = False) -> None:
        inp = self.typed()
        if not inp.phones and not inp.email.strip():
            self._show_errors({"phones": _("Enter a phone number or an e-mail address")})
            return
        try:
            card = cards.add_card(self.session, inp, allow_duplicate=allow_duplicate)
        except ValidationError as exc:
            self._show_errors(exc.fields)
            return
        except LikelyDuplicate as exc:
            self._ask_about_duplicate(exc)
            return
        except ShopError as exc:
            self.message.error(exc.message)
            return
        assert card.id is not None
        told = _(
            "Card {number} made for {name}.",
            number=card.card_no,
            name=card.full_name,
        )
        drawing = entered_if_ticked(self.session, self.drawing, card.id)
        self.added.emit(card.id, f"{told} {drawing}".strip())

    def _ask_about_duplicate(self, exc: LikelyDuplicate) -> None:
        dialog = DuplicateDialog(exc.candidates, self.session.settings.region, self)
        dialog.exec()
        if dialog.choice is DuplicateChoice.OPEN_EXISTING and dialog.chosen_id is not None:
            self.existingChosen.emit(dialog.chosen_id)
        elif dialog.choice is DuplicateChoice.SAVE_NEW:
            self.save(allow_duplicate=True)

    def _show_errors(self, errors: dict[str, str]) -> None:
        """Each error under its field; any other (a field not on the slip) on the message line."""
        rest = self.errors.show(errors)
        self.message.error(
            "  ".join(
                _("{field}: {problem}", field=_(LABELS.get(name, name)), problem=text)
                for name, text in rest.items()
            )
        )

    def _lay_out(self) -> None:
        title = QLabel(_("New customer"))
        title.setObjectName("tillTitle")
        hint = QLabel(_("The rest of the card can be completed later at the back office."))
        hint.setWordWrap(True)
        grid = QGridLayout()
        grid.setHorizontalSpacing(SPACING * 2)
        grid.setVerticalSpacing(SPACING // 2)
        pairs = (("given_name", "family_name"), ("phones", "email"), ("postcode", "birthday"))
        for row, pair in enumerate(pairs):  # each label above its field: a long word (Finnish
            for column, name in enumerate(pair):  # "Syntymäpäivä") leaves the fields their width
                label = QLabel(_(LABELS[name]))
                label.setBuddy(self.inputs[name])
                grid.addWidget(label, row * 3, column)
                grid.addWidget(self.inputs[name], row * 3 + 1, column)
                grid.addWidget(self.errors.lines[name], row * 3 + 2, column)
        interests = QLabel(_("Interests"))
        interests.setBuddy(self.interests)
        grid.addWidget(interests, len(pairs) * 3, 0)
        grid.addWidget(self.interests, len(pairs) * 3 + 1, 0, 1, 2)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        ways = ButtonFlow(SPACING * 2)  # the ways wrap where their names are long (Armenian)
        for box in self.consents.values():
            ways.addWidget(box)
        consent = QHBoxLayout()
        consent.addWidget(QLabel(_("May we contact them by:")), 0, Qt.AlignmentFlag.AlignTop)
        consent.addLayout(ways, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.cancel_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setSpacing(SPACING * 2)
        layout.addWidget(title)
        layout.addWidget(hint)
        layout.addLayout(grid)
        layout.addLayout(consent)
        layout.addWidget(self.drawing)
        layout.addLayout(buttons)
        layout.addWidget(self.message)
        layout.addStretch(1)
        order = [self.inputs[n] for p in pairs for n in p]
        for first, second in zip(
            [*order, self.interests, *self.consents.values()],
            [*order[1:], self.interests, *self.consents.values(), self.drawing],
            strict=True,
        ):
            self.setTabOrder(first, second)
