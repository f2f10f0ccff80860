"""Typed search queries with known targets, and how a Korean keyboard types them.

Shared by benchmarks/bench_search.py (accuracy and per-keystroke latency) and
tests/core/test_search.py (every query finds its target in the top 3).

`typing_states` simulates the standard two-set (두벌식) Korean keyboard: what the
search box holds after each key. Typing 스프링 goes ㅅ, 스, 슾, 스프, 플→스플,
스프리, 스프링 — the last syllable is often "half-composed" (슾 holds the ㅍ that
will start the next syllable), which a search has to understand.
"""

from __future__ import annotations

from dataclasses import dataclass

from rehearse.core import hangul, keyboard

# --- the two-set keyboard -------------------------------------------------------------------

keys_of = keyboard.keys_of  # the keys pressed to type a text (compound jamo are two keys)
typing_states = keyboard.typing_states  # what the input holds after each key


def initials_of(text: str) -> str:
    """The 초성 string of `text`: ㅈㄱㅅㄱ for 자기소개 (spaces and other characters kept)."""
    return "".join(hangul.initial_of(char) for char in text)


# --- targets and queries --------------------------------------------------------------------


@dataclass(frozen=True)
class Target:
    title: str
    answer: str


@dataclass(frozen=True)
class Query:
    typed: str  # the query as it stands when the user stops typing
    target: str  # the title it is meant to find
    kind: str
    lang: str  # "ko" or "en"


KOREAN_TARGETS = (
    Target("자기소개", "안녕하세요, 주문과 결제 시스템을 4년 동안 만들어 온 백엔드 개발자입니다."),
    Target("1분 자기소개", "짧게 말하면 결제 실패율을 절반 이하로 줄인 개발자입니다."),
    Target("지원 동기", "기술 블로그에서 정산 시스템 재설계 글을 읽고 지원했습니다."),
    Target("스프링 빈의 생명주기는?", "생성, 의존관계 주입, 초기화, 사용, 소멸 순서로 진행됩니다."),
    Target("메시지 큐를 쓰는 이유", "시스템 사이의 결합도를 낮추고 트래픽을 완충하려고 씁니다."),
    Target("카프카 파티션과 컨슈머 그룹", "파티션 하나는 그룹 안의 컨슈머 하나만 읽습니다."),
    Target("데이터베이스 인덱스 설계", "카디널리티가 높은 컬럼부터 복합 인덱스를 구성합니다."),
    Target("트랜잭션 격리 수준", "READ COMMITTED와 REPEATABLE READ의 차이를 설명합니다."),
    Target("가장 힘들었던 협업 경험", "일정이 겹친 두 팀 사이에서 우선순위를 조율했습니다."),
    Target("과제 전형 회고", "요구사항을 다시 읽고 테스트부터 작성했습니다."),
    Target("쿠버네티스 배포 전략", "롤링 업데이트와 블루그린 배포를 상황에 따라 씁니다."),
    Target("갈등해결 사례", "코드 리뷰 기준이 달라 생긴 갈등을 회고로 풀었습니다."),
    Target("성장 과정", "작은 가게를 하시던 부모님을 보며 책임감을 배웠습니다."),
    Target("레디스 캐시 전략", "캐시 어사이드 패턴과 만료 시간 분산으로 스탬피드를 막았습니다."),
    Target("장애 대응 경험", "새벽에 결제 지연 알람을 받고 롤백 절차를 밟았습니다."),
    Target("입사 후 포부", "1년 안에 정산 도메인의 온콜을 혼자 맡는 것이 목표입니다."),
    Target("단점과 보완 노력", "완벽주의 때문에 일정이 밀린 적이 있어 타임박싱을 합니다."),
    Target("동시성 제어 방법", "낙관적 락과 비관적 락을 충돌 빈도에 따라 고릅니다."),
    Target("결제 시스템 멱등성", "모든 결제 요청에 멱등성 키를 붙여 중복 결제를 막았습니다."),
    Target("경쟁사와의 차별점", "정산 자동화로 운영 인력을 절반으로 줄인 점입니다."),
)

