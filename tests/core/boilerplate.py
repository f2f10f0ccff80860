"""A notes folder shaped like public Korean interview repositories: one topic per file,
the same boilerplate sub-headings under every topic, contents lists, code sections.

Written for the tests (and for `check` counts before and after); no real notes in it.
"""

from __future__ import annotations

from pathlib import Path

TOPICS = {
    "Network/TCP.md": ("TCP", "연결 지향 프로토콜로 3 way handshake로 연결을 맺습니다."),
    "Network/UDP.md": ("UDP", "비연결형 프로토콜로 빠르지만 신뢰성을 보장하지 않습니다."),
    "OS/프로세스와 스레드.md": ("프로세스와 스레드", "프로세스는 실행 중인 프로그램입니다."),
    "OS/교착 상태.md": ("교착 상태", "두 작업이 서로의 자원을 기다리며 멈춘 상태입니다."),
    "Database/인덱스.md": ("인덱스", "검색을 빠르게 하려고 정렬된 사본을 둡니다."),
    "Algorithm/Binary Search.md": ("이분 탐색(Binary Search)", "범위를 반씩 줄여 찾습니다."),
}


def topic_note(title: str, answer: str) -> str:
    return (
        f"## {title}\n\n{answer}\n\n<br>\n\n"
        "#### 목차\n\n- [장점](#장점)\n- [단점](#단점)\n\n"
        f"#### 장점\n\n{title}의 장점은 단순함입니다.\n\n"
        f"#### 단점\n\n{title}의 단점도 있습니다.\n\n"
        "#### Code\n\n```java\nint answer = 42;\n```\n\n"
        "#### [참고 자료]\n\n- [블로그](https://example.com/a)\n- https://example.com/b\n\n"
        "##### 추가 자료\n\n- [강의](https://example.com/c)\n\n"
        "#### Reference\n\n- https://example.com/d\n"
    )


# The real problems in it: one question asked twice in two files, one asked twice in one
# file, one empty question, and a long answer.
README = (
    "# Tech Interview\n\n"
    "## Table of Contents\n\n- [Network](#network)\n- [OS](#os)\n\n"
    "## TCP와 UDP의 차이는?\n\nTCP는 연결형이고 UDP는 비연결형입니다.\n\n"
    "## 면접 팁\n\n모르면 모른다고 말합니다.\n\n"
    "## 면접 팁\n\n"
    "## 캐시란 무엇인가요?\n\n"
)
OTHER = (
    "# 정리\n\n## TCP와 UDP의 차이는?\n\n신뢰성과 속도의 차이입니다.\n\n"
    "## 자기소개\n\n" + "가" * 500 + "\n"
)


def make_boilerplate_notes(folder: Path) -> Path:
    for name, (title, answer) in TOPICS.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(topic_note(title, answer), encoding="utf-8")
    (folder / "README.md").write_text(README, encoding="utf-8")
    (folder / "정리.md").write_text(OTHER, encoding="utf-8")
    return folder
