"""Search core against textual.fuzzy.Matcher and `fzf --filter`, on the same generated corpora.

    .venv/bin/python benchmarks/bench_search.py                 # 1k, 10k and 100k questions
    .venv/bin/python benchmarks/bench_search.py --sizes 1000,10000 --lang ko

For every corpus (Korean and English; 1k, 10k, 100k questions) it prints:
- per keystroke p50 / p95 / max: every state of the search box while each query of
  benchmarks/search_queries.py is typed (Korean through a 두벌식 keyboard simulation,
  so 스프링 is typed ㅅ, 스, 슾, 스프, 스플, 스프리, 스프링);
- top-1 / top-5 accuracy of the final query against its known target;
- index build time, `update_file` time for one file, and the cost of answer-text search.

rehearse is timed as the search screen calls it: `search(query, 50, recency=...)`.
Matcher is `Matcher(query).match(title)` over every title, sorted by score.
fzf is one `fzf --filter QUERY` process per keystroke with the titles on stdin, so its
figures include process start (printed separately as a baseline).
At 100k the two slower engines are timed on an evenly spaced sample of keystrokes
(said so in the table); accuracy always uses every query. The script never asserts:
targets (GUIDE §4) are printed next to the figures.

The corpora are generated here, not by benchmarks/corpus.py: accuracy needs the targets
planted once among fillers that share their generic words, in one language per corpus.
corpus.py's Markdown notes (answers of realistic length) are then timed on their own
(`--notes-corpus N`, default 10k): parse, answer extraction, build, keystrokes, answers.
"""

from __future__ import annotations

import argparse
import gc
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.search_queries import (  # noqa: E402
    ANSWER_ONLY,
    EN_DECOYS,
    ENGLISH_TARGETS,
    KO_DECOYS,
    KOREAN_TARGETS,
    QUERIES,
    TARGET_TITLES,
    Query,
    Target,
    keystrokes,
)
from rehearse.core import hangul  # noqa: E402
from rehearse.core.search import QuestionKey, SearchDoc, SearchIndex  # noqa: E402

RESULT_LIMIT = 50  # what the search screen asks for
QUESTIONS_PER_FILE = 100
TARGET_P95_MS = {10_000: 5.0, 100_000: 50.0}
SLOW_ENGINE_KEYSTROKES = 60  # keystrokes timed for Matcher / fzf at sizes above 10k

# --- corpus ----------------------------------------------------------------------------------
# Fillers share generic words (전략, 경험, 설계, Design, Management ...) with the targets but
# never their distinctive ones; near-miss decoys (자기소개서 첨삭, Loop Invariants ...) are
# planted once per corpus so the ranking has something to get wrong.