ENGLISH_TARGETS = (
    Target("Message Queue", "Decouples producers from consumers and absorbs bursts."),
    Target("Object Oriented Programming", "Encapsulation, inheritance and polymorphism."),
    Target("C++ Memory Management", "RAII, smart pointers and the rule of five."),
    Target("I/O Multiplexing", "select, poll and epoll let one thread watch many sockets."),
    Target("Tell me about yourself", "I build payment systems and care about reliability."),
    Target("Why do you want to join us?", "Your engineering blog on settlement convinced me."),
    Target("REST API Design", "Resources, status codes, pagination and versioning."),
    Target("Dependency Injection", "Objects receive their collaborators instead of building them."),
    Target("CAP Theorem", "Under a partition you choose consistency or availability."),
    Target("Garbage Collection in Java", "Generational collectors, G1 and ZGC pause times."),
    Target("TCP vs UDP", "Reliable ordered streams against cheap datagrams."),
    Target("Test-Driven Development", "Red, green, refactor in small steps."),
    Target("CI/CD Pipeline", "Every merge is built, tested and deployed automatically."),
    Target("Node.js Event Loop", "Timers, pending callbacks, poll, check and close phases."),
    Target("Describe a conflict with a teammate", "We disagreed on review rules and settled it."),
    Target("Single Responsibility Principle", "A module should have one reason to change."),
)

TARGETS = KOREAN_TARGETS + ENGLISH_TARGETS

# Near misses: natural titles that share words with the targets, so ranking can go wrong.
KO_DECOYS = (
    "자기소개서 첨삭 포인트", "1분 자기소개 영어 버전", "스프링 부트 자동 설정",
    "스프링 시큐리티 필터 체인", "메시지 브로커 비교", "카프카 컨슈머 랙 모니터링",
    "데이터 정합성 검증", "인덱스 스캔과 풀 스캔", "트랜잭션 전파 속성", "협업 툴 사용 경험",
    "과제 제출 전 체크리스트", "쿠버네티스 파드 스케줄링", "갈등 상황에서의 역할",
    "성장 과정에서 배운 점", "레디스 자료구조", "장애 회고 작성법", "입사 후 첫 프로젝트",
    "단점을 극복한 경험", "동시성 이슈 디버깅", "결제 취소 흐름", "지원 직무 이해도",
)  # fmt: skip
EN_DECOYS = (
    "Message Broker Comparison", "Object Pooling", "Loop Invariants", "Event Loop in Browsers",
    "C Memory Layout", "Memory Leaks in C++", "I/O Scheduling", "Tell me about a failure",
    "Why do you want to leave?", "REST vs GraphQL", "Dependency Graphs", "CAP vs PACELC",
    "Garbage Collection in Go", "TCP Handshake", "Test Pyramid", "CI Flakiness",
    "Node.js Streams", "Conflict Resolution", "Single Sign-On",
)  # fmt: skip
TARGET_TITLES = frozenset(target.title for target in TARGETS)


def _ko(kind: str, *pairs: tuple[str, str]) -> list[Query]:
    return [Query(typed, target, kind, "ko") for typed, target in pairs]


def _en(kind: str, *pairs: tuple[str, str]) -> list[Query]:
    return [Query(typed, target, kind, "en") for typed, target in pairs]


