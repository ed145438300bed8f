"""The tier table as the owner edits it: one row per tier (name, discount, the rule and its
amount or share), rows added, removed and moved, and what is wrong with a row said under it.

The editor only reads and shows; the scheme tab saves the whole table through the service, so
a table with one bad row saves nothing.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QLabel,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from shopcards.core.i18n import N_, _
from shopcards.core.loyalty_tiers import Rule, Tier
from shopcards.core.money import NotAnAmount, format_for_typing, parse_amount
from shopcards.ui.kit.widgets import MessageLabel, button, line_edit
from shopcards.ui.loyalty.percent import bp_of, percent_box, set_bp

RULES = {
    Rule.SPEND: N_("Net spend over 12 months at least"),
    Rule.TOP: N_("Top share of customers"),
}
HEADINGS = (N_("Name"), N_("Discount"), N_("Rule"), N_("Amount or share"))
STRETCH = (3, 1, 3, 2, 0, 0, 0)
_PLACE = re.compile(r"tier (\d+)")


class TierRow:
    """One tier's inputs, its Up / Down / Remove buttons, and a red line for its problem (the
    editor lays them out in its grid, so every row's columns line up under the headings)."""

    def __init__(self, tier: Tier, locale: str, currency: str) -> None:
        self.tier_id = tier.id
        self.locale, self.currency = locale, currency
        self.name = line_edit(_("Name"), _("e.g. Gold"))
        self.name.setText(tier.name)
        self.discount = percent_box(_("Discount"), locale)
        set_bp(self.discount, tier.rate_bp)
        self.rule = QComboBox()
        self.rule.setAccessibleName(_("Rule"))
        for rule, label in RULES.items():
            self.rule.addItem(_(label), rule.value)
        self.spend = line_edit(_("Net spend"), format_for_typing(0, locale, currency))
        self.spend.setText(format_for_typing(tier.threshold, locale, currency))
        self.share = percent_box(_("Top share"), locale)
        set_bp(self.share, tier.top_bp or 2000)
        self.bar = QStackedWidget()
        self.bar.addWidget(self.spend)
        self.bar.addWidget(self.share)
        self.rule.currentIndexChanged.connect(self.bar.setCurrentIndex)
        self.rule.setCurrentIndex(list(RULES).index(tier.rule) if tier.rule in RULES else 0)
        self.up, self.down, self.remove = button(_("Up")), button(_("Down")), button(_("Remove"))
        self.problem = MessageLabel(_("Tier {name} error", name=tier.name))
        self.problem.hide()

    @property
    def widgets(self) -> tuple[QWidget, ...]:
        """The row's inputs and buttons, one per column of the grid."""
        return (self.name, self.discount, self.rule, self.bar, self.up, self.down, self.remove)

    def read(self) -> Tier:
        """The row as a tier; NotAnAmount when the net spend typed is no amount of money."""
        rule = Rule(self.rule.currentData())
        threshold = 0
        if rule is Rule.SPEND:
            threshold = parse_amount(self.spend.text(), self.locale, self.currency)
        top = bp_of(self.share) if rule is Rule.TOP else 0
        return Tier(self.name.text(), bp_of(self.discount), rule, threshold, top, self.tier_id)

    def say(self, text: str) -> None:
        self.problem.setVisible(bool(text))
        if text:
            self.problem.error(text)
        else:
            self.problem.clear()

    def delete(self) -> None:
        for widget in (*self.widgets, self.problem):
            widget.deleteLater()


class TiersEditor(QWidget):
    """The tier table: headings and rows in one grid (two grid lines a row: the inputs, then
    the row's problem), scrolling when long, and "Add a tier"."""

    def __init__(self, locale: str, currency: str) -> None:
        super().__init__()
        self.shop = (locale, currency)
        """The shop's language and currency, for the rows' money and per cent."""
        self.rows: list[TierRow] = []
        self.add = button(_("Add a tier"))
        self.add.clicked.connect(lambda: self._append(Tier("", 0, Rule.SPEND), focus=True))
        self.list = QWidget()
        self.grid = QGridLayout(self.list)
        self.grid.setVerticalSpacing(2)
        for column, text in enumerate(HEADINGS):
            heading = QLabel(_(text))
            heading.setStyleSheet("font-weight: bold;")
            self.grid.addWidget(heading, 0, column)
        for column, stretch in enumerate(STRETCH):
            self.grid.setColumnStretch(column, stretch)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.list)
        scroll.setAccessibleName(_("Tiers"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.add, 0, Qt.AlignmentFlag.AlignLeft)

    def set_tiers(self, tiers: Sequence[Tier]) -> None:
        for row in self.rows:
            row.delete()
        self.rows = []
        for tier in tiers:
            self._append(tier)

    def table(self) -> tuple[list[Tier], dict[int, str]]:
        """The tiers as typed, and (row index -> problem) for rows that cannot be read."""
        tiers: list[Tier] = []
        problems: dict[int, str] = {}
        for place, row in enumerate(self.rows):
            try:
                tiers.append(row.read())
            except NotAnAmount as exc:
                problems[place] = _("net spend: {problem}", problem=exc)
        return tiers, problems

    def show_problems(self, by_row: Mapping[int, str]) -> None:
        """Each problem under its row (others cleared); the first bad row gets the focus."""
        for place, row in enumerate(self.rows):
            row.say(by_row.get(place, ""))
        if by_row:
            first = self.rows[min(by_row)]
            first.name.setFocus()

    @staticmethod
    def rows_of(fields: Mapping[str, str]) -> tuple[dict[int, str], dict[str, str]]:
        """A service's refusal split into (row index -> problem) for "tier N …" keys, and the
        rest (said elsewhere)."""
        by_row: dict[int, str] = {}
        rest: dict[str, str] = {}
        for key, text in fields.items():
            found = _PLACE.match(key)
            if found:
                by_row[int(found.group(1)) - 1] = text
            else:
                rest[key] = text
        return by_row, rest

    def _append(self, tier: Tier, focus: bool = False) -> None:
        row = TierRow(tier, *self.shop)
        row.up.clicked.connect(lambda: self._move(row, -1))
        row.down.clicked.connect(lambda: self._move(row, 1))
        row.remove.clicked.connect(lambda: self._remove(row))
        self.rows.append(row)
        self._place()
        if focus:
            row.name.setFocus()

    def _move(self, row: TierRow, step: int) -> None:
        place = self.rows.index(row)
        to = place + step
        if 0 <= to < len(self.rows):
            self.rows.insert(to, self.rows.pop(place))
            self._place()

    def _remove(self, row: TierRow) -> None:
        self.rows.remove(row)
        row.delete()
        self._place()

    def _place(self) -> None:
        """Put every row on its grid lines in the table's order, the rest of the room below."""
        for row in self.rows:
            for widget in (*row.widgets, row.problem):
                self.grid.removeWidget(widget)
        for place, row in enumerate(self.rows):
            line = 1 + 2 * place
            for column, widget in enumerate(row.widgets):
                self.grid.addWidget(widget, line, column)
            self.grid.addWidget(row.problem, line + 1, 0, 1, len(row.widgets))
        for line in range(self.grid.rowCount()):
            self.grid.setRowStretch(line, 0)
        self.grid.setRowStretch(2 * len(self.rows) + 1, 1)
