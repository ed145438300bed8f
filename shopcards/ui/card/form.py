"""The card form: add a card or edit one, with every way saving can go wrong handled in place.

- bad input: the messages appear under their fields, the first bad field gets the focus,
  nothing is saved;
- a likely duplicate (new cards): the look-alikes are listed, with "Open existing card",
  "Save as new card" and "Back to form";
- a conflict (another desk saved the card first): what changed there, with "Reload theirs"
  and "Keep mine" (save again over the fresh version).

A new card carries "Enter this month's prize drawing", ticked, as the till slip does: a card
filled in is what earns the entry, whoever types it in.

The whole flow works from the keyboard: the focus starts on the given name, Tab follows the
form top to bottom, Enter (or Ctrl+S) saves, Esc cancels.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFrame,
    QHBoxLayout,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from shopcards.core.card import Card, JoinedVia
from shopcards.core.consent import How
from shopcards.core.errors import Conflict, ShopError, ValidationError
from shopcards.core.i18n import _
from shopcards.core.roles import Role
from shopcards.core.validation import CardInput
from shopcards.services import cards, templates
from shopcards.services.cards import LikelyDuplicate
from shopcards.services.session import Session
from shopcards.ui.card.consent_how import HowChoice
from shopcards.ui.card.duplicate_warning import DuplicateChoice, DuplicateDialog
from shopcards.ui.card.fields import CardFields
from shopcards.ui.card.merge_dialog import merged_or_new
from shopcards.ui.drawing.entry import enter_box, entered_if_ticked
from shopcards.ui.kit.conflict_dialog import ConflictChoice, ConflictDialog
from shopcards.ui.kit.error_dialog import show_error
from shopcards.ui.kit.theme import MARGIN
from shopcards.ui.kit.window_fit import fit_to_screen


class CardDialog(QDialog):
    """Add a card (``card`` None) or edit ``card``.

    After ``exec()``: ``saved`` is the stored card, or ``open_existing`` the id of the card the
    user chose to open instead of adding a duplicate; both None when cancelled. ``told`` says
    what happened beyond the save (the drawing entry of a new card).
    """

    def __init__(
        self,
        session: Session,
        card: Card | None = None,
        parent: QWidget | None = None,
        interest_suggestions: Sequence[str] = (),
    ) -> None:
        super().__init__(parent)
        self._session = session
        self.card = card
        self.saved: Card | None = None
        self.open_existing: int | None = None
        self.told = ""
        self.drawing = enter_box() if card is None else None
        title = _("New card") if card is None else _("Edit card — {name}", name=card.display_name)
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        self.fields = CardFields(
            session.settings.region,
            greetings=templates.greeting_options(session),
            interest_suggestions=interest_suggestions or cards.interest_names(session),
        )
        self.fields.set_card(card or _new_card(session))
        self.how = None if card is None else HowChoice(self.fields, card, session.role)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        for button in buttons.buttons():
            button.setAccessibleName(button.text().replace("&", ""))
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setDefault(True)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Save), self).activated.connect(self.save)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(MARGIN * 2, MARGIN, MARGIN * 2, MARGIN * 2)
        layout.setSpacing(MARGIN)
        layout.addWidget(_scrolling(self.fields), 1)
        bottom = QHBoxLayout()
        if self.drawing is not None:
            bottom.addWidget(self.drawing)
        bottom.addWidget(buttons, 1)
        layout.addLayout(bottom)
        fit_to_screen(self, 960, 720)
        self.fields.inputs["given_name"].setFocus()

    def save(self) -> None:
        """Save the card, or show what stands in the way; the dialog closes only when saved."""
        inp = self.fields.card_input()
        self.fields.clear_errors()
        try:
            if self.card is None:
                self._done(cards.add_card(self._session, inp))
            else:
                how = self.how.how() if self.how is not None else How.FORM
                self._done(cards.update_card(self._session, self.card, inp, how))
        except ValidationError as exc:
            self.fields.show_errors(exc.fields)
        except LikelyDuplicate as exc:
            self._likely_duplicate(exc, inp)
        except Conflict as exc:
            self._conflict(exc)
        except ShopError as exc:
            show_error(self, exc)

    def _likely_duplicate(self, exc: LikelyDuplicate, inp: CardInput) -> None:
        region = self._session.settings.region
        dialog = DuplicateDialog(exc.candidates, region, self, can_merge=True)
        dialog.exec()
        if dialog.choice is DuplicateChoice.OPEN_EXISTING:
            self.open_existing = dialog.chosen_id
            self.accept()
        elif dialog.choice in (DuplicateChoice.SAVE_NEW, DuplicateChoice.SAVE_AND_MERGE):
            try:
                card = cards.add_card(self._session, inp, allow_duplicate=True)
            except ShopError as error:
                show_error(self, error)
                return
            if dialog.choice is DuplicateChoice.SAVE_AND_MERGE:
                card = merged_or_new(self, self._session, dialog.chosen_id, card)
            self._done(card)
        else:
            self.fields.inputs["given_name"].setFocus()

    def _conflict(self, exc: Conflict) -> None:
        assert self.card is not None and self.card.id is not None
        choice = ConflictDialog(exc.message, exc.changed_fields, self).ask()
        if choice is ConflictChoice.BACK:
            return
        self.card = cards.get_card(self._session, self.card.id)
        if choice is ConflictChoice.RELOAD_THEIRS:
            self.fields.set_card(self.card)
        else:
            self.save()

    def _done(self, card: Card) -> None:
        self.saved = card
        if self.drawing is not None and card.id is not None:
            self.told = entered_if_ticked(self._session, self.drawing, card.id)
        self.accept()


def _new_card(session: Session) -> Card:
    """A blank card; the clerk at the till is copying a customer's slip."""
    via = JoinedVia.TILL if session.role is Role.CLERK else JoinedVia.OWNER
    return Card(joined_via=via)


def _scrolling(widget: QWidget) -> QScrollArea:
    area = QScrollArea()
    area.setWidget(widget)
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    return area