QUERIES: tuple[Query, ...] = (
    *_ko(
        "exact",
        ("자기소개", "자기소개"),
        ("지원 동기", "지원 동기"),
        ("트랜잭션 격리 수준", "트랜잭션 격리 수준"),
    ),
    *_ko(
        "prefix",
        ("스프링 빈", "스프링 빈의 생명주기는?"),
        ("메시지 큐를", "메시지 큐를 쓰는 이유"),
        ("가장 힘들었던 협", "가장 힘들었던 협업 경험"),
        ("입사 후", "입사 후 포부"),
    ),
    *_ko(
        "substring",
        ("멱등성", "결제 시스템 멱등성"),
        ("생명주기", "스프링 빈의 생명주기는?"),
    ),
    *_ko(
        "initials",
        ("ㅈㄱㅅㄱ", "자기소개"),
        ("ㅈㅇㄷㄱ", "지원 동기"),
        ("ㅌㄹㅈㅅ ㄱㄹ", "트랜잭션 격리 수준"),
        ("ㅋㅂㄴㅌㅅ", "쿠버네티스 배포 전략"),
        ("ㅅㅈㄱㅈ", "성장 과정"),
    ),
    *_ko(
        "mixed",
        ("스프링 ㅂㅇ", "스프링 빈의 생명주기는?"),
        ("카프카 ㅍㅌㅅ", "카프카 파티션과 컨슈머 그룹"),
        ("레디스 ㅋㅅ", "레디스 캐시 전략"),
        ("장애 ㄷㅇ", "장애 대응 경험"),
        ("ㄷㅅㅅ 제어", "동시성 제어 방법"),
    ),
    *_ko(
        "half-syllable",
        ("스프링 빈의 생명죽", "스프링 빈의 생명주기는?"),  # 주 + ㄱ of 기
        ("카프카 팥", "카프카 파티션과 컨슈머 그룹"),  # 파 + ㅌ of 티
        ("쿠버넽", "쿠버네티스 배포 전략"),  # 네 + ㅌ of 티
        ("과제 젆", "과제 전형 회고"),  # 전 + ㅎ of 형 (ㄶ)
        ("1분 작", "1분 자기소개"),  # 자 + ㄱ of 기
        ("괒", "과제 전형 회고"),  # 과 + ㅈ of 제
    ),
    *_ko(
        "typo",
        ("데이타베이스 인덱스", "데이터베이스 인덱스 설계"),
        ("트랜젝션 격리", "트랜잭션 격리 수준"),
        ("쿠버네티스 배퍼", "쿠버네티스 배포 전략"),
        ("매시지 큐", "메시지 큐를 쓰는 이유"),
        ("자기소게", "자기소개"),
    ),
    *_ko(
        "spacing",
        ("1분자기소개", "1분 자기소개"),
        ("갈등 해결", "갈등해결 사례"),
        ("지원동기", "지원 동기"),
        ("입사후포부", "입사 후 포부"),
        ("레디스캐시", "레디스 캐시 전략"),
    ),
    *_en(
        "case",
        ("message queue", "Message Queue"),
        ("TELL ME ABOUT", "Tell me about yourself"),
        ("rest api", "REST API Design"),
    ),
    *_en(
        "word-order",
        ("queue message", "Message Queue"),
        ("injection dependency", "Dependency Injection"),
        ("collection garbage java", "Garbage Collection in Java"),
        ("udp tcp", "TCP vs UDP"),
    ),
    *_en(
        "acronym",
        ("oop", "Object Oriented Programming"),
        ("tdd", "Test-Driven Development"),
        ("srp", "Single Responsibility Principle"),
    ),
    *_en(
        "symbols",
        ("c++", "C++ Memory Management"),
        ("i/o", "I/O Multiplexing"),
        ("ci/cd", "CI/CD Pipeline"),
        ("node.js", "Node.js Event Loop"),
    ),
    *_en(
        "prefix",
        ("why do you", "Why do you want to join us?"),
        ("cap th", "CAP Theorem"),
        ("describe a conf", "Describe a conflict with a teammate"),
    ),
    # 한/영: typed with the input method in the wrong mode.
    *_ko(
        "layout",
        ("wkrlthro", "자기소개"),
        ("tmvmfld qls", "스프링 빈의 생명주기는?"),
        ("zkvmzk vkxltus", "카프카 파티션과 컨슈머 그룹"),
        ("xmfoswortus rurfl", "트랜잭션 격리 수준"),
        ("dlqtk gn vhqn", "입사 후 포부"),
        ("rufwp tltmxpa", "결제 시스템 멱등성"),
    ),
    *_en(
        "layout",
        ("ㅡㄷㄴㄴㅁㅎㄷ 벼뎓", "Message Queue"),
        ("ㅐㅐㅔ", "Object Oriented Programming"),
        ("ㄱㄷㄴㅅ 메ㅑ", "REST API Design"),
        ("ㅇ데둥두쵸 ㅑㅝㄷㅊ샤ㅐㅜ", "Dependency Injection"),
        ("ㅅ체 ㅍㄴ ㅕ에", "TCP vs UDP"),
    ),
    # One term, two names: the glossary.
    *_ko(
        "cross-language",
        ("kafka partition", "카프카 파티션과 컨슈머 그룹"),
        ("kubernetes 배포", "쿠버네티스 배포 전략"),
        ("redis cache", "레디스 캐시 전략"),
        ("transaction isolation level", "트랜잭션 격리 수준"),
        ("spring bean", "스프링 빈의 생명주기는?"),
        ("self-introduction", "자기소개"),
        ("idempotency", "결제 시스템 멱등성"),
    ),
    *_en(
        "cross-language",
        ("메시지 큐", "Message Queue"),
        ("객체 지향", "Object Oriented Programming"),
        ("의존성 주입", "Dependency Injection"),
        ("자바 가비지 컬렉션", "Garbage Collection in Java"),
        ("테스트 주도 개발", "Test-Driven Development"),
        ("단일 책임 원칙", "Single Responsibility Principle"),
        ("노드 이벤트 루프", "Node.js Event Loop"),
    ),
    # 초성 with one consonant wrong.
    *_ko(
        "slipped",
        ("ㄱㅈㅅ ㅊㅇㅈ", "경쟁사와의 차별점"),  # 차별점 is ㅊㅂㅈ
        ("ㅋㅂㄴㅌㅈ ㅂㅍ", "쿠버네티스 배포 전략"),  # 쿠버네티스 is ㅋㅂㄴㅌㅅ
        ("ㅅㅍㄹ ㅂㅇ ㅅㅁㅈㅈ", "스프링 빈의 생명주기는?"),  # 생명주기 is ㅅㅁㅈㄱ
        ("ㄱㅈㅎㄱ ㅅㄹ", "갈등해결 사례"),  # 갈등해결 is ㄱㄷㅎㄱ
        ("ㄹㄷㅈ ㅋㅅ", "레디스 캐시 전략"),  # 레디스 is ㄹㄷㅅ
        ("ㅋㅍㅋ ㅍㅌㅈ", "카프카 파티션과 컨슈머 그룹"),  # 파티션 is ㅍㅌㅅ
    ),
)

