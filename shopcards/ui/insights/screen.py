"""Knowing the customers (owner only): the 80/20 split, segments, lapsed and declining
customers, who is due a letter or a call, and whether letter batches brought people in.

Everything is added up in one go (services.insights.overview) on a worker thread with its own
connection to the card file, so the window stays responsive on a shop of 100,000 customers.
Every list can open a card, log a call and export to CSV; the due-a-letter list starts a
letter batch (``letterBatchRequested``, wired by the composition root to the letters screen);
"Print report…" puts the whole screen on one page.

ui/shop_tools.py opens this with :func:`open_insights_screen` and wires up its signals.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from shopcards.core.errors import ShopError
from shopcards.core.i18n import _, format_locale, right_to_left
from shopcards.core.insights import (
    NEXT_PERCENT,
    RESPONSE_DAYS,
    TOP_PERCENT,
    Kind,
    last_12_months,
)
from shopcards.core.insights_text import format_rates, format_uplift, format_value
from shopcards.core.overview import WHO_COUNTS, Overview
from shopcards.core.progress import CancelToken
from shopcards.core.segments import Segments
from shopcards.services import insights
from shopcards.services.session import Session, require_owner
from shopcards.ui.insights import words
from shopcards.ui.insights.lists import CustomerListPanel
from shopcards.ui.insights.pareto_chart import ParetoChart
from shopcards.ui.insights.segments_chart import SegmentChart
from shopcards.ui.insights.thresholds import ThresholdsDialog
from shopcards.ui.kit.background import run_in_background
from shopcards.ui.kit.button_flow import ButtonFlow
from shopcards.ui.kit.dates import date_edit, day_of, show_day
from shopcards.ui.kit.error_dialog import open_screen, show_error
from shopcards.ui.kit.save_as import ask_save_path
from shopcards.ui.kit.theme import MARGIN, SPACING
from shopcards.ui.kit.widgets import MessageLabel, button
from shopcards.ui.kit.window_fit import fit_to_screen


def open_insights_screen(session: Session, parent: QWidget | None = None) -> InsightsScreen | None:
    """Open the insights screen; the clerk is told it is the owner's, and gets None."""
    return open_screen(lambda: InsightsScreen(session, parent), parent)


