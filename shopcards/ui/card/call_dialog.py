"""Logging a phone call (:class:`CallDialog`) and a card's calls (:class:`CallsPane`).

The dialog shows whom to call and their numbers, then asks how it went: the date, the outcome,
the reason they gave, whether it was a complaint, and when to call again. The pane is for the
main window to put beside the open card (``add_card_pane("Calls", pane, pane.show_customer)``).
Calls are the owner's: in clerk mode the pane says so and shows none.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from shopcards.core.calls import MAX_REASON, NO_PHONE, Call, CallInput, Outcome
from shopcards.core.card import Consent
from shopcards.core.card_fields import CARD_FIELDS, phone_label_shown
from shopcards.core.errors import PermissionDenied, ShopError
from shopcards.core.i18n import N_, _, format_locale, isolated, ngettext
from shopcards.core.roles import Role
from shopcards.services import calls, cards
from shopcards.services.session import Session
from shopcards.ui.cabinet.list_model import display_phone
from shopcards.ui.kit.dates import date_edit, day_of, iso_date_text
from shopcards.ui.kit.empty_note import TableOrNote
from shopcards.ui.kit.theme import MARGIN, SPACING
from shopcards.ui.kit.widgets import MessageLabel, button

FOLLOW_UP_DAYS = 14
"""A follow-up date, when ticked, starts this many days after the call."""
FIELD_NAMES = {
    "called_on": N_("Date"),
    "outcome": N_("Outcome"),
    "reason": N_("Reason they gave"),
    "follow_up_on": N_("Follow up on"),
    "incoming": N_("They called us"),
}
CALL_COLUMNS = (
    N_("Date"),
    N_("Outcome"),
    N_("Reason they gave"),
    N_("Complaint"),
    N_("Follow up on"),
)


class CallDialog(QDialog):
    """Log one call to the customer ``customer_id``; ``saved`` holds it after Save."""

    def __init__(self, session: Session, customer_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.customer_id = customer_id
        self.saved: Call | None = None
        card = cards.get_card(session, customer_id)
        self.customer_name = card.full_name or card.display_name
        self.setWindowTitle(_("Call {name}", name=self.customer_name))
        self.setAccessibleName(_("Log a call"))
        self.setMinimumWidth(480)
        region = session.settings.region
        numbers = [
            isolated(display_phone(p.number, region))
            + (f" ({phone_label_shown(p.label)})" if p.label else "")
            for p in card.phones
        ]
        self.numbers = QLabel("\n".join(numbers) or _("No phone number on the card."))
        self.numbers.setAccessibleName(_("Phone numbers"))
        self.numbers.setStyleSheet("font-size: 13pt;" if numbers else "")
        self.no_phone = MessageLabel(_(CARD_FIELDS["consent_phone"]))
        if card.consent_phone is Consent.NO:
            self.no_phone.error(
                _("{refusal}: log a call only if they called the shop.", refusal=_(NO_PHONE))
            )
        self.incoming = QCheckBox(_("They called us"))
        self.incoming.setAccessibleName(_("They called us"))
        today = session.today()
        locale = session.settings.locale
        self.date = date_edit(_("Date"), locale, today, latest=today)
        self.outcome = QComboBox()
        self.outcome.setAccessibleName(_("Outcome"))
        for outcome in Outcome:
            self.outcome.addItem(_(outcome.label), outcome.value)
        self.reason = QPlainTextEdit()
        self.reason.setAccessibleName(_("Reason they gave"))
        self.reason.setPlaceholderText(
            _("What they said: why they stopped coming, what they would like…")
        )
        self.reason.setFixedHeight(self.fontMetrics().height() * 4 + 12)
        self.complaint = QCheckBox(_("Complaint"))
        self.complaint.setAccessibleName(_("Complaint"))
        self.follow_up = QCheckBox(_("Follow up on"))
        self.follow_up.setAccessibleName(_("Follow up"))
        self.follow_up_date = date_edit(
            _("Follow up on"), locale, today + dt.timedelta(days=FOLLOW_UP_DAYS)
        )
        self.follow_up_date.setEnabled(False)
        self.follow_up.toggled.connect(self.follow_up_date.setEnabled)
        self.message = MessageLabel()
        self._layout()
        self.reason.setFocus()

    def typed(self) -> CallInput:
        return CallInput(
            outcome=str(self.outcome.currentData()),
            called_on=day_of(self.date).isoformat(),
            reason=self.reason.toPlainText()[: MAX_REASON + 1],
            complaint=self.complaint.isChecked(),
            follow_up_on=(
                day_of(self.follow_up_date).isoformat() if self.follow_up.isChecked() else ""
            ),
            incoming=self.incoming.isChecked(),
        )

    def save(self) -> None:
        try:
            self.saved = calls.log_call(self.session, self.customer_id, self.typed())
        except ShopError as exc:
            self.message.refusal(exc, {name: _(text) for name, text in FIELD_NAMES.items()})
        else:
            self.accept()

    def _layout(self) -> None:
        form = QFormLayout()
        form.setSpacing(SPACING)
        form.addRow(_("Phone"), self.numbers)
        if self.no_phone.text():
            form.addRow("", self.no_phone)
        form.addRow("", self.incoming)
        form.addRow(_("Date"), self.date)
        form.addRow(_("Outcome"), self.outcome)
        form.addRow(_("Reason they gave"), self.reason)
        form.addRow("", self.complaint)
        follow = QHBoxLayout()
        follow.addWidget(self.follow_up)
        follow.addWidget(self.follow_up_date)
        follow.addStretch(1)
        form.addRow("", follow)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        for kind in (QDialogButtonBox.StandardButton.Save, QDialogButtonBox.StandardButton.Cancel):
            box_button = buttons.button(kind)
            box_button.setAccessibleName(box_button.text().replace("&", ""))
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(MARGIN * 2, MARGIN * 2, MARGIN * 2, MARGIN * 2)
        layout.setSpacing(SPACING * 2)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)


class CallsPane(QWidget):
    """The open card's calls, newest first, and "Log a call…"."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.customer_id: int | None = None
        self.setAccessibleName(_("Calls"))
        self.summary = QLabel()
        self.summary.setAccessibleName(_("Calls summary"))
        self.summary.setWordWrap(True)
        self.table = QTableWidget(0, len(CALL_COLUMNS))
        self.table.setAccessibleName(_("Calls"))
        self.table.setHorizontalHeaderLabels([_(heading) for heading in CALL_COLUMNS])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setWordWrap(True)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.log_button = button(_("Log a call…"))
        self.log_button.clicked.connect(self.log_call)
        self.message = MessageLabel()
        actions = QHBoxLayout()
        actions.addWidget(self.log_button)
        actions.addWidget(self.message, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(SPACING, SPACING, SPACING, SPACING)
        layout.setSpacing(SPACING)
        layout.addWidget(self.summary)
        self.rows = TableOrNote(self.table)
        layout.addWidget(self.rows, 1)
        layout.addLayout(actions)
        self.show_customer(None)

    def show_customer(self, customer_id: int | None) -> None:
        """Show the calls of card ``customer_id`` (None: no card open)."""
        self.customer_id = customer_id
        self.message.clear()
        owner = self.session.role is Role.OWNER
        self.log_button.setEnabled(owner and customer_id is not None)
        shown: list[Call] = []
        if customer_id is None:
            self.summary.setText(_("No card open."))
        elif not owner:
            self.summary.setText(_("Calls are the owner's: switch to owner mode to see them."))
        else:
            try:
                shown = calls.calls_for(self.session, customer_id)
            except PermissionDenied as exc:
                self.summary.setText(exc.message)
            else:
                self.summary.setText(_summary(shown, self.session.settings.locale))
        self._fill(shown)
        self.rows.show_rows(len(shown), self.summary.text())
        self.summary.setVisible(bool(shown))  # when no call is listed, the note says it all

    def log_call(self) -> None:
        if self.customer_id is None:
            return
        dialog = CallDialog(self.session, self.customer_id, self)
        if dialog.exec():
            self.show_customer(self.customer_id)
            self.message.done(_("Call logged."))

    def _fill(self, shown: list[Call]) -> None:
        locale = format_locale(self.session.settings.locale)
        self.table.setRowCount(len(shown))
        for row, call in enumerate(shown):
            cells = (
                iso_date_text(call.called_on, locale),
                _(call.outcome.label),
                call.reason,
                _("Complaint") if call.complaint else "",
                iso_date_text(call.follow_up_on, locale) if call.follow_up_on else "",
            )
            for column, text in enumerate(cells):
                self.table.setItem(row, column, QTableWidgetItem(text))
        self.table.resizeRowsToContents()


def _summary(shown: list[Call], shop_locale: str) -> str:
    from babel.numbers import format_decimal

    if not shown:
        return _("No calls logged yet — “Log a call…” keeps what a customer said on the phone.")
    locale = format_locale(shop_locale)
    last = shown[0]
    text = ngettext(
        "{count} call; the last on {date} ({outcome}).",
        "{count} calls; the last on {date} ({outcome}).",
        len(shown),
        count=format_decimal(len(shown), locale=locale),
        date=iso_date_text(last.called_on, locale),
        outcome=_(last.outcome.label).lower(),
    )
    due = [c.follow_up_on for c in shown if c.follow_up_on]
    if due:
        follow_up = _("Follow up on {date}.", date=iso_date_text(max(due), locale))
        text = f"{text} {follow_up}"
    return text
