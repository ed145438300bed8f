"""Entering a customer in this month's prize drawing, from the till slip or from a new card at
the back office (the drawing's own service decides who may enter; the screens only ask and say
what happened)."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox

from shopcards.core.drawing import month_of
from shopcards.core.errors import ShopError
from shopcards.core.i18n import N_, _
from shopcards.services.drawing import enter_drawing, month_name
from shopcards.services.session import Session

ENTER_LABEL = N_("Enter this month's prize drawing")


def enter_box() -> QCheckBox:
    """The box on every new-customer form, ticked: filling in a card is what earns the entry."""
    box = QCheckBox(_(ENTER_LABEL))
    box.setAccessibleName(_(ENTER_LABEL))
    box.setChecked(True)
    return box


def enter_this_months_drawing(session: Session, customer_id: int) -> str:
    """Enter the customer in the current month's drawing; returns what to tell the user.

    Raises ShopError (from the drawing service) when the entry is refused.
    """
    month = month_of(session.today())
    enter_drawing(session, customer_id, month)
    return _("Entered in the {month} prize drawing.", month=month_name(session, month))


def entered_if_ticked(session: Session, box: QCheckBox, customer_id: int) -> str:
    """What to tell the user about the drawing once a new card is saved; never raises, because
    the card is already safely stored and a refused entry must not look like a failed save."""
    if not box.isChecked():
        return ""
    try:
        return enter_this_months_drawing(session, customer_id)
    except ShopError as exc:
        return _("Not entered in the drawing: {problem}", problem=exc.message)
