"""Entering a customer in this month's prize drawing from the till (the drawing's own service
decides who may enter; the till only asks and says what happened)."""

from __future__ import annotations

from shopcards.core.drawing import month_of
from shopcards.services.drawing import enter_drawing, month_name
from shopcards.services.session import Session


def enter_this_months_drawing(session: Session, customer_id: int) -> str:
    """Enter the customer in the current month's drawing; returns what to tell the clerk.

    Raises ShopError (from the drawing service) when the entry is refused.
    """
    month = month_of(session.today())
    enter_drawing(session, customer_id, month)
    return f"Entered in the {month_name(session, month)} prize drawing."
