"""Work stopped part-way, as a person's Cancel stops it: a report that cancels at a step."""

from __future__ import annotations

from shopcards.core.errors import Cancelled
from shopcards.core.progress import Progress, Report


def cancel_at(step: int, seen: list[tuple[int, int]] | None = None) -> Report:
    """A report that notes each (done, total) in ``seen`` and cancels once ``step`` is done."""

    def report(progress: Progress) -> None:
        if seen is not None:
            seen.append((progress.done, progress.total))
        if progress.done >= step:
            raise Cancelled()

    return report
