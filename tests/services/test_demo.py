"""The demo shop: customers who joined over the years and bought only since, drawing entries,
calls and letters, the same shop from the same seed."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from shopcards.core.errors import Cancelled
from shopcards.core.roles import Role
from shopcards.services import calls, drawing_proof, letters, letters_sent
from shopcards.services.demo import build_demo
from shopcards.services.opening import open_session
from shopcards.services.session import Session
from tests.cancel import cancel_at
from tests.conftest import FIXED_NOW, publish_and_draw

LAST_MONTH = "2026-10"
THIS_MONTH = "2026-11"


@pytest.fixture
def demo(owner: Session) -> Session:
    build_demo(owner, 300, seed=3)
    return owner


def _one(session: Session, sql: str) -> object:
    return session.db.execute(sql).fetchone()[0]


def test_a_cancelled_demo_shop_keeps_nothing(owner: Session) -> None:
    seen: list[tuple[int, int]] = []
    with pytest.raises(Cancelled):
        build_demo(owner, 5000, seed=3, progress=cancel_at(2000, seen))
    assert seen == [(2000, 5000)]  # told after each chunk of cards, cancelled after the first
    assert _one(owner, "SELECT count(*) FROM customers") == 0
    assert _one(owner, "SELECT count(*) FROM purchases") == 0


def test_customers_joined_over_the_past_years_and_bought_only_since(demo: Session) -> None:
    years = {row[0] for row in demo.db.execute("SELECT substr(created_at, 1, 4) FROM customers")}
    assert len(years) >= 5 and max(years) == "2026"
    assert _one(demo, "SELECT min(created_at) FROM customers") >= "2020-11"
    assert _one(demo, "SELECT count(*) FROM customers WHERE created_at LIKE '2026-11-23%'") < 10
    before_joining = _one(
        demo,
        "SELECT count(*) FROM purchases p JOIN customers c ON c.id = p.customer_id "
        "WHERE p.date < substr(c.created_at, 1, 10)",
    )
    assert before_joining == 0
    assert _one(demo, "SELECT count(*) FROM purchases") > 1000


def test_the_anniversary_card_thanks_for_years_not_since_today(demo: Session) -> None:
    card_id = _one(
        demo,
        "SELECT id FROM customers WHERE anniversary != '' AND created_at < '2024' "
        "AND consent_post = 'yes' LIMIT 1",
    )
    plan = letters.plan_batch(
        demo,
        letters.LetterRequest(letters.Output.CARDS, f"ids:{card_id}", "card_anniversary"),
    )
    [piece] = plan.pieces
    assert piece.values["customer_since"] and "2026" not in piece.values["customer_since"]


def test_last_month_has_entries_and_can_be_drawn(demo: Session) -> None:
    months = dict(
        demo.db.execute("SELECT month, count(*) FROM drawing_entries GROUP BY month").fetchall()
    )
    assert set(months) == {f"2026-{m:02d}" for m in range(5, 12)}
    assert all(count > 20 for count in months.values())
    not_bought = _one(
        demo,
        "SELECT count(*) FROM drawing_entries e JOIN customers c ON c.id = e.customer_id "
        "WHERE NOT EXISTS (SELECT 1 FROM purchases p WHERE p.customer_id = e.customer_id "
        "AND substr(p.date, 1, 7) = e.month) AND substr(c.created_at, 1, 7) != e.month",
    )
    assert not_bought == 0  # a purchase or a new card enters the month, nothing else
    drawn = publish_and_draw(demo, LAST_MONTH)
    assert drawn.entries == months[LAST_MONTH]
    assert drawing_proof.verify_drawing(demo, LAST_MONTH).ok


def test_some_calls_and_letters_were_sent_and_show_on_the_cards(demo: Session) -> None:
    called = _one(demo, "SELECT customer_id FROM calls ORDER BY id LIMIT 1")
    assert 3 <= _one(demo, "SELECT count(*) FROM calls") <= 30
    assert calls.calls_for(demo, int(called))  # type: ignore[arg-type]
    early = _one(
        demo,
        "SELECT count(*) FROM calls k JOIN customers c ON c.id = k.customer_id "
        "WHERE k.called_on <= substr(c.created_at, 1, 10) OR k.called_on > '2026-11-23'",
    )
    assert early == 0  # after they joined, before today
    unwanted = _one(
        demo,
        "SELECT count(*) FROM calls k JOIN customers c ON c.id = k.customer_id "
        "WHERE c.consent_phone = 'no'",
    )
    assert unwanted == 0  # nobody who said no to calls was rung
    batches = demo.db.execute(
        "SELECT template_key, holdout_share, created_at FROM letter_batches ORDER BY id"
    ).fetchall()
    assert [(key, share) for key, share, _ in batches] == [
        ("letter_quarterly", 0.1),
        ("card_birthday", 0.0),
    ]
    assert all(created < FIXED_NOW.isoformat() for _, _, created in batches)
    mailed = _one(
        demo, "SELECT customer_id FROM letters_sent WHERE kind = 'letter' AND held_out = 0"
    )
    assert letters_sent.last_sent(demo, int(mailed)).letter is not None  # type: ignore[arg-type]
    not_consenting = _one(
        demo,
        "SELECT count(*) FROM letters_sent l JOIN customers c ON c.id = l.customer_id "
        "WHERE c.consent_post != 'yes'",
    )
    assert not_consenting == 0


def _content(path: Path) -> list[object]:
    session = open_session(path, Role.OWNER)
    try:
        return [
            session.db.execute(sql).fetchall()
            for sql in (
                "SELECT given_name, family_name, created_at, anniversary FROM customers",
                "SELECT customer_id, date, amount FROM purchases ORDER BY id",
                "SELECT month, customer_id, entered_at FROM drawing_entries",
                "SELECT customer_id, called_on, outcome, follow_up_on FROM calls",
                "SELECT batch_id, customer_id, held_out FROM letters_sent ORDER BY id",
            )
        ]
    finally:
        session.close()


def test_the_same_seed_makes_the_same_shop(tmp_path: Path) -> None:
    paths = [tmp_path / "a.db", tmp_path / "b.db", tmp_path / "c.db"]
    for path, seed in zip(paths, (5, 5, 6), strict=True):
        session = open_session(path, Role.OWNER)
        session.clock = lambda: FIXED_NOW
        build_demo(session, 120, seed=seed)
        session.close()
    first, second, other = (_content(path) for path in paths)
    assert first == second
    assert first != other


def test_without_purchases_the_cards_still_joined_over_the_years(owner: Session) -> None:
    result = build_demo(owner, 200, seed=3, with_purchases=False)
    assert (result.purchases, result.entries, result.calls, result.letters) == (0, 0, 0, 0)
    for table in ("purchases", "drawing_entries", "calls", "letters_sent"):
        assert _one(owner, f"SELECT count(*) FROM {table}") == 0
    oldest = str(_one(owner, "SELECT min(created_at) FROM customers"))
    assert dt.date.fromisoformat(oldest[:10]) < FIXED_NOW.date() - dt.timedelta(days=3 * 365)
