"""The card list as a Qt model: one page of the cabinet at a time, fetched as the view scrolls.

The card file may hold a million cards; the model holds only the pages the view has asked for
(``canFetchMore``/``fetchMore``), each fetched after the last card seen by its
(sort key, id), so page 5,000 costs what page 1 does. Setting a query shows its first page at
once; the count of matches is a separate, possibly slower question (:meth:`count`).

A keystroke reads only what a list can show (FIRST_PAGE rows), and of each only what its
first paint needs (core.card.ListRow): at 100,000 cards a keystroke's Python and Qt cost
more than its search (issue 12). The first phones of the rows shown are read in one
statement, and written as the shop writes them (~50 µs each, phonenumbers), just after the
rows show; both are kept (a card's phone while the card file is unchanged), so typing on
shows them at once.
"""

from __future__ import annotations

import unicodedata
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, QTimer

from shopcards.core import phones
from shopcards.core.card import CardQuery, ListRow, display_name
from shopcards.core.errors import ServerUnreachable
from shopcards.core.i18n import N_, _
from shopcards.services import cards
from shopcards.services.session import Session

PAGE_SIZE = 200
"""Rows fetched at a time as the list scrolls."""
FIRST_PAGE = 40
"""Rows fetched for a new query: a screenful at 1920×1080 (a taller list fetches more)."""
COL_NAME, COL_CITY, COL_PHONE = range(3)
HEADERS = (N_("Name"), N_("City"), N_("Phone"))
CARD_ID_ROLE = Qt.ItemDataRole.UserRole + 1
"""The card's id, for the window to open the card a row shows."""
SUMMARY_ROLE = Qt.ItemDataRole.UserRole + 2
"""The whole :class:`CardSummary` of the row (read when asked)."""
_RTL_ALIGN = (
    Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignAbsolute | Qt.AlignmentFlag.AlignVCenter
)
_Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()
_DISPLAY = Qt.ItemDataRole.DisplayRole
_ALIGNMENT = Qt.ItemDataRole.TextAlignmentRole
_TOOLTIP = Qt.ItemDataRole.ToolTipRole
"""The roles :meth:`CardListModel.data` answers, looked up once: reading ``Qt.ItemDataRole.X``
costs ~0.4 µs, and the list asks each cell it paints for several roles."""
_ANSWERED = frozenset((_DISPLAY, _ALIGNMENT, _TOOLTIP, CARD_ID_ROLE, SUMMARY_ROLE))
PHONES_KEPT = 20_000
"""Phone numbers kept as written, and cards' first phones as read (many pages' worth)."""
_written_phones: dict[tuple[str, str], str] = {}


