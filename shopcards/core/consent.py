"""Consent as a record: each channel's yes or no, with when, how and by whom it was given.

A card holds only each channel's present value (core.card.Consent); the record behind it is a
list of events, one per change, which the law asks the shop to be able to show. The rules here
say which events a card write makes and how an event reads on the card.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import StrEnum

from shopcards.core.card import Card, Consent, JoinedVia
from shopcards.core.i18n import N_, _, pgettext


class Channel(StrEnum):
    """A way of reaching the customer that needs their consent."""

    POST = "post"
    PHONE = "phone"
    EMAIL = "email"

    @property
    def label(self) -> str:
        """The channel's name in the language in use."""
        return _(CHANNEL_LABELS[self])


CHANNEL_LABELS = {Channel.POST: N_("Post"), Channel.PHONE: N_("Phone"), Channel.EMAIL: N_("E-mail")}


class How(StrEnum):
    """How the shop learnt the customer's wish."""

    TILL_SLIP = "till_slip"
    FORM = "form"
    PHONE = "phone"
    IN_PERSON = "in_person"
    IMPORT = "import"
    UNKNOWN = "unknown"
    """Given before the shop kept records of consent (a file from an earlier release)."""

    @property
    def label(self) -> str:
        """How it was given, in the language in use."""
        return _(HOW_LABELS[self])


HOW_LABELS = {
    How.TILL_SLIP: N_("till slip"),
    How.FORM: N_("form"),
    How.PHONE: N_("phone"),
    How.IN_PERSON: N_("asked in person"),
    How.IMPORT: N_("import"),
    How.UNKNOWN: N_("unknown (before records)"),
}
VALUE_LABELS = {Consent.YES: N_("yes"), Consent.NO: N_("no"), Consent.NOT_ASKED: N_("not asked")}
ASKED_HOW = (How.FORM, How.TILL_SLIP, How.PHONE, How.IN_PERSON)
"""What the card form offers when a consent is changed by hand (the rest are set by the
program: an import, or an old file's backfill)."""


@dataclass(frozen=True)
class ConsentEvent:
    """One change of one channel's consent."""

    customer_id: int
    channel: Channel
    value: Consent
    how: How
    at: str
    by: str
    desk: str


def value_of(card: Card, channel: Channel) -> Consent:
    """The card's present consent for ``channel``."""
    consent: Consent = getattr(card, f"consent_{channel.value}")
    return consent


def with_consent(card: Card, channel: Channel, value: Consent) -> Card:
    """The card with ``channel``'s consent set to ``value``."""
    if channel is Channel.POST:
        return replace(card, consent_post=value)
    if channel is Channel.PHONE:
        return replace(card, consent_phone=value)
    return replace(card, consent_email=value)


def changed_channels(before: Card | None, after: Card) -> list[tuple[Channel, Consent]]:
    """The channels whose consent a write changes, with their new value: on a new card those
    that are not "not asked", on an edit those that differ."""
    return [
        (channel, value_of(after, channel))
        for channel in Channel
        if value_of(after, channel)
        != (Consent.NOT_ASKED if before is None else value_of(before, channel))
    ]


def how_for_new(joined_via: JoinedVia) -> How:
    """How a new card's consent was given, by how the card came to be: the till's slip, the
    owner's form, or an import."""
    return {
        JoinedVia.TILL: How.TILL_SLIP,
        JoinedVia.OWNER: How.FORM,
        JoinedVia.IMPORT: How.IMPORT,
    }[joined_via]


def describe(channel: Channel, value: Consent, event: ConsentEvent | None) -> str:
    """What the card says of one channel: "Post: yes, since 2026-03-12 (till slip, clerk)"."""
    text = f"{channel.label}: {_(VALUE_LABELS[value])}"
    if event is None or event.value is not value:
        return text
    who = ", ".join(part for part in (event.how.label, event.by) if part)
    return _("{consent}, since {day} ({who})", consent=text, day=event.at[:10], who=who)


class Suggestion(str):
    """How to reach a customer, in words for the list's Contact column, carrying whether a
    call is allowed: "Call…" is decided by that flag, never by reading the words (which are
    in the language in use)."""

    call_allowed: bool

    def __new__(cls, text: str, call_allowed: bool) -> Suggestion:
        made = super().__new__(cls, text)
        made.call_allowed = call_allowed
        return made


def suggest_contact(
    phone: Consent, has_phone: bool, post: Consent, has_address: bool
) -> Suggestion:
    """A call only to a customer who agreed to be called and has a number; otherwise a letter
    if they agreed to post, otherwise nothing, saying why: "Letter (no phone consent)".
    A customer with consent but no number on the card may have given it another way, so a
    call stays allowed."""
    if phone is Consent.YES and has_phone:
        # Translators: how to reach a customer (the Contact column): by phone
        return Suggestion(pgettext("contact", "Call"), call_allowed=True)
    letter = post is Consent.YES and has_address
    if phone is Consent.YES:
        if letter:
            return Suggestion(_("Letter (no phone number)"), call_allowed=True)
        return Suggestion(_("None (no phone number)"), call_allowed=True)
    if letter:
        return Suggestion(_("Letter (no phone consent)"), call_allowed=False)
    return Suggestion(_("None (no phone consent)"), call_allowed=False)


def may_call(suggestion: object) -> bool:
    """Whether a list may offer "Call…" for a row whose Contact column holds ``suggestion``
    (anything but a :class:`Suggestion` saying no: a row without one is not refused)."""
    return not isinstance(suggestion, Suggestion) or suggestion.call_allowed