KO_TOPICS = (
    "운영체제", "프로세스", "스레드", "가상 메모리", "페이지 교체", "컨텍스트 스위칭", "데드락",
    "세마포어", "뮤텍스", "파일 시스템", "네트워크", "HTTP", "HTTPS", "TLS 핸드셰이크", "DNS",
    "로드 밸런서", "CDN", "웹소켓", "gRPC", "GraphQL", "OAuth", "JWT", "세션", "쿠키", "CORS",
    "해시 테이블", "이진 탐색", "정렬 알고리즘", "그래프 탐색", "동적 계획법", "힙", "트리",
    "연결 리스트", "리액트", "타입스크립트", "자바스크립트", "파이썬", "고랭", "코틀린", "도커",
    "테라폼", "젠킨스", "깃", "리눅스", "엔진엑스", "몽고DB", "포스트그레스", "MySQL",
    "엘라스틱서치", "샤딩", "레플리케이션", "정규화", "조인", "옵티마이저", "ORM", "JPA",
    "마이크로서비스", "모놀리스", "서킷 브레이커", "API 게이트웨이", "로깅", "모니터링",
    "분산 추적", "부하 테스트", "암호화", "인증", "인가", "리더십", "팀워크", "실패", "피드백",
    "우선순위", "일정 관리", "의사소통", "멘토링", "코드 리뷰", "온보딩", "기술 부채",
    "리팩터링", "문서화", "번아웃", "이직 사유", "연봉 협상", "커리어 목표", "학습 방법",
    "사이드 프로젝트", "오픈소스 기여", "발표", "고객 요구사항", "기획자와의 소통",
)  # fmt: skip
KO_ASPECTS = (
    "장단점", "동작 원리", "사용 경험", "성능 개선", "설계 방법", "트러블슈팅", "모범 사례",
    "주의할 점", "선택 이유", "대안 비교", "내부 구조", "한계", "최적화", "테스트 전략",
    "모니터링 방법", "보안 고려사항", "실무 적용 사례", "도입 배경", "개선 경험", "기본 개념",
    "핵심 원리", "흔한 실수", "비용", "확장성", "운영 노하우", "회고", "배운 점",
    "문제 해결 과정", "의사 결정 과정", "정의", "예시", "동작 순서", "구현 방법", "설정 방법",
    "버전 차이", "마이그레이션 경험", "면접 단골 질문", "꼬리 질문 대비", "측정 방법", "체크리스트",
)  # fmt: skip
KO_TEMPLATES = (
    "{t}의 {a}", "{t} {a}", "{t}의 {a}에 대해 설명해 주세요", "{t} {a}은 무엇인가요?",
    "{t}를 쓸 때 {a}", "실무에서 겪은 {t} {a}", "{t} {a}를 말해 보세요", "{a}: {t}",
    "{t}와 {u}의 차이", "{t}에서 {a}는 어떻게 하나요?", "꼬리 질문) {t} {a}", "{t} {a} 정리",
)  # fmt: skip
KO_SENTENCES = (
    "{t}는 실무에서 자주 마주치는 주제입니다.",
    "저는 이전 회사에서 {t}를 직접 운영했습니다.",
    "처음에는 문서를 읽고 작은 예제부터 만들어 보았습니다.",
    "지표를 먼저 정하고 개선 전후를 비교했습니다.",
    "팀원들과 함께 원인을 정리해서 위키에 남겼습니다.",
    "결과적으로 응답 시간이 눈에 띄게 줄었습니다.",
    "이 경험으로 설계 단계에서 운영을 고려하는 습관이 생겼습니다.",
    "{t}의 한계도 분명히 있었습니다.",
    "그래서 대안을 두세 가지 비교한 뒤에 결정했습니다.",
    "면접에서는 구체적인 숫자와 함께 설명하겠습니다.",
    "가장 중요한 것은 문제를 정확히 정의하는 일이라고 생각합니다.",
    "비슷한 상황이 오면 더 빨리 판단할 수 있습니다.",
)  # fmt: skip

