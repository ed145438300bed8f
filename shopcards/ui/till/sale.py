"""The till's customer screen: record a sale (or a return) in a few keystrokes.

Amount, then optionally the cash-back to spend (with a loyalty scheme: see ``loyalty_line``),
items, category and receipt number; Enter saves, Esc clears (and on an empty form goes back to
find the next customer). F6 picks one of the recent purchases to return,
F7 enters the customer in this month's prize drawing.

A card number typed into the amount (or scanned anywhere: see ``scanner``) is never saved as
an amount: that card opens instead, and the message names the sale typed here, not saved.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QEvent, QObject, QStringListModel, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCompleter,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from shopcards.core.card import Card
from shopcards.core.errors import ShopError, ValidationError
from shopcards.core.i18n import _, format_locale, isolated
from shopcards.core.money import format_for_typing
from shopcards.core.purchase import Purchase, PurchaseInput
from shopcards.services import cards, purchases
from shopcards.services.session import Session
from shopcards.ui.cabinet.list_model import display_phone
from shopcards.ui.drawing.entry import enter_this_months_drawing
from shopcards.ui.history.edit import FIELD_NAMES
from shopcards.ui.kit.button_flow import ButtonFlow
from shopcards.ui.kit.dates import iso_date_text
from shopcards.ui.kit.theme import SPACING
from shopcards.ui.kit.widgets import FieldErrors, MessageLabel, PickList, button, line_edit
from shopcards.ui.till.loyalty_line import LoyaltyLine

RECENT = 6
_CARD_NUMBER_LIKE = re.compile(r"\d{7,}")
_PURCHASE_ROLE = Qt.ItemDataRole.UserRole + 1


class TillSalePage(QWidget):
    """One customer at the till: who they are, the purchase form, and their recent purchases."""

    saved = Signal(object, str)
    """(the Purchase saved, what to tell the clerk)"""
    otherCardScanned = Signal(int, str)
    """A card number was typed or scanned into the amount: (that card's id, a message)."""
    finished = Signal()
    """Esc on an empty form: back to finding the next customer."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.card: Card | None = None
        self.returning: Purchase | None = None
        self._categories_read = False
        self._build()

    # What the page shows -----------------------------------------------------------------------

    def show_card(self, card: Card, message: str = "") -> None:
        assert card.id is not None
        self.card = card
        region = self.session.settings.region
        self.name.setText(card.full_name or card.display_name)
        self.card_no.setText(_("Card {number}", number=card.card_no))
        contact = [display_phone(p.number, region) for p in card.phones[:1]]
        contact += [card.email, card.postcode]
        self.contact.setText("  ·  ".join(part for part in contact if part))
        self._show_facts()
        self.loyalty.show_for(card.id)
        self._show_recent()
        settings = self.session.settings
        example = format_for_typing(1250, settings.locale, settings.currency)
        self.amount.setPlaceholderText(_("e.g. {example}", example=example))
        self.clear_form()
        if message:
            self.message.done(message)

    def clear_form(self) -> None:
        self.returning = None
        for field in self._typed_fields():
            field.clear()
        self.loyalty.returning(False)
        self.mode.setText(_("New sale"))
        self.amount.setAccessibleName(_("Amount"))
        self.amount_label.setText(_("Amount"))
        self.message.clear()
        self.errors.clear()
        self.amount.setFocus()

    def form_is_empty(self) -> bool:
        return self.returning is None and not any(f.text().strip() for f in self._typed_fields())

    # Keys --------------------------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.save()
        elif key == Qt.Key.Key_Escape:
            if self.recent.hasFocus():
                self.amount.setFocus()
            elif self.form_is_empty():
                self.finished.emit()
            else:
                self.clear_form()
        else:
            super().keyPressEvent(event)

    # Actions -----------------------------------------------------------------------------------

    def save(self) -> None:
        """Save the sale or return in the form; say what is wrong next to the form if not."""
        assert self.card is not None and self.card.id is not None
        if self._card_number_in_amount():
            return
        typed = PurchaseInput(
            amount=self.amount.text(),
            items=self.items.text(),
            category=self.category.text(),
            receipt_no=self.receipt.text(),
            cashback=self.loyalty.cashback.text() if self.loyalty.cashback.isEnabled() else "",
        )
        try:
            if self.returning is not None:
                purchase = purchases.record_return(self.session, self.returning.id, typed)
            else:
                purchase = purchases.record_purchase(self.session, self.card.id, typed)
        except ValidationError as exc:
            rest = self.errors.show(exc.fields)
            self.message.error(
                "  ".join(
                    _("{field}: {problem}", field=_(FIELD_NAMES.get(name, name)), problem=text)
                    for name, text in rest.items()
                )
            )
            return
        except ShopError as exc:
            self.message.error(exc.message)
            return
        values = {
            "amount": purchases.money(self.session, abs(purchase.amount)),
            "name": self.card.full_name,
            "number": self.card.card_no,
        }
        if purchase.is_return:
            said = _("Return of {amount} for {name} (card {number}).", **values)
        else:
            said = _("Saved {amount} for {name} (card {number}).", **values)
        loyalty = self.loyalty.after_sale(purchase)
        self._remember_category(purchase.category)
        self.saved.emit(purchase, f"{said} {loyalty}" if loyalty else said)

    def card_scanned(self, number: str) -> None:
        """A card scanned (or typed into the amount) while this customer is open: that card
        opens, and the message names the sale typed here, which is not saved; or the message
        says why not, and the form stays as it is."""
        assert self.card is not None
        try:
            card = cards.card_at_till(self.session, number)
        except ShopError as exc:
            self.message.error(_("{reason} Nothing was saved.", reason=exc.message))
            return
        assert card.id is not None
        if card.id == self.card.id:
            self.message.done(_("That is the card of {name}, open already.", name=card.full_name))
            return
        self.otherCardScanned.emit(card.id, self._not_saved_for(card))

    def _not_saved_for(self, other: Card) -> str:
        """What the clerk is told when another card opens: the sale or return typed here (if
        any) was not saved for this customer."""
        assert self.card is not None
        typed = " · ".join(t for t in (f.text().strip() for f in self._typed_fields()) if t)
        values = {
            "other": other.full_name,
            "name": self.card.full_name,
            "typed": typed,
        }
        if not typed:
            return _("That was the card of {other}; nothing was saved for {name}.", **values)
        if self.returning is not None:
            return _(
                "That was the card of {other}; nothing was saved for {name} "
                "(the return typed: {typed}).",
                **values,
            )
        return _(
            "That was the card of {other}; nothing was saved for {name} (the sale typed: {typed}).",
            **values,
        )

    def choose_return(self) -> None:
        """F6: go to the recent purchases to pick the one coming back."""
        if self.recent.count() == 0:
            self.message.error(_("This customer has no purchases to return."))
            return
        self.recent.setFocus()
        if self.recent.currentRow() < 0:
            self.recent.setCurrentRow(0)
        self.message.done(_("Choose the purchase with ↑ ↓ and press Enter."))

    def start_return(self, sale: Purchase) -> None:
        left = purchases.returnable(self.session, sale)
        if left <= 0:
            self.message.error(
                _(
                    "Nothing of that purchase can be returned: it is a return, was "
                    "voided, or has all come back already."
                )
            )
            return
        settings = self.session.settings
        self.returning = sale
        self.loyalty.returning(True)
        values = {
            "amount": purchases.money(self.session, sale.amount),
            "date": iso_date_text(sale.date, format_locale(settings.locale)),
            "receipt": sale.receipt_no,
            "left": purchases.money(self.session, left),
        }
        if sale.receipt_no:
            mode = _(
                "Return of the purchase of {amount} on {date}, receipt {receipt} — up to {left}",
                **values,
            )
        else:
            mode = _("Return of the purchase of {amount} on {date} — up to {left}", **values)
        self.mode.setText(mode)
        self.amount_label.setText(_("Amount returned"))
        self.amount.setAccessibleName(_("Amount returned"))
        self.amount.setText(format_for_typing(left, settings.locale, settings.currency))
        self.items.setText(sale.items)
        self.category.setText(sale.category)
        self.message.done(_("Enter saves the return; Esc cancels it."))
        self.amount.setFocus()
        self.amount.selectAll()

    def enter_drawing(self) -> None:
        """F7: this month's prize drawing."""
        assert self.card is not None and self.card.id is not None
        try:
            self.message.done(enter_this_months_drawing(self.session, self.card.id))
        except ShopError as exc:
            self.message.error(exc.message)

    # Building and helpers ----------------------------------------------------------------------

    def _build(self) -> None:
        self.name = QLabel()
        self.name.setObjectName("tillTitle")
        self.name.setAccessibleName(_("Customer"))
        self.card_no = QLabel()
        self.card_no.setAccessibleName(_("Card number"))
        self.contact = QLabel()
        self.contact.setAccessibleName(_("Contact"))
        self.facts = QLabel()
        self.facts.setAccessibleName(_("Figures"))
        self.mode = QLabel(_("New sale"))
        self.mode.setObjectName("tillMode")
        self.mode.setAccessibleName(_("What is being recorded"))
        self.mode.setWordWrap(True)
        self.amount = line_edit(_("Amount"))
        self.loyalty = LoyaltyLine(self.session, self)
        self.items = line_edit(_("Items"), _("optional"))
        self.category = line_edit(_("Category"), _("optional"))
        self.receipt = line_edit(_("Receipt no."), _("optional"))
        self.categories = QCompleter([], self)
        self.categories.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.category.setCompleter(self.categories)
        self.category.installEventFilter(self)
        self.amount_label = QLabel(_("Amount"))
        self.errors = FieldErrors(
            {
                "amount": self.amount,
                "cashback": self.loyalty.cashback,
                "items": self.items,
                "category": self.category,
                "receipt_no": self.receipt,
            }
        )
        form = QGridLayout()
        form.setHorizontalSpacing(SPACING * 2)
        form.addWidget(self.amount_label, 0, 0)
        form.addWidget(self.amount, 0, 1)
        form.addWidget(self.loyalty.label, 2, 0)  # rows 2 and 3 are empty with the scheme off
        form.addWidget(self.loyalty.cashback, 2, 1)
        for row, column, field in ((0, 2, self.items), (4, 0, self.category), (4, 2, self.receipt)):
            form.addWidget(QLabel(field.accessibleName()), row, column)
            form.addWidget(field, row, column + 1)
        for line, (row, column, span) in zip(
            self.errors.lines.values(),
            ((1, 1, 1), (3, 1, 3), (1, 3, 1), (5, 1, 1), (5, 3, 1)),
            strict=True,
        ):
            form.addWidget(line, row, column, 1, span)  # each error line under its field
        form.setColumnStretch(1, 1)
        form.setColumnStretch(3, 1)
        self.save_button = button(_("Save (Enter)"), _("Save"))
        self.save_button.clicked.connect(self.save)
        self.clear_button = button(_("Clear (Esc)"), _("Clear"))
        self.clear_button.clicked.connect(self.clear_form)
        self.message = MessageLabel()
        self.recent = PickList(_("Recent purchases"))
        self.recent.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.recent.picked.connect(lambda item: self.start_return(item.data(_PURCHASE_ROLE)))
        self.return_button = button(_("Return a purchase (F6)"), _("Return a purchase"))
        self.return_button.clicked.connect(self.choose_return)
        self.drawing_button = button(_("Enter prize drawing (F7)"), _("Enter prize drawing"))
        self.drawing_button.clicked.connect(self.enter_drawing)
        self.next_button = button(_("Next customer (Esc Esc)"), _("Next customer"))
        self.next_button.clicked.connect(self.finished.emit)
        header = QGridLayout()
        header.setVerticalSpacing(SPACING // 2)
        header.addWidget(self.name, 0, 0)
        header.addWidget(self.card_no, 0, 1, Qt.AlignmentFlag.AlignRight)
        header.addWidget(self.loyalty.summary, 1, 0, 1, 2)
        header.addWidget(self.contact, 2, 0, 1, 2)
        header.addWidget(self.facts, 3, 0, 1, 2)
        header.setColumnStretch(0, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.clear_button)
        buttons.addSpacing(SPACING * 2)
        buttons.addWidget(self.message, 1)
        actions = ButtonFlow(SPACING)  # wraps where the words are long (Armenian), so the
        actions.addWidget(self.return_button)  # till stays within a 1024-pixel screen
        actions.addWidget(self.drawing_button)
        more = QHBoxLayout()
        more.addLayout(actions, 1)
        more.addWidget(self.next_button, 0, Qt.AlignmentFlag.AlignBottom)
        layout = QVBoxLayout(self)
        layout.setSpacing(SPACING + SPACING // 2)
        layout.addLayout(header)
        layout.addWidget(self.mode)
        layout.addLayout(form)
        layout.addWidget(self.loyalty.price)
        layout.addLayout(buttons)
        layout.addWidget(QLabel(_("Recent purchases")))
        layout.addWidget(self.recent, 1)
        layout.addLayout(more)
        self._wire_loyalty()

    def _wire_loyalty(self) -> None:
        """The price line follows the amount and the cash-back as they are typed; Tab goes
        from the amount to the cash-back, then on to the items as before."""
        for field in (self.amount, self.loyalty.cashback):
            field.textChanged.connect(lambda _text: self.loyalty.update_price(self.amount.text()))
        QWidget.setTabOrder(self.amount, self.loyalty.cashback)
        QWidget.setTabOrder(self.loyalty.cashback, self.items)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """The category suggestions are read when the Category field first takes the focus,
        not at each scan: counting the categories of 2,000,000 purchases takes 0.3 s."""
        focus_in = event.type() == QEvent.Type.FocusIn
        if watched is self.category and focus_in and not self._categories_read:
            names = purchases.categories(self.session)
            self.categories.setModel(QStringListModel(names, self.categories))
            self._categories_read = True
        return super().eventFilter(watched, event)

    def _remember_category(self, name: str) -> None:
        """A category just saved is suggested from the next sale on."""
        model = self.categories.model()
        if name and isinstance(model, QStringListModel) and name not in model.stringList():
            model.setStringList([*model.stringList(), name])

    def _typed_fields(self) -> list[QLineEdit]:
        return [self.amount, self.loyalty.cashback, self.items, self.category, self.receipt]

    def _show_facts(self) -> None:
        assert self.card is not None and self.card.id is not None
        figures = purchases.purchase_figures(self.session, self.card.id)
        if figures.last_visit is None:
            self.facts.setText(_("First purchase"))
            return
        last = iso_date_text(figures.last_visit, format_locale(self.session.settings.locale))
        self.facts.setText(
            _(
                "12 months: {amount}  ·  last visit {date}",
                amount=purchases.money(self.session, figures.last_12_months),
                date=last,
            )
        )

    def _show_recent(self) -> None:
        assert self.card is not None and self.card.id is not None
        self.recent.clear()
        locale = format_locale(self.session.settings.locale)
        for purchase in purchases.list_purchases(self.session, self.card.id, limit=RECENT):
            parts = [
                isolated(iso_date_text(purchase.date, locale)),
                isolated(purchases.money(self.session, purchase.amount)),
                purchase.items,
                _("receipt {number}", number=purchase.receipt_no) if purchase.receipt_no else "",
                _("voided") if purchase.is_voided else "",
            ]
            item = QListWidgetItem("  ·  ".join(part for part in parts if part))
            item.setData(_PURCHASE_ROLE, purchase)
            if purchase.is_voided:
                font = item.font()
                font.setStrikeOut(True)
                item.setFont(font)
            self.recent.addItem(item)

    def _card_number_in_amount(self) -> bool:
        """A card number typed into the amount: not an amount; that card opens instead."""
        typed = self.amount.text().strip()
        if not _CARD_NUMBER_LIKE.fullmatch(typed):
            return False
        self.amount.clear()
        self.card_scanned(typed)
        return True
