"""Everything the shop keeps about one customer, as one value: what a customer who asks "what
do you keep about me?" (GDPR article 15) gets to read, and takes elsewhere (article 20).

services.subject_access gathers it in one read; printing.subject_access draws it as a PDF for
the person and :func:`as_json` writes it for a machine. Both show the same sections, in the
same order, with the same columns, so neither can say less than the other.

The words (headings, column labels) are here, marked for the catalogue, but for the card's
field names, which are every screen's (core/card_fields.py); they are said in the language the
caller names (the customer's copy speaks the shop's letters' language).
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from shopcards.core.card import PartialDate
from shopcards.core.card_fields import CUSTOMER_TYPES, GREETINGS, JOINED_VIA
from shopcards.core.consent import CHANNEL_LABELS, HOW_LABELS, VALUE_LABELS
from shopcards.core.i18n import N_, Words, current
from shopcards.core.insights import Kind, Value
from shopcards.core.insights_text import format_moment
from shopcards.core.roles import ACTORS

FORMAT = "shopcards.subject-access/1"
"""Named in the JSON file, so a reader knows which keys to expect."""
TITLE = N_("Everything we keep about this customer")


@dataclass(frozen=True)
class Field:
    """One field of the card: a stable key, its label, and its value as the card shows it."""

    key: str
    label: str
    value: str | list[str]
    words: Mapping[Any, str] | None = None
    kind: Kind = Kind.TEXT
    """DATE for a day ("1961-04-03", "--04-03" without its year) or a moment (ISO date and
    time): the JSON file keeps it so, the PDF writes it as ``locale`` does."""

    def shown(self, said: Words | None = None, locale: str = "") -> str:
        """The value as a person reads it ("not asked" for the code ``not_asked``; a date in
        words when ``locale`` is given)."""
        text = self.value if isinstance(self.value, str) else "\n".join(self.value)
        if self.words and text in self.words:
            return (said or current()).gettext(self.words[text])
        if locale and text and self.kind is Kind.DATE:
            return _day_said(text, locale)
        return text


def _day_said(text: str, locale: str) -> str:
    """A day or a moment as ``locale`` writes it; a text that is neither stays as it is."""
    try:
        if "T" in text:
            return format_moment(text, locale)
        return PartialDate.from_iso(text).said(locale)
    except ValueError:
        return text


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

    def shown(self, value: Value, said: Words | None = None) -> Value:
        """The value as a person reads it (the code's words, where it has some)."""
        if self.words and str(value) in self.words:
            return (said or current()).gettext(self.words[str(value)])
        return value


@dataclass(frozen=True)
class Section:
    """One kind of record (purchases, calls…): a table of rows, oldest first."""

    key: str
    heading: str
    columns: tuple[Column, ...]
    rows: Sequence[tuple[Value, ...]]
    empty: str = N_("None.")


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
    said: Words = field(default_factory=current)
    """The language its words are in: headings and labels are said in it already, and the
    codes' words (a channel, an outcome) are said in it where they are shown."""

    def section(self, key: str) -> Section:
        return next(s for s in self.sections if s.key == key)


WHO_CALLED = {"customer": N_("the customer"), "shop": N_("the shop")}
OUTCOMES = {
    "reached": N_("reached"),
    "no_answer": N_("no answer"),
    "left_message": N_("left a message"),
}
SENT = {"sent": N_("yes"), "held_out": N_("no (held back to measure the response)")}
RESULTS = {"won": N_("won"), "passed_over": N_("passed over")}
MOVEMENTS = {
    "earn": N_("earned"),
    "spend": N_("spent"),
    "expire": N_("expired"),
    "adjust": N_("adjusted by hand"),
    "reverse": N_("taken back (a return)"),
    "refund": N_("given back (a return)"),
    "undo": N_("undone (a voided sale)"),
}
TIER_RULES = {
    "spend": N_("spend over the year"),
    "top": N_("among the top spenders"),
    "manual": N_("placed by hand"),
}
ACTIONS = {
    "added": N_("card added"),
    "edited": N_("card changed"),
    "archived": N_("archived"),
    "unarchived": N_("brought back"),
    "call_logged": N_("call logged"),
    "drawing_entered": N_("entered the prize drawing"),
    "consent_withdrawn": N_("consent withdrawn"),
}
"""The words the PDF shows for the codes the JSON file keeps (a code without words shows as
it is)."""
CARD_WORDS: dict[str, Mapping[Any, str]] = {
    "consent_post": VALUE_LABELS,
    "consent_phone": VALUE_LABELS,
    "consent_email": VALUE_LABELS,
    "is_staff": {"yes": N_("yes"), "no": N_("no")},
    "greeting": GREETINGS,
    "joined_via": JOINED_VIA,
    "customer_type": CUSTOMER_TYPES,
}
"""The card's fields that hold codes, and the words the PDF shows for them."""
CARD_HEADING = N_("The card")
SECTIONS: dict[str, tuple[str, tuple[Column, ...]]] = {
    "consents": (
        N_("Consents: when, how and by whom"),
        (
            Column("at", N_("When"), Kind.DATE),
            Column("channel", N_("Channel"), words=CHANNEL_LABELS),
            Column("value", N_("Consent"), words=VALUE_LABELS),
            Column("how", N_("How"), words=HOW_LABELS),
            Column("by", N_("By"), words=ACTORS),
            Column("desk", N_("Desk")),
        ),
    ),
    "purchases": (
        N_("Purchases"),
        (
            Column("date", N_("Date"), Kind.DATE),
            Column("receipt", N_("Receipt")),
            Column("amount", N_("Amount"), Kind.MONEY),
            Column("items", N_("Items"), share=3),
            Column("category", N_("Category")),
            Column("voided", N_("Voided")),
        ),
    ),
    "calls": (
        N_("Calls"),
        (
            Column("date", N_("Date"), Kind.DATE),
            Column("who_called", N_("Who called"), words=WHO_CALLED),
            Column("outcome", N_("Outcome"), words=OUTCOMES),
            Column("reason", N_("Reason they gave"), share=2),
            Column("complaint", N_("Complaint")),
            Column("follow_up_on", N_("Follow up on"), Kind.DATE),
        ),
    ),
    "letters": (
        N_("Letters and cards sent"),
        (
            Column("sent_at", N_("Date"), Kind.DATE),
            Column("kind", N_("What")),
            Column("template", N_("Template"), share=2),
            Column("sent", N_("Sent"), words=SENT),
        ),
    ),
    "drawing_entries": (
        N_("Prize drawing entries"),
        (Column("month", N_("Month")), Column("entered_at", N_("Entered"), Kind.DATE)),
    ),
    "drawing_results": (
        N_("Prize drawing wins"),
        (
            Column("month", N_("Month")),
            Column("place", N_("Place"), Kind.NUMBER),
            Column("result", N_("Result"), words=RESULTS),
            Column("reason", N_("Reason")),
            Column("at", N_("Date"), Kind.DATE),
        ),
    ),
    "loyalty_movements": (
        N_("Loyalty cash-back movements"),
        (
            Column("date", N_("Date"), Kind.DATE),
            Column("kind", N_("What"), words=MOVEMENTS),
            Column("amount", N_("Amount"), Kind.MONEY),
            Column("expires_on", N_("Expires"), Kind.DATE),
            Column("reason", N_("Reason")),
        ),
    ),
    "loyalty_tiers": (
        N_("Loyalty tiers"),
        (
            Column("tier", N_("Tier")),
            Column("from", N_("From"), Kind.DATE),
            Column("to", N_("To"), Kind.DATE),
            Column("rule", N_("Why"), words=TIER_RULES),
            Column("note", N_("Note")),
        ),
    ),
    "changes": (
        N_("Changes to the card"),
        (
            Column("at", N_("When"), Kind.DATE),
            Column("by", N_("By"), words=ACTORS),
            Column("desk", N_("Desk")),
            Column("action", N_("What"), words=ACTIONS),
            Column("details", N_("Details"), share=4),
        ),
    ),
}
"""Each section's key (the JSON key), heading and columns, in the order both files show them."""


def section(key: str, rows: Sequence[tuple[Value, ...]], said: Words | None = None) -> Section:
    """The section ``key`` holding ``rows`` (each row in the order of its columns), its words
    in ``said``'s language (the language in use unless told)."""
    said = said or current()
    heading, columns = SECTIONS[key]
    labelled = tuple(replace(column, label=said.gettext(column.label)) for column in columns)
    return Section(key, said.gettext(heading), labelled, rows, said.gettext(Section.empty))


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
