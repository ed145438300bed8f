"""The installer tests' marker: building the bundle takes about a minute."""

from __future__ import annotations

import pytest


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "slow: builds the installed program with PyInstaller (about a minute)"
    )
