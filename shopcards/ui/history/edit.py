"""Putting a purchase right: edit its fields, or void it (it stays, struck through).

When another desk changed the same purchase since it was opened here, the person is told what
changed there and chooses: reload theirs, or keep mine (saved over theirs, knowingly).
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from shopcards.core.errors import Conflict, ShopError
from shopcards.core.i18n import N_, _, format_locale
from shopcards.core.money import format_for_typing
from shopcards.core.purchase import Purchase, PurchaseInput
from shopcards.services import purchases
from shopcards.services.session import Session
from shopcards.ui.kit.conflict_dialog import ConflictChoice, ConflictDialog
from shopcards.ui.kit.dates import date_edit, day_of, iso_date_text, show_day
from shopcards.ui.kit.theme import MARGIN, SPACING
from shopcards.ui.kit.widgets import MessageLabel, line_edit, ok_cancel

FIELD_NAMES = {
    "date": N_("Date"),
    "amount": N_("Amount"),
    "items": N_("Items"),
    "category": N_("Category"),
    "receipt_no": N_("Receipt no."),
}
"""A purchase's fields by name, in English: shown through ``_``."""


class _PurchaseDialog(QDialog):
    """A dialog over one purchase with a message line and a two-button box."""

    def __init__(
        self,
        session: Session,
        purchase: Purchase,
        title: str,
        ok_label: str,
        parent: QWidget | None,
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.purchase = purchase
        self.saved: Purchase | None = None
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        self.setMinimumWidth(460)
        self.body = QVBoxLayout(self)
        self.body.setContentsMargins(MARGIN * 2, MARGIN * 2, MARGIN * 2, MARGIN * 2)
        self.body.setSpacing(SPACING * 2)
        self.message = MessageLabel()
        self.buttons = ok_cancel(ok_label, self._save, self.reject)

    def finish_layout(self) -> None:
        self.body.addWidget(self.message)
        self.body.addWidget(self.buttons)

    def _save(self) -> None:
        try:
            self.saved = self.attempt(self.purchase)
        except Conflict as exc:
            self._conflict(exc)
        except ShopError as exc:
            self.message.refusal(exc, {name: _(text) for name, text in FIELD_NAMES.items()})
        else:
            self.accept()

    def _conflict(self, exc: Conflict) -> None:
        current = purchases.get_purchase(self.session, self.purchase.id)
        names = [
            _(FIELD_NAMES[name]) if name in FIELD_NAMES else name.replace("_", " ")
            for name in exc.changed_fields
        ]
        choice = ConflictDialog(exc.message, names, self).ask()
        if choice is ConflictChoice.RELOAD_THEIRS:
            self.purchase = current
            self.reload(current)
            self.message.error(_("Reloaded what was saved at the other desk."))
        elif choice is ConflictChoice.KEEP_MINE:
            self.purchase = current
            self._save()

    def attempt(self, base: Purchase) -> Purchase:
        raise NotImplementedError

    def reload(self, purchase: Purchase) -> None:
        """Show ``purchase`` as stored now."""


class PurchaseEditDialog(_PurchaseDialog):
    """Edit the date, amount, items, category and receipt number of a purchase."""

    def __init__(self, session: Session, purchase: Purchase, parent: QWidget | None = None) -> None:
        super().__init__(session, purchase, _("Edit purchase"), _("Save"), parent)
        form = QFormLayout()
        self.date = date_edit(_("Date"), session.settings.locale, latest=session.today())
        self.amount = line_edit(_("Amount returned") if purchase.is_return else _("Amount"))
        self.items = line_edit(_("Items"))
        self.category = line_edit(_("Category"))
        self.receipt = line_edit(_("Receipt no."))
        for field in (self.date, self.amount, self.items, self.category, self.receipt):
            form.addRow(field.accessibleName(), field)
        self.body.addLayout(form)
        self.finish_layout()
        self.reload(purchase)
        self.amount.setFocus()
        self.amount.selectAll()

    def reload(self, purchase: Purchase) -> None:
        settings = self.session.settings
        day = dt.date.fromisoformat(purchase.date)
        show_day(self.date, day)
        self.amount.setText(
            format_for_typing(abs(purchase.amount), settings.locale, settings.currency)
        )
        self.items.setText(purchase.items)
        self.category.setText(purchase.category)
        self.receipt.setText(purchase.receipt_no)

    def typed(self) -> PurchaseInput:
        return PurchaseInput(
            amount=self.amount.text(),
            items=self.items.text(),
            category=self.category.text(),
            receipt_no=self.receipt.text(),
            date=day_of(self.date).isoformat(),
        )

    def attempt(self, base: Purchase) -> Purchase:
        return purchases.edit_purchase(self.session, base, self.typed())


class VoidDialog(_PurchaseDialog):
    """Void a purchase, with a reason; it stays on the card, struck through."""

    def __init__(self, session: Session, purchase: Purchase, parent: QWidget | None = None) -> None:
        super().__init__(session, purchase, _("Void purchase"), _("Void purchase"), parent)
        when = iso_date_text(purchase.date, format_locale(session.settings.locale))
        values = {
            "amount": purchases.money(session, purchase.amount),
            "date": when,
        }
        if purchase.is_return:
            question = _(
                "Void the return of {amount} on {date}? It stays on the card, struck through, "
                "and no longer counts.",
                **values,
            )
        else:
            question = _(
                "Void the purchase of {amount} on {date}? It stays on the card, struck through, "
                "and no longer counts.",
                **values,
            )
        intro = QLabel(question)
        intro.setWordWrap(True)
        self.reason: QLineEdit = line_edit(_("Reason"), _("e.g. typed twice, wrong card"))
        form = QFormLayout()
        form.addRow(_("Reason"), self.reason)
        self.body.addWidget(intro)
        self.body.addLayout(form)
        self.finish_layout()
        self.reason.setFocus()

    def attempt(self, base: Purchase) -> Purchase:
        return purchases.void_purchase(self.session, base, self.reason.text())

    def reload(self, purchase: Purchase) -> None:
        if purchase.is_voided:
            self.message.error(_("It was voided at the other desk already."))
            self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(False)


def edit_purchase(session: Session, purchase: Purchase, parent: QWidget | None) -> bool:
    """Open the edit dialog; True when something was saved."""
    return PurchaseEditDialog(session, purchase, parent).exec() == QDialog.DialogCode.Accepted


def void_purchase(session: Session, purchase: Purchase, parent: QWidget | None) -> bool:
    """Open the void dialog; True when the purchase was voided."""
    return VoidDialog(session, purchase, parent).exec() == QDialog.DialogCode.Accepted
