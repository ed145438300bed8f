"""Shop ▸ Find duplicate cards…: every pair of cards that may be one person, with why.

The search runs in the background with a progress bar and Cancel (it reads every card: a few
seconds at 100,000). "Merge…" opens the merge dialog on the selected pair (the older card, the
lower number, preset as the one kept); "Not the same person" remembers the pair so it is not
listed again. Owner only; the window closes when the desk goes back to clerk mode.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from shopcards.core.card_fields import column_heading
from shopcards.core.errors import NotFound, ShopError
from shopcards.core.i18n import N_, _, ngettext
from shopcards.core.progress import CancelToken
from shopcards.core.roles import Role
from shopcards.services import cards, duplicates
from shopcards.services.duplicates import Duplicate
from shopcards.services.session import Session, require_owner
from shopcards.ui.card.merge_dialog import open_merge_dialog
from shopcards.ui.kit.background import BackgroundTask, run_in_background
from shopcards.ui.kit.error_dialog import open_screen, show_error
from shopcards.ui.kit.theme import MARGIN, SPACING
from shopcards.ui.kit.widgets import button
from shopcards.ui.kit.window_fit import fit_to_screen

TITLE = N_("Duplicate cards")
COLUMNS = (column_heading("card_no"), N_("Name"), column_heading("card_no"), N_("Name"), N_("Why"))
_PAIR = Qt.ItemDataRole.UserRole


def open_duplicates_window(
    session: Session, parent: QWidget | None = None
) -> DuplicatesWindow | None:
    """Open the list and start the search; the clerk is told it is the owner's, and gets None."""
    window = open_screen(lambda: DuplicatesWindow(session, parent), parent)
    if window is not None:
        window.look()
    return window


class DuplicatesWindow(QDialog):
    """The pairs found; ``cardsChanged`` fires after a merge (the cabinet shows it)."""

    cardsChanged = Signal()

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        require_owner(session, _("look for duplicate cards"))
        super().__init__(parent)
        self.session = session
        self.task: BackgroundTask[list[Duplicate]] | None = None
        self.setWindowTitle(_(TITLE))
        self.setAccessibleName(_(TITLE))
        self.setWindowFlag(Qt.WindowType.Window, True)
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint, True)
        self.summary = QLabel()
        self.summary.setAccessibleName(_("Summary"))
        self.summary.setWordWrap(True)
        self.list = QTreeWidget()
        self.list.setAccessibleName(_("Pairs"))
        self.list.setRootIsDecorated(False)
        self.list.setAlternatingRowColors(True)
        self.list.setHeaderLabels([_(column) for column in COLUMNS])
        self.list.itemDoubleClicked.connect(lambda *_: self.merge())
        self.list.currentItemChanged.connect(lambda *_: self._enable())
        self.merge_button = button(_("Merge…"))
        self.merge_button.clicked.connect(self.merge)
        self.not_same_button = button(_("Not the same person"))
        self.not_same_button.clicked.connect(self.not_same)
        self.again_button = button(_("Look again"))
        self.again_button.clicked.connect(self.look)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close_button = close.button(QDialogButtonBox.StandardButton.Close)
        close_button.setAccessibleName(close_button.text().replace("&", ""))
        close.rejected.connect(self.close)
        row = QHBoxLayout()
        row.setSpacing(SPACING)
        for widget in (self.merge_button, self.not_same_button, self.again_button):
            row.addWidget(widget)
        row.addStretch(1)
        row.addWidget(close)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(MARGIN, MARGIN, MARGIN, MARGIN)
        layout.setSpacing(SPACING)
        layout.addWidget(self.summary)
        layout.addWidget(self.list, 1)
        layout.addLayout(row)
        fit_to_screen(self, 1000, 680)
        self._enable()

    def look(self) -> None:
        """Search the whole card file again, on a connection of the worker's own."""

        def work(token: CancelToken) -> list[Duplicate]:
            own = self.session.twin()
            try:
                return duplicates.find_duplicates(own, token)
            finally:
                own.close()

        self.summary.setText(_("Looking for cards that may be one person…"))
        self.again_button.setEnabled(False)
        self.task = run_in_background(
            self,
            _("Looking for duplicate cards"),
            work,
            self.show_pairs,
            self._failed,
            on_cancelled=self._cancelled,
        )

    def show_pairs(self, found: list[Duplicate]) -> None:
        self.list.clear()
        for pair in found:
            first, second = pair.first, pair.second
            texts = [first.card_no, first.display_name, second.card_no, second.display_name]
            item = QTreeWidgetItem([*texts, pair.why])
            item.setData(0, _PAIR, (first.id, second.id))
            item.setToolTip(4, pair.why)  # a long reason is cut short in its column
            self.list.addTopLevelItem(item)
        for column in range(len(COLUMNS) - 1):
            self.list.resizeColumnToContents(column)
        first_row = self.list.topLevelItem(0)
        if first_row is not None:
            self.list.setCurrentItem(first_row)
        self.again_button.setEnabled(True)
        self._count()
        self.list.setFocus()

    def merge(self) -> None:
        pair = self._selected()
        if pair is None or not open_merge_dialog(self, self.session, *pair):
            return
        gone = [card_id for card_id in pair if not _exists(self.session, card_id)]
        self._drop(lambda ids: bool(set(ids) & set(gone)))
        self.cardsChanged.emit()

    def not_same(self) -> None:
        pair = self._selected()
        if pair is None:
            return
        try:
            duplicates.mark_not_same(self.session, *pair)
        except ShopError as exc:
            show_error(self, exc)
            return
        self._drop(lambda ids: ids == pair)

    def show_role(self) -> None:
        """Back in clerk mode, the owner's window closes."""
        if self.session.role is not Role.OWNER:
            self.close()

    def _selected(self) -> tuple[int, int] | None:
        item = self.list.currentItem()
        return None if item is None else _pair(item)

    def _drop(self, which: Callable[[tuple[int, int]], bool]) -> None:
        for index in reversed(range(self.list.topLevelItemCount())):
            item = self.list.topLevelItem(index)
            if item is not None and which(_pair(item)):
                self.list.takeTopLevelItem(index)
        self._count()

    def _count(self) -> None:
        count = self.list.topLevelItemCount()
        self.summary.setText(
            ngettext(
                "{count} pair of cards that may be one person: the same phone, the same "
                "e-mail, or names alike at one postcode or with one birthday.",
                "{count} pairs of cards that may be one person: the same phone, the same "
                "e-mail, or names alike at one postcode or with one birthday.",
                count,
                count=count,
            )
            if count
            else _("No cards look like one person.")
        )
        self._enable()

    def _enable(self) -> None:
        chosen = self.list.currentItem() is not None
        self.merge_button.setEnabled(chosen)
        self.not_same_button.setEnabled(chosen)

    def _failed(self, exc: BaseException) -> None:
        self.again_button.setEnabled(True)
        self.summary.setText(_("The search stopped."))
        show_error(self, exc)

    def _cancelled(self) -> None:
        self.again_button.setEnabled(True)
        self.summary.setText(_("Cancelled. Press “Look again” to search the card file."))


def _pair(item: QTreeWidgetItem) -> tuple[int, int]:
    first, second = item.data(0, _PAIR)
    return int(first), int(second)


def _exists(session: Session, card_id: int) -> bool:
    try:
        cards.get_card(session, card_id)
    except NotFound:
        return False
    return True
