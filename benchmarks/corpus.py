"""A deterministic corpus of interview notes for the benchmarks, Korean and English mixed.

`generate(root, questions=10_000, files=100)` writes `files` Markdown notes holding
`questions` questions (`##`) and sub-questions (`###`) between them, grouped under
categories (`#`). Answers run 150-450 Hangul syllables (Korean) or 150-450 words
(English), in paragraphs, with the things real notes hold: YAML front matter,
Obsidian `%% comments %%` inline and in blocks, tables, bullet lists, emphasis,
wiki-links, `---` separators and fenced code whose `#` lines are not headings.
The same seed always writes the same bytes. 10k questions come to about 16 MB.

Run it to keep a corpus around: `python benchmarks/corpus.py OUT --questions 10000`.
"""

from __future__ import annotations

import argparse
import random
import shutil
from dataclasses import dataclass
from pathlib import Path

SEED = 20261122

KO_TOPICS = [
    "데이터베이스 인덱스",
    "트랜잭션 격리 수준",
    "카프카 파티션",
    "스프링 빈",
    "가비지 컬렉션",
    "캐시 전략",
    "로드 밸런서",
    "메시지 큐",
    "분산 락",
    "레디스",
    "쿠버네티스 파드",
    "HTTP keep-alive",
    "REST API 설계",
    "JWT 인증",
    "OAuth",
    "CI 파이프라인",
    "도커 이미지",
    "커넥션 풀",
    "샤딩",
    "레플리케이션",
    "이벤트 소싱",
    "CQRS",
    "서킷 브레이커",
    "멱등성",
    "데드락",
    "스레드 풀",
    "비동기 처리",
    "모니터링 지표",
    "장애 대응",
    "코드 리뷰",
]
KO_QUESTION_FORMS = [
    "{t}란 무엇인가요?",
    "{t}의 장단점은?",
    "{t}를 실무에서 써 본 경험이 있나요?",
    "{t}에서 가장 어려웠던 점은?",
    "{t}를 어떻게 설명하시겠어요?",
    "{t}와 관련된 장애 경험은?",
]
KO_SUBQUESTION_FORMS = ["꼬리 질문: {t}의 한계", "{t} 튜닝", "{t} 대안", "왜 {t}였나요?"]
KO_CATEGORIES = ["기술", "백엔드", "데이터베이스", "인프라", "인성", "협업", "프로젝트", "설계"]
KO_SENTENCES = [
    "{t}는 시스템의 성능과 안정성을 함께 고려해야 하는 주제입니다.",
    "저는 이전 회사에서 {t}를 직접 설계하고 운영한 경험이 있습니다.",
    "처음에는 단순하게 접근했지만 트래픽이 늘면서 구조를 다시 고민하게 되었습니다.",
    "가장 중요한 것은 문제를 측정 가능한 숫자로 먼저 정의하는 것이라고 생각합니다.",
    "그래서 응답 시간과 오류율을 대시보드로 만들어 팀과 함께 매일 확인했습니다.",
    "결과적으로 평균 응답 시간이 절반 가까이 줄었고 장애 알림도 눈에 띄게 줄었습니다.",
    "다만 이 방식은 운영 복잡도가 올라간다는 단점이 분명히 있습니다.",
    "그 점을 보완하려고 문서를 정리하고 팀원들과 작은 스터디를 진행했습니다.",
    "면접관이 더 깊게 물어보면 내부 동작 원리까지 차분하게 설명하려고 합니다.",
    "{t}를 선택할 때는 데이터의 크기와 읽기 쓰기 비율을 먼저 확인합니다.",
    "비슷한 상황이 다시 온다면 처음부터 부하 테스트를 설계에 포함하겠습니다.",
    "이 경험을 통해 기술 선택에는 항상 대가가 따른다는 것을 배웠습니다.",
    "팀원들이 같은 그림을 볼 수 있도록 다이어그램을 그려 공유했습니다.",
    "사용자에게 보이는 영향을 최소화하는 것을 가장 먼저 생각했습니다.",
]
EN_TOPICS = [
    "database indexes",
    "isolation levels",
    "Kafka partitions",
    "garbage collection",
    "caching",
    "load balancing",
    "message queues",
    "distributed locks",
    "Redis",
    "Kubernetes",
    "REST design",
    "authentication",
    "CI pipelines",
    "connection pools",
    "sharding",
    "replication",
    "event sourcing",
    "circuit breakers",
    "idempotency",
    "deadlocks",
    "thread pools",
    "observability",
    "incident response",
    "code review",
]
EN_QUESTION_FORMS = [
    "What is {t}?",
    "What are the trade-offs of {t}?",
    "Tell me about a time you used {t}",
    "How would you explain {t} to a junior engineer?",
    "What went wrong with {t}?",
]
EN_SUBQUESTION_FORMS = ["Follow-up: limits of {t}", "Tuning {t}", "Alternatives to {t}"]
EN_CATEGORIES = ["Behavioral", "System design", "Backend", "Leadership", "Projects"]
EN_SENTENCES = [
    "In my last role I owned {t} for a service handling about two thousand requests a second.",
    "The first thing I did was measure, because guessing about performance rarely works.",
    "We set up dashboards for latency and error rates and reviewed them every morning.",
    "The main trade-off is operational complexity, which the whole team has to carry.",
    "I wrote a short design document and asked two senior engineers to review it.",
    "After the change, the p99 latency dropped by roughly forty percent.",
    "Looking back, I would have added load tests much earlier in the project.",
    "When {t} comes up in an interview, I start with the problem it solves.",
    "Then I explain how it works inside, and finish with a concrete story from work.",
    "It taught me that every technical choice has a cost somebody pays later.",
    "I kept the rollout small and behind a flag so that we could back out quickly.",
    "My manager and I agreed on a clear success metric before we started.",
]
CODE_SNIPPETS = [
    ("bash", "# consumer lag per partition\nkafka-consumer-groups.sh --describe --group orders"),
    ("sql", "-- the index the planner picked\nEXPLAIN SELECT * FROM orders WHERE user_id = 42;"),
    (
        "python",
        "# retry with backoff\nfor attempt in range(3):\n    if send(message):\n        break\n",
    ),
    ("markdown", "## 이 줄은 코드 블록 안에 있어서 질문이 아닙니다\n# Not a heading either"),
]
KO_TABLE = "\n".join(
    [
        "| 구분 | 장점 | 단점 |",
        "| --- | --- | --- |",
        "| A안 | 빠름 | 복잡함 |",
        "| B안 | 단순함 | 느림 |",
    ]
)
EN_TABLE = "\n".join(
    [
        "| Option | Pro | Con |",
        "| --- | --- | --- |",
        "| A | fast | complex |",
        "| B | simple | slow |",
    ]
)