EN_TOPICS = (
    "Operating Systems", "Processes", "Threads", "Virtual Memory", "Page Replacement",
    "Context Switching", "Deadlocks", "Semaphores", "Mutexes", "File Systems", "HTTP", "HTTPS",
    "TLS Handshakes", "DNS", "Load Balancers", "CDNs", "WebSockets", "gRPC", "GraphQL", "OAuth",
    "JWT", "Sessions", "Cookies", "CORS", "Hash Tables", "Binary Search", "Sorting Algorithms",
    "Graph Traversal", "Dynamic Programming", "Heaps", "Trees", "Linked Lists", "React",
    "TypeScript", "JavaScript", "Python", "Go", "Kotlin", "Docker", "Terraform", "Jenkins", "Git",
    "Linux", "Nginx", "MongoDB", "PostgreSQL", "MySQL", "Elasticsearch", "Sharding",
    "Replication", "Normalization", "Joins", "Query Planners", "ORMs", "Microservices",
    "Monoliths", "Circuit Breakers", "API Gateways", "Logging", "Monitoring",
    "Distributed Tracing", "Load Testing", "Encryption", "Authentication", "Authorization",
    "Caching", "Rate Limiting", "Consistent Hashing", "Leader Election", "Consensus",
    "Idempotency", "Webhooks", "Feature Flags", "Code Review", "Onboarding", "Technical Debt",
    "Refactoring", "Documentation", "Leadership", "Teamwork", "Failure", "Feedback",
    "Priorities", "Deadlines", "Mentoring", "Burnout", "Career Goals", "Side Projects",
    "Open Source", "Public Speaking",
)  # fmt: skip
EN_ASPECTS = (
    "trade-offs", "internals", "best practices", "common pitfalls", "performance tuning",
    "failure modes", "use cases", "alternatives", "limitations", "scaling", "monitoring",
    "security concerns", "real-world examples", "history", "basics", "key concepts",
    "debugging", "configuration", "migration stories", "lessons learned", "design decisions",
    "cost", "versioning", "benchmarks", "anti-patterns", "edge cases", "checklists",
    "observability", "capacity planning", "ownership", "postmortems", "metrics", "rollouts",
    "backups", "latency", "throughput", "consistency", "availability", "tooling", "standards",
)  # fmt: skip
EN_TEMPLATES = (
    "What are the {a} of {t}?", "{t}: {a}", "Explain {t} {a}", "How do you handle {a} in {t}?",
    "{t} {a}", "Compare {t} and {u}", "When would you use {t}?", "Walk me through {t} {a}",
    "Why does {t} matter for {a}?", "{t} {a} in practice", "Describe your {t} {a}",
    "{a} for {t}",
)  # fmt: skip
EN_SENTENCES = (
    "{t} comes up in almost every backend interview.",
    "At my last job I ran {t} in production.",
    "I started from the documentation and a small prototype.",
    "We agreed on metrics before changing anything.",
    "The team wrote down what we learned in the wiki.",
    "Response times dropped noticeably afterwards.",
    "It taught me to think about operations while designing.", "{t} has clear limits as well.",
    "So we compared two or three alternatives before deciding.",
    "I would explain it with concrete numbers.",
    "The most important step is defining the problem precisely.",
    "Next time I could decide much faster.",
)  # fmt: skip


@dataclass(frozen=True)
class Vocabulary:
    topics: tuple[str, ...]
    aspects: tuple[str, ...]
    templates: tuple[str, ...]
    decoys: tuple[str, ...]
    sentences: tuple[str, ...]
    targets: tuple[Target, ...]


VOCABULARY = {
    "ko": Vocabulary(KO_TOPICS, KO_ASPECTS, KO_TEMPLATES, KO_DECOYS, KO_SENTENCES, KOREAN_TARGETS),
    "en": Vocabulary(EN_TOPICS, EN_ASPECTS, EN_TEMPLATES, EN_DECOYS, EN_SENTENCES, ENGLISH_TARGETS),
}


def make_corpus(lang: str, size: int, seed: int = 7) -> list[SearchDoc]:
    """`size` questions in files of 100: targets and decoys once each, the rest generated."""
    vocab = VOCABULARY[lang]
    rng = random.Random(f"{lang}-{size}-{seed}")
    planted = [(t.title, t.answer) for t in vocab.targets]
    planted += [(title, "") for title in vocab.decoys]
    entries: list[tuple[str, str]] = []
    while len(entries) < size - len(planted):
        topic, other = rng.sample(vocab.topics, 2)
        title = rng.choice(vocab.templates).format(t=topic, u=other, a=rng.choice(vocab.aspects))
        if title in TARGET_TITLES:
            continue
        entries.append((title, ""))
    for item in planted:  # spread through the corpus, not all in the first file
        entries.insert(rng.randrange(len(entries) + 1), item)
    docs: list[SearchDoc] = []
    for number, (title, answer) in enumerate(entries):
        if not answer:
            topic = rng.choice(vocab.topics)
            picked = rng.sample(vocab.sentences, 6)
            answer = " ".join(sentence.format(t=topic) for sentence in picked)
        path = Path(f"notes/{number // QUESTIONS_PER_FILE:05d}.md")
        section = number % QUESTIONS_PER_FILE + 1
        docs.append(
            SearchDoc(
                key=QuestionKey(path, section),
                title=title,
                file=path.as_posix(),
                context=(),
                line=section * 4,
                answer=answer,
            )
        )
    return docs


