"""The customer import's preview as a table: every row with its status, the name, phone and
e-mail it gives, why it was refused or whom it resembles, and, for a possible duplicate, the
owner's decision (a combo in the cell: skip, update the card, add anyway).

A thin model over the service's :class:`~shopcards.services.customer_import.Preview` (100,000
rows are shown without a widget per row), a proxy that shows one status, and the delegate that
edits a decision.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtWidgets import QComboBox, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from shopcards.core.i18n import N_, _, isolated
from shopcards.core.phones import display
from shopcards.services.customer_import import Decision, Preview, PreviewRow, Status

STATUS_TEXT = {
    Status.NEW: N_("New"),
    Status.UPDATE: N_("Update"),
    Status.DUPLICATE: N_("Possible duplicate"),
    Status.REFUSED: N_("Refused"),
}
DECISION_TEXT = {
    Decision.SKIP: N_("Skip"),
    Decision.UPDATE: N_("Update the card"),
    Decision.ADD: N_("Add anyway"),
}
"""A row's status and the owner's decision, in English: shown through ``_``."""
HEADINGS = (
    N_("Row"),
    N_("Status"),
    N_("Name"),
    N_("Phone"),
    N_("E-mail"),
    N_("Why"),
    N_("Decision"),
)
COL_ROW, COL_STATUS, COL_NAME, COL_PHONE, COL_EMAIL, COL_WHY, COL_DECISION = range(7)
_Index = QModelIndex | QPersistentModelIndex


class PreviewModel(QAbstractTableModel):
    """The preview's rows; ``decisions`` holds the owner's choice for each possible duplicate
    (skip until told otherwise)."""

    def __init__(self, preview: Preview, region: str) -> None:
        super().__init__()
        self.preview = preview
        self.region = region
        self.decisions: dict[int, Decision] = {
            row.row: Decision.SKIP for row in preview.of(Status.DUPLICATE)
        }

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.preview.rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADINGS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> str | None:
        if orientation is Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _(HEADINGS[section])
        return None

    def row_at(self, index: _Index) -> PreviewRow:
        return self.preview.rows[index.row()]

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> str | None:
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == COL_WHY:
            return self.why(index)
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return None
        row = self.row_at(index)
        column = index.column()
        if column == COL_ROW:
            return str(row.row)
        if column == COL_STATUS:
            return _(STATUS_TEXT[row.status])
        if column == COL_WHY:
            return self.why(index)
        if column == COL_DECISION:
            decision = self.decisions.get(row.row)
            return _(DECISION_TEXT[decision]) if decision else ""
        if column == COL_PHONE:
            return isolated(display(row.phone, self.region)) if row.phone else ""
        return row.name if column == COL_NAME else row.email

    def why(self, index: _Index) -> str:
        """Why the row was refused (and in which column), or whom it resembles."""
        row = self.row_at(index)
        if row.column:
            return _("column {column}: {reason}", column=row.column, reason=row.reason)
        return row.reason

    def flags(self, index: _Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        if index.column() == COL_DECISION and self.row_at(index).row in self.decisions:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def setData(self, index: _Index, value: object, role: int = Qt.ItemDataRole.EditRole) -> bool:
        row = self.row_at(index).row
        if role != Qt.ItemDataRole.EditRole or row not in self.decisions:
            return False
        self.decisions[row] = Decision(str(value))
        self.dataChanged.emit(index, index)
        return True

    def decide_all(self, decision: Decision) -> None:
        """One decision for every possible duplicate."""
        for row in self.decisions:
            self.decisions[row] = decision
        if self.preview.rows:
            last = self.index(len(self.preview.rows) - 1, COL_DECISION)
            self.dataChanged.emit(self.index(0, COL_DECISION), last)


class StatusFilter(QSortFilterProxyModel):
    """The rows of one status, or all (``status`` None)."""

    def __init__(self, model: PreviewModel) -> None:
        super().__init__()
        self.setSourceModel(model)
        self.status: Status | None = None

    def show_status(self, status: Status | None) -> None:
        self.status = status
        self.invalidate()

    def filterAcceptsRow(self, source_row: int, source_parent: _Index) -> bool:
        if self.status is None:
            return True
        model = self.sourceModel()
        assert isinstance(model, PreviewModel)
        return model.preview.rows[source_row].status is self.status


class DecisionDelegate(QStyledItemDelegate):
    """A combo in a possible duplicate's Decision cell (F2, or a double click, opens it)."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: _Index) -> QWidget:
        combo = QComboBox(parent)
        combo.setAccessibleName(_("Decision"))
        for decision, text in DECISION_TEXT.items():
            combo.addItem(_(text), decision.value)
        # a choice counts at once, by keys or the mouse, without a further Enter
        combo.currentIndexChanged.connect(lambda _index: self.commitData.emit(combo))
        return combo

    def setEditorData(self, editor: QWidget, index: _Index) -> None:
        assert isinstance(editor, QComboBox)
        editor.setCurrentText(str(index.data()))

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: _Index) -> None:
        assert isinstance(editor, QComboBox)
        model.setData(index, editor.currentData())
