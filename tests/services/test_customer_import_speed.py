"""What the customer import does to be fast (issue 14: 100,000 rows previewed in 10 s) leaves
nothing behind: the cycle collector it pauses runs again, after a cancel too; the bigger page
cache of the save is the card file's own again after it, and the save's safety settings (the
log, its syncing) are never changed."""

from __future__ import annotations

import gc

import pytest

from shopcards.core.errors import Cancelled
from shopcards.core.progress import Progress
from shopcards.services.customer_import import Decision, preview, save
from shopcards.services.session import Session
from shopcards.store.customer_import import IMPORT_CACHE_KIB
from tests.services.test_customer_import import MAPPING, _table


def test_the_cycle_collector_is_paused_for_the_rows_only(owner: Session) -> None:
    table = _table(*[("", f"G{n}", f"F{n}") for n in range(4_000)])
    seen: list[bool] = []

    def note(step: Progress) -> None:
        seen.append(gc.isenabled())

    preview(owner, table, MAPPING, progress=note)
    assert seen[0] is False
    assert gc.isenabled()

    def stop(step: Progress) -> None:
        raise Cancelled()

    with pytest.raises(Cancelled):
        preview(owner, table, MAPPING, progress=stop)
    assert gc.isenabled()


def test_the_save_has_a_bigger_cache_for_its_transaction_only(owner: Session) -> None:
    conn = owner.card_file.conn
    settings = "cache_size", "journal_mode", "synchronous", "secure_delete"
    before = {name: conn.execute(f"PRAGMA {name}").fetchone()[0] for name in settings}
    during: list[tuple[object, ...]] = []

    def note(step: Progress) -> None:
        during.append(tuple(conn.execute(f"PRAGMA {name}").fetchone()[0] for name in settings))

    table = _table(*[("", f"G{n}", f"F{n}") for n in range(3)])
    save(owner, preview(owner, table, MAPPING), for_all=Decision.ADD, progress=note)
    assert set(during) == {(-IMPORT_CACHE_KIB, *list(before.values())[1:])}
    assert {name: conn.execute(f"PRAGMA {name}").fetchone()[0] for name in settings} == before

    def stop(step: Progress) -> None:
        raise Cancelled()

    with pytest.raises(Cancelled):
        save(owner, preview(owner, table, MAPPING), for_all=Decision.ADD, progress=stop)
    assert conn.execute("PRAGMA cache_size").fetchone()[0] == before["cache_size"]
