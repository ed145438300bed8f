"""The installer tests' marker, and the bundle they share: installer/build.py runs once per
test session (about two minutes), however many tests use what it made."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path
from types import ModuleType
from typing import NamedTuple

import pytest

ROOT = Path(__file__).resolve().parents[2]


class Build(NamedTuple):
    """installer/build.py's folder of output (program folder and archive) and what it printed."""

    dist: Path
    printed: str


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "slow: builds the installed program with PyInstaller (about two minutes)"
    )


@pytest.fixture(scope="session")
def build_script() -> ModuleType:
    """installer/build.py as a module: its size limit and the way it measures a folder."""
    spec = importlib.util.spec_from_file_location("installer_build", ROOT / "installer/build.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def build(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The one run of installer/build.py, into a temporary folder, never into the repository."""
    out = tmp_path_factory.mktemp("installer")
    result = subprocess.run(
        [
            sys.executable,
            str(ROOT / "installer/build.py"),
            "--dist",
            str(out / "dist"),
            "--work",
            str(out / "work"),
        ],
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-4000:]
    return Build(out / "dist", result.stdout)


@pytest.fixture(scope="session")
def dist(build: Build) -> Path:
    return build.dist


@pytest.fixture(scope="session")
def bundle(dist: Path) -> Path:
    """The program folder, as install.sh would put it in place."""
    return dist / "shopcards"
