"""Merging two cards of one person: the two side by side, a choice per field, and Merge.

Only the fields in which the cards differ are asked about, each with a combo box ("Kept
card's", "Other card's", and for phones, interests and notes "Both"), preset as the merge would
choose by itself (:func:`shopcards.core.card_merge.default_choices`). "Keep the other card
instead" swaps which card is kept. Owner only: a clerk is asked for the PIN first.

:func:`open_merge_dialog` is the one entry every place uses (the duplicate warning, the list of
duplicates, the customer import's preview).
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFrame,
    QGridLayout,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from shopcards.core import phones
from shopcards.core.card import Card
from shopcards.core.card_merge import (
    BOTH,
    KEPT,
    OTHER,
    MergeField,
    default_choices,
    differing_fields,
)
from shopcards.core.errors import ShopError
from shopcards.core.i18n import N_, _, format_locale, isolated
from shopcards.services import card_merge, cards
from shopcards.services.session import Session
from shopcards.ui.kit.card_words import CONSENT, CUSTOMER_TYPES, FIELD_LABELS, greeting_label
from shopcards.ui.kit.dates import partial_date_text
from shopcards.ui.kit.error_dialog import show_error
from shopcards.ui.kit.theme import MARGIN, SPACING
from shopcards.ui.kit.widgets import button, ok_cancel
from shopcards.ui.kit.window_fit import fit_to_screen
from shopcards.ui.settings.pin_dialog import ask_for_owner_mode

TITLE = N_("Merge two cards")
CHOICE_WORDS = {KEPT: N_("Kept card's"), OTHER: N_("Other card's"), BOTH: N_("Both")}
MOVES = N_(
    "Purchases, calls, letters sent, prize drawing entries of months not yet published, "
    "loyalty movements and the change history of card {other} move to card {kept}, and card "
    "{other}'s number will open card {kept} at the till. This cannot be undone."
)


def open_merge_dialog(
    parent: QWidget | None, session: Session, keep_id: int, other_id: int
) -> bool:
    """Ask the owner how to merge the two cards and merge them; True when merged."""
    return _merged(parent, session, keep_id, other_id) is not None


def merged_or_new(
    parent: QWidget | None, session: Session, existing: int | None, new: Card
) -> Card:
    """The duplicate warning's "Save and merge…": the card just saved merged into the existing
    one (the kept card), or the new card as saved when the merge is not made."""
    if existing is None or new.id is None:
        return new
    return _merged(parent, session, existing, new.id) or new


def _merged(parent: QWidget | None, session: Session, keep_id: int, other_id: int) -> Card | None:
    """The kept card after the owner merged the two (either may be kept), or None."""
    if not ask_for_owner_mode(session, parent):
        return None
    try:
        dialog = MergeDialog(session, keep_id, other_id, parent)
    except ShopError as exc:
        show_error(parent, exc)
        return None
    dialog.exec()
    return dialog.merged


class MergeDialog(QDialog):
    """The two cards side by side; after ``exec()``, ``merged`` is the kept card, or None."""

    def __init__(
        self, session: Session, keep_id: int, other_id: int, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.setWindowTitle(_(TITLE))
        self.setAccessibleName(_(TITLE))
        self.merged: Card | None = None
        self.kept = cards.get_card(session, keep_id)
        self.other = cards.get_card(session, other_id)
        self.choices: dict[str, QComboBox] = {}
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.swap_button = button(_("Keep the other card instead"))
        self.swap_button.clicked.connect(self.swap)
        self.area = QScrollArea()
        self.area.setWidgetResizable(True)
        self.area.setFrameShape(QFrame.Shape.NoFrame)
        buttons = ok_cancel(_("Merge"), self.merge, self.reject)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(MARGIN * 2, MARGIN * 2, MARGIN * 2, MARGIN * 2)
        layout.setSpacing(SPACING * 2)
        layout.addWidget(self.intro)
        layout.addWidget(self.area, 1)
        layout.addWidget(self.swap_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(buttons)
        self._show_cards()
        fit_to_screen(self, 940, 640)

    def swap(self) -> None:
        """Keep the other card; the choices start again from the defaults."""
        self.kept, self.other = self.other, self.kept
        self._show_cards()

    def chosen(self) -> dict[str, str]:
        """The owner's choice per field asked about."""
        return {key: str(combo.currentData()) for key, combo in self.choices.items()}

    def merge(self) -> None:
        assert self.kept.id is not None and self.other.id is not None
        try:
            done = card_merge.merge_cards(self.session, self.kept.id, self.other.id, self.chosen())
        except ShopError as exc:
            show_error(self, exc)
            return
        self.merged = done.card
        self.accept()

    def _show_cards(self) -> None:
        kept, other = self.kept.card_no, self.other.card_no
        self.intro.setText(_(MOVES, kept=kept, other=other))
        self.choices.clear()
        grid_widget = QWidget()
        grid = QGridLayout(grid_widget)
        grid.setHorizontalSpacing(MARGIN * 2)
        grid.setVerticalSpacing(SPACING)
        headings = (
            "",
            _("Kept: {number} {name}", number=kept, name=self.kept.display_name),
            _("Other: {number} {name}", number=other, name=self.other.display_name),
            _("The kept card holds"),
        )
        for column, text in enumerate(headings):
            heading = QLabel(f"<b>{html.escape(text)}</b>")
            heading.setWordWrap(True)
            grid.addWidget(heading, 0, column)
        defaults = default_choices(self.kept, self.other)
        fields = differing_fields(self.kept, self.other)
        for row, field in enumerate(fields, start=1):
            self._add_row(grid, row, field, defaults[field.key])
        if not fields:
            grid.addWidget(QLabel(_("The two cards hold the same in every field.")), 1, 0, 1, 4)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(2, 1)
        grid.setRowStretch(len(fields) + 2, 1)
        self.area.setWidget(grid_widget)

    def _add_row(self, grid: QGridLayout, row: int, field: MergeField, default: str) -> None:
        name = _(FIELD_LABELS[field.key])
        combo = QComboBox()
        combo.setAccessibleName(name)
        for choice in (KEPT, OTHER, BOTH) if field.unites else (KEPT, OTHER):
            combo.addItem(_(CHOICE_WORDS[choice]), choice)
        combo.setCurrentIndex(combo.findData(default))
        label = QLabel(name)
        label.setBuddy(combo)
        grid.addWidget(label, row, 0, Qt.AlignmentFlag.AlignTop)
        for column, card in ((1, self.kept), (2, self.other)):
            value = QLabel(self._text(field, card) or "—")
            value.setWordWrap(True)
            if column == 1:
                value.setAccessibleName(_("{field} on the kept card", field=name))
            else:
                value.setAccessibleName(_("{field} on the other card", field=name))
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            grid.addWidget(value, row, column, Qt.AlignmentFlag.AlignTop)
        grid.addWidget(combo, row, 3, Qt.AlignmentFlag.AlignTop)
        self.choices[field.key] = combo

    def _text(self, field: MergeField, card: Card) -> str:
        return field_text(self.session, field, card)


def field_text(session: Session, field: MergeField, card: Card) -> str:
    """A field's value as the card view shows it (the import's "Compare…" shows them too)."""
    region, locale = session.settings.region, format_locale(session.settings.locale)
    key = field.key
    if key == "address":
        place = " ".join(part for part in (card.postcode, card.city) if part)
        return "\n".join(line for line in (*card.address_lines, place, card.country) if line)
    if key == "phones":
        return "\n".join(isolated(phones.display(p.number, region)) for p in card.phones)
    if key == "birthday":
        return partial_date_text(card.birthday, locale) if card.birthday else ""
    if key == "anniversary":
        what = f" ({card.anniversary_what})" if card.anniversary_what else ""
        return f"{card.anniversary}{what}" if card.anniversary else ""
    if key == "greeting":
        return _(greeting_label(card.greeting))
    if key == "interests":
        return ", ".join(card.interests)
    if key.startswith("consent_"):
        return _(CONSENT[getattr(card, key)])
    if key == "customer_type":
        return _(CUSTOMER_TYPES[card.customer_type]) if card.customer_type else ""
    if key == "is_staff":
        return _("Yes") if card.is_staff else _("No")
    return str(getattr(card, key))
