"""Customers past retention: listed, reminded of, and forgotten in one step with a preview.

Today is 2026-11-23; with 36 months' retention, the cut-off is 2023-11-23.
"""

from __future__ import annotations

import pytest

from shopcards.core.errors import Cancelled, PermissionDenied
from shopcards.core.progress import CancelToken
from shopcards.services import cards, retention
from shopcards.services.session import Session
from shopcards.services.settings import update_settings
from tests.conftest import FIXED_NOW, card_input
from tests.services.loyalty_shop import on_day, sell


@pytest.fixture
def shop(owner: Session) -> dict[str, int]:
    """Cards made in January 2022 (and one in 2025), each with its own last sign of life."""
    on_day(owner, "2022-01-10")
    made = {
        name: cards.add_card(owner, card_input(name, "Old", is_staff=name == "Staff")).id or 0
        for name in ("Bought2022", "Bought2024", "Edited2024", "Staff", "Never")
    }
    on_day(owner, "2022-05-01")
    sell(owner, made["Bought2022"], "10.00")
    on_day(owner, "2024-01-01")
    sell(owner, made["Bought2024"], "10.00")
    on_day(owner, "2024-02-02")
    card = cards.get_card(owner, made["Edited2024"])
    cards.update_card(owner, card, card_input("Edited2024", "Old", notes="moved"))
    on_day(owner, "2025-03-03")
    made["New2025"] = cards.add_card(owner, card_input("New2025", "Old")).id or 0
    owner.clock = lambda: FIXED_NOW
    return made


def test_retention_is_off_on_a_new_file(owner: Session, shop: dict[str, int]) -> None:
    assert retention.past_retention(owner) == []
    assert retention.reminder(owner) == ""


def test_the_list_holds_who_neither_bought_nor_was_changed_since_the_cut_off(
    owner: Session, shop: dict[str, int]
) -> None:
    update_settings(owner, retention_months=36)
    past = retention.past_retention(owner)
    assert [row.given_name for row in past] == ["Bought2022", "Never"]
    assert (past[0].last_purchase, past[0].created_on) == ("2022-05-01", "2022-01-10")
    assert past[1].last_purchase == ""
    assert retention.reminder(owner) == (
        "2 customers are past the 36-month retention: review them in "
        "Shop ▸ Customers past retention…"
    )


def test_forgetting_them_keeps_anyone_who_came_back_since_the_preview(
    owner: Session, shop: dict[str, int]
) -> None:
    update_settings(owner, retention_months=36)
    shown = [row.card_id for row in retention.past_retention(owner)]
    sell(owner, shop["Never"], "3.00")  # came in while the owner looked at the list

    forgotten = retention.forget_past(owner, shown)

    assert [line.card_id for line in forgotten] == [shop["Bought2022"]]
    assert cards.get_card(owner, shop["Never"]).given_name == "Never"
    assert retention.past_retention(owner) == []


def test_cancelling_forgets_nobody(owner: Session, shop: dict[str, int]) -> None:
    update_settings(owner, retention_months=36)
    shown = [row.card_id for row in retention.past_retention(owner)]
    token = CancelToken()
    token.cancel()
    with pytest.raises(Cancelled):
        retention.forget_past(owner, shown, cancel=token)
    assert len(retention.past_retention(owner)) == 2


def test_the_list_is_the_owner_s(clerk: Session, owner: Session) -> None:
    with pytest.raises(PermissionDenied, match="Only the owner"):
        retention.past_retention(clerk)
    with pytest.raises(PermissionDenied, match="Only the owner"):
        retention.forget_past(clerk, [1])
