"""docs/architecture.md stays true: every module and test path it names exists, and its table
of dependencies says what README.md's says about every package pyproject.toml lists."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "architecture.md"
PATH = re.compile(r"\b(?:shopcards|tests)/[\w/]*[\w]+(?:\.py|/)")
"""A path in the repository as the doc writes it: ``shopcards/ui/kit/theme.py``, or a folder
``tests/printing/``."""


def named_paths(text: str) -> set[str]:
    return set(PATH.findall(text))


def dependency_rows(text: str) -> dict[str, str]:
    """The rows of the table headed ``| package | why |``: package(s) -> why."""
    lines = text.splitlines()
    start = lines.index("| package | why |") + 2
    rows: dict[str, str] = {}
    for line in lines[start:]:
        if not line.startswith("|"):
            break
        package, why = (cell.strip() for cell in line.strip("|").split("|"))
        rows[package] = why
    return rows


def test_every_path_the_doc_names_exists() -> None:
    paths = named_paths(DOC.read_text(encoding="utf-8"))
    assert len(paths) > 100  # the feature table names them all
    missing = sorted(p for p in paths if not (ROOT / p).exists())
    assert not missing, f"docs/architecture.md names paths that are not there: {missing}"


def test_the_path_pattern_finds_files_and_folders() -> None:
    found = named_paths("see `shopcards/core/x.py` and tests/printing/, not shopcards itself")
    assert found == {"shopcards/core/x.py", "tests/printing/"}


def test_the_dependency_tables_agree_and_cover_pyproject() -> None:
    ours = dependency_rows(DOC.read_text(encoding="utf-8"))
    assert ours == dependency_rows((ROOT / "README.md").read_text(encoding="utf-8"))
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    required = [*project["dependencies"], *project["optional-dependencies"]["test"]]
    listed = {name.strip().lower() for names in ours for name in names.split(",")}
    unexplained = [r for r in required if re.split(r"[=<>\[ ]", r)[0].lower() not in listed]
    assert not unexplained, f"packages with no row saying why: {unexplained}"
