"""Loyalty tiers on a real card file: placements worked by hand (a threshold met exactly, ties
in the top share, returns and voids), the history of placements, placing by hand until an
end date, the discount on a sale, and who may change what."""

from __future__ import annotations

import datetime as dt

import pytest

from shopcards.core.errors import Conflict, PermissionDenied, ValidationError
from shopcards.core.loyalty_tiers import Rule, Tier
from shopcards.core.purchase import PurchaseInput
from shopcards.services import cards, demo, loyalty_insights, loyalty_tiers, purchases
from shopcards.services.session import Session
from shopcards.services.settings import update_settings
from tests.conftest import card_input

TABLE = [
    Tier("Card", 500, Rule.SPEND, threshold=0),
    Tier("Gold", 1500, Rule.SPEND, threshold=100_000),
    Tier("VIP", 2500, Rule.TOP, top_bp=2000),
]


def _sale(session: Session, card: int, amount: str, date: str = "2026-10-01") -> int:
    return purchases.record_purchase(session, card, PurchaseInput(amount, date=date)).id


def build_shop(owner: Session) -> dict[str, int]:
    """A (2 000 €) and F (2 000 €) tie at the top; B spent exactly the Gold threshold; C sold
    1 200 € and took 300 € back; D's big sale was voided; E bought just over 12 months ago."""
    update_settings(owner, locale="fi_FI", region="FI", currency="EUR", tiers_on=True)
    ids = {}
    for name in "ABCDEF":
        card_id = cards.add_card(owner, card_input(name, "Test")).id
        assert card_id is not None
        ids[name] = card_id
    _sale(owner, ids["A"], "2000")
    _sale(owner, ids["B"], "1000")
    c_sale = purchases.get_purchase(owner, _sale(owner, ids["C"], "1200"))
    purchases.record_return(owner, c_sale.id, PurchaseInput("300", date="2026-10-02"))
    voided = purchases.get_purchase(owner, _sale(owner, ids["D"], "5000"))
    purchases.void_purchase(owner, voided, "typed twice")
    _sale(owner, ids["D"], "50")
    _sale(owner, ids["E"], "3000", date="2025-11-23")
    _sale(owner, ids["F"], "2000")
    return ids


@pytest.fixture
def shop(owner: Session) -> dict[str, int]:
    ids = build_shop(owner)
    loyalty_tiers.save_tiers(owner, TABLE)
    return ids


def tier_names(session: Session, ids: dict[str, int]) -> dict[str, str | None]:
    found = {name: loyalty_tiers.tier_of(session, cid) for name, cid in ids.items()}
    return {name: standing and standing.tier for name, standing in found.items()}


def test_placements_worked_by_hand(owner: Session, shop: dict[str, int]) -> None:
    assert tier_names(owner, shop) == {
        "A": "VIP",  # top 20% of 5 ranked is 1 customer, and F ties with A
        "F": "VIP",
        "B": "Gold",  # exactly the threshold
        "C": "Card",  # 1 200 € less the 300 € return is below Gold
        "D": "Card",  # the voided 5 000 € does not count
        "E": None,  # bought on the last day before the 12 months
    }


def test_the_card_says_why_and_since_when(owner: Session, shop: dict[str, int]) -> None:
    gold = loyalty_tiers.tier_of(owner, shop["B"])
    assert gold is not None
    assert gold.reason == "net spend 1\xa0000,00\xa0€ over 12 months ≥ 1\xa0000,00\xa0€"
    assert (gold.rate_bp, gold.since, gold.rule) == (1500, "2026-11-23", Rule.SPEND)
    vip = loyalty_tiers.tier_of(owner, shop["A"])
    assert vip is not None and vip.reason == "top 20% by net spend over 12 months"


def test_scheme_off_means_no_tier_and_no_discount(owner: Session, shop: dict[str, int]) -> None:
    update_settings(owner, tiers_on=False)
    assert loyalty_tiers.tier_of(owner, shop["A"]) is None
    sale = purchases.record_purchase(owner, shop["A"], PurchaseInput("100"))
    assert sale.amount == 10_000
    assert loyalty_tiers.sale_discount(owner, sale.id) is None


def test_a_sale_gets_the_tier_discount_rounded_half_up(
    clerk: Session, shop: dict[str, int]
) -> None:
    sale = purchases.record_purchase(clerk, shop["B"], PurchaseInput("0,70"))  # 15% = 10,5 c
    assert sale.amount == 70 - 11
    given = loyalty_tiers.sale_discount(clerk, sale.id)
    assert given == loyalty_tiers.SaleDiscount("Gold", 1500, 11)
    logged = purchases.customer_changes(clerk, shop["B"])[0]
    assert logged.details["tier"] == "Gold" and logged.details["discount"] == 11
    assert loyalty_tiers.discount_for(clerk, shop["E"], 10_000) == 0


