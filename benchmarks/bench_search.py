"""Search core against textual.fuzzy.Matcher and `fzf --filter`, on the same generated corpora.

    .venv/bin/python benchmarks/bench_search.py                 # 1k, 10k and 100k questions
    .venv/bin/python benchmarks/bench_search.py --sizes 1000,10000 --lang ko

For every corpus (benchmarks/search_corpus.py: Korean and English; 1k, 10k, 100k
questions) it prints:
- per keystroke p50 / p95 / max: every state of the search box while each query of
  benchmarks/search_queries.py is typed (Korean through a 두벌식 keyboard simulation,
  so 스프링 is typed ㅅ, 스, 슾, 스프, 스플, 스프리, 스프링). rehearse is timed as the
  search overlay calls it: one searcher per query typed, the titles at each keystroke
  (`answers=False`, what is painted first), and apart, titles and answer text together
  (what `rehearse search` does, and what the overlay adds a frame later);
- top-1 / top-5 accuracy of the final query against its known target, overall and for
  every kind of query (the wrong layout, the other language's name, slipped 초성 ...),
  with each kind's p95 per keystroke;
- index build time and the index's memory (traced allocations), and `update_file` of
  one file plus the first search after it;
- hostile queries (bench_search_hostile.py): long, repetitive and glossary-heavy ones.

Matcher is `Matcher(query).match(title)` over every title, sorted by score. fzf is one
`fzf --filter QUERY` process per keystroke with the titles on stdin, so its figures
include process start (printed separately as a baseline). At 100k the two slower
engines are timed on an evenly spaced sample of keystrokes (said so in the table);
accuracy always uses every query. The script never asserts: targets (GUIDE §4) are
printed next to the figures.

benchmarks/corpus.py's Markdown notes (answers of realistic length) are timed by
bench_search_notes.py (also from here with `--notes-corpus N`).
"""

from __future__ import annotations

import argparse
import gc
import re
import shutil
import statistics
import subprocess
import sys
import time
import tracemalloc
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.bench_search_hostile import report_hostile  # noqa: E402
from benchmarks.results import figure  # noqa: E402
from benchmarks.search_corpus import QUESTIONS_PER_FILE, make_corpus  # noqa: E402
from benchmarks.search_queries import ANSWER_ONLY, QUERIES, Query, keystrokes  # noqa: E402
from benchmarks.timing import Timing, timed_ms  # noqa: E402
from rehearse.core import hangul  # noqa: E402
from rehearse.core.search import QuestionKey, SearchDoc, SearchIndex  # noqa: E402

RESULT_LIMIT = 50  # what the search screen asks for
TARGET_P95_MS = {10_000: 5.0, 100_000: 50.0}
TARGET_UPDATE_MS = {10_000: 20.0, 100_000: 100.0}
SLOW_ENGINE_KEYSTROKES = 60  # keystrokes timed for Matcher / fzf at sizes above 10k

# --- engines ---------------------------------------------------------------------------------

Ranker = Callable[[str], list[str]]  # query -> titles, best first
Typist = Callable[[Sequence[str]], list[float]]  # the states of one query -> ms for each


def rehearse_ranker(index: SearchIndex, recency: dict[QuestionKey, float]) -> Ranker:
    def rank(query: str) -> list[str]:
        return [hit.doc.title for hit in index.search(query, RESULT_LIMIT, recency=recency)]

    return rank


def rehearse_typist(
    index: SearchIndex, recency: dict[QuestionKey, float], *, answers: bool
) -> Typist:
    """As the overlay types: one searcher for the query, narrowed keystroke by keystroke."""

    def type_query(states: Sequence[str]) -> list[float]:
        searcher = index.searcher()
        return [
            timed_ms(searcher.search, state, RESULT_LIMIT, answers=answers, recency=recency)
            for state in states
        ]

    return type_query


def matcher_ranker(titles: Sequence[str]) -> Ranker:
    from textual.fuzzy import Matcher

    def rank(query: str) -> list[str]:
        matcher = Matcher(query)
        scored = [(matcher.match(title), order) for order, title in enumerate(titles)]
        best = sorted((item for item in scored if item[0] > 0), key=lambda s: (-s[0], s[1]))
        return [titles[order] for _, order in best[:RESULT_LIMIT]]

    return rank


