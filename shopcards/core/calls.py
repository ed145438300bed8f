"""A phone call to a customer, as the owner logs it: when, how it went, what they said, and
when to call again."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from shopcards.core.errors import ValidationError
from shopcards.core.i18n import N_, _
from shopcards.core.purchase import parse_purchase_date
from shopcards.core.text import has_control_chars

MAX_REASON = 500
NO_PHONE = N_("Phone: no — the customer asked not to be called")
"""What the call dialog warns, and the start of the service's refusal (``_(NO_PHONE)``)."""


class Outcome(StrEnum):
    REACHED = "reached"
    NO_ANSWER = "no_answer"
    LEFT_MESSAGE = "left_message"

    @property
    def label(self) -> str:
        """The outcome in the language in use."""
        return _(_OUTCOMES[self])


_OUTCOMES = {
    # Translators: the outcome of a phone call: the customer answered
    Outcome.REACHED: N_("Reached"),
    Outcome.NO_ANSWER: N_("No answer"),
    Outcome.LEFT_MESSAGE: N_("Left a message"),
}


@dataclass(frozen=True)
class CallEntry:
    """A checked call, ready to store (dates ISO)."""

    called_on: str
    outcome: Outcome
    reason: str = ""
    complaint: bool = False
    follow_up_on: str | None = None
    incoming: bool = False
    """The customer called the shop (the only call a customer who said no to calls gets)."""


@dataclass(frozen=True)
class Call(CallEntry):
    """A stored call."""

    id: int = 0
    customer_id: int = 0
    created_at: str = ""
    created_by: str = ""


@dataclass
class CallInput:
    """A call as typed: dates as YYYY-MM-DD (``called_on`` empty = today, ``follow_up_on``
    empty = none), ``outcome`` one of :class:`Outcome`'s values; ``incoming``: they called us."""

    outcome: str
    called_on: str = ""
    reason: str = ""
    complaint: bool = False
    follow_up_on: str = ""
    incoming: bool = False


def validate_call(inp: CallInput, today: dt.date) -> CallEntry:
    """The call ``inp`` describes, or ValidationError naming each wrong field."""
    errors: dict[str, str] = {}
    called_on = _date(inp.called_on, "called_on", errors) or today
    if called_on > today:
        errors["called_on"] = _("{day} is in the future", day=called_on.isoformat())
    follow_up = _date(inp.follow_up_on, "follow_up_on", errors)
    if follow_up is not None and follow_up < called_on:
        errors["follow_up_on"] = _("The follow-up is before the call")
    try:
        outcome = Outcome(inp.outcome)
    except ValueError:
        errors["outcome"] = _("Choose reached, no answer or left a message")
        outcome = Outcome.REACHED
    reason = inp.reason.strip()
    if has_control_chars(reason, allow_newlines=True):
        errors["reason"] = _("Contains an invisible control character; please retype it")
    elif len(reason) > MAX_REASON:
        errors["reason"] = _(
            "Too long: {length} characters, at most {most}", length=len(reason), most=MAX_REASON
        )
    if errors:
        raise ValidationError(errors)
    return CallEntry(
        called_on.isoformat(),
        outcome,
        reason,
        bool(inp.complaint),
        follow_up.isoformat() if follow_up else None,
        bool(inp.incoming),
    )


def _date(text: str, field: str, errors: dict[str, str]) -> dt.date | None:
    if not text.strip():
        return None
    try:
        return parse_purchase_date(text)
    except ValueError as exc:
        errors[field] = str(exc)
        return None