def test_recompute_writes_only_when_a_tier_changes(owner: Session, shop: dict[str, int]) -> None:
    assert loyalty_tiers.recompute(owner).moved == 0
    owner.clock = lambda: dt.datetime(2026, 11, 30, 10)
    _sale(owner, shop["C"], "200", date="2026-11-30")  # 1 100 € net: Gold now
    done = loyalty_tiers.recompute(owner)
    assert (done.moved, done.placed) == (1, 5)
    c, b = loyalty_tiers.tier_of(owner, shop["C"]), loyalty_tiers.tier_of(owner, shop["B"])
    assert c is not None and (c.tier, c.since) == ("Gold", "2026-11-30")
    assert b is not None and (b.tier, b.since) == ("Gold", "2026-11-23")
    rows = owner.db.execute(
        "SELECT tier_name, from_date, to_date FROM loyalty_placements WHERE customer_id = ? "
        "ORDER BY id",
        [shop["C"]],
    ).fetchall()
    assert rows == [("Card", "2026-11-23", "2026-11-30"), ("Gold", "2026-11-30", None)]


def test_recompute_when_the_file_opens_is_once_a_day(owner: Session, shop: dict[str, int]) -> None:
    assert loyalty_tiers.recompute_if_due(owner) is None  # saving the table placed everyone
    owner.clock = lambda: dt.datetime(2026, 11, 24, 9)
    assert loyalty_tiers.recompute_if_due(owner) is not None
    assert loyalty_tiers.recompute_if_due(owner) is None


def test_placed_by_hand_until_its_end_date(owner: Session, shop: dict[str, int]) -> None:
    loyalty_tiers.place_by_hand(owner, shop["E"], "vip", "2026-12-01", "  opened our   new shop ")
    vip = loyalty_tiers.tier_of(owner, shop["E"])
    assert vip is not None and (vip.tier, vip.rule, vip.since) == ("VIP", Rule.MANUAL, "2026-11-23")
    assert vip.reason == "set by hand by owner on 2026-11-23, ends 2026-12-01: opened our new shop"
    owner.clock = lambda: dt.datetime(2026, 11, 30, 23, 59)
    assert loyalty_tiers.tier_of(owner, shop["E"]) is not None
    owner.clock = lambda: dt.datetime(2026, 12, 1, 8)
    assert loyalty_tiers.tier_of(owner, shop["E"]) is None  # E has no tier by rule
    loyalty_tiers.place_by_hand(owner, shop["B"], "Card", "2026-12-05", "asked for it")
    assert tier_names(owner, {"B": shop["B"]}) == {"B": "Card"}
    owner.clock = lambda: dt.datetime(2026, 12, 5, 8)
    back = loyalty_tiers.tier_of(owner, shop["B"])
    assert back is not None and (back.tier, back.since) == ("Gold", "2026-11-23")


@pytest.mark.parametrize(
    ("tier", "ends_on", "reason", "field"),
    [
        ("Gold", "2026-12-01", "   ", "reason"),
        ("Gold", "2026-11-22", "a gift", "ends on"),
        ("Gold", "2026-11-23", "a gift", "ends on"),
        ("Gold", "next week", "a gift", "ends on"),
        ("Platinum", "2026-12-01", "a gift", "tier"),
    ],
)
def test_placing_by_hand_refuses_bad_input_and_saves_nothing(
    owner: Session, shop: dict[str, int], tier: str, ends_on: str, reason: str, field: str
) -> None:
    with pytest.raises(ValidationError) as caught:
        loyalty_tiers.place_by_hand(owner, shop["E"], tier, ends_on, reason)
    assert list(caught.value.fields) == [field]
    assert loyalty_tiers.tier_of(owner, shop["E"]) is None


@pytest.mark.parametrize(
    ("bad", "where", "says"),
    [
        (Tier("Gold", 15_000, Rule.SPEND, 100_000), "tier 2 “Gold”", "150% given"),
        (Tier("Gold", -100, Rule.SPEND, 100_000), "tier 2 “Gold”", "0% to 100%"),
        (Tier("Gold", 1500, Rule.SPEND, -1), "tier 2 “Gold”", "cannot be negative"),
        (Tier("  ", 1500, Rule.SPEND, 100), "tier 2", "give the tier a name"),
        (Tier("card", 1500, Rule.SPEND, 100), "tier 2 “card”", "another tier has this name"),
        (Tier("Top", 1500, Rule.TOP, top_bp=0), "tier 2 “Top”", "above 0%"),
        (Tier("Top", 1500, Rule.TOP, top_bp=10_001), "tier 2 “Top”", "100.01% given"),
    ],
)
def test_a_bad_tier_table_is_refused_whole(
    owner: Session, shop: dict[str, int], bad: Tier, where: str, says: str
) -> None:
    before = loyalty_tiers.tiers(owner)
    with pytest.raises(ValidationError) as caught:
        loyalty_tiers.save_tiers(owner, [TABLE[0], bad, Tier("New", 100, Rule.SPEND, 5)])
    assert says in caught.value.fields[where]
    assert loyalty_tiers.tiers(owner) == before
    assert tier_names(owner, {"B": shop["B"]}) == {"B": "Gold"}


