"""A card's change history: who (owner or clerk) changed the card or its purchases, and when."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from shopcards.core.card import Consent, CustomerType, JoinedVia, PartialDate
from shopcards.core.changes import Change
from shopcards.core.i18n import N_, _, format_locale
from shopcards.core.roles import ACTORS
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

HEADERS = (N_("When"), N_("Who"), N_("What"))
_CARD_ACTIONS = {
    "added": N_("Card added"),
    "archived": N_("Card archived"),
    "unarchived": N_("Card brought back from the archive"),
    "not_a_duplicate": N_("Marked as not the same person as a look-alike card"),
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
_PURCHASE_LINES = {
    ("recorded", False, True): N_("Purchase of {amount} on {date} recorded"),
    ("recorded", True, True): N_("Return of {amount} on {date} recorded"),
    ("voided", False, True): N_("Purchase of {amount} on {date} voided"),
    ("voided", True, True): N_("Return of {amount} on {date} voided"),
    ("imported", False, True): N_("Purchase of {amount} on {date} imported"),
    ("imported", True, True): N_("Return of {amount} on {date} imported"),
    ("recorded", False, False): N_("Purchase of {amount} recorded"),
    ("recorded", True, False): N_("Return of {amount} recorded"),
    ("voided", False, False): N_("Purchase of {amount} voided"),
    ("voided", True, False): N_("Return of {amount} voided"),
    ("imported", False, False): N_("Purchase of {amount} imported"),
    ("imported", True, False): N_("Return of {amount} imported"),
}
"""A purchase's line by (what happened, a return?, its date known?): whole sentences, so a
translation can order them its own way."""
_PURCHASE_ACTIONS = {"added": "recorded", "returned": "recorded"}


def describe(change: Change, money: Callable[[int], str], locale: str) -> str:
    """One line for a person: "Purchase of 12,50 € on 23 Nov 2026 voided"."""
    details = change.details
    if change.entity == "purchase":
        return _purchase_line(change.action, details, money, locale)
    if change.action == "edited":
        return _("Card edited: {fields}", fields=_field_names(details))
    if change.action == "added" and details.get("via") == "till":
        return _("Card added at the till")
    if change.action == "merged":
        taken = ", ".join(_label(k) for k in details.get("took_from_other", []))
        number = details.get("merged_card_no", "")
        if taken:
            return _(
                "Card {number} merged into this card; taken from it: {fields}",
                number=number,
                fields=taken,
            )
        return _("Card {number} merged into this card", number=number)
    if change.action == "drawing_entered":
        return _("Entered in the prize drawing of {month}", month=details.get("month", ""))
    if change.action in _CARD_ACTIONS:
        return _(_CARD_ACTIONS[change.action])
    return change.action.replace("_", " ").capitalize()


def _label(name: str) -> str:
    """A card field's label in the window's language (its code when it has none)."""
    return _(FIELD_LABELS[name]) if name in FIELD_LABELS else name


def _field_names(details: dict[str, Any]) -> str:
    names = [_label(name) for name in details.get("fields", [])]
    return ", ".join(names) if names else _("nothing visible")


def edit_lines(change: Change, locale: str) -> list[str]:
    """One line per field a card edit changed, "City: Turku → Tampere", shown under the edit.
    Nothing for lines logged before values were, nor for an erased card's (erasure wiped them)."""
    if change.entity != "customer" or change.action != "edited":
        return []
    values: dict[str, list[Any]] = change.details.get("values", {})
    return [
        _(
            "{field}: {values}",
            field=_label(name),
            values=" → ".join(_card_value(name, value, locale) for value in values[name]),
        )
        for name in change.details.get("fields", [])
        if name in values
    ]


def _card_value(name: str, value: Any, locale: str) -> str:
    """A logged card value in the words the card itself uses; "—" for nothing."""
    if value is None or value == "" or value == []:
        return "—"
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, list):
        return ", ".join(str(item) for item in value)
    if name == "birthday":
        return partial_date_text(PartialDate.from_iso(str(value)), locale)
    if name in _CODED:
        return _(_CODED[name](str(value)))
    return str(value)


def _purchase_line(
    action: str, details: dict[str, Any], money: Callable[[int], str], locale: str
) -> str:
    if action == "edited":
        parts = [
            _(
                "{field} {old} → {new}",
                field=_(FIELD_NAMES.get(name, name)),
                old=_value(name, old, money, locale),
                new=_value(name, new, money, locale),
            )
            for name, (old, new) in details.items()
        ]
        return _("Purchase edited: {changes}", changes="; ".join(parts) or _("nothing changed"))
    is_return = action == "returned" or details.get("amount", 0) < 0
    amount = money(abs(int(details.get("amount", 0))))
    when = iso_date_text(str(details.get("date", "")), locale) if "date" in details else ""
    what = _PURCHASE_ACTIONS.get(action, action)
    message = _PURCHASE_LINES.get((what, is_return, bool(when)))
    if message is None:  # an action this version does not know: said as logged
        line = f"{money(abs(int(details.get('amount', 0))))} {when} {action.replace('_', ' ')}"
    else:
        line = _(message, amount=amount, date=when)
    if "file" in details:
        return _(
            "{line} from {file} (row {row})",
            line=line,
            file=details["file"],
            row=details.get("row"),
        )
    return line


def _value(name: str, value: object, money: Callable[[int], str], locale: str) -> str:
    if name == "amount" and isinstance(value, int):
        return money(value)
    if name == "date":
        return iso_date_text(str(value), locale)
    return _("“{value}”", value=value)


class ChangesPane(QWidget):
    """The newest changes of the open card and its purchases (the last 200)."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.customer_id: int | None = None
        self.list = QTreeWidget()
        self.list.setAccessibleName(_("Changes"))
        self.list.setRootIsDecorated(False)
        self.list.setHeaderLabels([_(heading) for heading in HEADERS])
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
            self.rows.show_rows(0, _("No card open."))
            return
        locale = format_locale(self.session.settings.locale)

        def money(minor: int) -> str:
            return purchases.money(self.session, minor)

        for change in purchases.customer_changes(self.session, self.customer_id):
            when = iso_date_time_text(change.at, locale)
            actor = _(ACTORS[change.actor]) if change.actor in ACTORS else change.actor.capitalize()
            item = QTreeWidgetItem([when, actor, describe(change, money, locale)])
            for line in edit_lines(change, locale):
                child = QTreeWidgetItem(["", "", line])
                child.setToolTip(2, line)  # a long note's old and new text may not fit the pane
                item.addChild(child)
            self.list.addTopLevelItem(item)
            item.setExpanded(True)
        for column in range(2):
            self.list.resizeColumnToContents(column)
        empty = _("No changes yet — each edit of this card and its purchases will be listed here.")
        self.rows.show_rows(self.list.topLevelItemCount(), empty)
