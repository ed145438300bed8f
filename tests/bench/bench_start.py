"""How long the window takes to open, as the user feels it: from starting the process to the
card list painted with rows, against a bare PySide6 window that shows a list.

    .venv/bin/python tests/bench/bench_start.py [--runs N] [--small DB] [--big DB] [--lang LANG]

Each run is a fresh ``python`` process under ``QT_QPA_PLATFORM=offscreen``, timed with the
system-wide monotonic clock from just before the process is started to the first idle moment
after a list with rows has been painted:

- "bare": QApplication, QMainWindow and a QTableView over a small QStandardItemModel;
- "shopcards": ``shopcards.cli.main(["--lang", "en", "--db", DB])``, what
  ``python -m shopcards --db DB`` runs, in English;
- the same with ``--lang LANG`` (Finnish unless told): the window in another language, its
  catalogue read from the compiled file (issue 15: ≤ 1.1× the English start).

Both children run the same probe: it watches the QApplication's paint events (in shopcards
from the moment ``make_application`` makes it, the modules imported in the program's own
order), so neither side pays for anything the other does not. The kinds of
run alternate, N each, and the medians and their ratio are printed (issue 12: ≤ 2×). Then the
same start on 1,000,000 cards (issue 12: the list shows in ≤ 1 s).

The card files are copies in a temporary folder, with the owner's PIN set (no first-start
dialog), and SHOPCARDS_HOME and the Qt settings point there too: nothing shared is written.
DB defaults: a 300-card demo shop made on the spot; /tmp/shopcards-bench-1m.db, made once
with ``shopcards demo --customers 1000000 --no-purchases`` (minutes) if it is missing.
"""

from __future__ import annotations

import argparse
import os
import resource
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from contextlib import closing
from pathlib import Path
from typing import NamedTuple

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_BIG = Path("/tmp/shopcards-bench-1m.db")
PIN = "246810"
TIMEOUT_S = 60

PROBE = """
import os, sys, time
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QAbstractItemView, QApplication, QMainWindow

class Probe(QObject):
    '''Reports the first idle moment after a main window's list has been painted with rows.'''

    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint and self.painted_list(obj):
            QApplication.instance().removeEventFilter(self)
            QTimer.singleShot(0, ready)
        return False

    @staticmethod
    def painted_list(obj):
        view = obj.parent() if hasattr(obj, "parent") else None
        if not isinstance(view, QAbstractItemView) or obj is not view.viewport():
            return False
        model = view.model()
        window = view.window()
        return model is not None and model.rowCount() > 0 and isinstance(window, QMainWindow)

def ready():
    print(f"READY {time.monotonic():.6f}", flush=True)
    os._exit(0)

def give_up():
    print("NEVER READY", flush=True)
    os._exit(1)

def watch(app):
    app.installEventFilter(probe)
    QTimer.singleShot(%(timeout_ms)d, give_up)
    return app

probe = Probe()
"""

BARE = """
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QMainWindow, QTableView

app = watch(QApplication(sys.argv))
model = QStandardItemModel(0, 3)
for i in range(50):
    model.appendRow([QStandardItem(f"Customer {i}"), QStandardItem(f"0{i:03d}"), QStandardItem("")])
window = QMainWindow()
view = QTableView()
view.setModel(model)
window.setCentralWidget(view)
window.resize(1280, 800)
window.show()
sys.exit(app.exec())
"""

SHOPCARDS_FIRST = """
from shopcards.cli import main
import shopcards.app as shell  # what main() imports to open the window, in the same order
"""
SHOPCARDS = """
make_application = shell.make_application
shell.make_application = lambda: watch(make_application())
sys.exit(main(["--lang", %(lang)r, "--db", %(db)r]))
"""


def child_code(body: str, first: str = "") -> str:
    """The probe after ``first``: it imports PySide6, which must not change the order in which
    shopcards imports its modules (PySide6 reads the source of every module imported after
    it, so the order costs time)."""
    return first + PROBE % {"timeout_ms": TIMEOUT_S * 1000} + body


def shopcards_code(db: Path, lang: str = "en") -> str:
    return child_code(SHOPCARDS % {"db": str(db), "lang": lang}, SHOPCARDS_FIRST)


class Start(NamedTuple):
    wall: float
    """seconds from starting the process to the list on screen: the figure that counts"""
    cpu: float
    """seconds of CPU the process used (user and system): steadier on a busy machine"""


def start_once(code: str, env: dict[str, str]) -> Start:
    """Start a fresh interpreter on ``code`` and time it to its READY line."""
    cpu_before = children_cpu()
    started = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-c", code],
        env=env,
        capture_output=True,
        text=True,
        timeout=TIMEOUT_S + 10,
        check=False,
    )
    for line in done.stdout.splitlines():
        if line.startswith("READY "):
            return Start(float(line.split()[1]) - started, children_cpu() - cpu_before)
    raise SystemExit(f"the child never showed its list:\n{done.stdout}\n{done.stderr}")


