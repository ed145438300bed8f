"""The open card, to read: the name on top, then only the fields that are filled in.

Editing happens in the card form; this view only shows and offers Edit, Archive and Forget
(ui/retention/watch.py).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import cast

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import (
    QFormLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from shopcards.core import phones
from shopcards.core.card import Card
from shopcards.core.card_fields import CARD_FIELDS, phone_label_shown
from shopcards.core.i18n import N_, _, format_locale, isolated
from shopcards.ui.cabinet.list_model import is_rtl
from shopcards.ui.kit.button_flow import ButtonFlow
from shopcards.ui.kit.card_words import (
    CONSENT,
    CUSTOMER_TYPES,
    JOINED_VIA,
    greeting_label,
)
from shopcards.ui.kit.dates import iso_date_text, partial_date_text
from shopcards.ui.kit.theme import MARGIN, SPACING

EMPTY_TEXT = N_("No card open.\nChoose a card from the list, or add one with Ctrl+N.")
_QUIET = QPalette.ColorRole.PlaceholderText
MAY_CONTACT = "may_contact"
_ROWS = (
    "address_lines",
    "phones",
    "email",
    "birthday",
    "anniversary",
    "greeting",
    "interests",
    MAY_CONTACT,
    "customer_type",
    "created_at",
    "notes",
)
"""The rows, by the card's field names; each is labelled as every screen labels that field
(core/card_fields.py), but the consents, which share one row."""
_LABELS = {**CARD_FIELDS, MAY_CONTACT: N_("May contact")}
_CONSENT_WAYS = (N_("Post"), N_("Phone"), N_("E-mail"))


class CardView(QWidget):
    """Shows one card (or a hint when none is open)."""

    editRequested = Signal()
    archiveRequested = Signal()
    forgetRequested = Signal()

    def __init__(self, locale: str, region: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._locale = locale
        self._region = region
        self.card: Card | None = None
        self.consents: QWidget | None = None
        self._stack = QStackedWidget()
        self._empty = QLabel(_(EMPTY_TEXT))
        self._empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._empty.setAccessibleName(_("No card open"))
        self._empty.setForegroundRole(_QUIET)
        self._stack.addWidget(self._empty)
        self._stack.addWidget(self._card_page())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._stack)

    def show_card(self, card: Card | None) -> None:
        self.card = card
        if card is None:
            self._stack.setCurrentIndex(0)
            return
        self._stack.setCurrentIndex(1)
        self._show_header(card)
        self.show_loyalty([])  # the loyalty pane fills it in for this card, if the shop has one
        values = self._values(card)
        for name in _ROWS:
            self._values_shown[name].setText(values.get(name, ""))
            self._form.setRowVisible(self._values_shown[name], bool(values.get(name)))
        if self.consents is not None:  # the consent record stands in for the plain line
            self._form.setRowVisible(self._values_shown[MAY_CONTACT], False)

    def put_consents(self, block: QWidget) -> None:
        """Show ``block`` (each consent with when, how and by whom) as "May contact"."""
        at = self._form.getWidgetPosition(self._values_shown[MAY_CONTACT])
        row, _role = cast(tuple[int, QFormLayout.ItemRole], at)  # typed as object in PySide6
        label = QLabel(_("May contact"))
        label.setForegroundRole(_QUIET)
        self._form.insertRow(row + 1, label, block)
        self.consents = block

    def add_button(self, button: QPushButton) -> None:
        """A button of the open card's beside Edit and Archive ("Everything we keep…")."""
        self._buttons.addWidget(button)

    def show_loyalty(self, lines: list[str]) -> None:
        """The card's loyalty block (tier, why, since; cash-back); hidden when ``lines`` is
        empty (no scheme)."""
        self.loyalty.setText("\n".join(lines))
        self._form.setRowVisible(self.loyalty, bool(lines))

    def use_settings(self, locale: str, region: str) -> None:
        """Write dates and phone numbers the shop's (new) way from now on."""
        self._locale = locale
        self._region = region
        self.show_card(self.card)

    def set_archive_label(self, text: str) -> None:
        self.archive_button.setText(text)
        self.archive_button.setAccessibleName(text)

    def _card_page(self) -> QWidget:
        page = QWidget()
        self.name = QLabel()
        self.name.setAccessibleName(_("Card name"))
        self.name.setWordWrap(True)
        self.name.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = QFont(self.name.font())
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        self.name.setFont(font)
        self.subtitle = QLabel()
        self.subtitle.setAccessibleName(_("Card number"))
        self.subtitle.setForegroundRole(_QUIET)
        self.edit_button = _button(_("Edit"), self.editRequested.emit)
        self.archive_button = _button(_("Archive"), self.archiveRequested.emit)
        self.forget_button = _button(_("Forget this customer…"), self.forgetRequested.emit)
        buttons = ButtonFlow(SPACING)
        buttons.addWidget(self.edit_button)
        buttons.addWidget(self.archive_button)
        buttons.addWidget(self.forget_button)
        self._buttons = buttons
        self._form = QFormLayout()
        self._form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        self._form.setHorizontalSpacing(MARGIN + SPACING)
        self._form.setVerticalSpacing(SPACING + 2)
        self._form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        self._values_shown: dict[str, QLabel] = {}
        for name in _ROWS:
            self._values_shown[name] = self._add_row(_LABELS[name])
        self.loyalty = self._add_row(N_("Loyalty"), 0)
        self._form.setRowVisible(self.loyalty, False)
        content = QWidget()
        column = QVBoxLayout(content)
        column.setContentsMargins(MARGIN * 2, MARGIN * 2, MARGIN * 2, MARGIN * 2)
        column.setSpacing(SPACING)
        column.addWidget(self.name)
        column.addWidget(self.subtitle)
        column.addSpacing(SPACING)
        column.addLayout(buttons)
        column.addSpacing(MARGIN)
        column.addLayout(self._form)
        column.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidget(content)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.viewport().setBackgroundRole(QPalette.ColorRole.Base)
        content.setBackgroundRole(QPalette.ColorRole.Base)
        outer = QVBoxLayout(page)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)
        return page

    def _add_row(self, name: str, row: int = -1) -> QLabel:
        """A labelled value at ``row`` of the form (-1: at the end); ``name`` in English."""
        value = QLabel()
        value.setAccessibleName(_(name))
        value.setWordWrap(True)
        value.setTextFormat(Qt.TextFormat.PlainText)
        value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        value.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        label = QLabel(_(name))
        label.setForegroundRole(_QUIET)
        self._form.insertRow(row, label, value)
        return value

    def _show_header(self, card: Card) -> None:
        name = " ".join(part for part in (card.title, card.full_name) if part)
        self.name.setText(name or _("(no name)"))
        self.name.setAlignment(
            Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignAbsolute
            if is_rtl(name)
            else Qt.AlignmentFlag.AlignLeft
        )
        parts = [_("Card {number}", number=card.card_no)]
        if card.salutation:
            parts.append(_("“{salutation}”", salutation=card.salutation))
        if card.is_staff:
            parts.append(_("staff"))
        if card.archived_at:
            when = iso_date_text(card.archived_at, format_locale(self._locale))
            parts.append(_("archived {date}", date=when))
        self.subtitle.setText("  ·  ".join(parts))
        self.set_archive_label(_("Unarchive") if card.archived_at else _("Archive"))

    def _values(self, card: Card) -> dict[str, str]:
        """The text of each row, empty for a field that is not filled in."""
        place = " ".join(part for part in (card.postcode, card.city) if part)
        address = "\n".join(line for line in (*card.address_lines, place, card.country) if line)
        dates = format_locale(self._locale)
        phone_lines = [
            isolated(phones.display(p.number, self._region))
            + (f"  ({phone_label_shown(p.label)})" if p.label else "")
            for p in card.phones
        ]
        anniversary = ""
        if card.anniversary:
            anniversary = iso_date_text(card.anniversary, dates)
            if card.anniversary_what:
                anniversary = _("{date} ({what})", date=anniversary, what=card.anniversary_what)
        consents = zip(
            _CONSENT_WAYS, (card.consent_post, card.consent_phone, card.consent_email), strict=True
        )
        joined = iso_date_text(card.created_at, dates)
        return {
            "address_lines": address,
            "phones": "\n".join(phone_lines),
            "email": card.email,
            "birthday": partial_date_text(card.birthday, dates) if card.birthday else "",
            "anniversary": anniversary,
            "greeting": _(greeting_label(card.greeting)) if card.greeting != "none" else "",
            "interests": ", ".join(card.interests),
            MAY_CONTACT: "  ·  ".join(
                _unbroken(_("{way}: {answer}", way=_(way), answer=_(CONSENT[c])))
                for way, c in consents
            ),
            "customer_type": _(CUSTOMER_TYPES[card.customer_type]) if card.customer_type else "",
            "created_at": _("{how}, {date}", how=_(JOINED_VIA[card.joined_via]), date=joined),
            "notes": card.notes,
        }


def _unbroken(text: str) -> str:
    """Keep "E-mail: Not asked" on one line: no-break spaces and a no-break hyphen."""
    return text.replace(" ", "\u00a0").replace("-", "\u2011")


def _button(label: str, slot: Callable[[], None]) -> QPushButton:
    button = QPushButton(label)
    button.setAccessibleName(label)
    button.clicked.connect(slot)
    return button
