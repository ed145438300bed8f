"""core/ modules import one another in one direction only: no two of them lean on each other,
even through a third or only for type hints (core.insights and core.segments once did)."""

from __future__ import annotations

import ast
from pathlib import Path

import shopcards.core

CORE = Path(shopcards.core.__file__).parent


def core_imports(path: Path) -> set[str]:
    """The core modules ``path`` imports, by module name, wherever the import stands."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            names = [node.module]
        elif isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        else:
            continue
        found |= {
            n.removeprefix("shopcards.core.") for n in names if n.startswith("shopcards.core.")
        }
    return found


def test_no_core_module_imports_itself_round_a_circle() -> None:
    graph = {path.stem: core_imports(path) for path in CORE.glob("*.py")}

    def reaches(start: str, target: str, seen: set[str]) -> bool:
        for name in graph.get(start, set()) - seen:
            if name == target or reaches(name, target, seen | {name}):
                return True
        return False

    circles = sorted(name for name in graph if reaches(name, name, set()))
    assert not circles, f"core modules that import themselves through others: {circles}"
