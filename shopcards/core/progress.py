"""How far slow work got, and how the person stops it: one vocabulary for the demo shop,
purchase imports, printing and the window's background tasks.

Slow work takes a ``report`` (a :data:`Report`) and calls it with a :class:`Progress` after
each step. The report shows the step somewhere (a progress bar, a line on the terminal) and
raises :class:`~shopcards.core.errors.Cancelled` when the person asked to stop; the work lets
it go up, so its transaction rolls back or its temporary file goes, and nothing is kept half.
The Cancel button and the work run on different threads: a :class:`CancelToken` carries the
one to the other.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, replace

from shopcards.core.errors import Cancelled


@dataclass(frozen=True)
class Progress:
    """``done`` of ``total`` steps (``total`` 0: not known yet); ``what`` says, for a
    person, what is being done ("" keeps what was said before)."""

    done: int
    total: int = 0
    what: str = ""


Report = Callable[[Progress], None]
"""Told each step; raises :class:`~shopcards.core.errors.Cancelled` to stop the work there."""


def tell(report: Report | None, done: int, total: int, what: str = "") -> None:
    """Report a step to ``report``, if the caller gave one."""
    if report is not None:
        report(Progress(done, total, what))


def worded(report: Report, words: Callable[[Progress], str]) -> Report:
    """``report``, with each step's ``what`` written by ``words`` (the work counts; the
    caller knows what it is counting, e.g. "Drawing letter 3 of 200…")."""
    return lambda step: report(replace(step, what=words(step)))


class CancelToken:
    """A :data:`Report` that also carries a Cancel across threads: the window calls
    :meth:`cancel`, the work stops at its next report (or :meth:`check`)."""

    def __init__(self, show: Report | None = None) -> None:
        self._show = show
        self._cancel = threading.Event()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def cancel(self) -> None:
        self._cancel.set()

    def check(self) -> None:
        """Stop here (raise :class:`~shopcards.core.errors.Cancelled`) if cancelled."""
        if self._cancel.is_set():
            raise Cancelled()

    def __call__(self, step: Progress) -> None:
        if self._show is not None:
            self._show(step)
        self.check()
