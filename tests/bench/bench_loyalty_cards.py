"""Benchmark: 1,000 loyalty cards to PDF (a script, not a test). The issue asks ≥ 300 cards/s.

    .venv/bin/python tests/bench/bench_loyalty_cards.py [--cards 1000] [--runs 3]

Builds a demo shop of that many customers (no purchases) with a logo in the letterhead, then
times what ``shopcards loyalty cards --all`` does: working out whose cards print (the
selection, archived cards, fonts for each name) and drawing them, on A4 sheets of 10 and one
card per page. Each step is timed ``--runs`` times and the best time is kept (the machine is
shared); prints each time and the cards per second of planning and drawing together.
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from PIL import Image, ImageDraw

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from shopcards.core.roles import Role  # noqa: E402
from shopcards.services import loyalty_cards  # noqa: E402
from shopcards.services.demo import build_demo  # noqa: E402
from shopcards.services.loyalty_cards import SINGLE, CardRequest  # noqa: E402
from shopcards.services.opening import open_session  # noqa: E402
from shopcards.services.settings import update_settings  # noqa: E402

T = TypeVar("T")


def best(what: str, runs: int, step: Callable[[], T]) -> tuple[T, float]:
    """The result and the best time of ``runs`` runs of ``step``."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        result = step()
        times.append(time.perf_counter() - start)
    print(f"{what:<44} {min(times):7.3f} s (best of {runs})")
    return result, min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cards", type=int, default=1_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        logo = folder / "logo.png"
        picture = Image.new("RGB", (300, 150), "white")
        ImageDraw.Draw(picture).ellipse((10, 10, 140, 140), fill=(180, 60, 40))
        picture.save(logo)
        session = open_session(folder / "bench.db", Role.OWNER)
        build_demo(session, args.cards, seed=7, with_purchases=False)
        update_settings(session, letterhead_logo=str(logo))
        request = CardRequest(selection="all")
        plan, planning = best(
            f"plan {args.cards:,} cards",
            args.runs,
            lambda: loyalty_cards.plan_cards(session, request),
        )
        session.close()
        count = len(plan.cards)
        result, drawing = best(
            f"draw {count:,} cards on A4 sheets of 10",
            args.runs,
            lambda: loyalty_cards.write_cards(plan, folder / "sheets.pdf"),
        )
        single = dataclasses.replace(plan, request=CardRequest(selection="all", sheet=SINGLE))
        _, one_each = best(
            f"draw {count:,} cards one per page",
            args.runs,
            lambda: loyalty_cards.write_cards(single, folder / "single.pdf"),
        )
        size = (folder / "sheets.pdf").stat().st_size
    print(
        f"{plan.summary()}; {result.pages:,} A4 pages, {size / 1024:,.0f} KiB; "
        f"{count / (planning + drawing):,.0f} cards/s on sheets and "
        f"{count / (planning + one_each):,.0f} cards/s one per page (planning included)"
    )


if __name__ == "__main__":
    main()
