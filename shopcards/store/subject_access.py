"""Every row the card file holds about one customer, for "everything we keep" (article 15).

Each function reads one table whole for the card, oldest first, as plain tuples in the order
of its section's columns (core.subject_access.SECTIONS): no limit, as the law asks for all of it.
"""

from __future__ import annotations

from typing import Any

from shopcards.store.handle import Database

Row = tuple[Any, ...]


def purchases(db: Database, customer_id: int) -> list[Row]:
    """(date, receipt, amount, items, category, voided) of each purchase and return."""
    return _rows(
        db,
        "SELECT date, receipt_no, amount, items, category, "
        "CASE WHEN voided_at IS NULL THEN '' ELSE 'voided ' || substr(voided_at, 1, 10) || "
        "CASE WHEN void_reason != '' THEN ': ' || void_reason ELSE '' END END "
        "FROM purchases WHERE customer_id = ? ORDER BY date, id",
        customer_id,
    )


def calls(db: Database, customer_id: int) -> list[Row]:
    """(date, who called: 'customer' or 'shop', outcome, reason, complaint: 'yes' or '',
    follow up on) of each call."""
    return _rows(
        db,
        "SELECT called_on, CASE WHEN incoming != 0 THEN 'customer' ELSE 'shop' END, outcome, "
        "reason, CASE WHEN complaint != 0 THEN 'yes' ELSE '' END, follow_up_on FROM calls "
        "WHERE customer_id = ? ORDER BY called_on, id",
        customer_id,
    )


def letters(db: Database, customer_id: int) -> list[Row]:
    """(sent at, kind, template, 'sent' or 'held_out') of each letter and card the shop
    recorded (one held out was not sent, to measure the batch's response)."""
    return _rows(
        db,
        "SELECT sent_at, kind, template, CASE WHEN held_out != 0 THEN 'held_out' ELSE 'sent' END "
        "FROM letters_sent WHERE customer_id = ? ORDER BY sent_at, id",
        customer_id,
    )


def drawing_entries(db: Database, customer_id: int) -> list[Row]:
    """(month, entered at) of each prize drawing the customer entered."""
    return _rows(
        db,
        "SELECT month, entered_at FROM drawing_entries WHERE customer_id = ? ORDER BY month",
        customer_id,
    )


def drawing_results(db: Database, customer_id: int) -> list[Row]:
    """(month, place, 'won' or 'passed_over', reason, date) of each drawing the customer was
    drawn in: the winner, or passed over for the next alternate (whose step holds the reason)."""
    return _rows(
        db,
        "SELECT d.month, s.place + 1, "
        "CASE WHEN n.place IS NULL THEN 'won' ELSE 'passed_over' END, coalesce(n.reason, ''), "
        "s.at FROM drawing_steps s JOIN drawings d ON d.id = s.drawing_id "
        "LEFT JOIN drawing_steps n ON n.drawing_id = s.drawing_id AND n.place = ("
        "SELECT min(place) FROM drawing_steps x WHERE x.drawing_id = s.drawing_id "
        "AND x.place > s.place) WHERE s.customer_id = ? ORDER BY d.month, s.place",
        customer_id,
    )


def loyalty_movements(db: Database, customer_id: int) -> list[Row]:
    """(date, kind, amount, expires on, reason) of each cash-back movement."""
    return _rows(
        db,
        "SELECT on_date, kind, amount, expires_on, reason FROM cashback_ledger "
        "WHERE customer_id = ? ORDER BY on_date, id",
        customer_id,
    )


def loyalty_tiers(db: Database, customer_id: int) -> list[Row]:
    """(tier, from, to, rule: 'spend', 'top' or 'manual', note) of each tier the customer was
    placed in."""
    return _rows(
        db,
        "SELECT tier_name, from_date, to_date, rule, note FROM loyalty_placements "
        "WHERE customer_id = ? ORDER BY from_date, id",
        customer_id,
    )


def changes(db: Database, customer_id: int) -> list[Row]:
    """(at, by, desk, action, details as JSON text) of each change logged against the card."""
    return _rows(
        db,
        "SELECT at, actor, desk, action, "
        "CASE WHEN details = '{}' THEN '' ELSE details END FROM changes "
        "WHERE entity = 'customer' AND entity_id = ? ORDER BY at, id",
        customer_id,
    )


def _rows(db: Database, sql: str, customer_id: int) -> list[Row]:
    return [tuple(row) for row in db.execute(sql, [customer_id]).fetchall()]
