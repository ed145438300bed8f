"""Progress on the owner's terminal: a counter that rewrites itself on one line, and nothing
when the output is not a terminal (a script or a log file gets only the result)."""

from __future__ import annotations

import sys

from shopcards.core.progress import Progress, Report


def terminal_progress(unit: str = "") -> Report:
    """A report writing ``12,000 / 50,000 customers`` (with ``unit``) on standard error."""
    suffix = f" {unit}" if unit else ""

    def show(step: Progress) -> None:
        if sys.stderr.isatty():
            print(f"\r{step.done:,} / {step.total:,}{suffix}", end="", file=sys.stderr, flush=True)

    return show
