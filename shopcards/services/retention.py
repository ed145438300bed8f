"""Customers past the retention period (core/retention.py): the owner's list, the reminder,
and forgetting them in one step (services/erasure.py does the forgetting)."""

from __future__ import annotations

from collections.abc import Sequence

from shopcards.core.i18n import _, ngettext
from shopcards.core.progress import CancelToken, Report
from shopcards.core.retention import Logged, PastRetention, cutoff
from shopcards.services import erasure
from shopcards.services.session import Session, require_owner
from shopcards.store import retention as store


def months(session: Session) -> int:
    """The retention period in months; 0 when the owner keeps everyone."""
    return session.settings.retention_months


def past_retention(session: Session, limit: int = -1) -> list[PastRetention]:
    """The cards past retention, in the cabinet's order (owner only); none when it is off."""
    require_owner(session, _("see the customers past retention"))
    if not months(session):
        return []
    return store.past(session.db, _before(session), limit)


def due_count(session: Session) -> int:
    """How many cards are past retention (0 when it is off): a number, no names."""
    return store.count_past(session.db, _before(session)) if months(session) else 0


def reminder(session: Session) -> str:
    """The owner's reminder when some cards are due, or ''."""
    due = due_count(session)
    if not due:
        return ""
    return ngettext(
        "{count} customer is past the {months}-month retention: review them in "
        "Shop ▸ Customers past retention…",
        "{count} customers are past the {months}-month retention: review them in "
        "Shop ▸ Customers past retention…",
        due,
        count=due,
        months=months(session),
    )


def forget_past(
    session: Session,
    card_ids: Sequence[int],
    report: Report | None = None,
    cancel: CancelToken | None = None,
) -> list[Logged]:
    """Forget those of ``card_ids`` that are still past retention (one who bought something
    since the list was shown stays), in one step (owner only)."""
    require_owner(session, _("forget the customers past retention"))
    still = (
        {row.card_id for row in store.past(session.db, _before(session))}
        if months(session)
        else set()
    )
    return erasure.forget_customers(
        session, [card_id for card_id in card_ids if card_id in still], report, cancel
    )


def _before(session: Session) -> str:
    return cutoff(session.today(), months(session)).isoformat()