def test_the_clerk_cannot_change_tiers_or_place_by_hand(
    clerk: Session, shop: dict[str, int]
) -> None:
    with pytest.raises(PermissionDenied):
        loyalty_tiers.save_tiers(clerk, TABLE[:1])
    with pytest.raises(PermissionDenied):
        loyalty_tiers.place_by_hand(clerk, shop["E"], "VIP", "2026-12-01", "friend")
    assert len(loyalty_tiers.tiers(clerk)) == 3


def test_two_desks_editing_the_tier_table(
    owner: Session, other_owner: Session, shop: dict[str, int]
) -> None:
    mine, theirs = loyalty_tiers.tiers(owner), loyalty_tiers.tiers(other_owner)
    loyalty_tiers.save_tiers(other_owner, [*theirs[:2]], base=theirs)
    with pytest.raises(Conflict):
        loyalty_tiers.save_tiers(owner, [*mine, Tier("Staff", 3000, Rule.SPEND, 0)], base=mine)
    assert [t.name for t in loyalty_tiers.tiers(owner)] == ["Card", "Gold"]
    assert tier_names(owner, {"A": shop["A"]}) == {"A": "Gold"}  # VIP gone: placed again
    running = "SELECT count(*) FROM loyalty_placements WHERE to_date IS NULL AND tier_id IS NULL"
    assert owner.db.execute(running).fetchone() == (0,)


def test_a_renamed_rule_keeps_the_tier_and_its_since(owner: Session, shop: dict[str, int]) -> None:
    owner.clock = lambda: dt.datetime(2026, 11, 25, 10)
    table = loyalty_tiers.tiers(owner)
    loyalty_tiers.save_tiers(owner, [table[0], Tier("Gold", 2000, Rule.SPEND, 95_000), table[2]])
    b = loyalty_tiers.tier_of(owner, shop["B"])
    c = loyalty_tiers.tier_of(owner, shop["C"])
    assert b is not None and (b.tier, b.rate_bp, b.since) == ("Gold", 2000, "2026-11-23")
    assert c is not None and (c.tier, c.since) == ("Card", "2026-11-23")  # 900 € < 950 €


def test_the_demo_shop_has_a_scheme_to_look_at(owner: Session) -> None:
    demo.build_demo(owner, 150, seed=3)
    assert owner.settings.tiers_on
    assert [t.name for t in loyalty_tiers.tiers(owner)] == ["Card", "Gold", "VIP"]
    counts = loyalty_tiers.tier_counts(owner)
    assert all(counts.values()), counts
    by_hand = owner.db.execute(
        "SELECT count(*) FROM loyalty_placements WHERE rule = 'manual'"
    ).fetchone()[0]
    since = owner.db.execute("SELECT count(DISTINCT from_date) FROM loyalty_placements").fetchone()
    assert by_hand == 2 and since[0] >= 4
    assert sum(month.discounts for month in loyalty_insights.scheme_cost(owner)) > 0


def test_erasing_a_customer_erases_their_placements_and_the_reason_logged(
    owner: Session, shop: dict[str, int]
) -> None:
    loyalty_tiers.place_by_hand(owner, shop["E"], "VIP", "2026-12-01", "Eva's sister")
    sale = purchases.record_purchase(owner, shop["E"], PurchaseInput("10"))
    cards.erase_card(owner, shop["E"])
    assert owner.db.execute(
        "SELECT count(*) FROM loyalty_placements WHERE customer_id = ?", [shop["E"]]
    ).fetchone() == (0,)
    assert "sister" not in str(owner.db.execute("SELECT details FROM changes").fetchall())
    assert loyalty_tiers.sale_discounts(owner, [sale.id]) == {
        sale.id: loyalty_tiers.SaleDiscount("VIP", 2500, 250)
    }


def test_a_customer_who_stopped_buying_leaves_their_tier(
    owner: Session, shop: dict[str, int]
) -> None:
    owner.clock = lambda: dt.datetime(2027, 10, 2, 9)  # the sales of 2026-10-01 are 12 months old
    _sale(owner, shop["D"], "30", date="2027-10-02")
    done = loyalty_tiers.recompute(owner)
    assert (done.placed, done.moved) == (1, 5)  # four leave; D, the only buyer, is the top 20%
    assert tier_names(owner, shop) == {n: ("VIP" if n == "D" else None) for n in "ABCDEF"}