def fzf_ranker(fzf: str, titles: Sequence[str]) -> Ranker:
    data = ("\n".join(titles) + "\n").encode("utf-8")

    def rank(query: str) -> list[str]:
        result = subprocess.run(
            [fzf, "--filter", query], input=data, stdout=subprocess.PIPE, check=False
        )
        return result.stdout.decode("utf-8").splitlines()[:RESULT_LIMIT]

    return rank


def each_state(rank: Ranker) -> Typist:
    return lambda states: [timed_ms(rank, state) for state in states]


# --- measuring -------------------------------------------------------------------------------


@dataclass
class EngineResult:
    name: str
    timing: Timing  # every keystroke
    by_kind: dict[str, Timing]
    ranks: dict[Query, int | None]  # 0-based, None: not in the top 50
    sampled: bool

    def top(self, n: int, kind: str | None = None) -> float:
        ranks = [r for q, r in self.ranks.items() if kind is None or q.kind == kind]
        found = sum(1 for rank in ranks if rank is not None and rank < n)
        return 100.0 * found / len(ranks) if ranks else float("nan")


def measure(
    name: str, typist: Typist, rank: Ranker, queries: Sequence[Query], sample: int | None
) -> EngineResult:
    typed = [(query, state) for query in queries for state in keystrokes(query)]
    if sample is not None and len(typed) > sample:  # evenly spaced keystrokes, one by one
        step = len(typed) / sample
        chosen = [typed[int(i * step)] for i in range(sample)]
        runs = [(query, [state]) for query, state in chosen]
    else:
        runs = [(query, keystrokes(query)) for query in queries]
    re.purge()  # a keystroke's regex is new to the cache; keep compile cost in the figures
    timing, by_kind = Timing(), {}
    for query, states in runs:
        samples = typist(states)
        timing.samples_ms.extend(samples)
        by_kind.setdefault(query.kind, Timing()).samples_ms.extend(samples)
    ranks: dict[Query, int | None] = {}
    for query in queries:
        titles = rank(query.typed)
        ranks[query] = titles.index(query.target) if query.target in titles else None
    return EngineResult(name, timing, by_kind, ranks, sample is not None)


def build(docs: Sequence[SearchDoc]) -> tuple[SearchIndex, float, float]:
    """The index, its build time (ms, median of 3 up to 10k) and what it holds (MB,
    traced in a build of its own: tracing slows allocation down)."""
    SearchIndex(docs[:10])  # the glossary is read once per process
    times = []
    for _ in range(3 if len(docs) <= 10_000 else 1):
        gc.collect()
        start = time.perf_counter()
        SearchIndex(docs)
        times.append((time.perf_counter() - start) * 1000)
    gc.collect()
    tracemalloc.start()
    index = SearchIndex(docs)
    size = tracemalloc.get_traced_memory()[0] / 1e6
    tracemalloc.stop()
    return index, statistics.median(times), size


