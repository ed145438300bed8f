"""How long one check of the owner's PIN takes, and what trying them all would cost.

    PYTHONPATH=$PWD .venv/bin/python tests/bench/bench_pin.py [--repeat 5]

For the program's scrypt cost (core/pin.py DEFAULT_COST) and a few others around it, prints the
milliseconds one check takes here and the days that checking every 6-digit PIN (10**6) would
take on this PC's cores, each core checking its own share: what someone who copied the card
file faces. The 4-digit figure is what an old short PIN gave away.
"""

from __future__ import annotations

import argparse
import os
import time

from shopcards.core.pin import DEFAULT_COST, PinCost, hash_pin, verify_pin

COSTS = [PinCost(2**14, 8, 1), PinCost(2**15, 8, 1), DEFAULT_COST, PinCost(2**17, 8, 1)]


def ms_per_check(cost: PinCost, repeat: int) -> float:
    """The best of ``repeat`` checks of a wrong PIN against a hash made at ``cost``."""
    stored = hash_pin("246810", cost)
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        verify_pin("135790", stored)
        best = min(best, time.perf_counter() - start)
    return best * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    cores = os.cpu_count() or 1
    print(f"{cores} cores; every 6-digit PIN = 10**6 checks, every 4-digit PIN = 10**4")
    for cost in COSTS:
        ms = ms_per_check(cost, args.repeat)
        days = 10**6 * ms / 1000 / cores / 86400
        four = 10**4 * ms / 1000 / cores
        mark = "  <- the program's" if cost == DEFAULT_COST else ""
        print(
            f"scrypt n=2**{cost.n.bit_length() - 1} r={cost.r} p={cost.p}: {ms:7.1f} ms a check, "
            f"{days:5.2f} days for 6 digits, {four:6.0f} s for 4 digits{mark}"
        )


if __name__ == "__main__":
    main()
