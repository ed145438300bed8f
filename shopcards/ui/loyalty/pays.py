"""The "Does it pay?" tab: per tier, its customers, their sales and what they were given, and how
their visits and spend changed since they joined it against the customers just below; and
what the scheme cost each month.

The figures are added up on a worker thread with a session of its own, so a large card file
leaves the window responsive.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal

from babel.dates import format_date
from babel.numbers import format_decimal, format_percent
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from shopcards.core.i18n import N_, _, format_locale
from shopcards.core.loyalty_insights import Change, SchemeMonth, TierInsight
from shopcards.core.loyalty_tiers import format_rate
from shopcards.core.money import format_money
from shopcards.core.progress import CancelToken
from shopcards.services import loyalty_insights
from shopcards.services.session import Session
from shopcards.ui.kit.background import run_in_background
from shopcards.ui.kit.error_dialog import show_error
from shopcards.ui.kit.widgets import MessageLabel, button
from shopcards.ui.loyalty.cost_chart import CostChart

TIER_COLUMNS = (
    N_("Tier"),
    N_("Discount"),
    N_("Customers"),
    N_("Sales, 12 months"),
    N_("Discounts given"),
    N_("Cash-back earned"),
    N_("Visits since joining"),
    N_("Spend since joining"),
)
COST_COLUMNS = (
    N_("Month"),
    N_("Discounts"),
    N_("Cash-back spent"),
    N_("Cost"),
    N_("Cash-back held"),
)
CHANGE_NOTE = N_(
    "Since joining: the change in visits and spend from the day a customer joined the tier, "
    "against as many days before it; after “vs”, the same for customers just below the "
    "tier's threshold (80% of it up to it), who are not in the tier."
)
COST_NOTE = N_(
    "Cost: the discounts given and the cash-back spent, money the shop did not take. The "
    "cash-back held is what customers could still spend (the shop's liability)."
)

Figures = tuple[tuple[TierInsight, ...], tuple[SchemeMonth, ...]]


class PaysTab(QWidget):
    """Two tables (tiers, months) with their notes, filled by :meth:`refresh`."""

    loaded = Signal()

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self.tiers = _table(_("Tiers"), TIER_COLUMNS)
        self.months = _table(_("Cost per month"), COST_COLUMNS)
        self.chart = CostChart(self._money)
        self.status = MessageLabel(_("Status"))
        self.refresh_button = button(_("Add up again"))
        self.refresh_button.clicked.connect(self.refresh)
        layout = QVBoxLayout(self)
        layout.addWidget(_heading(_("Per tier")))
        layout.addWidget(self.tiers)
        layout.addWidget(_note(_(CHANGE_NOTE)))
        layout.addWidget(_heading(_("What the scheme cost, month by month")))
        costs = QHBoxLayout()
        costs.addWidget(self.months, 3)
        costs.addWidget(self.chart, 2)
        layout.addLayout(costs, 3)
        layout.addWidget(_note(_(COST_NOTE)))
        layout.addWidget(self.status)
        layout.addWidget(self.refresh_button, 0, Qt.AlignmentFlag.AlignLeft)

    def refresh(self) -> None:
        session = self.session
        self.refresh_button.setEnabled(False)
        self.status.setText(_("Adding up the scheme's figures…"))

        def work(_token: CancelToken) -> Figures:
            own = session.twin()  # opened on the worker's thread, which owns the connection
            try:
                return loyalty_insights.tier_insights(own), loyalty_insights.scheme_cost(own)
            finally:
                own.close()

        self.task = run_in_background(
            self, _("Adding up the scheme's figures…"), work, self.show_figures, self._failed,
            cancellable=False,
        )  # fmt: skip

    def show_figures(self, figures: Figures) -> None:
        tiers, months = figures
        self._fill(self.tiers, [self._tier_cells(tier) for tier in tiers])
        self._fill(self.months, [self._month_cells(month) for month in months])
        self.chart.set_months(months, self._month_name)
        self.tiers.setFixedHeight(
            self.tiers.horizontalHeader().height()
            + self.tiers.verticalHeader().length()
            + self.tiers.frameWidth() * 2
        )
        self.status.setText(
            "" if tiers else _("There are no tiers: set them up on the Scheme tab.")
        )
        self.refresh_button.setEnabled(True)
        self.loaded.emit()

    def _tier_cells(self, tier: TierInsight) -> list[str]:
        return [
            tier.tier,
            format_rate(tier.rate_bp, self._locale),
            str(format_decimal(tier.customers, locale=self._locale)),
            self._money(tier.sales),
            self._money(tier.discounts),
            self._money(tier.cashback),
            self._versus(tier.joined, tier.below, "visits_change"),
            self._versus(tier.joined, tier.below, "spend_change"),
        ]

    def _month_cells(self, month: SchemeMonth) -> list[str]:
        return [
            self._month_name(month, "MMM yyyy"),
            self._money(month.discounts),
            self._money(month.cashback_spent),
            self._money(month.cost),
            self._money(month.liability),
        ]

    def _month_name(self, month: SchemeMonth, pattern: str) -> str:
        year, number = (int(part) for part in month.month.split("-"))
        return str(format_date(date(year, number, 1), pattern, locale=self._locale))

    def _versus(self, joined: Change, below: Change, which: str) -> str:
        # Translators: a tier's change against the customers just below it: "+12% vs +3%"
        return _(
            "{tier} vs {below}",
            tier=self._change(getattr(joined, which)),
            below=self._change(getattr(below, which)),
        )

    def _change(self, share: float | None) -> str:
        if share is None:
            return "–"
        text = format_percent(Decimal(str(round(share, 4))), "+#,##0%;-#,##0%", locale=self._locale)
        return f"\u2066{text}\u2069"  # "+12%" stays so in a right-to-left window

    def _money(self, minor: int) -> str:
        return format_money(minor, self._locale, self.session.settings.currency)

    @property
    def _locale(self) -> str:
        """The language in use in the shop's country, to write figures beside its words."""
        return format_locale(self.session.settings.locale)

    @staticmethod
    def _fill(table: QTableWidget, rows: Sequence[Sequence[str]]) -> None:
        table.setRowCount(len(rows))
        for row, cells in enumerate(rows):
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column:
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                table.setItem(row, column, item)

    def _failed(self, exc: BaseException) -> None:
        self.refresh_button.setEnabled(True)
        self.status.clear()
        show_error(self, exc)


def _table(name: str, columns: Sequence[str]) -> QTableWidget:
    table = QTableWidget(0, len(columns))
    table.setAccessibleName(name)
    table.setHorizontalHeaderLabels([_(text) for text in columns])
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.verticalHeader().hide()
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
    # long headings (Finnish) wrap onto a second line rather than lose their ends
    header.setDefaultAlignment(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap)
    header.setMinimumHeight(header.fontMetrics().height() * 2 + 10)
    return table


def _heading(text: str) -> QLabel:
    label = QLabel(text)
    label.setStyleSheet("font-weight: bold;")
    return label


def _note(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    return label
