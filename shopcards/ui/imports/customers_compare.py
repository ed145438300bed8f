"""The import preview's "Compare…": a possible duplicate's row beside the card it resembles.

A row of the file is not a card yet, so it cannot be merged the way two stored cards are
(ui/card/merge_dialog.py): what the owner needs before deciding is to see the two side by
side. The fields in which they differ are shown (read-only), and the owner picks what the
import does with the row: skip it, update the card (the file's filled fields replace the
card's, phones and interests are added), or add it as a new card — which Shop ▸ Find duplicate
cards… can still merge afterwards, field by field.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFrame,
    QGridLayout,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from shopcards.core.card import Card
from shopcards.core.card_merge import differing_fields
from shopcards.core.i18n import N_, _
from shopcards.services import cards
from shopcards.services.customer_import import Decision, PreviewRow
from shopcards.services.session import Session
from shopcards.ui.card.merge_dialog import field_text
from shopcards.ui.imports.customers_preview import DECISION_TEXT
from shopcards.ui.kit.card_words import FIELD_LABELS
from shopcards.ui.kit.theme import MARGIN, SPACING
from shopcards.ui.kit.widgets import button
from shopcards.ui.kit.window_fit import fit_to_screen

TITLE = N_("Compare with the card")
INTRO = N_(
    "Row {row} of the file may be the customer of card {card_no}: {reason}. Only the fields "
    "in which they differ are shown. “{update}” takes the row's filled fields and adds "
    "its phones and interests; “{add}” makes a new card, which Shop ▸ Find duplicate "
    "cards… can merge with this one later."
)
_ON_THE_CARD = N_("{field} on the card")
_ON_THE_ROW = N_("{field} on the row")


def compare_row(parent: QWidget | None, session: Session, row: PreviewRow) -> Decision | None:
    """Show ``row`` beside the card it resembles; the decision the owner picked, or None."""
    if row.card is None or row.target is None:
        return None
    dialog = CompareDialog(session, row, parent)
    dialog.exec()
    return dialog.decision


def _shown(key: str, card: Card, row: Card) -> bool:
    """Whether a differing field is worth showing: not the staff mark (an import never sets
    it), nor phones that differ only in their labels (the numbers are what an update adds)."""
    if key == "phones":
        return {p.number for p in card.phones} != {p.number for p in row.phones}
    return key != "is_staff"


class CompareDialog(QDialog):
    """The row and the card side by side; after ``exec()``, ``decision`` is the owner's pick
    (None when closed without one)."""

    def __init__(self, session: Session, row: PreviewRow, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        assert row.card is not None and row.target is not None
        self.setWindowTitle(_(TITLE))
        self.setAccessibleName(_(TITLE))
        self.decision: Decision | None = None
        card = cards.get_card(session, row.target)
        intro = QLabel(
            _(
                INTRO,
                row=row.row,
                card_no=card.card_no,
                reason=row.reason,
                update=_(DECISION_TEXT[Decision.UPDATE]),
                add=_(DECISION_TEXT[Decision.ADD]),
            )
        )
        intro.setWordWrap(True)
        area = QScrollArea()
        area.setWidgetResizable(True)
        area.setFrameShape(QFrame.Shape.NoFrame)
        area.setWidget(self._grid(session, row, card))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(MARGIN * 2, MARGIN * 2, MARGIN * 2, MARGIN * 2)
        layout.setSpacing(SPACING * 2)
        layout.addWidget(intro)
        layout.addWidget(area, 1)
        layout.addWidget(self._buttons())
        fit_to_screen(self, 860, 560)

    def _grid(self, session: Session, row: PreviewRow, card: Card) -> QWidget:
        assert row.card is not None
        widget = QWidget()
        grid = QGridLayout(widget)
        grid.setHorizontalSpacing(MARGIN * 2)
        grid.setVerticalSpacing(SPACING)
        headings = (
            "",
            _("Card {number}", number=card.card_no),
            _("Row {row} of the file", row=row.row),
        )
        for column, text in enumerate(headings):
            heading = QLabel(f"<b>{html.escape(text)}</b>")
            heading.setWordWrap(True)
            grid.addWidget(heading, 0, column)
        fields = [f for f in differing_fields(card, row.card) if _shown(f.key, card, row.card)]
        for line, field in enumerate(fields, start=1):
            name = _(FIELD_LABELS[field.key])
            grid.addWidget(QLabel(name), line, 0, Qt.AlignmentFlag.AlignTop)
            sides = ((_ON_THE_CARD, card), (_ON_THE_ROW, row.card))
            for column, (whose, shown) in enumerate(sides, 1):
                value = QLabel(field_text(session, field, shown) or "—")
                value.setWordWrap(True)
                value.setAccessibleName(_(whose, field=name))
                value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
                grid.addWidget(value, line, column, Qt.AlignmentFlag.AlignTop)
        if not fields:
            grid.addWidget(QLabel(_("The row and the card hold the same.")), 1, 0, 1, 3)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(2, 1)
        grid.setRowStretch(len(fields) + 2, 1)
        return widget

    def _buttons(self) -> QDialogButtonBox:
        box = QDialogButtonBox()
        for decision in (Decision.SKIP, Decision.UPDATE, Decision.ADD):
            pick = button(_(DECISION_TEXT[decision]))
            pick.clicked.connect(lambda _checked=False, d=decision: self._pick(d))
            box.addButton(pick, QDialogButtonBox.ButtonRole.ActionRole)
        close = box.addButton(QDialogButtonBox.StandardButton.Close)
        close.setAccessibleName(close.text().replace("&", ""))
        box.rejected.connect(self.reject)
        return box

    def _pick(self, decision: Decision) -> None:
        self.decision = decision
        self.accept()
