"""Issue 14: after a merge, the customer's old loyalty card still works. Scanning the number of
the card merged away opens the kept card at the till."""

from __future__ import annotations

from shopcards.services import card_merge
from shopcards.services.session import Session
from shopcards.ui.till.window import TillWindow
from tests.ui.test_till import anna, till
from tests.ui.test_till_scan import customer, scan, smith

__all__ = ["till"]


def test_the_old_cards_scan_opens_the_kept_card(
    till: TillWindow, shop: Session, clerk: Session
) -> None:
    (anna_id, _), (smith_id, smith_no) = anna(shop), smith(shop)
    card_merge.merge_cards(shop, anna_id, smith_id)
    scan(till, smith_no)
    assert customer(till) == "Anna Virtanen"
