"""Recording sales and returns, putting mistakes right, and a card's figures."""

from __future__ import annotations

import datetime as dt

import pytest

from shopcards.core.errors import Conflict, NotFound, PermissionDenied, ShopError, ValidationError
from shopcards.core.purchase import PurchaseInput
from shopcards.services import cards, purchases
from shopcards.services.session import Session
from shopcards.services.settings import update_settings
from tests.conftest import card_input


@pytest.fixture
def anna(owner: Session) -> int:
    update_settings(owner, locale="fi_FI", region="FI", currency="EUR")
    card_id = cards.add_card(owner, card_input("Anna", "Virtanen")).id
    assert card_id is not None
    return card_id


def _yesterday(session: Session) -> None:
    now = session.clock()
    session.clock = lambda: now - dt.timedelta(days=1)


def test_a_sale_typed_the_local_way_is_stored_in_cents(clerk: Session, anna: int) -> None:
    sale = purchases.record_purchase(clerk, anna, PurchaseInput("12,50", "tea", "Drinks", "R1"))
    assert (sale.amount, sale.date, sale.items, sale.category) == (
        1250,
        "2026-11-23",
        "tea",
        "Drinks",
    )
    assert sale.created_by == "clerk"
    assert [p.id for p in purchases.list_purchases(clerk, anna)] == [sale.id]
    assert purchases.money(clerk, sale.amount) == "12,50\u00a0€"


def test_bad_input_names_each_field_and_saves_nothing(clerk: Session, anna: int) -> None:
    with pytest.raises(ValidationError) as caught:
        purchases.record_purchase(clerk, anna, PurchaseInput("12,5x", date="2027-01-01"))
    assert set(caught.value.fields) == {"amount", "date"}
    with pytest.raises(ValidationError, match="return must point at the sale"):
        purchases.record_purchase(clerk, anna, PurchaseInput("-5"))
    with pytest.raises(NotFound):
        purchases.record_purchase(clerk, 999, PurchaseInput("5"))
    assert purchases.count_purchases(clerk, anna) == 0


def test_a_return_points_at_its_sale_and_cannot_exceed_it(clerk: Session, anna: int) -> None:
    sale = purchases.record_purchase(clerk, anna, PurchaseInput("30,00", receipt_no="R7"))
    back = purchases.record_return(clerk, sale.id, PurchaseInput("10"))
    assert (back.amount, back.returns_id, back.customer_id) == (-1000, sale.id, anna)
    assert purchases.returnable(clerk, sale) == 2000
    with pytest.raises(ValidationError, match="At most 20,00"):
        purchases.record_return(clerk, sale.id, PurchaseInput("20,01"))
    with pytest.raises(ShopError, match="That is a return itself"):
        purchases.record_return(clerk, back.id, PurchaseInput("1"))
    with pytest.raises(ShopError, match="void the return first"):
        purchases.void_purchase(clerk, sale)


def test_figures_count_sales_returns_and_leave_out_voided(clerk: Session, anna: int) -> None:
    sale = purchases.record_purchase(clerk, anna, PurchaseInput("30"))
    purchases.record_return(clerk, sale.id, PurchaseInput("10"))
    mistake = purchases.record_purchase(clerk, anna, PurchaseInput("999"))
    purchases.void_purchase(clerk, mistake, "typed the card number")
    f = purchases.purchase_figures(clerk, anna)
    assert (f.lifetime_spend, f.visits, f.last_visit) == (2000, 1, "2026-11-23")
    listed = purchases.list_purchases(clerk, anna)
    assert len(listed) == 3 and sum(p.is_voided for p in listed) == 1


def test_an_edit_keeps_a_record_of_before_and_after(clerk: Session, anna: int) -> None:
    sale = purchases.record_purchase(clerk, anna, PurchaseInput("12,50", "tea"))
    edited = purchases.edit_purchase(clerk, sale, PurchaseInput("15", "tea", date="2026-11-22"))
    assert (edited.amount, edited.date, edited.version) == (1500, "2026-11-22", 2)
    latest = purchases.customer_changes(clerk, anna)[0]
    assert (latest.actor, latest.action) == ("clerk", "edited")
    assert latest.details == {"amount": [1250, 1500], "date": ["2026-11-23", "2026-11-22"]}


def test_two_desks_editing_one_purchase_the_second_is_told(
    owner: Session, clerk: Session, anna: int
) -> None:
    sale = purchases.record_purchase(clerk, anna, PurchaseInput("12,50"))
    seen_by_owner = purchases.get_purchase(owner, sale.id)
    purchases.edit_purchase(clerk, sale, PurchaseInput("13"))
    with pytest.raises(Conflict) as caught:
        purchases.edit_purchase(owner, seen_by_owner, PurchaseInput("14"))
    assert caught.value.changed_fields == ["amount"]
    with pytest.raises(Conflict):
        purchases.void_purchase(owner, seen_by_owner)
    assert purchases.get_purchase(owner, sale.id).amount == 1300


def test_a_voided_purchase_stays_with_who_and_when(owner: Session, anna: int) -> None:
    sale = purchases.record_purchase(owner, anna, PurchaseInput("40"))
    voided = purchases.void_purchase(owner, sale, "  wrong   card ")
    stored = purchases.get_purchase(owner, sale.id)
    assert stored == voided
    assert (stored.voided_by, stored.voided_at, stored.void_reason) == (
        "owner",
        "2026-11-23T10:30:00",
        "wrong card",
    )
    with pytest.raises(ShopError, match="voided"):
        purchases.void_purchase(owner, stored)
    with pytest.raises(ShopError, match="voided"):
        purchases.edit_purchase(owner, stored, PurchaseInput("1"))


def test_the_clerk_puts_right_today_s_mistakes_only(
    owner: Session, clerk: Session, anna: int
) -> None:
    _yesterday(owner)
    old = purchases.record_purchase(owner, anna, PurchaseInput("20"))
    todays = purchases.record_purchase(clerk, anna, PurchaseInput("21"))
    assert purchases.may_change(clerk, todays) and not purchases.may_change(clerk, old)
    with pytest.raises(PermissionDenied, match="Only the owner may void a purchase"):
        purchases.void_purchase(clerk, old)
    with pytest.raises(PermissionDenied, match="Only the owner may change a purchase"):
        purchases.edit_purchase(clerk, old, PurchaseInput("2"))
    assert purchases.void_purchase(clerk, todays).voided_by == "clerk"
    assert not purchases.get_purchase(clerk, old.id).is_voided
