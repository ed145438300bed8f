"""Shop ▸ Customers past retention…: who has neither bought nor been changed for the retention
period, and forgetting them in one step, with a confirmation and a progress bar."""

from __future__ import annotations

from babel.numbers import format_decimal
from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from shopcards.core.card_fields import column_heading
from shopcards.core.i18n import N_, _, format_locale, ngettext, pgettext
from shopcards.core.progress import CancelToken
from shopcards.core.retention import Logged, PastRetention
from shopcards.services import erasure, retention
from shopcards.services.session import Session
from shopcards.ui.kit.background import run_in_background
from shopcards.ui.kit.dates import iso_date_text
from shopcards.ui.kit.language import said
from shopcards.ui.kit.theme import MARGIN, SPACING
from shopcards.ui.kit.widgets import MessageLabel, button
from shopcards.ui.kit.window_fit import fit_to_screen

TITLE = N_("Customers past retention")
COLUMNS = (
    N_("Name"),
    column_heading("card_no"),
    N_("Last purchase"),
    column_heading("created_at"),
    column_heading("updated_at"),
)
SHOWN = 1_000
"""Rows put in the list; all of them are forgotten."""
OFF = N_(
    "Retention is off: every customer is kept. Set “Forget customers after” in Settings… "
    "(Knowing the customers) to list those who have neither bought nor been changed for "
    "that many months."
)


class RetentionWindow(QDialog):
    """The owner's list; ``forgotten`` tells the window what was done."""

    forgotten = Signal(str)

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setWindowTitle(_(TITLE))
        self.setAccessibleName(_(TITLE))
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.intro.setAccessibleName(_("About this list"))
        self.list = QTreeWidget()
        self.list.setAccessibleName(_(TITLE))
        self.list.setRootIsDecorated(False)
        self.list.setHeaderLabels([_(column) for column in COLUMNS])
        self.message = MessageLabel()
        self.forget_button = button(_("Forget these customers"))
        self.forget_button.clicked.connect(self._confirm)
        close = button(_("Close"))
        close.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.forget_button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(MARGIN * 2, MARGIN * 2, MARGIN * 2, MARGIN * 2)
        layout.setSpacing(SPACING * 2)
        layout.addWidget(self.intro)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        fit_to_screen(self, 900, 600)
        self.past: list[PastRetention] = []
        self.show_list()

    def show_list(self) -> None:
        """Read the list again (the owner may have changed the setting, or a customer came)."""
        months = retention.months(self.session)
        self.past = retention.past_retention(self.session)
        locale = self.session.settings.locale
        self.list.clear()
        for row in self.past[:SHOWN]:
            self.list.addTopLevelItem(QTreeWidgetItem(_cells(row, locale)))
        for column in range(len(COLUMNS)):
            self.list.resizeColumnToContents(column)
            self.list.setColumnWidth(column, self.list.columnWidth(column) + MARGIN * 2)
        count = len(self.past)
        number = self._number(count)
        if not months:
            self.intro.setText(_(OFF))
        else:
            sentences = [
                ngettext(
                    "{count} customer with no purchase and no change to their card in {months} "
                    "months (staff are never listed).",
                    "{count} customers with no purchase and no change to their card in {months} "
                    "months (staff are never listed).",
                    count,
                    count=number,
                    months=months,
                ),
                _(
                    "Forgetting them removes their cards for good; their sales stay as "
                    "anonymous amounts."
                ),
            ]
            if count > SHOWN:
                sentences.append(_("The first {count} are shown.", count=self._number(SHOWN)))
            self.intro.setText(" ".join(sentences))
        label = (
            ngettext(
                "Forget this {count} customer",
                "Forget these {count} customers",
                count,
                count=number,
            )
            if count != 1
            else _("Forget this customer")
        )
        self.forget_button.setText(label)
        self.forget_button.setAccessibleName(label)
        self.forget_button.setEnabled(count > 0)

    def _confirm(self) -> None:
        count = len(self.past)
        question = ngettext(
            "Forget {count} customer for good?",
            "Forget {count} customers for good?",
            count,
            count=self._number(count),
        )
        asked = QMessageBox(
            QMessageBox.Icon.Warning,
            _("Forget customers"),
            f"{question}\n\n{said(erasure.WHAT_GOES)}\n\n{said(erasure.WHAT_STAYS)}",
            QMessageBox.StandardButton.Cancel,
            self,
        )
        go = asked.addButton(self.forget_button.text(), QMessageBox.ButtonRole.DestructiveRole)
        go.setAccessibleName(self.forget_button.text())
        asked.setDefaultButton(QMessageBox.StandardButton.Cancel)
        asked.exec()
        if asked.clickedButton() is go:
            self.forget([row.card_id for row in self.past])

    def forget(self, card_ids: list[int]) -> None:
        """Forget ``card_ids`` on a worker thread, with a progress bar and Cancel."""
        session = self.session

        def op(token: CancelToken) -> list[Logged]:
            own = session.twin()
            try:
                return retention.forget_past(own, card_ids, token, token)
            finally:
                own.close()

        self.forget_button.setEnabled(False)
        self.task = run_in_background(
            self,
            _("Forgetting customers"),
            op,
            self._done,
            on_cancelled=self._cancelled,
        )

    def _done(self, done: list[Logged]) -> None:
        self.show_list()
        told = ngettext(
            "Forgot {count} customer.",
            "Forgot {count} customers.",
            len(done),
            count=self._number(len(done)),
        )
        self.message.done(told)
        self.forgotten.emit(told)

    def _cancelled(self) -> None:
        self.show_list()
        self.message.error(_("Cancelled: no customer was forgotten."))

    def _number(self, count: int) -> str:
        """``count`` as the shop writes numbers (a message isolates it in right-to-left words)."""
        return format_decimal(count, locale=format_locale(self.session.settings.locale))


def _cells(row: PastRetention, locale: str) -> list[str]:
    return [
        row.display_name,
        row.card_no,
        # Translators: in the "Last purchase" column, for a customer who never bought.
        iso_date_text(row.last_purchase, locale)
        if row.last_purchase
        else pgettext("purchase", "none"),
        iso_date_text(row.created_on, locale),
        iso_date_text(row.changed_on, locale),
    ]
