"""A card's phone numbers in the form: a short list of (label, number) rows.

Numbers are shown as the shop writes them and read back as typed; the card's validation turns
them into E.164 (and says which one is not a phone number).
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QStyle,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from shopcards.core.card_fields import PHONE_KINDS, phone_label_kept, phone_label_shown
from shopcards.core.i18n import _
from shopcards.ui.kit.theme import SPACING

MAX_PHONES = 6
FIRST_KIND = next(iter(PHONE_KINDS))
"""A new row's kind: mobile."""


EDIT_MARGINS = 8
"""Pixels a line edit keeps beside its text (its margins and frame)."""


def _fit_longest(box: QComboBox) -> None:
    """``box`` as wide as its longest label and never squeezed ("matkapuhelin" was cut to
    "matkapuh" beside the number). Its size is asked for in characters, as the size Qt gives
    the items leaves out the margins of the line edit they are typed in."""
    metrics = box.fontMetrics()
    longest = max(metrics.horizontalAdvance(box.itemText(i)) for i in range(box.count()))
    box.setMinimumContentsLength(
        math.ceil((longest + EDIT_MARGINS) / metrics.horizontalAdvance("X"))
    )
    box.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)


class _PhoneRow(QWidget):
    def __init__(self, label: str, number: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.label = QComboBox()
        self.label.setEditable(True)
        self.label.addItems([phone_label_shown(kind) for kind in PHONE_KINDS])
        self.label.setCurrentText(phone_label_shown(label))
        self.label.setAccessibleName(_("Phone label"))
        _fit_longest(self.label)
        self.number = QLineEdit(number)
        self.number.setPlaceholderText(_("Phone number"))
        self.number.setAccessibleName(_("Phone number"))
        # a cross, not the word: in Armenian "Հեռացնել" left the number a third of its room
        self.remove = QToolButton()
        self.remove.setText(_("Remove"))
        self.remove.setIcon(self.style().standardIcon(QStyle.StandardPixmap.SP_LineEditClearButton))
        self.remove.setAccessibleName(_("Remove phone"))
        self.remove.setToolTip(_("Remove this phone number"))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(SPACING)
        layout.addWidget(self.label)
        layout.addWidget(self.number, 1)
        layout.addWidget(self.remove)


class PhoneListEditor(QWidget):
    """Rows of phone numbers with "Add phone"; an empty row is simply not saved."""

    rowsChanged = Signal()
    """A row came or went: the form puts the new inputs into its Tab order."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(_("Phones"))
        self._rows: list[_PhoneRow] = []
        self._rows_layout = QVBoxLayout()
        self._rows_layout.setContentsMargins(0, 0, 0, 0)
        self._rows_layout.setSpacing(SPACING // 2)
        self.add_button = QPushButton(_("Add phone"))
        self.add_button.setAccessibleName(_("Add phone"))
        self.add_button.setAutoDefault(False)
        self.add_button.clicked.connect(self._add_clicked)
        add_row = QHBoxLayout()
        add_row.addWidget(self.add_button)
        add_row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(SPACING // 2)
        layout.addLayout(self._rows_layout)
        layout.addLayout(add_row)
        self.set_phones([])

    def set_phones(self, phones: Sequence[tuple[str, str]]) -> None:
        """Show these (label, number) pairs, or one empty "mobile" row when there are none."""
        for row in self._rows:
            _drop(row)
        self._rows = []
        for label, number in phones or [(FIRST_KIND, "")]:
            self._add_row(label, number)
        self.rowsChanged.emit()

    def phones(self) -> list[tuple[str, str]]:
        """(label, number) pairs; a kind offered is kept by its key, whatever the language."""
        return [
            (phone_label_kept(row.label.currentText()), row.number.text()) for row in self._rows
        ]

    def number_fields(self) -> list[QLineEdit]:
        return [row.number for row in self._rows]

    def focus_first(self) -> None:
        self._rows[0].number.setFocus()

    def focus_chain(self) -> list[QWidget]:
        """Label, number, Remove, row after row, then "Add phone": the order Tab visits them."""
        chain: list[QWidget] = []
        for row in self._rows:
            chain += [row.label, row.number, row.remove]
        return [*chain, self.add_button]

    def _add_clicked(self) -> None:
        row = self._add_row(FIRST_KIND, "")
        self.rowsChanged.emit()
        row.number.setFocus()

    def _add_row(self, label: str, number: str) -> _PhoneRow:
        row = _PhoneRow(label, number, self)
        row.remove.clicked.connect(lambda: self._remove(row))
        self._rows.append(row)
        self._rows_layout.addWidget(row)
        row.show()  # at once, not at the next turn of the event loop: it may get the focus now
        self.add_button.setEnabled(len(self._rows) < MAX_PHONES)
        return row

    def _remove(self, row: _PhoneRow) -> None:
        if len(self._rows) == 1:
            row.number.clear()
            row.number.setFocus()
            return
        index = self._rows.index(row)
        self._rows.remove(row)
        _drop(row)
        self.add_button.setEnabled(True)
        self.rowsChanged.emit()
        self._rows[min(index, len(self._rows) - 1)].number.setFocus()


def _drop(row: _PhoneRow) -> None:
    row.hide()  # out of the Tab order at once, gone at the next turn of the event loop
    row.setParent(None)
    row.deleteLater()
