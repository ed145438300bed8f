"""A backup of a shared card file is taken while the till sells (store/moving.out_of_server):
the copy is one state of the store, read without its write lock, so a sale saved meanwhile
is saved at once and goes into the next backup. (It used to wait for the copy's write lock
until its connection gave up after 10 s: "cannot be reached: nothing was saved".)"""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

from shopcards.core.purchase import PurchaseInput
from shopcards.core.roles import Role
from shopcards.services import purchases
from shopcards.services.demo import build_demo
from shopcards.services.opening import open_session
from shopcards.store import moving
from shopcards.store.shared_file import SharedCardFile
from tests.shared_store import ServerForTests

COUNT = "SELECT count(*) FROM purchases"


def test_the_till_sells_while_the_shared_card_file_is_backed_up(
    pg_server: ServerForTests, tmp_path: Path
) -> None:
    address = pg_server.fresh()
    office = open_session(address, Role.OWNER)
    till = open_session(address, Role.CLERK)
    try:
        build_demo(office, 5, seed=3)
        (before,) = office.conn.execute(COUNT).fetchone()
        customer_id = till.conn.execute("SELECT min(id) FROM customers").fetchone()[0]
        waited: list[float] = []

        def sale_during_the_copy(*_progress: object) -> None:
            if not waited:  # the copy has begun: its first rows are out
                start = time.monotonic()
                purchases.record_purchase(till, customer_id, PurchaseInput("12.50"))
                waited.append(time.monotonic() - start)

        shared = office.card_file
        assert isinstance(shared, SharedCardFile)
        moving.card_file_copy(shared, tmp_path / "copy.db", sale_during_the_copy)
        (after,) = office.conn.execute(COUNT).fetchone()
    finally:
        till.close()
        office.close()
    copy = sqlite3.connect(tmp_path / "copy.db")
    try:
        (copied,) = copy.execute(COUNT).fetchone()
    finally:
        copy.close()
    assert waited and waited[0] < 5  # saved, not held up for the copy's length
    assert after == before + 1 and copied == before  # the copy is the state it began with
