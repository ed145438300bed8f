"""Running ``python -m shopcards`` as the owner types it in a terminal, for the CLI tests."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from shopcards.services import auth


def shopcards(*args: str, home: Path, pin: str | None = None) -> subprocess.CompletedProcess[str]:
    """Run the command with its data folder in ``home``, the PIN in SHOPCARDS_PIN when given,
    and no terminal to ask on."""
    env = {**os.environ, "SHOPCARDS_HOME": str(home)}
    env.pop(auth.PIN_ENV, None)
    if pin is not None:
        env[auth.PIN_ENV] = pin
    return subprocess.run(
        [sys.executable, "-m", "shopcards", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        stdin=subprocess.DEVNULL,
    )
