"""Search on benchmarks/corpus.py's Markdown notes: parsed answers of realistic length.

    .venv/bin/python benchmarks/bench_search_notes.py --questions 10000

Its titles repeat a few dozen forms and hold none of the targets, so only timings and
memory are printed here (accuracy is measured on bench_search's corpora): parse, the
index build, the index's share of the process's memory (RSS before and after it is
built, against the app's <= 100 MB at 10k), per keystroke, answer-text queries, and a
save of one file: `docs_for_note` + `update_file` + the first search after it.
"""

from __future__ import annotations

import argparse
import gc
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.bench_search import RESULT_LIMIT  # noqa: E402
from benchmarks.corpus import generate  # noqa: E402
from benchmarks.search_queries import QUERIES, keystrokes  # noqa: E402
from benchmarks.timing import Timing, timed_ms  # noqa: E402
from rehearse.core.notebook import open_notebook  # noqa: E402
from rehearse.core.notes import NoteFile  # noqa: E402
from rehearse.core.search import SearchIndex, docs_for_note  # noqa: E402

ANSWER_QUERIES = ("다이어그램", "부하 테스트를 설계", "p99 latency", "design document")
TARGET_UPDATE_MS = 20.0
TARGET_APP_RSS_MB = 100.0


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def report_notes_corpus(size: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        corpus = generate(Path(folder) / "notes", questions=size, files=max(1, size // 100))
        print(
            f"\n== benchmarks/corpus.py notes: {corpus.questions:,} questions in "
            f"{len(corpus.files)} files, {corpus.total_bytes / 1e6:.1f} MB =="
        )
        start = time.perf_counter()
        notebook = open_notebook(corpus.root)
        opened = time.perf_counter()
        gc.collect()
        before = rss_mb()
        index = SearchIndex.from_notebook(notebook)
        built = time.perf_counter()
        gc.collect()
        after = rss_mb()
        print(
            f"open + parse {1000 * (opened - start):.0f} ms; SearchIndex.from_notebook (answer "
            f"text extracted, folded, joined) {1000 * (built - opened):.0f} ms; "
            f"{len(index):,} questions"
        )
        print(
            f"memory: RSS {before:.0f} MB with the notes loaded, {after:.0f} MB with the index: "
            f"the index's share {after - before:.0f} MB (the app's target: <= "
            f"{TARGET_APP_RSS_MB:.0f} MB in all at 10k)"
        )
        note = next(n for n in notebook.readable if isinstance(n, NoteFile))
        relative = notebook.relative(note.path)
        updates = Timing(
            [
                timed_ms(
                    lambda: (
                        index.update_file(note.path, docs_for_note(note, relative)),
                        index.search("자기소개", RESULT_LIMIT, answers=False),
                    )
                )
                for _ in range(7)
            ]
        )
        print(
            f"a save of {relative} ({len(note.questions)} questions): docs_for_note + "
            f"update_file + the first search (titles, as a keystroke in the overlay) p50 "
            f"{updates.p50:.1f} ms, max {updates.worst:.1f} ms"
            f"   target <= {TARGET_UPDATE_MS:g} ms"
        )
        gc.freeze()
        titles, both = Timing(), Timing()
        for query in QUERIES:
            searcher = index.searcher()
            for state in keystrokes(query):
                titles.samples_ms.append(
                    timed_ms(searcher.search, state, RESULT_LIMIT, answers=False)
                )
            both.samples_ms.append(timed_ms(index.search, query.typed, RESULT_LIMIT))
        print(
            f"per keystroke, titles ({len(titles.samples_ms)}): p50 {titles.p50:.2f} ms, "
            f"p95 {titles.p95:.2f} ms, max {titles.worst:.2f} ms; final queries with answer "
            f"text: p50 {both.p50:.2f} ms, p95 {both.p95:.2f} ms"
        )
        for query in ANSWER_QUERIES:
            runs = [timed_ms(index.search, query, RESULT_LIMIT) for _ in range(5)]
            hits = index.search(query, RESULT_LIMIT)
            answers = sum(1 for hit in hits if hit.in_answer)
            print(
                f"  {query!r}: with answers {statistics.median(runs):.2f} ms; "
                f"{answers} answer hits of {len(hits)}"
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--questions", type=int, default=10_000)
    report_notes_corpus(parser.parse_args().questions)


if __name__ == "__main__":
    main()
