"""The "Send to" part of the letters screen: a selection and the one input it needs, and the
owner's choice to hold some of them back.

The choices come from :func:`shopcards.services.letter_selections.selection_kinds`, so a
selection another feature registers (saved lists, lapsed customers) appears here by itself;
its :class:`Argument` says which input to show (none, a list of cards, two dates, a choice).
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QSpinBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from shopcards.core.i18n import _, format_locale
from shopcards.services.letter_selections import Argument, SelectionKind, selection_kinds
from shopcards.services.letters import MAX_HOLDOUT
from shopcards.services.session import Session
from shopcards.ui.kit.dates import date_edit, day_of, show_day
from shopcards.ui.kit.theme import SPACING
from shopcards.ui.kit.widgets import choice_box, line_edit

_PAGES = (Argument.NONE, Argument.IDS, Argument.DATE_RANGE, Argument.CHOICE)


def next_month(today: dt.date) -> tuple[dt.date, dt.date]:
    """The whole of next month: the usual range for birthday cards."""
    first = (today.replace(day=1) + dt.timedelta(days=32)).replace(day=1)
    last = (first + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)
    return first, last


class SelectionInput(QWidget):
    """A "Send to" list and, under it, the input the chosen selection needs."""

    changed = Signal()

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self.kinds = selection_kinds()
        self.choice = choice_box(_("Send to"))
        for kind in self.kinds:
            self.choice.addItem(_(kind.label), kind.name)
        self.cards = line_edit(_("Which cards"), _("e.g. 12, 15, 31"))
        first, last = next_month(session.today())
        locale = format_locale(session.settings.locale)
        self.date_from = date_edit(_("From"), locale, first)
        self.date_to = date_edit(_("To"), locale, last)
        self.option = choice_box(_("Which"))
        self.stack = QStackedWidget()
        self.stack.addWidget(QWidget())
        self.stack.addWidget(self.cards)
        self.stack.addWidget(self._dates())
        self.stack.addWidget(self.option)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(SPACING)
        layout.addWidget(self.choice)
        layout.addWidget(self.stack)
        self.choice.currentIndexChanged.connect(self._kind_chosen)
        for signal in (
            self.cards.textChanged,
            self.date_from.dateChanged,
            self.date_to.dateChanged,
            self.option.currentIndexChanged,
        ):
            signal.connect(lambda *_args: self.changed.emit())
        self._kind_chosen()

    def _dates(self) -> QWidget:
        box = QWidget()
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(SPACING)
        row.addWidget(self.date_from, 1)
        # Translators: between the two dates of "Birthdays between [date] to [date]".
        row.addWidget(QLabel(_("to")))
        row.addWidget(self.date_to, 1)
        return box

    @property
    def kind(self) -> SelectionKind:
        return self.kinds[max(0, self.choice.currentIndex())]

    def _kind_chosen(self) -> None:
        kind = self.kind
        self.stack.setCurrentIndex(_PAGES.index(kind.argument))
        self.stack.setVisible(kind.argument is not Argument.NONE)
        if kind.argument is Argument.IDS:
            self.cards.setPlaceholderText(kind.example.partition(":")[2].replace(",", ", "))
        if kind.argument is Argument.CHOICE and kind.choices is not None:
            self.option.blockSignals(True)
            self.option.clear()
            for value, label in kind.choices(self._session):
                self.option.addItem(label, value)
            self.option.blockSignals(False)
        self.changed.emit()

    def text(self) -> str:
        """The selection as the command line writes it, e.g. ``birthdays:2026-12-01..…``."""
        kind = self.kind
        if kind.argument is Argument.IDS:
            return f"{kind.name}:{self.cards.text()}"
        if kind.argument is Argument.DATE_RANGE:
            first = day_of(self.date_from).isoformat()
            last = day_of(self.date_to).isoformat()
            return f"{kind.name}:{first}..{last}"
        if kind.argument is Argument.CHOICE:
            return f"{kind.name}:{self.option.currentData() or ''}"
        return kind.name

    def choose(self, text: str) -> None:
        """Show the selection ``text`` (e.g. ``ids:42`` when opened from a card)."""
        name, _colon, argument = text.partition(":")
        index = self.choice.findData(name)
        if index < 0:
            return
        self.choice.setCurrentIndex(index)
        kind = self.kind
        if kind.argument is Argument.IDS:
            self.cards.setText(argument)
        elif kind.argument is Argument.CHOICE:
            self.option.setCurrentIndex(max(0, self.option.findData(argument)))
        elif kind.argument is Argument.DATE_RANGE and ".." in argument:
            first, last = argument.split("..", 1)
            show_day(self.date_from, dt.date.fromisoformat(first))
            show_day(self.date_to, dt.date.fromisoformat(last))


class HoldOutInput(QWidget):
    """The row "[ ] Hold back [10 %] to measure the effect", off unless the owner ticks it: nobody
    is kept from a mailing without being asked; the share starts at the shop's setting."""

    changed = Signal()

    def __init__(self, suggested: float, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # Translators: the row reads "[ ] Hold back [10 %] to measure the effect".
        self.check = QCheckBox(_("Hold back"))
        self.check.setAccessibleName(_("Hold back"))
        self.check.setToolTip(
            _(
                "Send nothing to this share of them, chosen at random and listed after the "
                "preview, to see later whether the letter made a difference (Insights: “Did it "
                "work?”)."
            )
        )
        self.percent = QSpinBox()
        self.percent.setAccessibleName(_("Hold back"))
        self.percent.setRange(1, round(MAX_HOLDOUT * 100))
        self.percent.setSuffix(" %")
        self.percent.setValue(max(1, round(suggested * 100)))
        self.percent.setEnabled(False)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(SPACING)
        row.addWidget(self.check)
        row.addWidget(self.percent)
        purpose = QLabel(_("to measure the effect"))
        purpose.setWordWrap(True)  # a long language wraps it rather than widen the screen
        row.addWidget(purpose, 1)
        self.check.toggled.connect(self.percent.setEnabled)
        self.check.toggled.connect(lambda *_args: self.changed.emit())
        self.percent.valueChanged.connect(lambda *_args: self.changed.emit())

    def share(self) -> float:
        """The share to hold back (0 when not ticked, or while the widget is greyed out)."""
        if not (self.check.isChecked() and self.isEnabled()):
            return 0.0
        return self.percent.value() / 100
