"""Phone calls in and out of the ``calls`` table."""

from __future__ import annotations

from shopcards.core.calls import Call, CallEntry, Outcome
from shopcards.store.dialect import inserted_id
from shopcards.store.handle import Database

_COLUMNS = (
    "called_on, outcome, reason, complaint, follow_up_on, incoming, id, customer_id, "
    "created_at, created_by"
)


def insert(db: Database, customer_id: int, entry: CallEntry, actor: str, now: str) -> Call:
    new_id = inserted_id(
        db,
        "INSERT INTO calls (customer_id, called_on, outcome, reason, complaint, follow_up_on, "
        "incoming, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            customer_id,
            entry.called_on,
            entry.outcome.value,
            entry.reason,
            int(entry.complaint),
            entry.follow_up_on,
            int(entry.incoming),
            now,
            actor,
        ],
    )
    return Call(
        entry.called_on,
        entry.outcome,
        entry.reason,
        entry.complaint,
        entry.follow_up_on,
        entry.incoming,
        new_id,
        customer_id,
        now,
        actor,
    )


def for_customer(db: Database, customer_id: int, limit: int = 200) -> list[Call]:
    """The customer's calls, newest first."""
    rows = db.execute(
        f"SELECT {_COLUMNS} FROM calls WHERE customer_id = ? "
        "ORDER BY called_on DESC, id DESC LIMIT ?",
        [customer_id, limit],
    ).fetchall()
    return [_call(*row) for row in rows]


def _call(
    called_on: str,
    outcome: str,
    reason: str,
    complaint: int,
    follow_up_on: str | None,
    incoming: int,
    call_id: int,
    customer_id: int,
    created_at: str,
    created_by: str,
) -> Call:
    return Call(
        called_on,
        Outcome(outcome),
        reason,
        bool(complaint),
        follow_up_on,
        bool(incoming),
        int(call_id),
        int(customer_id),
        created_at,
        created_by,
    )
