"""Print every figure `make bench` collected (benchmarks/results.py) as one Markdown table.

REHEARSE_BENCH_RESULTS=/tmp/figures.jsonl .venv/bin/python benchmarks/bench_startup.py
.venv/bin/python benchmarks/summary.py /tmp/figures.jsonl
"""

from __future__ import annotations

import json
import sys
from pathlib import Path


def main() -> None:
    if len(sys.argv) != 2:
        sys.exit("usage: summary.py FIGURES.jsonl")
    path = Path(sys.argv[1])
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    print("\n| what | figure | bare Textual, same run | ratio | target | verdict |")
    print("| --- | --- | --- | --- | --- | --- |")
    for row in rows:
        value = "—" if row["value"] is None else f"{row['value']:.3g} {row['unit']}"
        bare = "" if row["bare"] is None else f"{row['bare']:.3g} {row['unit']}"
        print(
            f"| {row['what']} | {value} | {bare} | {row['ratio']} | {row['target']} |"
            f" {row['verdict']} |"
        )
    missed = [row["what"] for row in rows if row["verdict"] == "MISSES"]
    print(f"\n{len(rows)} figures, {len(missed)} missing their target" + (":" if missed else "."))
    for what in missed:
        print(f"  {what}")


if __name__ == "__main__":
    main()
