"""What the customer import does to be fast (issue 14: 100,000 rows previewed in 10 s) leaves
nothing behind: the cycle collector it pauses runs again, after a cancel too."""

from __future__ import annotations

import gc

import pytest

from shopcards.core.errors import Cancelled
from shopcards.core.progress import Progress
from shopcards.services.customer_import import preview
from shopcards.services.session import Session
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
