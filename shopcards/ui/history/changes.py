"""A card's change history: who (owner or clerk) changed the card or its purchases, and when."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from shopcards.core.card import Consent, CustomerType, JoinedVia, PartialDate
from shopcards.core.changes import Change
from shopcards.services import purchases
from shopcards.services.session import Session
from shopcards.ui.history.edit import FIELD_NAMES
from shopcards.ui.kit.card_words import (
    CONSENT,
    CUSTOMER_TYPES,
    FIELD_LABELS,
    JOINED_VIA,
    greeting_label,
)
from shopcards.ui.kit.dates import iso_date_text, iso_date_time_text, partial_date_text
from shopcards.ui.kit.empty_note import TableOrNote

HEADERS = ("When", "Who", "What")
_CARD_ACTIONS = {
    "added": "Card added",
    "archived": "Card archived",
    "unarchived": "Card brought back from the archive",
    "not_a_duplicate": "Marked as not the same person as a look-alike card",
}
_CODED: dict[str, Callable[[str], str]] = {
    "consent_post": lambda code: CONSENT[Consent(code)],
    "consent_phone": lambda code: CONSENT[Consent(code)],
    "consent_email": lambda code: CONSENT[Consent(code)],
    "greeting": greeting_label,
    "customer_type": lambda code: CUSTOMER_TYPES[CustomerType(code)],
    "joined_via": lambda code: JOINED_VIA[JoinedVia(code)],
}
"""A card's coded values (logged by their code) in the words the card shows them in."""
_PURCHASE_ACTIONS = {
    "added": "recorded",
    "returned": "recorded",
    "voided": "voided",
    "imported": "imported",
}


def describe(change: Change, money: Callable[[int], str], locale: str) -> str:
    """One line for a person: "Purchase of 12,50 € on 23 Nov 2026 voided"."""
    details = change.details
    if change.entity == "purchase":
        return _purchase_line(change.action, details, money, locale)
    if change.action == "edited":
        return "Card edited: " + _field_names(details)
    if change.action == "added" and details.get("via") == "till":
        return "Card added at the till"
    if change.action == "merged":
        taken = ", ".join(FIELD_LABELS.get(k, k) for k in details.get("took_from_other", []))
        merged = f"Card {details.get('merged_card_no', '')} merged into this card"
        return f"{merged}; taken from it: {taken}" if taken else merged
    if change.action == "drawing_entered":
        return f"Entered in the prize drawing of {details.get('month', '')}"
    return _CARD_ACTIONS.get(change.action, change.action.replace("_", " ").capitalize())


def _field_names(details: dict[str, Any]) -> str:
    names = [FIELD_LABELS.get(name, name) for name in details.get("fields", [])]
    return ", ".join(names) if names else "nothing visible"


def edit_lines(change: Change, locale: str) -> list[str]:
    """One line per field a card edit changed, "City: Turku → Tampere", shown under the edit.
    Nothing for lines logged before values were, nor for an erased card's (erasure wiped them)."""
    if change.entity != "customer" or change.action != "edited":
        return []
    values: dict[str, list[Any]] = change.details.get("values", {})
    return [
        f"{FIELD_LABELS.get(name, name)}: "
        + " → ".join(_card_value(name, value, locale) for value in values[name])
        for name in change.details.get("fields", [])
        if name in values
    ]


def _card_value(name: str, value: Any, locale: str) -> str:
    """A logged card value in the words the card itself uses; "—" for nothing."""
    if value is None or value == "" or value == []:
        return "—"
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, list):
        return ", ".join(str(item) for item in value)
    if name == "birthday":
        return partial_date_text(PartialDate.from_iso(str(value)), locale)
    return _CODED.get(name, str)(str(value))


def _purchase_line(
    action: str, details: dict[str, Any], money: Callable[[int], str], locale: str
) -> str:
    if action == "edited":
        parts = [
            f"{FIELD_NAMES.get(name, name)} {_value(name, old, money, locale)} → "
            f"{_value(name, new, money, locale)}"
            for name, (old, new) in details.items()
        ]
        return "Purchase edited: " + ("; ".join(parts) or "nothing changed")
    kind = "Return" if action == "returned" or details.get("amount", 0) < 0 else "Purchase"
    amount = money(abs(int(details.get("amount", 0))))
    when = iso_date_text(str(details.get("date", "")), locale) if "date" in details else ""
    verb = _PURCHASE_ACTIONS.get(action, action.replace("_", " "))
    source = f" from {details['file']} (row {details.get('row')})" if "file" in details else ""
    return f"{kind} of {amount}{f' on {when}' if when else ''} {verb}{source}"


def _value(name: str, value: object, money: Callable[[int], str], locale: str) -> str:
    if name == "amount" and isinstance(value, int):
        return money(value)
    if name == "date":
        return iso_date_text(str(value), locale)
    return f"“{value}”"


class ChangesPane(QWidget):
    """The newest changes of the open card and its purchases (the last 200)."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.customer_id: int | None = None
        self.list = QTreeWidget()
        self.list.setAccessibleName("Changes")
        self.list.setRootIsDecorated(False)
        self.list.setHeaderLabels(list(HEADERS))
        self.list.setAlternatingRowColors(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.rows = TableOrNote(self.list)
        layout.addWidget(self.rows)

    def show_customer(self, customer_id: int | None) -> None:
        self.customer_id = customer_id
        self.refresh()

    def refresh(self) -> None:
        self.list.clear()
        if self.customer_id is None:
            self.rows.show_rows(0, "No card open.")
            return
        locale = self.session.settings.locale

        def money(minor: int) -> str:
            return purchases.money(self.session, minor)

        for change in purchases.customer_changes(self.session, self.customer_id):
            when = iso_date_time_text(change.at, locale)
            item = QTreeWidgetItem(
                [when, change.actor.capitalize(), describe(change, money, locale)]
            )
            for line in edit_lines(change, locale):
                child = QTreeWidgetItem(["", "", line])
                child.setToolTip(2, line)  # a long note's old and new text may not fit the pane
                item.addChild(child)
            self.list.addTopLevelItem(item)
            item.setExpanded(True)
        for column in range(2):
            self.list.resizeColumnToContents(column)
        empty = "No changes yet — each edit of this card and its purchases will be listed here."
        self.rows.show_rows(self.list.topLevelItemCount(), empty)
