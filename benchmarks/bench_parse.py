"""Parse throughput: `parse_note` over a generated 10k-question corpus (about 16 MB).

    .venv/bin/python benchmarks/bench_parse.py
    .venv/bin/python benchmarks/bench_parse.py --questions 100000 --files 1000 --runs 3

Prints, as medians of several runs (page cache warm, GC collected between runs):
- `parse_note` on bytes already in memory, in MB/s (MB = 10^6 bytes);
- `open_notebook` on the folder (walk + read + parse);
- `answer_chars` for every section, on freshly parsed notes (what `rehearse list` adds).
Targets (GUIDE §4) are printed beside the figures; nothing is asserted.
"""

from __future__ import annotations

import argparse
import gc
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.corpus import generate  # noqa: E402
from benchmarks.results import figure  # noqa: E402
from rehearse.core.notebook import open_notebook  # noqa: E402
from rehearse.core.notes import NoteFile, parse_note  # noqa: E402

TARGET_MB_S = 100.0


def timed(runs: int, setup: Callable[[], object], body: Callable[[object], object]) -> list[float]:
    """Seconds per run of `body(setup())`, timing only `body`."""
    times: list[float] = []
    for _ in range(runs):
        prepared = setup()
        gc.collect()
        start = time.perf_counter()
        body(prepared)
        times.append(time.perf_counter() - start)
        del prepared
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--questions", type=int, default=10_000)
    parser.add_argument("--files", type=int, default=100)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="rehearse-bench-") as tmp:
        corpus = generate(Path(tmp) / "notes", args.questions, args.files)
        blobs = [(path, path.read_bytes()) for path in corpus.files]
        total = sum(len(data) for _, data in blobs)
        print(
            f"corpus: {corpus.questions:,} questions + {corpus.categories:,} categories"
            f" in {len(corpus.files)} files, {total / 1e6:.1f} MB (seeded, Korean + English)"
        )

        def parse_all(_: object) -> list[NoteFile]:
            return [parse_note(path, data) for path, data in blobs]

        notes = parse_all(None)
        headings = sum(len(note.questions) for note in notes)
        print(f"parsed headings: {headings:,} (written: {corpus.questions + corpus.categories:,})")
        del notes

        parse_times = timed(args.runs, lambda: None, parse_all)
        median = statistics.median(parse_times)
        print(
            f"parse_note, all files: median {median * 1e3:.0f} ms"
            f" (min {min(parse_times) * 1e3:.0f} ms, {args.runs} runs)"
            f" = {total / 1e6 / median:.0f} MB/s   target >= {TARGET_MB_S:.0f} MB/s"
        )
        figure(
            "parse throughput",
            total / 1e6 / median,
            "MB/s",
            f">= {TARGET_MB_S:.0f} MB/s",
            meets=total / 1e6 / median >= TARGET_MB_S,
        )

        open_times = timed(args.runs, lambda: None, lambda _: open_notebook(corpus.root))
        print(
            f"open_notebook(folder): median {statistics.median(open_times) * 1e3:.0f} ms"
            f" (min {min(open_times) * 1e3:.0f} ms)"
            f" = {total / 1e6 / statistics.median(open_times):.0f} MB/s"
        )

        def count_all(prepared: object) -> int:
            assert isinstance(prepared, list)
            return sum(note.answer_chars(section) for note in prepared for section in note.sections)

        chars_times = timed(args.runs, lambda: parse_all(None), count_all)
        sections = headings + len(corpus.files)
        chars_median = statistics.median(chars_times)
        print(
            f"answer_chars, all {sections:,} sections (fresh notes): median"
            f" {chars_median * 1e3:.0f} ms (min {min(chars_times) * 1e3:.0f} ms)"
            f" = {chars_median / sections * 1e6:.1f} us a section"
        )
        print(
            f"`rehearse list` core work (parse + answer_chars): about"
            f" {(median + chars_median) * 1e3:.0f} ms"
        )


if __name__ == "__main__":
    main()
