"""A big till export, a card file for it, and a clerk selling at the till meanwhile: shared by
the test that the till keeps selling during an import and by tests/bench/bench_import.py."""

from __future__ import annotations

import random
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from shopcards.core.purchase import PurchaseInput
from shopcards.core.roles import Role
from shopcards.services import purchases
from shopcards.services.opening import open_session
from shopcards.store.cardfile import open_card_file

NOW = "2026-01-01T09:00:00"


def build_cards(path: Path, customers: int) -> None:
    """A card file of ``customers`` plain cards (numbers 0000001…), made with raw SQL."""
    with open_card_file(path) as card_file, card_file.write() as db:
        db.conn.executemany(
            "INSERT INTO customers (id, card_no, given_name, family_name, created_at, "
            "created_by, updated_at, updated_by, sort_key, drawer) "
            "VALUES (?, ?, ?, ?, ?, 'owner', ?, 'owner', ?, 'F')",
            (
                (i, f"{i:07d}", f"Given{i}", f"Family{i}", NOW, NOW, f"family{i:07d}")
                for i in range(1, customers + 1)
            ),
        )


def write_export(path: Path, rows: int, customers: int, seed: int = 5) -> None:
    """A till export of ``rows`` sales on random cards, written a line at a time."""
    rnd = random.Random(seed)
    with path.open("w", encoding="utf-8", newline="") as f:
        f.write("date;amount;card;receipt;items\n")
        for n in range(rows):
            f.write(
                f"2025-{rnd.randint(1, 12):02d}-{rnd.randint(1, 28):02d};"
                f"{rnd.randint(1, 200)}.{rnd.randint(0, 99):02d};"
                f"{rnd.randint(1, customers):07d};T{n};goods\n"
            )


@dataclass
class Till:
    """A clerk recording a sale every ``pause`` seconds on a connection of their own, until
    stopped; keeps what was saved, what failed, and the longest save."""

    db_path: Path
    customers: int
    pause: float = 0.05
    saved: list[int] = field(default_factory=list)
    failed: list[BaseException] = field(default_factory=list)
    longest: float = 0.0

    def __post_init__(self) -> None:
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sell, name="till", daemon=True)

    def __enter__(self) -> Till:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _sell(self) -> None:
        session = open_session(self.db_path, Role.CLERK)
        rnd = random.Random(3)
        try:
            while not self._stop.is_set():
                started = time.perf_counter()
                try:
                    sale = purchases.record_purchase(
                        session, rnd.randint(1, self.customers), PurchaseInput("9.99")
                    )
                except Exception as exc:  # every failure is what is measured
                    self.failed.append(exc)
                else:
                    self.saved.append(sale.id)
                self.longest = max(self.longest, time.perf_counter() - started)
                self._stop.wait(self.pause)
        finally:
            session.close()
