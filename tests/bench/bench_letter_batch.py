"""Benchmark: a letter batch to a whole demo shop, step by step (a script, not a test).

    .venv/bin/python tests/bench/bench_letter_batch.py [--customers 10000]

Builds a demo shop in a temporary folder, then times what the letters screen and
``shopcards letters`` do: working the batch out (selection, consent and address checks, last
visits, merge values), with and without one letter per household; drawing the PDF; and
recording the sends on the cards. Prints each step's time and the letters per second.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from shopcards.core.roles import Role  # noqa: E402
from shopcards.services import letters  # noqa: E402
from shopcards.services.demo import build_demo  # noqa: E402
from shopcards.services.letters import LetterRequest, Output  # noqa: E402
from shopcards.services.opening import open_session  # noqa: E402

T = TypeVar("T")


def timed(what: str, step: Callable[[], T]) -> tuple[T, float]:
    start = time.perf_counter()
    result = step()
    seconds = time.perf_counter() - start
    print(f"{what:<44} {seconds:7.2f} s")
    return result, seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--customers", type=int, default=10_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        session = open_session(Path(folder) / "bench.db", Role.OWNER)
        timed(
            f"demo shop of {args.customers:,} customers",
            lambda: build_demo(session, args.customers, seed=7),
        )
        request = LetterRequest(Output.LETTERS, "all", "letter_quarterly")
        plan, _ = timed(
            "plan: everyone, one letter each", lambda: letters.plan_batch(session, request)
        )
        timed(
            "plan: everyone, one letter per household",
            lambda: letters.plan_batch(
                session, LetterRequest(Output.LETTERS, "all", "letter_quarterly", households=True)
            ),
        )
        result, drawing = timed(
            f"draw {len(plan.pieces):,} letters into one PDF",
            lambda: letters.write_batch(plan, Path(folder) / "q.pdf"),
        )
        timed("record the sends on the cards", lambda: letters.record_batch(session, plan))
        labels = letters.plan_batch(session, LetterRequest(Output.LABELS, "all"))
        timed(
            f"draw {len(labels.pieces):,} address labels",
            lambda: letters.write_batch(labels, Path(folder) / "l.pdf"),
        )
        session.close()
    print(
        f"{plan.summary()}; {result.pages:,} pages; "
        f"{len(plan.pieces) / drawing:,.0f} letters per second drawn"
    )


if __name__ == "__main__":
    main()
