"""Progress on the owner's terminal: a counter that rewrites itself on one line, and nothing
when the output is not a terminal (a script or a log file gets only the result)."""

from __future__ import annotations

import sys

from shopcards.core.i18n import _
from shopcards.core.progress import Progress, Report


def terminal_progress(said: str = "{done} / {total}") -> Report:
    """A report writing ``12,000 / 50,000 customers`` on standard error: ``said`` is the
    message (marked with ``N_`` by the caller) with ``{done}`` and ``{total}`` in it."""

    def show(step: Progress) -> None:
        if sys.stderr.isatty():
            done, total = format(step.done, ","), format(step.total, ",")
            print("\r" + _(said, done=done, total=total), end="", file=sys.stderr, flush=True)

    return show
