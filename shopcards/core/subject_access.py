"""Everything the shop keeps about one customer, as one value: what a customer who asks "what
do you keep about me?" (GDPR article 15) gets to read, and takes elsewhere (article 20).

services.subject_access gathers it in one read; printing.subject_access draws it as a PDF for
the person and :func:`as_json` writes it for a machine. Both show the same sections, in the
same order, with the same columns, so neither can say less than the other.

The words (headings, column labels) are all here, in English for now: the translation
catalogue of a later issue replaces this one place.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from shopcards.core.consent import CHANNEL_LABELS, HOW_LABELS, VALUE_LABELS
from shopcards.core.insights import Kind, Value

FORMAT = "shopcards.subject-access/1"
"""Named in the JSON file, so a reader knows which keys to expect."""
TITLE = "Everything we keep about this customer"


@dataclass(frozen=True)
class Field:
    """One field of the card: a stable key, its label, and its value as the card shows it."""

    key: str
    label: str
    value: str | list[str]
    words: Mapping[Any, str] | None = None

    def shown(self) -> str:
        """The value as a person reads it ("not asked" for the code ``not_asked``)."""
        text = self.value if isinstance(self.value, str) else "\n".join(self.value)
        return self.words.get(text, text) if self.words else text


@dataclass(frozen=True)
class Column:
    """A column: its JSON key, its label, and how its values are written. A column of codes
    (a channel, how consent was given) names the words the PDF shows for each in ``words``."""

    key: str
    label: str
    kind: Kind = Kind.TEXT
    words: Mapping[Any, str] | None = None
    share: int = 1
    """How many parts of the width left to text columns this one takes (the PDF's layout)."""

    def shown(self, value: Value) -> Value:
        """The value as a person reads it (the code's words, where it has some)."""
        return self.words.get(str(value), value) if self.words else value


@dataclass(frozen=True)
class Section:
    """One kind of record (purchases, calls…): a table of rows, oldest first."""

    key: str
    heading: str
    columns: tuple[Column, ...]
    rows: Sequence[tuple[Value, ...]]
    empty: str = "None."


@dataclass(frozen=True)
class SubjectAccess:
    """The card and every record about its customer, read at ``made_at`` from ``shop``."""

    shop: str
    currency: str
    locale: str
    made_at: str
    card_no: str
    name: str
    card: tuple[Field, ...]
    sections: tuple[Section, ...]

    def section(self, key: str) -> Section:
        return next(s for s in self.sections if s.key == key)


WHO_CALLED = {"customer": "the customer", "shop": "the shop"}
OUTCOMES = {"reached": "reached", "no_answer": "no answer", "left_message": "left a message"}
SENT = {"sent": "yes", "held_out": "no (held back to measure the response)"}
RESULTS = {"won": "won", "passed_over": "passed over"}
MOVEMENTS = {
    "earn": "earned",
    "spend": "spent",
    "expire": "expired",
    "adjust": "adjusted by hand",
    "reverse": "taken back (a return)",
    "refund": "given back (a return)",
    "undo": "undone (a voided sale)",
}
TIER_RULES = {
    "spend": "spend over the year",
    "top": "among the top spenders",
    "manual": "placed by hand",
}
ACTIONS = {
    "added": "card added",
    "edited": "card changed",
    "archived": "archived",
    "unarchived": "brought back",
    "call_logged": "call logged",
    "drawing_entered": "entered the prize drawing",
    "consent_withdrawn": "consent withdrawn",
}
"""The words the PDF shows for the codes the JSON file keeps (a code without words shows as
it is)."""
CARD_WORDS: dict[str, Mapping[Any, str]] = {
    "consent_post": VALUE_LABELS,
    "consent_phone": VALUE_LABELS,
    "consent_email": VALUE_LABELS,
}
"""The card's fields that hold codes, and the words the PDF shows for them."""
CARD_HEADING = "The card"
CARD_LABELS = {
    "card_no": "Card number",
    "title": "Title",
    "given_name": "Given name",
    "family_name": "Family name",
    "salutation": "Salutation",
    "address_lines": "Address",
    "postcode": "Postcode",
    "city": "City",
    "country": "Country",
    "phones": "Phones",
    "email": "E-mail",
    "birthday": "Birthday",
    "anniversary": "Anniversary",
    "anniversary_what": "Anniversary of",
    "greeting": "Holiday greeting",
    "interests": "Interests",
    "consent_post": "Consent to post",
    "consent_phone": "Consent to phone",
    "consent_email": "Consent to e-mail",
    "joined_via": "Joined via",
    "customer_type": "Customer type",
    "is_staff": "Staff",
    "notes": "Notes",
    "archived_at": "Archived",
    "created_at": "Card made",
    "updated_at": "Last changed",
}
SECTIONS: dict[str, tuple[str, tuple[Column, ...]]] = {
    "consents": (
        "Consents: when, how and by whom",
        (
            Column("at", "When", Kind.DATE),
            Column("channel", "Channel", words=CHANNEL_LABELS),
            Column("value", "Consent", words=VALUE_LABELS),
            Column("how", "How", words=HOW_LABELS),
            Column("by", "By"),
            Column("desk", "Desk"),
        ),
    ),
    "purchases": (
        "Purchases",
        (
            Column("date", "Date", Kind.DATE),
            Column("receipt", "Receipt"),
            Column("amount", "Amount", Kind.MONEY),
            Column("items", "Items", share=3),
            Column("category", "Category"),
            Column("voided", "Voided"),
        ),
    ),
    "calls": (
        "Calls",
        (
            Column("date", "Date", Kind.DATE),
            Column("who_called", "Who called", words=WHO_CALLED),
            Column("outcome", "Outcome", words=OUTCOMES),
            Column("reason", "Reason they gave", share=2),
            Column("complaint", "Complaint"),
            Column("follow_up_on", "Follow up on", Kind.DATE),
        ),
    ),
    "letters": (
        "Letters and cards sent",
        (
            Column("sent_at", "Date", Kind.DATE),
            Column("kind", "What"),
            Column("template", "Template", share=2),
            Column("sent", "Sent", words=SENT),
        ),
    ),
    "drawing_entries": (
        "Prize drawing entries",
        (Column("month", "Month"), Column("entered_at", "Entered", Kind.DATE)),
    ),
    "drawing_results": (
        "Prize drawing wins",
        (
            Column("month", "Month"),
            Column("place", "Place", Kind.NUMBER),
            Column("result", "Result", words=RESULTS),
            Column("reason", "Reason"),
            Column("at", "Date", Kind.DATE),
        ),
    ),
    "loyalty_movements": (
        "Loyalty cash-back movements",
        (
            Column("date", "Date", Kind.DATE),
            Column("kind", "What", words=MOVEMENTS),
            Column("amount", "Amount", Kind.MONEY),
            Column("expires_on", "Expires", Kind.DATE),
            Column("reason", "Reason"),
        ),
    ),
    "loyalty_tiers": (
        "Loyalty tiers",
        (
            Column("tier", "Tier"),
            Column("from", "From", Kind.DATE),
            Column("to", "To", Kind.DATE),
            Column("rule", "Why", words=TIER_RULES),
            Column("note", "Note"),
        ),
    ),
    "changes": (
        "Changes to the card",
        (
            Column("at", "When", Kind.DATE),
            Column("by", "By"),
            Column("desk", "Desk"),
            Column("action", "What", words=ACTIONS),
            Column("details", "Details", share=4),
        ),
    ),
}
"""Each section's key (the JSON key), heading and columns, in the order both files show them."""


def section(key: str, rows: Sequence[tuple[Value, ...]]) -> Section:
    """The section ``key`` holding ``rows`` (each row in the order of its columns)."""
    heading, columns = SECTIONS[key]
    return Section(key, heading, columns, rows)


def as_json(access: SubjectAccess) -> str:
    """The machine-readable copy: stable keys, ISO dates, money in minor units with the
    currency named once at the top, UTF-8 as is (a Hebrew name stays readable)."""
    document = {
        "format": FORMAT,
        "shop": access.shop,
        "made_at": access.made_at,
        "currency": access.currency,
        "money_in": "minor units (cents) of the currency",
        "card": {f.key: f.value for f in access.card},
        **{
            s.key: [
                {c.key: value for c, value in zip(s.columns, row, strict=True)} for row in s.rows
            ]
            for s in access.sections
        },
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"
