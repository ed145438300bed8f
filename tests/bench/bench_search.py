"""Search speed: keystroke to list, through the window's own model, beside raw SQLite.

    .venv/bin/python tests/bench/bench_search.py [--customers 100000 1000000] [--folder F]

Builds (once, then reuses) demo card files of each size with `shopcards demo --no-purchases`,
then types realistic searches one keystroke at a time: family names, "given family", phone
numbers as people write them, e-mail addresses, postcodes. For every keystroke it times

- model: CardListModel.set_query() and reading the visible rows' text (what the list shows),
- raw:   a plain sqlite3 query that finds the same first page of rows,

and prints the medians, the 90th percentiles and the ratio model/raw. It also opens the main
window on the file and prints the time until the list shows cards and the peak memory.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import sqlite3
import statistics
import subprocess
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from shopcards.core.card import CardQuery
from shopcards.core.collation import Alphabet
from shopcards.core.roles import Role
from shopcards.core.search import Lookup, plan
from shopcards.services.opening import open_session
from shopcards.store.customers import fts_match

VISIBLE_ROWS = 30
RAW_COLUMNS = "SELECT c.id, c.given_name, c.family_name, c.city FROM customers c"
RAW_SQL = {
    Lookup.WORDS: f"""{RAW_COLUMNS} WHERE c.archived_at IS NULL
        AND c.id IN (SELECT rowid FROM customer_search WHERE customer_search MATCH ?)
        ORDER BY c.sort_key, c.id LIMIT 200""",
    Lookup.NAME_PREFIX: f"""{RAW_COLUMNS} WHERE c.archived_at IS NULL
        AND c.sort_key >= ? AND c.sort_key < ? ORDER BY c.sort_key, c.id LIMIT 200""",
    Lookup.EVERYTHING: f"""{RAW_COLUMNS} WHERE c.archived_at IS NULL
        ORDER BY c.sort_key, c.id LIMIT 200""",
}


def raw_params(text: str, alphabet: Alphabet) -> tuple[Lookup, list[str]]:
    """The hand-written query's parameters for the same lookup the app makes."""
    search = plan(text)
    if search.lookup is Lookup.WORDS:
        return search.lookup, [fts_match(search.text)]
    if search.lookup is Lookup.NAME_PREFIX:
        return search.lookup, list(alphabet.prefix_range(search.text))
    return search.lookup, []


def build(path: Path, customers: int) -> None:
    if path.exists():
        return
    print(f"building {path} ({customers:,} cards) …", flush=True)
    started = time.perf_counter()
    subprocess.run(
        [
            sys.executable,
            "-m",
            "shopcards",
            "demo",
            "--customers",
            str(customers),
            "--no-purchases",
            "--seed",
            "5",
            "--db",
            str(path),
        ],
        check=True,
    )
    print(f"  built in {time.perf_counter() - started:.0f} s", flush=True)


def searches(path: Path, count: int, seed: int = 11) -> list[str]:
    """What a clerk types to find a customer who is in the file."""
    conn = sqlite3.connect(path)
    top = conn.execute("SELECT max(id) FROM customers").fetchone()[0]
    rng = random.Random(seed)
    out: list[str] = []
    while len(out) < count:
        card_id = rng.randint(1, top)
        row = conn.execute(
            "SELECT given_name, family_name, email, postcode, city, "
            "(SELECT number FROM phones WHERE customer_id = customers.id) "
            "FROM customers WHERE id = ?",
            [card_id],
        ).fetchone()
        if row is None:
            continue
        given, family, email, postcode, _city, phone = row
        kind = rng.choice(("family", "family", "both", "phone", "email", "postcode"))
        if kind == "family":
            out.append(family)
        elif kind == "both":
            out.append(f"{given} {family[:4]}")
        elif kind == "phone" and phone:
            out.append(phone if rng.random() < 0.3 else "0" + phone[4:])
        elif kind == "email" and email:
            out.append(email.split("@")[0])
        else:
            out.append(postcode)
    conn.close()
    return out


def keystrokes(text: str) -> list[str]:
    return [text[:n] for n in range(1, len(text) + 1) if text[:n].strip()]


def measure(path: Path, typed: list[str]) -> tuple[list[float], list[float]]:
    from PySide6.QtWidgets import QApplication

    from shopcards.ui.cabinet.list_model import CardListModel
    from shopcards.ui.kit.qt_compat import keep_singletons_alive

    keep_singletons_alive()
    _app = QApplication.instance() or QApplication([])
    session = open_session(path, Role.OWNER)
    model = CardListModel(session)
    raw = sqlite3.connect(path)
    model_ms: list[float] = []
    raw_ms: list[float] = []
    for text in typed:
        for prefix in keystrokes(text):
            started = time.perf_counter()
            model.set_query(CardQuery(text=prefix))
            for row in range(min(VISIBLE_ROWS, model.rowCount())):
                model.data(model.index(row, 0))
                model.data(model.index(row, 2))
            model_ms.append((time.perf_counter() - started) * 1000)
            lookup, params = raw_params(prefix, session.alphabet)
            started = time.perf_counter()
            raw.execute(RAW_SQL[lookup], params).fetchall()
            raw_ms.append((time.perf_counter() - started) * 1000)
    session.close()
    return model_ms, raw_ms


def window_start(path: Path) -> tuple[float, float]:
    """Seconds until the list shows cards, and peak memory (MB), in a fresh process."""
    code = f"""
import os, resource, time
from pathlib import Path
os.environ['QT_QPA_PLATFORM'] = 'offscreen'
started = time.perf_counter()
from PySide6.QtCore import QSettings
from shopcards.app import Cabinet, make_application
app = make_application()
cabinet = Cabinet(app, QSettings())
cabinet.open(Path({str(path)!r}))
app.processEvents()
while cabinet.window.model.rowCount() == 0:
    app.processEvents()
print(time.perf_counter() - started, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
"""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    if out.returncode != 0:
        print(out.stderr[-2000:])
        return float("nan"), float("nan")
    seconds, megabytes = out.stdout.split()[-2:]
    return float(seconds), float(megabytes)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--customers", type=int, nargs="+", default=[100_000, 1_000_000])
    parser.add_argument("--folder", type=Path, default=Path("/tmp/shopcards-bench"))
    parser.add_argument("--searches", type=int, default=60)
    args = parser.parse_args()
    args.folder.mkdir(parents=True, exist_ok=True)
    for customers in args.customers:
        path = args.folder / f"cards-{customers}.db"
        build(path, customers)
        typed = searches(path, args.searches)
        model_ms, raw_ms = measure(path, typed)
        ratio = statistics.median(model_ms) / statistics.median(raw_ms)
        print(
            f"{customers:>9,} cards, {len(model_ms)} keystrokes: "
            f"model median {statistics.median(model_ms):.1f} ms "
            f"(p90 {statistics.quantiles(model_ms, n=10)[-1]:.1f}), "
            f"raw median {statistics.median(raw_ms):.1f} ms "
            f"(p90 {statistics.quantiles(raw_ms, n=10)[-1]:.1f}), ratio {ratio:.2f}"
        )
        seconds, megabytes = window_start(path)
        print(f"{'':>9}  window: list usable after {seconds:.2f} s, peak memory {megabytes:.0f} MB")
    print(
        f"(this process: peak {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB)"
    )


if __name__ == "__main__":
    main()
