"""Search speed: keystroke to list, through the window's own model, beside raw SQLite.

    .venv/bin/python tests/bench/bench_search.py [--customers 100000 1000000] [--folder F]
    .venv/bin/python tests/bench/bench_search.py --db FILE [FILE …]

Builds (once, then reuses) demo card files of each size with `shopcards demo --no-purchases`
(or uses the files given), then types searches one keystroke at a time: the cabinet bench's
words (bench_cabinet_search.TYPED) and realistic ones drawn from the file (family names,
"given family", phone numbers as people write them, e-mail addresses, postcodes). For every
keystroke it times, each the best of REPEAT runs (the machine is shared; one run is noise):

- raw:  today's hand-written query, which sorts every match (a plain sqlite3 connection with
        the app's cache size), for the list's first page,
- plan: store.card_list.list_page(), the plan the list now uses (a broad word walks the
        alphabetical index) for the columns it shows first, for the same page,
- list: CardListModel.set_query() and reading the visible rows' text (what the list shows),
        once as typed ("list 1st"; phones not read and written before follow it, see
        ui/cabinet/list_model.py) and the best of REPEAT (raw likewise: "raw 1st", "raw"),

and prints, for each typed text, the medians over its keystrokes and the list's 90th
percentile, then the same over all keystrokes with the ratios to raw. It also
opens the main window on the file and prints the time until the list shows cards and the
peak memory.
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
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from shopcards.core.card import CardQuery
from shopcards.core.collation import Alphabet
from shopcards.core.roles import Role
from shopcards.core.search import Lookup, plan
from shopcards.services.opening import open_session
from shopcards.store import card_list
from shopcards.store.card_list import fts_match
from shopcards.ui.cabinet.list_model import FIRST_PAGE
from tests.bench.bench_cabinet_search import TYPED

VISIBLE_ROWS = 30
REPEAT = 3
RAW_COLUMNS = "SELECT c.id, c.given_name, c.family_name, c.city FROM customers c"
RAW_SQL = {
    Lookup.WORDS: f"""{RAW_COLUMNS} WHERE c.archived_at IS NULL
        AND c.id IN (SELECT rowid FROM customer_search WHERE customer_search MATCH ?)
        ORDER BY c.sort_key, c.id LIMIT {FIRST_PAGE}""",
    Lookup.NAME_PREFIX: f"""{RAW_COLUMNS} WHERE c.archived_at IS NULL
        AND c.sort_key >= ? AND c.sort_key < ? ORDER BY c.sort_key, c.id LIMIT {FIRST_PAGE}""",
    Lookup.EVERYTHING: f"""{RAW_COLUMNS} WHERE c.archived_at IS NULL
        ORDER BY c.sort_key, c.id LIMIT {FIRST_PAGE}""",
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


Times = dict[str, list[tuple[float, float]]]
"""(wall, CPU) milliseconds per keystroke, by what was timed (raw, plan, list 1st, list)."""


def timed_ms(
    run: Callable[..., object], *args: object, repeat: int = REPEAT
) -> tuple[float, float]:
    """The fastest of ``repeat`` runs of ``run(*args)``: wall-clock and CPU milliseconds.

    The CPU time (this process's: SQLite and Qt run in it) is what a machine with nothing
    else to do would show; the wall time on a shared one counts the waits for a core too.
    """
    wall = cpu = float("inf")
    for _ in range(repeat):
        started, started_cpu = time.perf_counter(), time.process_time()
        run(*args)
        cpu = min(cpu, time.process_time() - started_cpu)
        wall = min(wall, time.perf_counter() - started)
    return wall * 1000, cpu * 1000


def measure(path: Path, typed: list[str]) -> list[tuple[str, Times]]:
    """Each typed text with the times of its keystrokes."""
    from PySide6.QtWidgets import QApplication

    from shopcards.ui.cabinet.list_model import CardListModel
    from shopcards.ui.kit.qt_compat import keep_singletons_alive

    keep_singletons_alive()
    _app = QApplication.instance() or QApplication([])
    session = open_session(path, Role.OWNER)
    model = CardListModel(session)
    raw = sqlite3.connect(path)
    raw.execute("PRAGMA cache_size = -32768")  # as the app's card file has it

    def show(prefix: str) -> None:
        model.set_query(CardQuery(text=prefix))
        for row in range(min(VISIBLE_ROWS, model.rowCount())):
            model.data(model.index(row, 0))
            model.data(model.index(row, 2))

    def read_raw(lookup: Lookup, params: list[str]) -> None:
        raw.execute(RAW_SQL[lookup], params).fetchall()

    def read_plan(query: CardQuery) -> None:
        card_list.list_page(session.conn, query, session.alphabet, None, FIRST_PAGE)

    out: list[tuple[str, Times]] = []
    for text in typed:
        times: Times = {key: [] for key in TIMED}
        for prefix in keystrokes(text):
            lookup, params = raw_params(prefix, session.alphabet)
            times["raw 1st"].append(timed_ms(read_raw, lookup, params, repeat=1))
            times["list 1st"].append(timed_ms(show, prefix, repeat=1))  # as typed: once
            times["raw"].append(timed_ms(read_raw, lookup, params))
            times["plan"].append(timed_ms(read_plan, CardQuery(text=prefix)))
            times["list"].append(timed_ms(show, prefix))
        out.append((text, times))
    session.close()
    return out


def p90(values: list[float]) -> float:
    return statistics.quantiles(values, n=10)[-1] if len(values) > 1 else values[0]


def report(customers_count: int, measured: list[tuple[str, Times]]) -> None:
    """One line per typed text (medians over its keystrokes, and the list's 90th percentile),
    then all keystrokes together with the ratios to the raw query, by both clocks."""
    print(
        f"{customers_count:,} cards; wall ms per keystroke, best of {REPEAT} runs (1st: the "
        f"first run only); first page {FIRST_PAGE} rows\n{'typed':<22} {'keys':>4}"
        + "".join(f"{key:>9}" for key in TIMED)
        + f"{'list 1st p90':>13}"
    )
    for text, times in measured:
        walls = {key: [wall for wall, _cpu in times[key]] for key in TIMED}
        print(
            f"{text[:22]:<22} {len(walls['raw']):>4}"
            + "".join(f"{statistics.median(walls[key]):>9.2f}" for key in TIMED)
            + f"{p90(walls['list 1st']):>13.2f}"
        )
    for clock, which in (("wall", 0), ("CPU", 1)):
        every = {key: [ms[which] for _text, t in measured for ms in t[key]] for key in TIMED}
        medians = {key: statistics.median(values) for key, values in every.items()}
        p90s = {key: p90(values) for key, values in every.items()}
        print(
            f"{f'ALL {len(every[TIMED[0]])} keys, {clock} median':<27}"
            + "".join(f"{medians[key]:>9.2f}" for key in TIMED)
            + f"\n{f'ALL, {clock} 90th percentile':<27}"
            + "".join(f"{p90s[key]:>9.2f}" for key in TIMED)
        )
        print(
            f"  {clock} ratios (median, p90): "
            + ", ".join(
                f"{key}/{base} {medians[key] / medians[base]:.2f} {p90s[key] / p90s[base]:.2f}"
                for key, base in RATIOS
            )
        )


TIMED = ("raw 1st", "list 1st", "raw", "plan", "list")
RATIOS = (("list 1st", "raw 1st"), ("list", "raw"), ("plan", "raw"))


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
    parser.add_argument("--db", type=Path, nargs="+", help="card files to use as they are")
    parser.add_argument("--searches", type=int, default=30)
    parser.add_argument("--no-window", action="store_true", help="skip the window start-up")
    args = parser.parse_args()
    files = args.db or []
    if not files:
        args.folder.mkdir(parents=True, exist_ok=True)
        for customers_count in args.customers:
            files.append(args.folder / f"cards-{customers_count}.db")
            build(files[-1], customers_count)
    for path in files:
        count = sqlite3.connect(path).execute("SELECT count(*) FROM customers").fetchone()[0]
        print(f"{path}:")
        report(count, measure(path, [*TYPED, *searches(path, args.searches)]))
        if not args.no_window:
            seconds, megabytes = window_start(path)
            print(f"window: list usable after {seconds:.2f} s, peak memory {megabytes:.0f} MB")
    print(
        f"(this process: peak {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB)"
    )


if __name__ == "__main__":
    main()