# --- engines ---------------------------------------------------------------------------------

Ranker = Callable[[str], list[str]]  # query -> titles, best first


def rehearse_ranker(index: SearchIndex, recency: dict[QuestionKey, float]) -> Ranker:
    def rank(query: str) -> list[str]:
        return [hit.doc.title for hit in index.search(query, RESULT_LIMIT, recency=recency)]

    return rank


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


# --- measuring -------------------------------------------------------------------------------


def update_then_search(index: SearchIndex, path: Path, docs: list[SearchDoc]) -> None:
    index.update_file(path, docs)
    index.search("x")


def percentile(values: Sequence[float], fraction: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


@dataclass
class Timing:
    samples_ms: list[float] = field(default_factory=list)

    @property
    def p50(self) -> float:
        return percentile(self.samples_ms, 0.5)

    @property
    def p95(self) -> float:
        return percentile(self.samples_ms, 0.95)

    @property
    def worst(self) -> float:
        return max(self.samples_ms) if self.samples_ms else float("nan")


def timed_ms(call: Callable[..., object], *args: Any, **kwargs: Any) -> float:
    start = time.perf_counter()
    call(*args, **kwargs)
    return (time.perf_counter() - start) * 1000


def time_keystrokes(rank: Ranker, states: Sequence[str]) -> Timing:
    timing = Timing()
    re.purge()  # a keystroke's regex is new to the cache; keep compile cost in the figures
    for state in states:
        timing.samples_ms.append(timed_ms(rank, state))
    return timing


def sample(states: Sequence[str], count: int) -> list[str]:
    if len(states) <= count:
        return list(states)
    step = len(states) / count
    return [states[int(i * step)] for i in range(count)]


@dataclass
class Accuracy:
    ranks: dict[Query, int | None] = field(default_factory=dict)  # 0-based, None: not in top 50

    def top(self, n: int) -> float:
        found = sum(1 for rank in self.ranks.values() if rank is not None and rank < n)
        return 100.0 * found / len(self.ranks) if self.ranks else float("nan")


def measure_accuracy(rank: Ranker, queries: Sequence[Query]) -> Accuracy:
    accuracy = Accuracy()
    for query in queries:
        titles = rank(query.typed)
        accuracy.ranks[query] = titles.index(query.target) if query.target in titles else None
    return accuracy


@dataclass
class EngineResult:
    name: str
    timing: Timing
    accuracy: Accuracy
    sampled: bool


def fmt_ms(value: float) -> str:
    return f"{value:8.2f}"


def report_corpus(lang: str, size: int, fzf: str | None, verbose: bool) -> list[EngineResult]:
    docs = make_corpus(lang, size)
    titles = [doc.title for doc in docs]
    queries = [query for query in QUERIES if query.lang == lang]
    states = [state for query in queries for state in keystrokes(query)]
    print(
        f"\n== {lang} corpus, {size:,} questions ({len(queries)} queries, "
        f"{len(states)} keystrokes) =="
    )

    builds = []
    index = SearchIndex()
    for _ in range(3 if size <= 10_000 else 1):
        gc.collect()
        start = time.perf_counter()
        index = SearchIndex(docs)
        builds.append((time.perf_counter() - start) * 1000)
    path = docs[len(docs) // 2].key.path
    own = [doc for doc in docs if doc.key.path == path]
    updates = []
    for round_ in range(7):
        edited = [replace(own[0], title=f"{own[0].title} ({round_})")]
        fresh = edited + own[1:]
        # update_file only records the change; the next search rebuilds: time both.
        updates.append(timed_ms(update_then_search, index, path, fresh))
    index.update_file(path, own)
    index.search("x")
    gc.freeze()  # as the app does once the index is built: no full GC pauses while typing
    print(
        f"index build: {statistics.median(builds):.0f} ms (median of {len(builds)}); "
        f"update_file + the next search, one file of {len(own)} questions: p50 "
        f"{statistics.median(updates):.1f} ms,"
        f" max {max(updates):.1f} ms"
    )

    recency = {doc.key: float(n) for n, doc in enumerate(docs[:: max(1, size // 20)])}
    results: list[EngineResult] = []
    engines: list[tuple[str, Ranker, bool]] = [
        ("rehearse", rehearse_ranker(index, recency), False),
        ("textual Matcher", matcher_ranker(titles), size > 10_000),
    ]
    if fzf is not None:
        engines.append(("fzf --filter", fzf_ranker(fzf, titles), size > 10_000))
    for name, rank, sampled in engines:
        typed = sample(states, SLOW_ENGINE_KEYSTROKES) if sampled else states
        timing = time_keystrokes(rank, typed)
        accuracy = measure_accuracy(rank, queries)
        results.append(EngineResult(name, timing, accuracy, sampled))

    target = TARGET_P95_MS.get(size)
    print(
        f"{'engine':<16} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8} {'top-1':>6} {'top-5':>6}"
        f"  keystrokes"
    )
    for result in results:
        note = f"{len(result.timing.samples_ms)}" + (" (sample)" if result.sampled else "")
        print(
            f"{result.name:<16} {fmt_ms(result.timing.p50)} {fmt_ms(result.timing.p95)} "
            f"{fmt_ms(result.timing.worst)} {result.accuracy.top(1):5.0f}% "
            f"{result.accuracy.top(5):5.0f}%  {note}"
        )
    if target is not None:
        verdict = "meets" if results[0].timing.p95 <= target else "MISSES"
        print(f"target: rehearse p95 <= {target:g} ms at {size:,} -> {verdict}")

    kinds = sorted({query.kind for query in queries}, key=[q.kind for q in queries].index)
    print(f"{'top-5 by kind':<16} " + " ".join(f"{r.name.split()[-1][:9]:>9}" for r in results))
    for kind in kinds:
        of_kind = [query for query in queries if query.kind == kind]
        cells = []
        for result in results:
            hits = sum(1 for q in of_kind if (r := result.accuracy.ranks[q]) is not None and r < 5)
            cells.append(f"{hits:>4}/{len(of_kind):<4}")
        print(f"  {kind:<14} " + " ".join(cells))

    misses = [(q, r) for q, r in results[0].accuracy.ranks.items() if r is None or r > 0]
    if misses and verbose:
        print("rehearse, not top-1 (query -> target: rank; actual top 3):")
        for query, found in misses:
            top = [hit.doc.title for hit in index.search(query.typed, 3, recency=recency)]
            shown = "not in top 50" if found is None else f"#{found + 1}"
            print(f"  {query.typed!r} -> {query.target!r}: {shown}; {top}")

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
        f"ms / p95 {with_answers.p95:.2f} ms; titles only p50 {without.p50:.2f} ms / p95 "
        f"{without.p95:.2f} ms; answer text ~{with_answers.p50 - without.p50:.2f} ms; "
        f"target shown as an answer hit for {found_in_answers}/{len(answer_queries)}"
    )
    return results


NOTES_ANSWER_QUERIES = ("다이어그램", "부하 테스트를 설계", "p99 latency", "design document")


def report_notes_corpus(size: int) -> None:
    """Speed on benchmarks/corpus.py's Markdown notes: parsed answers of realistic length.

    Its titles repeat a few dozen forms and hold none of the targets, so only timings
    are printed here (accuracy is measured on the generated corpora above)."""
    try:
        from benchmarks.corpus import generate
    except ImportError:
        print("\nNOTE: benchmarks/corpus.py is not there; the Markdown notes corpus is skipped.")
        return
    from rehearse.core.notebook import open_notebook
    from rehearse.core.notes import NoteFile
    from rehearse.core.search import docs_for_note, docs_for_notebook

    with tempfile.TemporaryDirectory() as folder:
        corpus = generate(Path(folder) / "notes", questions=size, files=max(1, size // 100))
        print(
            f"\n== benchmarks/corpus.py notes: {corpus.questions:,} questions in "
            f"{len(corpus.files)} files, {corpus.total_bytes / 1e6:.1f} MB =="
        )
        start = time.perf_counter()
        notebook = open_notebook(corpus.root)
        opened = time.perf_counter()
        docs = docs_for_notebook(notebook)
        extracted = time.perf_counter()
        index = SearchIndex(docs)
        built = time.perf_counter()
        print(
            f"open + parse {1000 * (opened - start):.0f} ms; docs_for_notebook (answer text) "
            f"{1000 * (extracted - opened):.0f} ms; SearchIndex build "
            f"{1000 * (built - extracted):.0f} ms; {len(index):,} questions, "
            f"{sum(len(d.answer) for d in docs) / 1e6:.1f} M answer characters"
        )
        note = next(n for n in notebook.readable if isinstance(n, NoteFile))
        relative = notebook.relative(note.path)
        updates = [
            timed_ms(
                lambda: (
                    index.update_file(note.path, docs_for_note(note, relative)),
                    index.search("x"),
                )
            )
            for _ in range(7)
        ]
        print(
            f"update_file (docs_for_note + index) for {relative}: p50 "
            f"{statistics.median(updates):.1f} ms, max {max(updates):.1f} ms"
        )
        states = [state for query in QUERIES for state in keystrokes(query)]
        timing = time_keystrokes(rehearse_ranker(index, {}), states)
        print(
            f"rehearse per keystroke ({len(states)}): p50 {timing.p50:.2f} ms, "
            f"p95 {timing.p95:.2f} ms, max {timing.worst:.2f} ms"
        )
        for query in NOTES_ANSWER_QUERIES:
            both = [timed_ms(index.search, query, RESULT_LIMIT) for _ in range(5)]
            titles_only = [
                timed_ms(index.search, query, RESULT_LIMIT, answers=False) for _ in range(5)
            ]
            hits = index.search(query, RESULT_LIMIT)
            answers = sum(1 for hit in hits if hit.in_answer)
            print(
                f"  {query!r}: with answers {statistics.median(both):.2f} ms, titles only "
                f"{statistics.median(titles_only):.2f} ms; {answers} answer hits of {len(hits)}"
            )


def fzf_start_cost(fzf: str) -> float:
    runs = [
        timed_ms(lambda: subprocess.run([fzf, "--filter", "x"], input=b"", check=False))
        for _ in range(20)
    ]
    return statistics.median(runs)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="1000,10000,100000", help="comma-separated")
    parser.add_argument("--lang", choices=("ko", "en", "both"), default="both")
    parser.add_argument("--quiet", action="store_true", help="do not list rehearse's misses")
    parser.add_argument(
        "--notes-corpus",
        type=int,
        default=10_000,
        help="questions in the benchmarks/corpus.py Markdown corpus (0: skip)",
    )
    args = parser.parse_args(argv)
    sizes = [int(size) for size in args.sizes.split(",")]
    langs = ("ko", "en") if args.lang == "both" else (args.lang,)

    fzf = shutil.which("fzf")
    if fzf is None:
        print("NOTE: fzf is not installed (apt-get install -y fzf); its column is left out.")
    else:
        version = subprocess.run([fzf, "--version"], capture_output=True, text=True, check=False)
        print(
            f"fzf {version.stdout.strip()}: one process per keystroke; process start alone "
            f"(empty input) takes {fzf_start_cost(fzf):.1f} ms median, included below."
        )
    summary: list[tuple[str, int, EngineResult]] = []
    for lang in langs:
        for size in sizes:
            for result in report_corpus(lang, size, fzf, verbose=not args.quiet):
                summary.append((lang, size, result))

    if args.notes_corpus:
        report_notes_corpus(args.notes_corpus)

    print("\n== summary: per keystroke (ms) and accuracy of final queries ==")
    print("| corpus | engine | p50 | p95 | top-1 | top-5 |\n|---|---|---|---|---|---|")
    for lang, size, result in summary:
        mark = " (sampled keystrokes)" if result.sampled else ""
        print(
            f"| {lang} {size:,} | {result.name}{mark} | {result.timing.p50:.2f} | "
            f"{result.timing.p95:.2f} | {result.accuracy.top(1):.0f}% | "
            f"{result.accuracy.top(5):.0f}% |"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