@dataclass(frozen=True)
class Corpus:
    root: Path
    files: tuple[Path, ...]
    questions: int  # ## and ### headings
    categories: int  # # headings
    total_bytes: int

    @property
    def first_file(self) -> str:
        """The first note's name: the first row the question tree paints."""
        return self.files[0].name


def _hangul_count(text: str) -> int:
    return sum(1 for char in text if "가" <= char <= "힣")


def _korean_answer(rng: random.Random, topic: str) -> list[str]:
    target = rng.randint(280, 450)
    sentences: list[str] = []
    count = 0
    while True:
        sentence = rng.choice(KO_SENTENCES).format(t=topic)
        size = _hangul_count(sentence)
        if count + size > target:
            if count >= 150:
                break
            continue
        sentences.append(sentence)
        count += size
    return sentences


def _english_answer(rng: random.Random, topic: str) -> list[str]:
    target = rng.randint(250, 450)
    sentences: list[str] = []
    count = 0
    while True:
        sentence = rng.choice(EN_SENTENCES).format(t=topic)
        size = len(sentence.split())
        if count + size > target:
            if count >= 150:
                break
            continue
        sentences.append(sentence)
        count += size
    return sentences


def _decorate(rng: random.Random, sentences: list[str], korean: bool) -> list[str]:
    """Paragraphs of the answer, with the occasional comment, emphasis, list, table or fence."""
    blocks: list[str] = []
    index = 0
    while index < len(sentences):
        size = rng.randint(2, 4)
        paragraph = sentences[index : index + size]
        index += size
        if rng.random() < 0.25:
            position = rng.randrange(len(paragraph))
            note = "숫자는 다시 확인하기" if korean else "double-check the numbers"
            paragraph[position] += f" %% {note} %%"
        if rng.random() < 0.2:
            words = paragraph[0].split(" ")
            if len(words) > 3:
                words[1] = f"**{words[1]}**"
                paragraph[0] = " ".join(words)
        if rng.random() < 0.1:
            paragraph[-1] += " [[프로젝트 회고]]" if korean else " [[project notes|notes]]"
        blocks.append(" ".join(paragraph))
    extra = rng.random()
    if extra < 0.08:
        blocks.append(KO_TABLE if korean else EN_TABLE)
    elif extra < 0.16:
        language, code = rng.choice(CODE_SNIPPETS)
        blocks.append(f"```{language}\n{code}\n```")
    elif extra < 0.26:
        items = ["상황", "과제", "행동", "결과"] if korean else ["Situation", "Task", "Action"]
        blocks.append("\n".join(f"- {item}" for item in items))
    elif extra < 0.31:
        blocks.append(
            "%%\n면접 직전에 볼 메모:\n- 천천히 말하기\n- 결론부터 말하기\n%%"
            if korean
            else "%%\nBefore the interview:\n- slow down\n- lead with the result\n%%"
        )
    return blocks


