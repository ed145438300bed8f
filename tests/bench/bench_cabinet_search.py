"""How fast the cabinet answers a keystroke, through the real window and model.

    QT_QPA_PLATFORM=offscreen .venv/bin/python tests/bench/bench_cabinet_search.py [DB]

DB defaults to /tmp/shopcards-bench-1m.db, made once with
``shopcards demo --customers 1000000 --no-purchases`` (about four minutes).

Types search texts letter by letter, one key every TYPING_MS, and prints:
- "keystroke to list": from the key to the list showing that text's first page (including
  any wait for a pause in the typing, and the repaint),
- "last key to count": from a word's last key to its count of matches on screen,
- drawer clicks, and fetching the next page while scrolling deep.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QModelIndex
from PySide6.QtWidgets import QApplication

from shopcards.services.opening import open_session
from shopcards.ui.cabinet.main_window import MainWindow
from shopcards.ui.kit.qt_compat import keep_singletons_alive

DEFAULT_DB = Path("/tmp/shopcards-bench-1m.db")
TYPING_MS = 120
TYPED = [
    "virtanen",
    "korhonen anna",
    "söderberg",
    "stefanescu",
    "כהן",
    "Պետրոսյան",
    "+358 40",
    "040 12",
    "00100",
    "tampere",
    "post12",
    "x",
]


def ensure_db(path: Path) -> None:
    if path.exists():
        return
    print(f"making {path} (1,000,000 cards; a few minutes)…", flush=True)
    subprocess.run(
        [
            sys.executable,
            "-m",
            "shopcards",
            "demo",
            "--customers",
            "1000000",
            "--no-purchases",
            "--db",
            str(path),
        ],
        check=True,
    )


def wait_until(app: QApplication, done: Callable[[], bool]) -> float:
    """Process events until ``done()``; returns the moment it became true."""
    while not done():
        app.processEvents()
    return time.perf_counter()


def figures(values: list[float]) -> str:
    values = sorted(values)
    p90 = values[min(len(values) - 1, int(len(values) * 0.9))]
    return (
        f"n={len(values):<4} median {statistics.median(values):6.1f} ms  "
        f"p90 {p90:6.1f} ms  max {values[-1]:6.1f} ms"
    )


def showing(window: MainWindow, text: str) -> bool:
    return window.model.query.text == text


def type_words(window: MainWindow, app: QApplication) -> tuple[list[float], list[float]]:
    to_list: list[float] = []
    to_count: list[float] = []
    for text in TYPED:
        for i in range(1, len(text) + 1):
            prefix = text[:i]
            pressed = time.perf_counter()
            window.search.setText(prefix)
            wait_until(app, partial(showing, window, prefix))
            app.processEvents()  # the repaint
            to_list.append((time.perf_counter() - pressed) * 1000)
            if i == len(text):
                counted = wait_until(app, lambda: window.count_label.text() != "…")
                to_count.append((counted - pressed) * 1000)
            while (time.perf_counter() - pressed) * 1000 < TYPING_MS:
                app.processEvents()
        window.search.clear_and_focus()
        wait_until(app, lambda: window.count_label.text() != "…")
    return to_list, to_count


def main() -> int:
    db = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_DB
    ensure_db(db)
    keep_singletons_alive()
    app = QApplication(sys.argv)
    session = open_session(db)
    window = MainWindow(session)
    window.resize(1280, 800)
    window.show()
    app.processEvents()
    wait_until(app, lambda: window.count_label.text() != "…")
    print(f"{db}: {window.count_label.text()}, one key every {TYPING_MS} ms")

    to_list, to_count = type_words(window, app)
    print(f"keystroke to list     {figures(to_list)}")
    print(f"last key to count     {figures(to_count)}")

    clicks = []
    for drawer in ["A", "S", "K", "א–ת", "Ա–Ֆ", "#", "Z", ""]:
        start = time.perf_counter()
        window.drawers.button(drawer).click()
        wait_until(app, lambda: window.count_label.text() != "…")
        clicks.append((time.perf_counter() - start) * 1000)
    print(f"drawer click to count {figures(clicks)}")

    pages = []
    for _ in range(200):  # scrolling down 40,000 cards, a page at a time
        start = time.perf_counter()
        window.model.fetchMore(QModelIndex())
        app.processEvents()
        pages.append((time.perf_counter() - start) * 1000)
    print(f"next page + repaint   {figures(pages)}  ({window.model.rowCount():,} rows loaded)")
    session.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
