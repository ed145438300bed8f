"""Running the ``shopcards`` command as the owner types it in a terminal, for the CLI tests.

:func:`shopcards` calls the command's ``main`` in this process, which is quick; everything a
separate process would have of its own is given to the call and taken back after it: the data
folder and the PIN in the environment, no terminal on stdin, its own stdout and stderr, the
exit code of ``SystemExit`` (argparse's ``--help`` and usage errors). An exception the command
does not turn into a message propagates, so the test shows its traceback.

:func:`shopcards_process` runs the real entry point, ``python -m shopcards``, for the few tests
about what only a process has: its exit status and the bytes of its output.
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from shopcards.cli import main
from shopcards.services import auth


@dataclass(frozen=True)
class Ran:
    """What a run of the command left: the same fields as ``subprocess.CompletedProcess``."""

    returncode: int
    stdout: str
    stderr: str


def shopcards(*args: str, home: Path, pin: str | None = None) -> Ran:
    """Run the command in this process with its data folder in ``home``, the PIN in
    SHOPCARDS_PIN when given, and no terminal to ask on."""
    out, err = io.StringIO(), io.StringIO()
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SHOPCARDS_HOME", str(home))
        patch.delenv(auth.PIN_ENV, raising=False)
        if pin is not None:
            patch.setenv(auth.PIN_ENV, pin)
        patch.setattr(sys, "stdin", io.StringIO())  # not a terminal: nothing can ask for a PIN
        patch.setattr(sys, "stdout", out)
        patch.setattr(sys, "stderr", err)
        code = _exit_code(args)
    return Ran(code, out.getvalue(), err.getvalue())


def _exit_code(args: tuple[str, ...]) -> int:
    """``main``'s return value, or the status of the ``SystemExit`` it raised, as Python would
    make it the process's (None is 0, a message is 1)."""
    try:
        return main(list(args))
    except SystemExit as stop:
        return stop.code if isinstance(stop.code, int) else int(stop.code is not None)


def shopcards_process(
    *args: str, home: Path, pin: str | None = None
) -> subprocess.CompletedProcess[str]:
    """Run ``python -m shopcards`` as a process, as :func:`shopcards` does in this one; its
    output is read as UTF-8, whatever this machine's locale."""
    env = {**os.environ, "SHOPCARDS_HOME": str(home)}
    env.pop(auth.PIN_ENV, None)
    if pin is not None:
        env[auth.PIN_ENV] = pin
    return subprocess.run(
        [sys.executable, "-m", "shopcards", *args],
        capture_output=True,
        encoding="utf-8",
        env=env,
        timeout=120,
        stdin=subprocess.DEVNULL,
    )