def _question(rng: random.Random, korean: bool, level: int) -> str:
    topic = rng.choice(KO_TOPICS if korean else EN_TOPICS)
    if level == 2:
        forms = KO_QUESTION_FORMS if korean else EN_QUESTION_FORMS
    else:
        forms = KO_SUBQUESTION_FORMS if korean else EN_SUBQUESTION_FORMS
    title = rng.choice(forms).format(t=topic)
    answer = (_korean_answer if korean else _english_answer)(rng, topic)
    body = "\n\n".join(_decorate(rng, answer, korean))
    return f"{'#' * level} {title}\n\n{body}\n"


def _note(rng: random.Random, number: int, questions: int) -> tuple[str, str, int]:
    """(file name, text, category count) of one note holding `questions` questions."""
    korean = rng.random() < 0.65
    categories = KO_CATEGORIES if korean else EN_CATEGORIES
    name = f"{number:03d}-{rng.choice(categories).replace(' ', '-')}{'-면접' if korean else ''}.md"
    parts: list[str] = []
    if rng.random() < 0.7:
        parts.append(
            f"---\ncompany: {'예시 회사' if korean else 'Example Corp'} {number}\n"
            f"tags: [interview, {'면접' if korean else 'prep'}]\nupdated: 2026-11-22\n---\n"
        )
    written = 0
    category_count = 0
    while written < questions:
        category_count += 1
        parts.append(f"# {rng.choice(categories)}\n")
        for _ in range(rng.randint(4, 10)):
            if written >= questions:
                break
            mixed = korean if rng.random() < 0.85 else not korean
            parts.append(_question(rng, mixed, 2))
            written += 1
            while written < questions and rng.random() < 0.3:
                parts.append(_question(rng, mixed, 3))
                written += 1
            if rng.random() < 0.3:
                parts.append("---\n")
    return name, "\n".join(parts), category_count


def generate(root: Path, questions: int = 10_000, files: int = 100, seed: int = SEED) -> Corpus:
    """Write the corpus into `root` (emptied first) and describe it."""
    if root.exists():
        shutil.rmtree(root)
    root.mkdir(parents=True)
    rng = random.Random(seed)
    per_file, extra = divmod(questions, files)
    paths: list[Path] = []
    total = 0
    categories = 0
    for number in range(1, files + 1):
        count = per_file + (1 if number <= extra else 0)
        name, text, category_count = _note(rng, number, count)
        data = text.encode("utf-8")
        path = root / name
        path.write_bytes(data)
        paths.append(path)
        total += len(data)
        categories += category_count
    return Corpus(root, tuple(paths), questions, categories, total)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("out", type=Path, help="folder to write (emptied first)")
    parser.add_argument("--questions", type=int, default=10_000)
    parser.add_argument("--files", type=int, default=100)
    parser.add_argument("--seed", type=int, default=SEED)
    args = parser.parse_args()
    corpus = generate(args.out, args.questions, args.files, args.seed)
    print(
        f"{corpus.questions} questions, {corpus.categories} categories in {len(corpus.files)}"
        f" files, {corpus.total_bytes / 1e6:.1f} MB -> {corpus.root}"
    )


if __name__ == "__main__":
    main()
