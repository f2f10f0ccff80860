"""Hostile queries: what a long or repetitive query costs (issue 15's tester's attacks).

    .venv/bin/python benchmarks/bench_search_hostile.py --size 10000

Also run by bench_search.py for every corpus. For each query: one search (titles
and answer text, as `rehearse search` runs it; median of 3) and the memory it
allocates at its peak (traced), beside a bare baseline in the same run: a plain
substring scan of every title for the query. "typed key by key" types the query
one character at a time through one searcher, as the overlay does (titles only),
and gives p50 / p95 / max per keystroke. Before the fix, 24 × kafka took 28 s and
3.6 GB, 20 glossary names 1.9 s, `a b ` × 400 3 s, ㅋ × 2000 4 s and 548 MB.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tracemalloc
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.search_corpus import make_corpus  # noqa: E402
from benchmarks.timing import Timing, timed_ms  # noqa: E402
from rehearse.core.glossary import Glossary  # noqa: E402
from rehearse.core.search import SearchIndex  # noqa: E402
from rehearse.core.search.query import READ_LIMIT  # noqa: E402

RESULT_LIMIT = 50


def hostile_queries() -> list[tuple[str, str]]:
    names = [group[0] for group in Glossary.shipped().groups][::7][:20]
    return [
        ("24 x kafka", " ".join(["kafka"] * 24)),
        ("16 x kafka (read every way)", " ".join(["kafka"] * 16)),
        ("20 glossary names", " ".join(names)),
        ("`a b ` x 400", "a b " * 400),
        ("ㅋ x 2000", "ㅋ" * 2000),
        ("ㅋ x 90 (read every way)", "ㅋ" * 90),
    ]


def _peak_mb(index: SearchIndex, query: str) -> float:
    tracemalloc.start()
    index.search(query, RESULT_LIMIT)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak / 1e6


def _substring_scan(titles: Sequence[str], query: str) -> list[str]:
    folded = query.lower()
    return [title for title in titles if folded in title.lower()]


def report_hostile(index: SearchIndex, titles: Sequence[str]) -> None:
    print(f"hostile queries (past {READ_LIMIT} characters a query is searched as typed only):")
    heads = f"{'chars':>6} {'search ms':>10} {'peak MB':>8} {'bare ms':>8} {'ratio':>6}"
    print(f"  {'query':<28} {heads}")
    for label, query in hostile_queries():
        search = statistics.median(timed_ms(index.search, query, RESULT_LIMIT) for _ in range(3))
        bare = statistics.median(timed_ms(_substring_scan, titles, query) for _ in range(3))
        peak = _peak_mb(index, query)
        print(
            f"  {label:<28} {len(query):>6} {search:>10.2f} {peak:>8.2f} {bare:>8.2f} "
            f"{search / bare:>5.1f}x"
        )
    print("  typed key by key (titles, one searcher):")
    for label, query in hostile_queries()[:3]:
        searcher = index.searcher()
        states = [query[:end] for end in range(1, min(len(query), READ_LIMIT + 20) + 1)]
        t = Timing([timed_ms(searcher.search, s, RESULT_LIMIT, answers=False) for s in states])
        print(
            f"  {label:<28} {len(states):>4} keys: p50 {t.p50:.2f} ms, p95 {t.p95:.2f} ms, "
            f"max {t.worst:.2f} ms"
        )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--size", type=int, default=10_000)
    parser.add_argument("--lang", choices=("ko", "en"), default="ko")
    args = parser.parse_args(argv)
    docs = make_corpus(args.lang, args.size)
    print(f"== {args.lang} corpus, {args.size:,} questions ==")
    report_hostile(SearchIndex(docs), [doc.title for doc in docs])
    return 0


if __name__ == "__main__":
    sys.exit(main())
