"""The generated corpora of bench_search: interview questions in Korean or in English.

Accuracy needs the targets of search_queries.py planted once among fillers that share
their generic words (전략, 경험, 설계, Design, Management ...) but never their
distinctive ones, in one language per corpus; near-miss decoys (자기소개서 첨삭,
Loop Invariants ...) are planted once too, so the ranking has something to get wrong.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from pathlib import Path

from benchmarks.search_queries import (
    EN_DECOYS,
    ENGLISH_TARGETS,
    KO_DECOYS,
    KOREAN_TARGETS,
    TARGET_TITLES,
    Target,
)
from rehearse.core.search import QuestionKey, SearchDoc

QUESTIONS_PER_FILE = 100

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