def children_cpu() -> float:
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def child_env(home: Path) -> dict[str, str]:
    """Everything the child writes goes to ``home``: settings, logs, backups, and the compiled
    bytecode (an installed shopcards starts from bytecode, so the warm-up run makes it)."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env.update(
        PYTHONPYCACHEPREFIX=str(home / "pycache"),
        QT_QPA_PLATFORM="offscreen",
        SHOPCARDS_HOME=str(home),
        XDG_CONFIG_HOME=str(home / "config"),
        PYTHONPATH=str(ROOT),
    )
    return env


def prepared_copy(source: Path | None, path: Path, customers: int) -> Path:
    """A card file of our own at ``path`` (a copy of ``source``, or a new demo shop) with the
    owner's PIN set, so the window opens as it does on any ordinary day."""
    if source is None:
        run_shopcards(["demo", "--customers", str(customers), "--db", str(path)])
    else:  # SQLite's own copy: whatever the source's write-ahead log holds comes too
        with (
            closing(sqlite3.connect(f"file:{source}?mode=ro", uri=True)) as original,
            closing(sqlite3.connect(path)) as copy,
        ):
            original.backup(copy)
    set_pin = (
        "from shopcards.services import auth; from shopcards.services.opening import "
        f"open_session; s = open_session({str(path)!r});"
        f" auth.pin_is_set(s) or auth.set_pin(s, {PIN!r}); s.close()"
    )
    subprocess.run([sys.executable, "-c", set_pin], env=child_env(path.parent), check=True)
    return path


def run_shopcards(args: list[str]) -> None:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    subprocess.run([sys.executable, "-m", "shopcards", *args], env=env, check=True)


def ensure_big(path: Path) -> None:
    if not path.exists():
        print(f"making {path} (1,000,000 cards; minutes)…", flush=True)
        run_shopcards(["demo", "--customers", "1000000", "--no-purchases", "--db", str(path)])


def figures(starts: list[Start]) -> str:
    wall = [s.wall * 1000 for s in starts]
    cpu = statistics.median(s.cpu * 1000 for s in starts)
    return (
        f"median {statistics.median(wall):6.0f} ms  min {min(wall):6.0f}  max {max(wall):6.0f}"
        f"  (n={len(wall)}; CPU median {cpu:4.0f} ms)"
    )


def ratio(app: list[Start], bare: list[Start], limit: str = "issue 12: ≤ 2×") -> str:
    def median(starts: list[Start], key: str) -> float:
        return statistics.median(getattr(s, key) for s in starts)

    return (
        f"{median(app, 'wall') / median(bare, 'wall'):.2f}×  (CPU "
        f"{median(app, 'cpu') / median(bare, 'cpu'):.2f}×)  ({limit})"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--small", type=Path, help="a small card file (default: a demo shop)")
    parser.add_argument("--big", type=Path, default=DEFAULT_BIG)
    parser.add_argument("--no-big", action="store_true", help="skip the 1,000,000-card run")
    parser.add_argument(
        "--lang", default="fi", help="the language timed beside English (issue 15: ≤ 1.1×)"
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="shopcards-bench-start-") as tmp:
        folder = Path(tmp)
        env = child_env(folder)
        small = prepared_copy(args.small, folder / "small.db", 300)
        bare_code, app_code = child_code(BARE), shopcards_code(small)
        spoken_code = shopcards_code(small, args.lang)
        start_once(bare_code, env)  # warm the disk cache and compile the bytecode
        start_once(app_code, env)
        start_once(spoken_code, env)  # (and the catalogue, as the installer ships it compiled)
        bare: list[Start] = []
        app: list[Start] = []
        spoken: list[Start] = []
        for _ in range(args.runs):
            bare.append(start_once(bare_code, env))
            app.append(start_once(app_code, env))
            spoken.append(start_once(spoken_code, env))
        print(f"bare PySide6 list window   {figures(bare)}")
        print(f"shopcards, small card file {figures(app)}")
        print(f"ratio of medians           {ratio(app, bare)}")
        print(f"the same, --lang {args.lang:<9} {figures(spoken)}")
        print(f"ratio to English           {ratio(spoken, app, 'issue 15: ≤ 1.1×')}")
        if args.no_big:
            return 0
        ensure_big(args.big)
        big = prepared_copy(args.big, folder / "big.db", 1_000_000)
        big_code = shopcards_code(big)
        start_once(big_code, env)
        runs = [start_once(big_code, env) for _ in range(args.runs)]
        print(f"shopcards, 1,000,000 cards {figures(runs)}  (issue 12: ≤ 1000 ms)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
