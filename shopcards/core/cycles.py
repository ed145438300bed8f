"""Python's cycle collector paused around work that makes many objects and no cycles.

The collector runs whenever enough new objects have been made since it last ran, and each
run walks the objects already made: building 100,000 rows walks them again and again (a
quarter of a customer import's preview, and of the insights' overview on a big shop,
measured). What such work makes holds no cycles, so nothing is lost by waiting: the
collector runs as before afterwards, also after an error or a cancel.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def cycle_collector_paused() -> Iterator[None]:
    """The collector off for the block, and back as it was after it."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()
