"""The warning before a second card for the same person goes into the cabinet."""

from __future__ import annotations

from collections.abc import Sequence
from enum import Enum

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from shopcards.core.card import CardSummary
from shopcards.core.card_fields import column_heading
from shopcards.core.i18n import N_, _, isolated
from shopcards.ui.cabinet.list_model import display_phone
from shopcards.ui.kit.theme import MARGIN, SPACING

INTRO = N_(
    "This may be a customer you already have: the cards below share a phone number, the "
    "e-mail address, or the name and postcode with the new card."
)
HEADINGS = (
    N_("Name"),
    *(column_heading(key) for key in ("card_no", "postcode", "city", "phones", "email")),
)


_ID_ROLE = Qt.ItemDataRole.UserRole


class DuplicateChoice(Enum):
    OPEN_EXISTING = "open"
    SAVE_NEW = "save"
    SAVE_AND_MERGE = "merge"
    BACK = "back"


class DuplicateDialog(QDialog):
    """Lists the look-alike cards; the choice is in ``choice`` (and ``chosen_id`` for Open and
    for "Save and merge…", offered with ``can_merge``: the new card is saved, then merged with
    the chosen one in the merge dialog)."""

    def __init__(
        self,
        candidates: Sequence[CardSummary],
        region: str,
        parent: QWidget | None = None,
        can_merge: bool = False,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Possible duplicate"))
        self.setAccessibleName(_("Possible duplicate"))
        self.setMinimumWidth(720)
        self.choice = DuplicateChoice.BACK
        self.chosen_id: int | None = None
        intro = QLabel(_(INTRO))
        intro.setWordWrap(True)
        self.list = QTreeWidget()
        self.list.setAccessibleName(_("Existing cards"))
        self.list.setRootIsDecorated(False)
        self.list.setHeaderLabels([_(heading) for heading in HEADINGS])
        for summary in candidates:
            item = QTreeWidgetItem(
                [
                    summary.display_name,
                    summary.card_no,
                    summary.postcode,
                    summary.city,
                    isolated(display_phone(summary.phone, region)),
                    summary.email,
                ]
            )
            item.setData(0, _ID_ROLE, summary.id)
            self.list.addTopLevelItem(item)
        for column in range(self.list.columnCount()):
            self.list.resizeColumnToContents(column)
            self.list.setColumnWidth(column, self.list.columnWidth(column) + MARGIN * 2)
        first = self.list.topLevelItem(0)
        if first is not None:
            self.list.setCurrentItem(first)
        self.list.itemDoubleClicked.connect(lambda *_: self._choose(DuplicateChoice.OPEN_EXISTING))
        buttons = QDialogButtonBox()
        self.open_button = self._button(
            buttons, _("Open existing card"), DuplicateChoice.OPEN_EXISTING
        )
        self._button(buttons, _("Save as new card"), DuplicateChoice.SAVE_NEW)
        if can_merge:
            self._button(buttons, _("Save and merge…"), DuplicateChoice.SAVE_AND_MERGE)
        self._button(buttons, _("Back to form"), DuplicateChoice.BACK)
        self.open_button.setDefault(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(MARGIN * 2, MARGIN * 2, MARGIN * 2, MARGIN * 2)
        layout.setSpacing(SPACING * 2)
        layout.addWidget(intro)
        layout.addWidget(self.list)
        layout.addWidget(buttons)
        self.list.setFocus()

    def _button(self, box: QDialogButtonBox, label: str, choice: DuplicateChoice) -> QPushButton:
        button = box.addButton(label, QDialogButtonBox.ButtonRole.ActionRole)
        button.setAccessibleName(label)
        button.clicked.connect(lambda: self._choose(choice))
        return button

    def _choose(self, choice: DuplicateChoice) -> None:
        self.choice = choice
        item = self.list.currentItem()
        self.chosen_id = int(item.data(0, _ID_ROLE)) if item is not None else None
        needs_card = (DuplicateChoice.OPEN_EXISTING, DuplicateChoice.SAVE_AND_MERGE)
        if choice in needs_card and self.chosen_id is None:
            return
        (self.reject if choice is DuplicateChoice.BACK else self.accept)()