def update_timings(index: SearchIndex, docs: Sequence[SearchDoc], rounds: int = 7) -> Timing:
    """`update_file` of one file (every title changed) and the first search after it, as
    the overlay runs it on a keystroke (titles; answer text follows a frame later)."""
    path = docs[len(docs) // 2].key.path
    own = [doc for doc in docs if doc.key.path == path]
    timing = Timing()
    for round_ in range(rounds):
        edited = [doc.renamed(f"{doc.title} ({round_})") for doc in own]
        start = time.perf_counter()
        index.update_file(path, edited)
        index.search("자기소개", RESULT_LIMIT, answers=False)
        timing.samples_ms.append((time.perf_counter() - start) * 1000)
    index.update_file(path, own)
    return timing


def report_corpus(lang: str, size: int, fzf: str | None, verbose: bool) -> list[EngineResult]:
    docs = make_corpus(lang, size)
    titles = [doc.title for doc in docs]
    queries = [query for query in QUERIES if query.lang == lang]
    strokes = sum(len(keystrokes(query)) for query in queries)
    print(
        f"\n== {lang} corpus, {size:,} questions ({len(queries)} queries, {strokes} keystrokes) =="
    )
    index, built_ms, traced_mb = build(docs)
    answer_mb = sum(len(doc.answer) for doc in docs) * 2 / 1e6
    updates = update_timings(index, docs)
    gc.freeze()  # as the app does once the index is built: no full GC pauses while typing
    update_target = TARGET_UPDATE_MS.get(size)
    print(
        f"index build {built_ms:.0f} ms; index memory {traced_mb:.1f} MB traced "
        f"(answer text alone ~{answer_mb:.1f} MB); update_file of one file "
        f"({QUESTIONS_PER_FILE} questions) + the first search (titles): p50 {updates.p50:.1f} ms, "
        f"max {updates.worst:.1f} ms"
        + (f"   target <= {update_target:g} ms" if update_target else "")
    )
    if update_target:
        figure(
            f"update_file + first search, {lang} {size:,} questions (p50)",
            updates.p50,
            "ms",
            f"<= {update_target:g} ms",
            meets=updates.p50 <= update_target,
        )

    recency = {doc.key: float(n) for n, doc in enumerate(docs[:: max(1, size // 20)])}
    slow = SLOW_ENGINE_KEYSTROKES if size > 10_000 else None
    ranker = rehearse_ranker(index, recency)
    results = [
        measure("rehearse", rehearse_typist(index, recency, answers=False), ranker, queries, None),
        measure(
            "+ answer text", rehearse_typist(index, recency, answers=True), ranker, queries, None
        ),
    ]
    matcher = matcher_ranker(titles)
    results.append(measure("textual Matcher", each_state(matcher), matcher, queries, slow))
    if fzf is not None:
        by_fzf = fzf_ranker(fzf, titles)
        results.append(measure("fzf --filter", each_state(by_fzf), by_fzf, queries, slow))
    print_engines(results, TARGET_P95_MS.get(size), size)
    print_kinds(results, queries)
    if verbose:
        print_misses(index, results[0], recency)
    report_answers(index, lang)
    report_hostile(index, titles)
    return results


def print_engines(results: Sequence[EngineResult], target: float | None, size: int) -> None:
    print(f"{'engine':<16} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8} {'top-1':>6} {'top-5':>6}")
    for result in results:
        note = " (sampled keystrokes)" if result.sampled else ""
        timing = result.timing
        print(
            f"{result.name:<16} {timing.p50:8.2f} {timing.p95:8.2f} {timing.worst:8.2f} "
            f"{result.top(1):5.0f}% {result.top(5):5.0f}%{note}"
        )
    if target is not None:
        mine, matcher = results[0].timing.p95, results[2].timing.p95
        verdict = "meets" if mine <= target else "MISSES"
        print(
            f"target: rehearse p95 <= {target:g} ms at {size:,} -> {verdict}; "
            f"{matcher / mine:.0f}x faster than textual's Matcher (target >= 10x)"
        )
        figure(
            f"search core p95 per keystroke, {size:,} questions ({results[0].name})",
            mine,
            "ms",
            f"<= {target:g} ms, >= 10x Matcher (the 'bare' column)",
            bare=matcher,
            meets=mine <= target and matcher / mine >= 10,
        )


def print_kinds(results: Sequence[EngineResult], queries: Sequence[Query]) -> None:
    kinds = sorted({query.kind for query in queries}, key=[q.kind for q in queries].index)
    shown = [result for result in results if result.name != "+ answer text"]
    print(f"{'by kind':<16} " + "".join(f"{r.name.split()[-1][:8]:>22}" for r in shown))
    print(f"{'':<16} " + "".join(f"{'top-1 top-5 p95 ms':>22}" for _ in shown))
    for kind in kinds:
        count = sum(1 for query in queries if query.kind == kind)
        cells = "".join(
            f"{r.top(1, kind):>8.0f}%{r.top(5, kind):>5.0f}% {r.by_kind[kind].p95:>6.1f}"
            for r in shown
        )
        print(f"  {kind:<14} {cells}  ({count})")


def print_misses(index: SearchIndex, mine: EngineResult, recency: dict[QuestionKey, float]) -> None:
    misses = [(q, r) for q, r in mine.ranks.items() if r is None or r > 0]
    if misses:
        print("rehearse, not top-1 (query -> target: rank; actual top 3):")
    for query, found in misses:
        top = [hit.doc.title for hit in index.search(query.typed, 3, recency=recency)]
        shown = "not in top 50" if found is None else f"#{found + 1}"
        print(f"  {query.typed!r} -> {query.target!r}: {shown}; {top}")


def report_answers(index: SearchIndex, lang: str) -> None:
    answer_queries = [
        (q, t) for q, t in ANSWER_ONLY.items() if hangul.has_hangul(q) == (lang == "ko")
    ]
    with_answers, without = Timing(), Timing()
    found_in_answers = 0
    for text, target_title in answer_queries:
        for _ in range(5):
            with_answers.samples_ms.append(timed_ms(index.search, text, RESULT_LIMIT))
            without.samples_ms.append(timed_ms(index.search, text, RESULT_LIMIT, answers=False))
        answer_hits = index.search(text, RESULT_LIMIT)
        found_in_answers += any(h.doc.title == target_title and h.in_answer for h in answer_hits)
    print(
        f"answer-only queries ({len(answer_queries)}): with answers p50 {with_answers.p50:.2f} "
        f"ms / p95 {with_answers.p95:.2f} ms; titles only p50 {without.p50:.2f} ms; target "
        f"shown as an answer hit for {found_in_answers}/{len(answer_queries)}"
    )


def fzf_start_cost(fzf: str) -> float:
    command = [fzf, "--filter", "x"]
    return statistics.median(timed_ms(subprocess.run, command, input=b"") for _ in range(20))


def find_fzf() -> str | None:
    fzf = shutil.which("fzf")
    if fzf is None:
        print("NOTE: fzf is not installed (apt-get install -y fzf); its column is left out.")
        return None
    version = subprocess.run([fzf, "--version"], capture_output=True, text=True, check=False)
    print(
        f"fzf {version.stdout.strip()}: one process per keystroke; process start alone "
        f"(empty input) takes {fzf_start_cost(fzf):.1f} ms median, included below."
    )
    return fzf


def print_summary(summary: Sequence[tuple[str, int, EngineResult]]) -> None:
    print("\n== summary: per keystroke (ms) and accuracy of final queries ==")
    print("| corpus | engine | p50 | p95 | top-1 | top-5 |\n|---|---|---|---|---|---|")
    for lang, size, result in summary:
        mark = " (sampled keystrokes)" if result.sampled else ""
        print(
            f"| {lang} {size:,} | {result.name}{mark} | {result.timing.p50:.2f} | "
            f"{result.timing.p95:.2f} | {result.top(1):.0f}% | {result.top(5):.0f}% |"
        )
    sizes = [size for _, size, _ in summary]
    size = max((s for s in sizes if s <= 10_000), default=max(sizes, default=0))
    rows = [(lang, r) for lang, s, r in summary if s == size and r.name != "+ answer text"]
    engines = list(dict.fromkeys(r.name for _, r in rows))
    print(f"\n== by kind at {size:,} questions: top-1 / top-5 (%), p95 ms per keystroke ==")
    print("| kind | " + " | ".join(engines) + " |\n|---|" + "---|" * len(engines))
    for lang in dict.fromkeys(lang for lang, _ in rows):
        kinds = [q.kind for q in QUERIES if q.lang == lang]
        for kind in dict.fromkeys(kinds):
            cells = [
                f"{r.top(1, kind):.0f} / {r.top(5, kind):.0f}, {r.by_kind[kind].p95:.1f}"
                for row_lang, r in rows
                if row_lang == lang
            ]
            print(f"| {kind} ({lang}) | " + " | ".join(cells) + " |")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="1000,10000,100000", help="comma-separated")
    parser.add_argument("--lang", choices=("ko", "en", "both"), default="both")
    parser.add_argument("--quiet", action="store_true", help="do not list rehearse's misses")
    parser.add_argument(
        "--notes-corpus",
        type=int,
        default=0,
        help="also run bench_search_notes.py on N questions (make bench runs it on its own)",
    )
    args = parser.parse_args(argv)
    sizes = [int(size) for size in args.sizes.split(",")]
    langs = ("ko", "en") if args.lang == "both" else (args.lang,)
    fzf = find_fzf()
    summary = [
        (lang, size, result)
        for lang in langs
        for size in sizes
        for result in report_corpus(lang, size, fzf, verbose=not args.quiet)
    ]
    if args.notes_corpus:
        from benchmarks.bench_search_notes import report_notes_corpus

        report_notes_corpus(args.notes_corpus)
    print_summary(summary)
    return 0


if __name__ == "__main__":
    sys.exit(main())
