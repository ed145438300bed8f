"""When the network fails (issue 16): the shop's real server, over TCP with its password, is
stopped under an open session and started again.

What is typed during the outage is refused with the plain "cannot be reached: nothing was
saved", nothing of it is saved (not even the part done before the server went), and the same
session carries on once the server is back, without being opened again.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pg8000.native as pg
import pytest

from shopcards.core.card import CardQuery
from shopcards.core.errors import ServerUnreachable
from shopcards.core.purchase import PurchaseInput
from shopcards.core.roles import Role
from shopcards.services import cards, purchases, shared_server
from shopcards.services.opening import open_session
from shopcards.services.session import Session
from shopcards.store import changes, moving
from shopcards.store.cardfile import open_card_file
from shopcards.store.shared_file import open_shared
from tests.conftest import card_input
from tests.services.test_shared_server import connect
from tests.shared_store import Shop, shop_server

UNREACHABLE = "cannot be reached: nothing was saved"


@pytest.fixture(scope="module")
def shared_shop() -> Iterator[Shop]:
    """A server of this module's own (its tests stop it), holding a new card file's tables,
    as after `shopcards share`."""
    with shop_server() as shop, tempfile.TemporaryDirectory() as folder:
        card_file = open_card_file(Path(folder) / "shop.db")
        shared = open_shared(shop.address, shop.password)
        try:
            moving.into_server(card_file, shared, None)
        finally:
            shared.close()
            card_file.close()
        yield shop


@pytest.fixture
def desk(shared_shop: Shop) -> Iterator[Session]:
    """The back office's (or the till's) session, open before the server goes."""
    session = open_session(shared_shop.address, Role.OWNER, shared_shop.password)
    yield session
    session.close()


class Outage:
    """The server stopped now; started again when the test says, or at the latest at the end."""

    def __init__(self, server: Shop) -> None:
        self.shop = server
        shared_server.stop(server.plan)

    def over(self) -> None:
        shared_server.start(self.shop.plan)


@pytest.fixture
def outage(shared_shop: Shop) -> Iterator[Outage]:
    down = Outage(shared_shop)
    yield down
    down.over()  # already running: nothing to do


def saved(server: Shop, sql: str) -> list[Any]:
    """What another PC reads on the server now."""
    other = open_shared(server.address, server.password)
    try:
        return [row[0] for row in other.conn.execute(sql).fetchall()]
    finally:
        other.close()


def sale(amount: str = "12.50") -> PurchaseInput:
    return PurchaseInput(amount=amount, items="tea", category="", receipt_no="", cashback="")


def test_a_card_saved_during_the_outage_is_refused_plainly_and_saved_once_it_is_back(
    desk: Session, shared_shop: Shop, outage: Outage
) -> None:
    with pytest.raises(ServerUnreachable, match=UNREACHABLE):
        cards.add_card(desk, card_input("Outi", "Katkos"))
    with pytest.raises(ServerUnreachable, match=UNREACHABLE):  # still down: said again
        cards.add_card(desk, card_input("Outi", "Katkos"))
    outage.over()
    card = cards.add_card(desk, card_input("Outi", "Katkos"))  # the same session, not reopened
    assert saved(shared_shop, "SELECT id FROM customers WHERE family_name = 'Katkos'") == [card.id]


def test_a_read_during_the_outage_is_told_the_same_way_and_reads_again_after(
    desk: Session, outage: Outage
) -> None:
    with pytest.raises(ServerUnreachable, match=UNREACHABLE):
        cards.count_cards(desk, CardQuery())
    outage.over()
    counted = saved(outage.shop, "SELECT count(*) FROM customers WHERE archived_at IS NULL")
    assert [cards.count_cards(desk, CardQuery())] == counted


def test_a_sale_cut_off_half_way_is_not_half_saved(
    desk: Session, shared_shop: Shop, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The server goes after the purchase row was written, before its history line: the
    transaction dies with the connection, so neither is saved; the till records it again."""
    card = cards.add_card(desk, card_input("Till", "Asiakas"))
    assert card.id is not None
    record = changes.record

    def server_goes_first(*args: Any, **kwargs: Any) -> None:
        shared_server.stop(shared_shop.plan)
        record(*args, **kwargs)

    monkeypatch.setattr(changes, "record", server_goes_first)
    try:
        with pytest.raises(ServerUnreachable, match=UNREACHABLE):
            purchases.record_purchase(desk, card.id, sale())
    finally:
        shared_server.start(shared_shop.plan)
    monkeypatch.undo()
    bought = f"SELECT amount FROM purchases WHERE customer_id = {card.id}"
    assert saved(shared_shop, bought) == []
    purchases.record_purchase(desk, card.id, sale())
    assert saved(shared_shop, bought) == [1250]


def test_a_connection_cut_while_the_server_stays_up_is_made_again_on_next_use(
    desk: Session, shared_shop: Shop
) -> None:
    """The cable pulled and put back between two keystrokes: the server ends the desk's
    connection; the desk is told once, then carries on on a new connection."""
    admin = connect(
        shared_shop, user="postgres", password=shared_shop.superuser_password, database="postgres"
    )
    try:
        admin.run(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = :user",
            user=shared_shop.plan.user,
        )
    finally:
        admin.close()
    with pytest.raises(ServerUnreachable, match=UNREACHABLE):
        cards.add_card(desk, card_input("Katja", "Kaapeli"))
    card = cards.add_card(desk, card_input("Katja", "Kaapeli"))
    assert saved(shared_shop, "SELECT id FROM customers WHERE family_name = 'Kaapeli'") == [card.id]


def answer_to_commit_lost(monkeypatch: pytest.MonkeyPatch, then: Callable[[], None]) -> None:
    """The server commits, and the answer never reaches this PC (the cable goes just then);
    ``then`` runs after the commit, before this PC hears of the loss."""
    run = pg.Connection.execute_simple

    def commit_then_cut(self: pg.Connection, sql: str) -> Any:
        answer = run(self, sql)
        if sql == "COMMIT":
            then()
            raise pg.InterfaceError("network error")
        return answer

    monkeypatch.setattr(pg.Connection, "execute_simple", commit_then_cut)


def test_a_commit_whose_answer_was_lost_is_looked_up_and_not_said_unsaved(
    desk: Session, shared_shop: Shop, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Saved on the server: the desk is told nothing went wrong, and must not save it twice."""
    answer_to_commit_lost(monkeypatch, then=lambda: None)
    card = cards.add_card(desk, card_input("Kerttu", "Kuittaamaton"))
    monkeypatch.undo()
    assert saved(shared_shop, "SELECT id FROM customers WHERE family_name = 'Kuittaamaton'") == [
        card.id
    ]


def test_a_commit_whose_answer_was_lost_with_the_server_away_is_said_to_be_in_doubt(
    desk: Session, shared_shop: Shop, monkeypatch: pytest.MonkeyPatch
) -> None:
    answer_to_commit_lost(monkeypatch, then=lambda: shared_server.stop(shared_shop.plan))
    try:
        with pytest.raises(ServerUnreachable, match="it may have been saved"):
            cards.add_card(desk, card_input("Eevi", "Epävarma"))
    finally:
        shared_server.start(shared_shop.plan)
    monkeypatch.undo()
    assert saved(shared_shop, "SELECT count(*) FROM customers WHERE family_name = 'Epävarma'") == [
        1
    ]
