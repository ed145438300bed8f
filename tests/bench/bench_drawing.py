"""How long the prize drawing takes: the pick alone, and a whole month on a demo shop.

    .venv/bin/python tests/bench/bench_drawing.py [--customers 20000] [--folder F]

Prints, for entry lists of 1,000 to 1,000,000 entries, the time to hash the sorted list and to
pick a winner and three alternates. Then it builds a demo shop (once, then reuses it), enters
every card in one month, and times the owner's screen load (preview), publishing the notice
(entry list frozen, seed committed), the draw (one transaction), the check, and the two PDFs,
per entry mode.
"""

from __future__ import annotations

import argparse
import datetime as dt
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TypeVar

from shopcards.core.drawing import Entry, entry_hash, pick
from shopcards.core.roles import Role
from shopcards.services import drawing, drawing_notice, drawing_proof, settings
from shopcards.services.opening import open_session

T = TypeVar("T")


def timed(action: Callable[[], T]) -> tuple[T, float]:
    start = time.perf_counter()
    result = action()
    return result, (time.perf_counter() - start) * 1000


def bench_pick() -> None:
    print("entries      hash ms   pick ms (winner + 3 alternates)")
    for size in (1_000, 10_000, 100_000, 1_000_000):
        listed = [Entry(cid // 3, cid) for cid in range(size)]
        _, hashing = timed(partial(entry_hash, listed))
        _, picking = timed(partial(pick, listed, secrets.token_bytes(32), 4))
        print(f"{size:>9,}  {hashing:>9.1f}  {picking:>8.1f}")


def demo_file(folder: Path, customers: int) -> Path:
    path = folder / f"drawing-demo-{customers}.db"
    if not path.exists():
        subprocess.run(
            [sys.executable, "-m", "shopcards", "demo", "--customers", str(customers),
             "--db", str(path)],
            check=True, capture_output=True,
        )  # fmt: skip
    return path


def bench_month(source: Path, mode: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "shop.db"
        shutil.copy(source, path)
        session = open_session(path, Role.OWNER)
        latest = session.db.execute("SELECT max(date) FROM purchases").fetchone()[0]
        month = latest[:7]
        session.clock = lambda: dt.datetime.fromisoformat(latest) + dt.timedelta(days=40)
        settings.update_settings(session, drawing_entry_mode=mode)
        with session.card_file.write() as db:
            db.execute(
                "INSERT OR IGNORE INTO drawing_entries "
                "(month, customer_id, entered_at, entered_by) "
                "SELECT ?, id, '2000-01-01T00:00:00', 'owner' FROM customers", [month],
            )  # fmt: skip
        preview, loading = timed(lambda: drawing.preview_drawing(session, month))
        _, publishing = timed(lambda: drawing_notice.publish_notice(session, month))
        _, drawing_ms = timed(lambda: drawing.draw(session, month))
        _, checking = timed(lambda: drawing_proof.verify_drawing(session, month))
        _, letter = timed(lambda: drawing.print_winner_letter(session, month, Path(tmp) / "l.pdf"))
        _, notice = timed(lambda: drawing.print_window_notice(session, month, Path(tmp) / "n.pdf"))
        print(f"{mode:<13} {len(preview.people):>9,} {preview.entries:>9,}  {loading:>8.0f} "
              f"{publishing:>8.0f} {drawing_ms:>8.0f} {checking:>8.0f} {letter:>8.0f} "
              f"{notice:>8.0f}")  # fmt: skip
        session.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--customers", type=int, default=20_000)
    parser.add_argument("--folder", type=Path, default=Path(tempfile.gettempdir()))
    args = parser.parse_args()
    bench_pick()
    source = demo_file(args.folder, args.customers)
    print(f"\nA month on {source} (every card entered; times in ms):")
    print(
        "mode          customers   entries   preview  publish     draw    check   letter   notice"
    )
    for mode in ("per_customer", "per_purchase"):
        bench_month(source, mode)


if __name__ == "__main__":
    main()
