"""``installer/dev``: ``run`` installs the app's packages only, ``test`` the test tools too,
each once per pyproject.toml, on a fresh machine and when switching between them.

The script runs in a copy of the project whose Python is a stand-in that writes down what it
was asked (pip is never called), so nothing is installed for real."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

STAND_IN = """#!/usr/bin/env bash
# A python3 that writes down its arguments; `-m venv DIR` makes DIR/bin with stand-ins.
echo "python $*" >> "$DEV_LOG"
if [ "${1:-} ${2:-}" = "-m venv" ]; then
  mkdir -p "$3/bin"
  cp "$0" "$3/bin/python"
  for tool in shopcards ruff mypy; do
    printf '#!/usr/bin/env bash\\necho "%s $*" >> "$DEV_LOG"\\n' "$tool" > "$3/bin/$tool"
    chmod +x "$3/bin/$tool"
  done
fi
"""
INSTALLED = """#!/usr/bin/env bash
echo "install ok installed"
"""


def _executable(path: Path, text: str) -> None:
    path.write_text(text)
    path.chmod(path.stat().st_mode | stat.S_IXUSR)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of installer/dev and pyproject.toml, with no .venv yet (a fresh machine)."""
    folder = tmp_path / "project"
    (folder / "installer").mkdir(parents=True)
    shutil.copy(ROOT / "installer" / "dev", folder / "installer" / "dev")
    shutil.copy(ROOT / "pyproject.toml", folder / "pyproject.toml")
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    _executable(bin_dir / "python3", STAND_IN)
    _executable(bin_dir / "dpkg-query", INSTALLED)  # every Debian library is there already
    return folder


def dev(project: Path, *args: str) -> list[str]:
    """Run ``bash installer/dev ARGS``; returns what the stand-ins were asked, in order."""
    log = project.parent / "log.txt"
    log.unlink(missing_ok=True)
    env = {
        **os.environ,
        "PATH": f"{project.parent / 'bin'}{os.pathsep}{os.environ['PATH']}",
        "DEV_LOG": str(log),
        "PYTHON": "python3",
    }
    done = subprocess.run(
        ["bash", "installer/dev", *args],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    return [line.strip() for line in log.read_text().splitlines()] if log.exists() else []


def _installs(calls: list[str]) -> list[str]:
    return [call for call in calls if "pip install -e" in call]


def test_run_on_a_fresh_machine_installs_the_app_without_the_test_tools(project: Path) -> None:
    calls = dev(project, "run", "--db", "demo.db")
    assert calls[0] == "python -m venv .venv"
    assert _installs(calls) == ["python -m pip install -e ."]
    assert calls[-1] == "shopcards --db demo.db"


def test_test_on_a_fresh_machine_installs_the_test_extra(project: Path) -> None:
    calls = dev(project, "test", "-x")
    assert _installs(calls) == ["python -m pip install -e .[test]"]
    assert calls[-4:] == [
        "ruff check shopcards tests",
        "ruff format --check shopcards tests",
        "mypy",
        "python -m pytest -x",
    ]


def test_switching_installs_only_what_is_missing_and_a_new_pyproject_installs_again(
    project: Path,
) -> None:
    assert _installs(dev(project, "run")) == ["python -m pip install -e ."]
    assert _installs(dev(project, "run")) == []
    assert _installs(dev(project, "test")) == ["python -m pip install -e .[test]"]
    assert _installs(dev(project, "test")) == []
    assert _installs(dev(project, "run")) == []  # the test extra brought the app's packages
    with (project / "pyproject.toml").open("a") as pyproject:
        pyproject.write("\n# a new dependency\n")
    assert _installs(dev(project, "test")) == ["python -m pip install -e .[test]"]
    assert _installs(dev(project, "run")) == []
    stamps = sorted(path.name for path in (project / ".venv").glob(".installed-*"))
    assert len(stamps) == 2 and {name.split("-")[1] for name in stamps} == {"app", "test"}
