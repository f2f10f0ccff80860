"""One line per figure: what, the figure, the bare app's in the same run, the ratio, the target.

Every benchmark prints its figures through `figure()`. When REHEARSE_BENCH_RESULTS
names a file (`make bench` sets it), each figure is also appended to it as a JSON
line, and `benchmarks/summary.py` prints them all as one table at the end.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

RESULTS_ENV = "REHEARSE_BENCH_RESULTS"


def figure(
    what: str,
    value: float | None,
    unit: str,
    target: str,
    *,
    bare: float | None = None,
    meets: bool | None = None,
    note: str = "",
) -> None:
    """Print (and keep, under `make bench`) one figure; `meets` None: no verdict."""
    shown = "—" if value is None else f"{value:.3g} {unit}"
    ratio = f"{value / bare:.2f}x" if value is not None and bare else ""
    verdict = "" if meets is None else ("meets" if meets else "MISSES")
    parts = [f"{what}: {shown}"]
    if bare is not None:
        parts.append(f"bare {bare:.3g} {unit}, {ratio}")
    parts.append(f"target {target}")
    if verdict:
        parts.append(verdict)
    if note:
        parts.append(note)
    print("   ".join(parts))
    path = os.environ.get(RESULTS_ENV)
    if path:
        record = {
            "what": what,
            "value": value,
            "unit": unit,
            "bare": bare,
            "ratio": ratio,
            "target": target,
            "verdict": verdict,
            "note": note,
        }
        with Path(path).open("a", encoding="utf-8") as out:
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