class InsightsScreen(QDialog):
    openCardRequested = Signal(int)
    letterBatchRequested = Signal(list)
    """Card ids to write to (the customers due a letter)."""
    loaded = Signal()
    """The figures on show were just read again."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        # Translators: ends "Only the owner may …"
        require_owner(session, _("see what the customers buy (insights)"))
        super().__init__(parent)
        self.session = session
        self.overview: Overview | None = None
        self.setWindowTitle(_("Customers: who buys, who stopped, who to contact"))
        self.setAccessibleName(_("Insights"))
        self.setLayoutDirection(
            Qt.LayoutDirection.RightToLeft if right_to_left() else Qt.LayoutDirection.LeftToRight
        )
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint, True)
        fit_to_screen(self, 1200, 780)
        self._build()
        self.choose_period(words.PERIODS[0])
        self.refresh()

    # What it shows ----------------------------------------------------------------------------

    @property
    def period(self) -> tuple[dt.date, dt.date]:
        return day_of(self.start), day_of(self.end)

    def choose_period(self, name: str) -> None:
        """Set the 80/20 dates to a named period, one of :data:`PERIODS` in English (or leave
        them, for "Chosen dates")."""
        today = self.session.today()
        spans = {
            words.PERIODS[0]: last_12_months(today),
            words.PERIODS[1]: (dt.date(today.year, 1, 1), today),
            words.PERIODS[2]: (dt.date(today.year - 1, 1, 1), dt.date(today.year - 1, 12, 31)),
        }
        self.period_choice.setCurrentIndex(words.PERIODS.index(name))
        if name in spans:
            start, end = spans[name]
            for edit, day in ((self.start, start), (self.end, end)):
                edit.blockSignals(True)
                show_day(edit, day)
                edit.blockSignals(False)

    def refresh(self) -> None:
        """Add everything up again (on a worker thread) and show it."""
        start, end = self.period
        session = self.session
        self.refresh_button.setEnabled(False)
        self.status.setText(_("Adding up the purchases…"))

        def work(_token: CancelToken) -> Overview:
            own = session.twin()  # opened on the worker's thread, which owns the connection
            try:
                return insights.overview(own, start, end)
            finally:
                own.close()

        run_in_background(
            self,
            _("Adding up the purchases…"),
            work,
            self.show_overview,
            self._failed,
            cancellable=False,
        )

    def show_overview(self, overview: Overview) -> None:
        self.overview = overview
        self.session.forget_settings()
        split = overview.pareto
        self.pareto_chart.set_pareto(split)
        self.pareto_summary.setText(words.pareto_text(overview.pareto, self._value))
        self.top_panel.set_list(split.top)
        self.next_panel.set_list(split.next)
        self._show_segments(overview.segments)
        self.lapsed_note.setText(words.lapsed_note(self.session.settings.lapsed_months))
        self.lapsed_panel.set_list(overview.lapsed)
        self.declining_panel.set_list(overview.declining)
        self.letters_panel.set_list(overview.due_letters)
        self.calls_panel.set_list(overview.due_calls)
        self._show_batches(overview)
        self.status.setText(
            _(
                "Figures as of {day}. {who_counts}",
                day=self._value(Kind.DATE, overview.today),
                who_counts=_(WHO_COUNTS),
            )
        )
        self.refresh_button.setEnabled(True)
        self.loaded.emit()

    def edit_thresholds(self) -> None:
        if ThresholdsDialog(self.session, self).exec():
            self.session.forget_settings()
            self.message.done(_("Thresholds saved."))
            self.refresh()

    def print_report(self, path: Path | None = None) -> None:
        """Save the screen as a one-page PDF (asks where, unless ``path`` is given)."""
        if self.overview is None:
            return
        path = path or ask_save_path(
            self,
            _("Save the report"),
            f"customer-insights-{self.overview.today}.pdf",
            _("PDF files (*.pdf)"),
        )
        if path is None:
            return
        try:
            saved = insights.write_report(self.session, self.overview, path)
        except ShopError as exc:
            self.message.error(exc.message)
            return
        except OSError as exc:
            self.message.error(
                _("Could not write {path}: {reason}", path=path, reason=exc.strerror or exc)
            )
            return
        link = QUrl.fromLocalFile(str(saved)).toString()
        self.message.done(
            _('Saved the report to {path}. <a href="{link}">Open it</a>', path=saved, link=link)
        )

    # Showing ----------------------------------------------------------------------------------

    def _show_segments(self, segments: Segments) -> None:
        self.segment_chart.set_segments(segments)
        self.segment_table.setRowCount(len(segments.groups))
        for row, group in enumerate(segments.groups):
            cells = (
                group.segment.label,
                self._count(group.count),
                self._percent(group.customer_share),
                self._percent(group.share),
                self._money(group.spend),
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column:
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                self.segment_table.setItem(row, column, item)
        self.thresholds_label.setText(words.thresholds_text(segments, self._value))
        table = self.segment_table
        table.setFixedHeight(
            table.horizontalHeader().height()
            + table.verticalHeader().length()
            + table.frameWidth() * 2
        )
        table.setCurrentCell(max(table.currentRow(), 0), 0)  # selectRow misses in RTL
        self._segment_chosen()

    def _segment_chosen(self) -> None:
        if self.overview is None:
            return
        row = self.segment_table.currentRow()
        groups = self.overview.segments.groups
        if 0 <= row < len(groups):
            self.segment_panel.rename(groups[row].segment.label)
            self.segment_panel.set_list(groups[row].customers)

    def _show_batches(self, overview: Overview) -> None:
        table = self.batch_table
        table.setRowCount(len(overview.batches))
        locale = self._locale[0]
        for row, batch in enumerate(overview.batches):
            cells = (
                self._value(Kind.DATE, batch.sent_on),
                batch.template,
                batch.selection,
                self._count(batch.mailed.recipients),
                self._count(batch.held_out.recipients),
                *(format_rates(batch, days, locale) for days in RESPONSE_DAYS),
                *(format_uplift(batch, days, locale) for days in RESPONSE_DAYS),
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text)  # a long template name or selection is cut short
                if column > 2:
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                table.setItem(row, column, item)
        self.batch_note.setText(
            _("No letter batches yet.")
            if not overview.batches
            else _(
                "Bought: the share of the mailed who bought, then of those held back (chosen "
                "but sent nothing). Uplift: the difference, in percentage points. * Not all "
                "the days have passed yet."
            )
        )

    def _failed(self, exc: BaseException) -> None:
        self.refresh_button.setEnabled(True)
        self.status.setText("")
        show_error(self, exc)

    @property
    def _locale(self) -> tuple[str, str]:
        """The locale to write figures in beside the words (the language in use in the
        shop's country), and the shop's currency."""
        settings = self.session.settings
        return format_locale(settings.locale), settings.currency

    def _count(self, n: int) -> str:
        return self._value(Kind.NUMBER, n)

    def _value(self, kind: Kind, value: object) -> str:
        return format_value(kind, value, *self._locale)  # type: ignore[arg-type]

    def _money(self, minor: int) -> str:
        return self._value(Kind.MONEY, minor)

    def _percent(self, share: float) -> str:
        return self._value(Kind.PERCENT, share)

    # Building ---------------------------------------------------------------------------------

    def _build(self) -> None:
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName(_("Insights pages"))
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self._pareto_page(), _("80/20"))
        self.tabs.addTab(self._segments_page(), _("Segments"))
        lapsed = _("Lapsed")
        self.lapsed_panel = self._panel(lapsed)
        self.lapsed_note = _note(_("{list}: about", list=lapsed))
        self.tabs.addTab(_page(self.lapsed_note, self.lapsed_panel, stretches=(0, 1)), lapsed)
        declining = _("Declining")
        self.declining_panel = self._panel(declining)
        declining_note = _note(_("{list}: about", list=declining))
        declining_note.setText(_(words.DECLINING_NOTE))
        self.tabs.addTab(_page(declining_note, self.declining_panel, stretches=(0, 1)), declining)
        self.tabs.addTab(self._due_page(), _("Due for contact"))
        self.tabs.addTab(self._batches_page(), _("Did it work?"))
        self.status = QLabel()
        self.status.setAccessibleName(_("Status"))
        self.status.setWordWrap(True)
        self.message = MessageLabel(_("Status message"))
        self.message.setOpenExternalLinks(True)
        bottom = QHBoxLayout()
        bottom.addWidget(self.status, 1)
        bottom.addWidget(self.message, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(MARGIN, MARGIN, MARGIN, MARGIN)
        layout.setSpacing(SPACING)
        layout.addLayout(self._top_bar())
        layout.addWidget(self.tabs, 1)
        layout.addLayout(bottom)

    def _top_bar(self) -> ButtonFlow:
        self.period_choice = QComboBox()
        period, since, until = _("80/20 period"), _("From"), _("To")
        self.period_choice.setAccessibleName(period)
        self.period_choice.addItems([_(name) for name in words.PERIODS])
        self.period_choice.activated.connect(
            lambda index: self._period_picked(words.PERIODS[index])
        )
        self.start = date_edit(since, self.session.settings.locale)
        self.end = date_edit(until, self.session.settings.locale)
        for edit in (self.start, self.end):
            edit.dateChanged.connect(lambda _day: self.period_choice.setCurrentIndex(3))
        self.refresh_button = button(_("Show"))
        self.refresh_button.clicked.connect(self.refresh)
        thresholds = button(_("Thresholds…"))
        thresholds.clicked.connect(self.edit_thresholds)
        report = button(_("Print report…"))
        report.clicked.connect(lambda: self.print_report())
        bar = ButtonFlow(SPACING)  # on two lines where the words are long (Finnish, Romanian)
        for label, widget in ((period, self.period_choice), (since, self.start), (until, self.end)):
            tag = QLabel(label)
            tag.setMinimumHeight(widget.sizeHint().height())  # level with its field in the flow
            bar.addWidget(tag)
            bar.addWidget(widget)
        for action in (self.refresh_button, thresholds, report):
            bar.addWidget(action)
        return bar

    def _period_picked(self, name: str) -> None:
        self.choose_period(name)
        if name != words.PERIODS[3]:
            self.refresh()

    def _pareto_page(self) -> QWidget:
        self.pareto_chart = ParetoChart(self._percent)
        self.pareto_summary = QLabel()
        self.pareto_summary.setAccessibleName(_("80/20 summary"))
        self.pareto_summary.setWordWrap(True)
        self.pareto_summary.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.top_panel = self._panel(_("Top {percent}%", percent=TOP_PERCENT))
        self.next_panel = self._panel(_("Next {percent}%", percent=NEXT_PERCENT))
        chart = QVBoxLayout()
        chart.setSpacing(SPACING * 2)
        chart.addWidget(self.pareto_chart, 1)
        chart.addWidget(self.pareto_summary)
        lists = QVBoxLayout()
        lists.setSpacing(SPACING * 2)
        lists.addWidget(self.top_panel)
        lists.addWidget(self.next_panel)
        page = QWidget()
        layout = QHBoxLayout(page)
        layout.setContentsMargins(0, MARGIN, 0, 0)
        layout.setSpacing(SPACING * 3)
        layout.addLayout(chart, 4)
        layout.addLayout(lists, 5)
        return page

    def _segments_page(self) -> QWidget:
        self.segment_table = QTableWidget(0, len(words.SEGMENT_COLUMNS))
        self.segment_table.setAccessibleName(_("Segments"))
        self.segment_table.setHorizontalHeaderLabels([_(text) for text in words.SEGMENT_COLUMNS])
        self.segment_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.segment_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.segment_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.segment_table.verticalHeader().setVisible(False)
        header = self.segment_table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.segment_table.itemSelectionChanged.connect(self._segment_chosen)
        self.segment_chart = SegmentChart(self._percent)
        self.thresholds_label = QLabel()
        self.thresholds_label.setAccessibleName(_("Thresholds"))
        self.thresholds_label.setWordWrap(True)
        self.segment_panel = self._panel(_("Segment"))
        top = QHBoxLayout()
        top.setSpacing(SPACING * 3)
        top.addWidget(self.segment_table, 3)  # its headings are long in Finnish
        top.addWidget(self.segment_chart, 2)
        return _page(top, self.thresholds_label, self.segment_panel, stretches=(4, 0, 5))

    def _due_page(self) -> QWidget:
        self.letters_panel = self._panel(_("No letter this quarter"), letters=True)
        self.calls_panel = self._panel(insights.no_call_title())
        note = QLabel(words.due_note())
        note.setWordWrap(True)
        lists = QHBoxLayout()
        lists.setSpacing(SPACING * 3)
        lists.addWidget(self.letters_panel)
        lists.addWidget(self.calls_panel)
        return _page(note, lists, stretches=(0, 1))

    def _batches_page(self) -> QWidget:
        columns = words.batch_columns()
        self.batch_table = QTableWidget(0, len(columns))
        self.batch_table.setAccessibleName(_("Letter batches"))
        self.batch_table.setHorizontalHeaderLabels(columns)
        self.batch_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.batch_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.batch_table.verticalHeader().setVisible(False)
        header = self.batch_table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.batch_note = QLabel()
        self.batch_note.setAccessibleName(_("About the batches"))
        self.batch_note.setWordWrap(True)
        return _page(self.batch_table, self.batch_note, stretches=(1, 0))

    def _panel(self, title: str, letters: bool = False) -> CustomerListPanel:
        panel = CustomerListPanel(self.session, title, letters)
        panel.openCardRequested.connect(self.openCardRequested.emit)
        panel.letterBatchRequested.connect(self.letterBatchRequested.emit)
        return panel


def _page(*parts: QWidget | QHBoxLayout, stretches: tuple[int, ...]) -> QWidget:
    page = QWidget()
    layout = QVBoxLayout(page)
    layout.setContentsMargins(0, MARGIN, 0, 0)
    layout.setSpacing(SPACING * 2)
    for part, stretch in zip(parts, stretches, strict=True):
        if isinstance(part, QHBoxLayout):
            layout.addLayout(part, stretch)
        else:
            layout.addWidget(part, stretch)
    return page


def _note(name: str) -> QLabel:
    note = QLabel()
    note.setAccessibleName(name)
    note.setWordWrap(True)
    return note
