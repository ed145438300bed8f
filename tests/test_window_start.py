"""The window starts on what it shows, nothing more (issue 12: every screen and library was
imported at start, 5× a bare PySide6 list window).

The start runs for real in a fresh interpreter: ``shopcards.cli.main(["--db", FILE])`` up to
its first moment of rest with the cabinet on screen, which then lists the modules it holds.
A screen or library that comes back at start through a top-level import fails here by name;
import it in the function that opens it instead. tests/bench/bench_start.py measures.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

import pytest

import shopcards.paths
from shopcards import __version__
from shopcards.cli import window_card_file
from shopcards.services import auth, cards, catalogues, settings
from shopcards.services.session import Session
from tests.conftest import CHEAP_PIN_COST, PIN, card_input

ROOT = Path(__file__).resolve().parents[1]

NOT_AT_START = [
    # libraries for printing, previews, metadata and tests
    "reportlab",
    "pypdf",
    "PySide6.QtPdf",
    "PySide6.QtPdfWidgets",
    "importlib.metadata",
    "hypothesis",
    "pytest",
    "phonenumbers",  # the list formats its phones after the first page shows
    # sqlite-utils and what it imports: the start reads through the plain connection
    "sqlite_utils",
    "click",
    "dateutil",
    "pluggy",
    # the commands of the command line
    "shopcards.cli.cardfile",
    "shopcards.cli.demo",
    "shopcards.cli.drawing",
    "shopcards.cli.letters",
    "shopcards.cli.purchases",
    "shopcards.cli.report",
    "shopcards.cli.settings",
    # the screens of the Shop menu and the dialogs opened from the cabinet
    "shopcards.ui.till.window",
    "shopcards.ui.drawing.screen",
    "shopcards.ui.letters.screen",
    "shopcards.ui.insights.screen",
    "shopcards.ui.settings.window",
    "shopcards.ui.settings.shop_setup",
    "shopcards.ui.imports.purchases_dialog",
    "shopcards.ui.cabinet.about_dialog",
    "shopcards.ui.cabinet.demo_offer",
    "shopcards.ui.card.form",
    "shopcards.ui.kit.pdf_preview",
    "shopcards.ui.kit.error_dialog",
    # the Shop menu and the panes beside the card: built right after the first paint
    "shopcards.ui.cabinet.shop_tools",
    "shopcards.ui.history.pane",
    "shopcards.ui.card.call_dialog",
    "shopcards.ui.letters.last_sent",
    "shopcards.ui.settings.pin_dialog",
    # the services behind them, and the printing engine
    "shopcards.printing",
    "shopcards.services.letters",
    "shopcards.services.templates",
    "shopcards.services.drawing",
    "shopcards.services.demo",
    "shopcards.services.insights",
    "shopcards.services.purchase_import",
    "shopcards.services.backup",
    "shopcards.services.loyalty",  # opening asks store/loyalty_due first: nothing due, no import
]

REPORT_WHEN_SHOWN = """
import json, os, sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow

app = QApplication(sys.argv)

def report():
    shown = [w for w in app.topLevelWidgets() if isinstance(w, QMainWindow) and w.isVisible()]
    menus = [a.text() for a in shown[0].menuBar().actions()] if shown else []
    print(json.dumps({"shown": len(shown), "menus": menus, "modules": sorted(sys.modules)}))
    sys.stdout.flush()
    os._exit(0)

QTimer.singleShot(0, report)  # the first moment of rest: the cabinet is up
from shopcards.cli import main
sys.exit(main([*sys.argv[2:], "--db", sys.argv[1]]))
"""


@pytest.fixture
def modules_at_start(owner: Session, tmp_path: Path) -> set[str]:
    """The modules of a start on an ordinary day: a shop set up, with a card and a PIN."""
    return set(started(owner, tmp_path)["modules"])


def started(owner: Session, tmp_path: Path, *arguments: str) -> dict[str, Any]:
    """What a start of the window on ``owner``'s card file reports once the cabinet is up."""
    settings.skip_setup(owner)
    auth.set_pin(owner, PIN, cost=CHEAP_PIN_COST)
    cards.add_card(owner, card_input())
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "SHOPCARDS_HOME": str(tmp_path / "home"),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "PYTHONPATH": str(ROOT),
    }
    done = subprocess.run(
        [sys.executable, "-c", REPORT_WHEN_SHOWN, str(owner.card_file.path), *arguments],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    assert lines, f"the window never reported:\n{done.stdout}\n{done.stderr}"
    report: dict[str, Any] = json.loads(lines[-1])
    assert report["shown"] == 1, "the cabinet was not on screen"
    return report


def loaded_of(names: list[str], modules: set[str]) -> list[str]:
    return sorted(
        name for name in names if name in modules or any(m.startswith(f"{name}.") for m in modules)
    )


def test_the_window_starts_without_the_screens_it_does_not_show(
    modules_at_start: set[str],
) -> None:
    loaded = loaded_of(NOT_AT_START, modules_at_start)
    assert not loaded, (
        f"imported at start, but only needed once opened: {loaded} — import them in the "
        "function that opens them (see tests/bench/bench_start.py for what it costs)"
    )
    assert "shopcards.ui.cabinet.main_window" in modules_at_start  # it did start


def test_a_finnish_start_reads_its_compiled_catalogue_and_nothing_more(
    owner: Session, tmp_path: Path
) -> None:
    """The catalogue costs a start one file read: Babel's .po reader and compiler
    (babel.messages) come only when a .po is newer than the compiled file, as after an update;
    the installer ships them compiled."""
    catalogues.load("fi")  # compiled now, as an installed shopcards has it
    report = started(owner, tmp_path, "--lang", "fi")
    assert report["menus"][:2] == ["&Tiedosto", "&Kortit"]  # it did speak Finnish
    modules = set(report["modules"])
    assert loaded_of([*NOT_AT_START, "babel.messages"], modules) == []


@pytest.mark.parametrize(
    ("arguments", "opens"),
    [
        (["--db", "shop.db"], Path("shop.db")),
        (["--db=shop.db"], Path("shop.db")),
        (["--db", "demo"], Path("demo")),  # a card file named like a command is still a file
        (["demo", "--db", "shop.db"], None),
        (["--db", "shop.db", "check"], None),
        (["--help"], None),
        (["--version"], None),
        (["--db"], None),
        (["--db", "--help"], None),
    ],
)
def test_only_a_card_file_to_open_skips_the_command_parser(
    arguments: list[str], opens: Path | None
) -> None:
    assert window_card_file(arguments) == opens


def test_no_arguments_open_the_default_card_file() -> None:
    assert window_card_file([]) == shopcards.paths.default_db()


def test_the_version_is_pyprojects() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert __version__ == project["version"]
