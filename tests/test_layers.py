"""The layers as a test: every module's imports run one way, and no module imports itself round
a circle.

ui/ and cli/ call services/; services/ call core/, store/ and printing/; store/ and printing/
use core/; core/ uses nothing of ours. Only ui/ imports Qt, only printing/ imports reportlab,
and the card file's driver stays below the ui. An import anywhere in a file counts (inside a
function or under TYPE_CHECKING too): a type that crosses a layer the wrong way lives in the
wrong place (that is how Change, Sent, Overview and PrintResult moved to core/).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import shopcards

PACKAGE = Path(shopcards.__file__).parent

ROOT = {"__init__", "paths"}
"""The package itself (its version) and where files live: for every layer but core/."""

OURS = {
    # a layer: the layers of ours it may import besides itself
    "core": set(),
    "store": {"core", *ROOT},
    "printing": {"core", *ROOT},
    "services": {"core", "store", "printing", *ROOT},
    "ui": {"services", "core", *ROOT},
    "cli": {"services", "core", "app", *ROOT},
    "app": {"ui", "services", "core", *ROOT},
    "paths": {"__init__"},
    "__main__": {"cli"},
    "__init__": set(),
}
"""The composition root ``app`` (the window) is reached only from the command line."""

ONLY_IN = {
    "PySide6": {"ui", "app"},
    "reportlab": {"printing"},
    "sqlite3": {"store", "services"},
    "sqlite_utils": {"store", "services"},
}
"""Libraries only some layers may import. services/ hold the card file's handle (a session)
and hand it to store/, which alone writes SQL."""


def modules() -> dict[str, Path]:
    """Every module of the package by dotted name."""
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        found[name] = path
    return found


def imports_of(path: Path, name: str) -> set[str]:
    """The modules ``path`` imports, anywhere in the file, as absolute dotted names."""
    package = name if path.stem == "__init__" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            found.add(base)
            found |= {f"{base}.{alias.name}" for alias in node.names}
    return found


def layer(module: str) -> str:
    """``shopcards.services.letters`` → ``services``; ``shopcards`` → ``__init__``."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


ALL = modules()
GRAPH = {
    name: {m for m in imports_of(path, name) if m in ALL and m != name}
    for name, path in ALL.items()
}


@pytest.mark.parametrize("name", sorted(ALL))
def test_imports_run_one_way(name: str) -> None:
    mine = layer(name)
    wrong = sorted(m for m in GRAPH[name] if layer(m) not in OURS[mine] | {mine})
    assert not wrong, f"{name} ({mine}/) may not import {wrong}"
    found = imports_of(ALL[name], name)
    foreign = sorted(
        lib
        for lib, allowed in ONLY_IN.items()
        if mine not in allowed and any(m == lib or m.startswith(lib + ".") for m in found)
    )
    assert not foreign, f"{name} ({mine}/) imports {foreign}, which belong elsewhere"


def test_no_module_imports_itself_round_a_circle() -> None:
    """Through a package's ``__init__`` too: importing ``a.b`` runs ``a/__init__`` first."""

    def circle_from(start: str) -> list[str] | None:
        stack = [(start, [start])]
        seen: set[str] = set()
        while stack:
            node, trail = stack.pop()
            for nxt in GRAPH[node]:
                if nxt == start:
                    return [*trail, start]
                if nxt not in seen:
                    seen.add(nxt)
                    stack.append((nxt, [*trail, nxt]))
        return None

    circles = [c for c in map(circle_from, sorted(GRAPH)) if c]
    assert not circles, "import circles:\n" + "\n".join(" → ".join(c) for c in circles)


def test_the_check_sees_the_package() -> None:
    """The graph is the real package: a known import is in it, so an empty scan cannot pass."""
    assert "shopcards.core.errors" in GRAPH["shopcards.services.cards"]
    assert len(ALL) > 150
