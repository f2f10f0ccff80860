"""Countdown drift: `Countdown.elapsed` against time.monotonic() while the loop is blocked.

    .venv/bin/python benchmarks/bench_clock.py               # 90 s, as the target says
    .venv/bin/python benchmarks/bench_clock.py --seconds 10  # a quick look

A busy-loop runs in a separate process (multiprocessing), pinned to the other core when
the machine has two or more, so this process competes with it the way the teleprompter
competes with other work. Here, with no Textual, an asyncio loop ticks every 0.1 s, as
the teleprompter's timer does; in about a third of the ticks (seeded, so every run blocks
the same way) it then busy-works for a random 0-200 ms: a blocked event loop. Each tick
reads the countdown, and a naive counter adds 0.1 s per tick (what a tick-summing clock
would show).

At the end, and at every tick, both are compared with `time.monotonic() - start`. The
figures are printed in ms beside the target (<= 50 ms after 90 s); nothing is asserted.
"""

from __future__ import annotations

import argparse
import asyncio
import multiprocessing
import os
import random
import sys
import time
from dataclasses import dataclass
from multiprocessing.synchronize import Event
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from rehearse.core.clock import Countdown  # noqa: E402

TICK = 0.1  # the teleprompter's TICK_SECONDS
BLOCK_SHARE = 0.33  # share of ticks followed by extra blocking work
BLOCK_MAX = 0.2  # seconds of blocking at most in one tick
TARGET_MS = 50.0
SEED = 20240607


def pin(core: int) -> None:
    """Run the calling process on `core` only, when the platform and the machine allow it."""
    if hasattr(os, "sched_setaffinity") and core in os.sched_getaffinity(0):
        os.sched_setaffinity(0, {core})


def busy(stop: Event, core: int | None) -> None:
    """Keep one core busy until `stop` is set."""
    if core is not None:
        pin(core)
    count = 0
    while not stop.is_set():
        for _ in range(10_000):
            count += 1


def block(seconds: float) -> None:
    """Busy-work (not sleep) for `seconds`: the event loop can do nothing else meanwhile."""
    end = time.monotonic() + seconds
    total = 0
    while time.monotonic() < end:
        total += 1


@dataclass
class Result:
    seconds: float  # true elapsed time (time.monotonic)
    countdown: float  # Countdown.elapsed at the same moment
    naive: float  # ticks x 0.1 s
    ticks: int
    blocked_ticks: int
    blocked: float  # seconds of deliberate blocking in all
    worst_countdown: float  # largest |countdown - truth| seen at any tick
    worst_late: float  # latest a tick arrived, 0.1 s after the previous one fired


async def run(seconds: float, rng: random.Random) -> Result:
    countdown = Countdown(seconds, time.monotonic)
    naive = 0.0
    ticks = blocked_ticks = 0
    blocked = worst_countdown = worst_late = 0.0
    start = time.monotonic()
    countdown.start()
    fired = start
    while True:
        await asyncio.sleep(TICK)
        now = time.monotonic()
        worst_late = max(worst_late, now - (fired + TICK))  # the blocking work included
        fired = now
        ticks += 1
        naive += TICK
        truth = time.monotonic() - start
        worst_countdown = max(worst_countdown, abs(countdown.elapsed - truth))
        if truth >= seconds:
            break
        if rng.random() < BLOCK_SHARE:
            pause = rng.uniform(0.0, BLOCK_MAX)
            block(pause)
            blocked += pause
            blocked_ticks += 1
    elapsed = countdown.elapsed
    truth = time.monotonic() - start
    return Result(
        truth,
        elapsed,
        naive,
        ticks,
        blocked_ticks,
        blocked,
        worst_countdown,
        worst_late,
    )


def main() -> None:
    doc = __doc__ or ""
    parser = argparse.ArgumentParser(description=doc.split("\n", 1)[0])
    parser.add_argument("--seconds", type=float, default=90.0, help="how long to run (90)")
    parser.add_argument("--seed", type=int, default=SEED, help="seed of the blocking pattern")
    args = parser.parse_args()

    cores = sorted(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else []
    other = cores[1] if len(cores) >= 2 else None
    if other is not None:
        pin(cores[0])
    stop = multiprocessing.Event()
    worker = multiprocessing.Process(target=busy, args=(stop, other), daemon=True)
    worker.start()
    try:
        result = asyncio.run(run(args.seconds, random.Random(args.seed)))
    finally:
        stop.set()
        worker.join(timeout=5)
        if worker.is_alive():
            worker.terminate()
            worker.join()

    where = f"core {other}" if other is not None else "unpinned (one core)"
    countdown_ms = (result.countdown - result.seconds) * 1000
    naive_ms = (result.naive - result.seconds) * 1000
    print(
        f"run                      {result.seconds:.3f} s (time.monotonic), busy process on {where}"
    )
    print(
        f"ticks                    {result.ticks} every {TICK * 1000:.0f} ms;"
        f" {result.blocked_ticks} blocked for {result.blocked:.3f} s in all"
        f" (latest tick {result.worst_late * 1000:.1f} ms late)"
    )
    print(
        f"countdown error at end   {countdown_ms:+.3f} ms  (worst at any tick"
        f" {result.worst_countdown * 1000:.3f} ms; target <= {TARGET_MS:.0f} ms)"
    )
    print(f"naive tick-sum error     {naive_ms:+.1f} ms  (ticks x {TICK * 1000:.0f} ms)")


if __name__ == "__main__":
    main()
