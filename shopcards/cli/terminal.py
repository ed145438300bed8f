"""What the command line writes: progress on the owner's terminal (a counter that rewrites
itself on one line, and nothing when the output is not a terminal: a script or a log file gets
only the result), and every line without the bidi marks (core/isolates.py).

A message filled in Hebrew has each value between U+2068 and U+2069 (core/i18n.py), for the
window's bidi algorithm. A terminal runs none: it shows characters in the order they come, so
the marks would only be invisible noise (or boxes, on the Windows console) and would stick to a
path or a card number a person copies, or a script greps, from the output.
"""

from __future__ import annotations

import io
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TextIO, cast

from shopcards.core.i18n import _, unmarked
from shopcards.core.progress import Progress, Report


def terminal_progress(said: str = "{done} / {total}") -> Report:
    """A report writing ``12,000 / 50,000 customers`` on standard error: ``said`` is the
    message (marked with ``N_`` by the caller) with ``{done}`` and ``{total}`` in it."""

    def show(step: Progress) -> None:
        if sys.stderr.isatty():
            done, total = format(step.done, ","), format(step.total, ",")
            print("\r" + _(said, done=done, total=total), end="", file=sys.stderr, flush=True)

    return show


class _Unmarked(io.TextIOBase):
    """A text stream that passes what it is given on to ``stream`` without the bidi marks."""

    def __init__(self, stream: TextIO) -> None:
        super().__init__()
        self._stream = stream

    def write(self, text: str) -> int:
        return self._stream.write(unmarked(text))

    def flush(self) -> None:
        self._stream.flush()

    def isatty(self) -> bool:
        return self._stream.isatty()

    def fileno(self) -> int:
        return self._stream.fileno()


@contextmanager
def unmarked_output() -> Iterator[None]:
    """Standard output and standard error without the bidi marks while the block runs (the
    command's own lines, argparse's help and errors alike); given back as they were after."""
    out, err = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = cast(TextIO, _Unmarked(out)), cast(TextIO, _Unmarked(err))
    try:
        yield
    finally:
        sys.stdout, sys.stderr = out, err