class CardListModel(QAbstractTableModel):
    """Rows of :data:`ListRow` for a :class:`CardQuery`, in the cabinet's order."""

    def __init__(self, session: Session, parent: Any = None) -> None:
        super().__init__(parent)
        self._session = session
        self._query = CardQuery()
        self._rows: list[ListRow] = []
        self._more = False
        self._reading = True
        self._region = ""
        self._cells: dict[tuple[int, int], QModelIndex] = {}
        self._phones: dict[int, str] = {}  # first phones as read (E.164, "" for none)…
        self._phones_read_at = (-1, -1)  # …while the card file is as it was then
        self._unwritten_phones: set[int] = set()
        self._phone_timer = QTimer(self)
        self._phone_timer.setSingleShot(True)
        self._phone_timer.setInterval(0)
        self._phone_timer.timeout.connect(self._write_phones)

    @property
    def query(self) -> CardQuery:
        return self._query

    def set_query(self, query: CardQuery) -> None:
        """Show the first page of ``query`` (the rest comes as the view scrolls)."""
        self._query = query
        self.refresh()

    def refresh(self) -> None:
        """Read the first page again, e.g. after a card was saved or archived. Read before
        the reset: a read the card file does not answer leaves the list as it was."""
        rows = cards.list_page(self._session, self._query, None, FIRST_PAGE)
        region = self._session.settings.region
        state = cards.file_state(self._session)
        self.beginResetModel()
        self._rows, self._region = rows, region
        self._more = len(rows) == FIRST_PAGE
        self._unwritten_phones.clear()
        if state != self._phones_read_at:  # a phone may have changed
            self._phones.clear()
            self._phones_read_at = state
        self.endResetModel()

    def count(self) -> int:
        """How many cards match the query; free when everything fits on the pages loaded."""
        if not self._more:
            return len(self._rows)
        return cards.count_cards(self._session, self._query)

    def fully_loaded(self) -> bool:
        return not self._more

    def row_of(self, card_id: int) -> int | None:
        """The row showing card ``card_id`` among the pages loaded, or None."""
        return next((i for i, row in enumerate(self._rows) if row[0] == card_id), None)

    # Qt's model interface ------------------------------------------------------------------

    def rowCount(self, parent: _Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(HEADERS)

    def stop_fetching(self) -> None:
        """The window closed: its card file closes next, so nothing more is read."""
        self._more = self._reading = False
        self._phone_timer.stop()

    def index(self, row: int, column: int, parent: _Index = _ROOT) -> QModelIndex:
        """A cell's index, made once: an index is its row and column (no pointer), the same
        after every reset, and making one costs ~1 µs (Qt's own asks :meth:`rowCount` and
        :meth:`columnCount` back in Python, ~3 µs), for each cell the list paints."""
        cell = self._cells.get((row, column))
        rows = len(self._rows)
        if cell is not None and row < rows and (parent is _ROOT or not parent.isValid()):
            return cell
        if 0 <= row < rows and 0 <= column < len(HEADERS) and not parent.isValid():
            cell = self._cells[row, column] = self.createIndex(row, column)
            return cell
        return QModelIndex()

    def canFetchMore(self, parent: _Index) -> bool:
        return not parent.isValid() and self._more

    def fetchMore(self, parent: _Index) -> None:
        if parent.isValid() or not self._more:
            return
        card_id, sort_key, *_shown = self._rows[-1]
        page = cards.list_page(self._session, self._query, (sort_key, card_id), PAGE_SIZE)
        self._more = len(page) == PAGE_SIZE
        if page:
            first = len(self._rows)
            self.beginInsertRows(QModelIndex(), first, first + len(page) - 1)
            self._rows.extend(page)
            self.endInsertRows()

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _(HEADERS[section])
        return None

    def data(self, index: _Index, role: int = _DISPLAY) -> Any:
        """A cell's text and the rest, asked several times for each cell the list paints:
        every call counts (~1 µs each, a third of it a call of a method of ours), so a cell's
        text is worked out here, a role not answered told before the row is asked for (the
        list asks each cell for eight), and an invalid index told by its row, -1, alone."""
        if role not in _ANSWERED:
            return None
        row = index.row()
        if row < 0:
            return None
        try:
            shown = self._rows[row]
        except IndexError:
            return None
        if role == _DISPLAY:
            column = index.column()
            if column == COL_NAME:
                return display_name(shown[2], shown[3])
            if column == COL_CITY:
                return shown[4]
            phone = self._phones.get(shown[0])
            written = _written_phones.get((phone, self._region)) if phone else phone
            return self._phone_later(row) if written is None else written
        if role == _ALIGNMENT:
            return _RTL_ALIGN if is_rtl(self.data(index)) else None
        if role == CARD_ID_ROLE:
            return shown[0]
        if role == SUMMARY_ROLE:
            return cards.card_summary(self._session, shown[0])
        if role == _TOOLTIP and index.column() == COL_NAME:  # a hover: read when asked
            summary = cards.card_summary(self._session, shown[0])
            return _("{name} — card {card_no}", name=summary.display_name, card_no=summary.card_no)
        return None

    def _phone_later(self, row: int) -> str:
        """Nothing for now: the phone of ``row`` is read and written once the rows show."""
        if self._reading:
            if not self._unwritten_phones:  # the first of them starts the timer
                self._phone_timer.start()
            self._unwritten_phones.add(row)
        return ""

    def _write_phones(self) -> None:
        """Read and write the phones the list asked for before they were, and show them."""
        rows = sorted(row for row in self._unwritten_phones if row < len(self._rows))
        self._unwritten_phones.clear()
        unread = [self._rows[row][0] for row in rows if self._rows[row][0] not in self._phones]
        if unread:
            if len(self._phones) + len(unread) > PHONES_KEPT:
                self._phones.clear()
            try:
                self._phones.update(cards.first_phones(self._session, unread))
            except ServerUnreachable:  # blank until the list is read again (try_again.py)
                return
        for row in rows:
            display_phone(self._phones.get(self._rows[row][0], ""), self._region)
        if rows:
            changed = (self.index(rows[0], COL_PHONE), self.index(rows[-1], COL_PHONE))
            self.dataChanged.emit(*changed, [Qt.ItemDataRole.DisplayRole])


def display_phone(e164: str, region: str) -> str:
    """The number as the shop writes it; kept, since lists show the same numbers again."""
    key = (e164, region)
    written = _written_phones.get(key)
    if written is None:
        if len(_written_phones) >= PHONES_KEPT:
            _written_phones.clear()
        written = _written_phones[key] = phones.display(e164, region) if e164 else ""
    return written


def is_rtl(text: str) -> bool:
    """True when the first strongly directional letter of ``text`` is right-to-left."""
    for ch in text:
        direction = unicodedata.bidirectional(ch)
        if direction in ("R", "AL"):
            return True
        if direction == "L":
            return False
    return False