# The notes and queries of issue 15: titles a Korean developer writes, found by what they
# type (wrong layout, the other language's name, 초성) where no peer finds them.
ISSUE_TITLES = (
    "카프카", "Redis", "가상 메모리", "자기소개", "도커 파일 작성방법은?", "프로세스와 스레드",
    "쿠버네티스 파드", "Spring 동작 원리", "데드락", "트랜잭션 격리 수준",
)  # fmt: skip
ISSUE_QUERIES = {
    "wkrlthro": "자기소개",
    "vmfhtptm": "프로세스와 스레드",
    "eoemfkr": "데드락",
    "kafka": "카프카",
    "레디스": "Redis",
    "virtual memory": "가상 메모리",
    "docker": "도커 파일 작성방법은?",
    "kubernetes": "쿠버네티스 파드",
    "스프링": "Spring 동작 원리",
    "deadlock": "데드락",
    "transaction": "트랜잭션 격리 수준",
    "ㅋㅍㅋ": "카프카",
}

# Queries that find nothing in any title: nonsense, which a search should leave empty
# (or rank low), and words that only occur in answers.
NONSENSE = ("ㅋㅋㅋㅋㅋ", "뷁뛟쀍", "zxqvj", "qwrtzpl", "ㅗㅓㅏㅣ", "!!@@##")
ANSWER_ONLY = {
    "롤백 절차": "장애 대응 경험",
    "타임박싱": "단점과 보완 노력",
    "스탬피드": "레디스 캐시 전략",
    "epoll": "I/O Multiplexing",
    "smart pointers": "C++ Memory Management",
}


def keystrokes(query: Query) -> list[str]:
    """Every state of the search box while `query` is typed (Korean through the keyboard)."""
    states = typing_states(query.typed) if hangul.has_hangul(query.typed) else None
    if states is None:
        states = [query.typed[:end] for end in range(1, len(query.typed) + 1)]
    return [state for state in states if state.strip()]
