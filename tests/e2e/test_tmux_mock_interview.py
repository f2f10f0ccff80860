"""End to end: a mock interview (F6) in the installed `rehearse` in tmux, graded into the log.

The tmux plumbing is the one tests/e2e/test_tmux.py uses (a private server per test, reads
of `capture-pane -p`, bounded polls for readiness, never a fixed sleep). The config sets
`thinking_seconds: 0`, so each question's answer clock starts at once.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.e2e.test_tmux import BORDER, Screen, Terminal, crumb, down_to, expand

pytestmark = pytest.mark.e2e

NOTE = "면접.md"
CATEGORY = "인성"
FIRST = "자기소개"
SECOND = "지원 동기"
FIRST_ANSWER = "안녕하세요, 결제 시스템을 만들어 온 백엔드 개발자 김하늘입니다."
SECOND_ANSWER = "사용자가 매일 쓰는 서비스를 더 빠르게 만들고 싶어서 지원했습니다."
NOTE_TEXT = f"""\
# {CATEGORY}

## {FIRST}

{FIRST_ANSWER}

## {SECOND}

{SECOND_ANSWER}
"""
TARGET = 60.0  # config.target_seconds by default


@pytest.fixture
def notes(tmp_path: Path) -> Path:
    folder = tmp_path / "notes"
    folder.mkdir()
    (folder / NOTE).write_bytes(NOTE_TEXT.encode("utf-8"))
    return folder


def shows_title(screen: Screen, title: str) -> bool:
    """The mock interview's question, alone on its row inside its box."""
    return any(line.strip().strip("│").strip() == title for line in screen.lines)


def shows_answer(screen: Screen) -> bool:
    return any(
        part in screen.text for part in (FIRST_ANSWER, SECOND_ANSWER, "김하늘", "지원했습니다")
    )


def asking(number: int, title: str) -> Callable[[Screen], bool]:
    def ready(screen: Screen) -> bool:
        return (
            f"Question {number} of 2 · {NOTE} › {CATEGORY}" in screen.text
            and shows_title(screen, title)
            and "Answer aloud: 1:00" in screen.text
        )

    return ready


def test_f6_asks_hides_the_answer_reveals_it_and_logs_the_grade(
    terminal: Terminal, notes: Path, empty_config: Path
) -> None:
    empty_config.write_text(
        "# 모의 면접: 생각할 시간 없이\nthinking_seconds: 0\n", encoding="utf-8"
    )
    log = notes / ".rehearse" / "history.jsonl"

    terminal.start(notes, empty_config)
    terminal.wait_for("the tree", lambda s: s.tree_has(NOTE) and s.tree_has(CATEGORY))
    down_to(terminal, crumb(NOTE, CATEGORY))
    expand(terminal, FIRST)
    screen = down_to(terminal, crumb(NOTE, CATEGORY, FIRST))
    assert FIRST_ANSWER in screen.editor, screen.text  # the main screen previews it

    terminal.keys("F6")
    screen = terminal.wait_for(
        "the mock interview set-up", lambda s: "Mock interview" in s.text and "Start" in s.text
    )
    assert f"Category: {CATEGORY} (2)" in screen.text, screen.text  # the highlighted category

    terminal.keys("Enter")
    screen = terminal.wait_for("the first question, answer clock running", asking(1, FIRST))
    assert not shows_answer(screen), "the answer is on screen while answering:\n" + screen.text
    assert "Think it through" not in screen.text, screen.text  # thinking_seconds: 0 skips it
    assert BORDER not in screen.text, "the editor is still drawn:\n" + screen.text
    assert not log.exists()  # nothing is logged before a grade

    terminal.keys("Space")
    screen = terminal.wait_for(
        "the written answer beside the time taken",
        lambda s: FIRST_ANSWER in s.text and "Time taken" in s.text,
    )
    assert shows_title(screen, FIRST), screen.text
    assert SECOND_ANSWER not in screen.text, screen.text
    assert re.search(r"Target\s+1:00\s+\(in time\)", screen.text), screen.text
    assert "3  good" in screen.text, screen.text

    terminal.keys("3")
    screen = terminal.wait_for("the second question", asking(2, SECOND))
    assert not shows_answer(screen), "an answer is on screen while answering:\n" + screen.text

    terminal.keys("Escape")

    def summary_rows(screen: Screen) -> tuple[bool, bool]:
        rows = [line.split() for line in screen.lines]
        graded = any(row[:2] == ["1", FIRST] and row[-1] == "good" for row in rows)
        skipped = any(
            row[:3] == ["2", *SECOND.split()] and row[-2:] == ["not", "graded"] for row in rows
        )
        return graded, skipped

    # The headline paints a frame before the table: wait for the table's rows themselves.
    screen = terminal.wait_for("the summary table", lambda s: all(summary_rows(s)))
    assert "Done: 1 of 2 graded, 0 skipped, 1 not graded" in screen.text, screen.text
    assert "1 good" in screen.text, screen.text

    lines = log.read_text(encoding="utf-8").splitlines()
    records = [json.loads(line) for line in lines]
    assert len(records) == 1, lines
    record = records[0]
    assert record["mode"] == "mock"
    assert record["grade"] == 3
    assert record["file"] == NOTE
    assert record["heading_path"] == [CATEGORY, FIRST]
    assert record["target_s"] == TARGET
    assert 0.0 <= record["spoken_s"] < TARGET
    assert record["finished"] is True
    assert re.fullmatch(r"[0-9a-f]{16}", record["answer_digest"]), record

    terminal.keys("Escape")  # closes the summary
    screen = terminal.wait_for(
        "the main screen with the rehearsal marked",
        lambda s: BORDER in s.text and any(FIRST in row and "✓ today" in row for row in s.tree),
    )
    assert not any(SECOND in row and "✓" in row for row in screen.tree), screen.text

    terminal.keys("C-q")
    assert terminal.wait_for_exit() == 0
    assert (notes / NOTE).read_bytes() == NOTE_TEXT.encode("utf-8")  # the notes are untouched
    assert len(log.read_text(encoding="utf-8").splitlines()) == 1


OS_NOTE = "운영체제.md"
OS_PARENT = "프로세스와 스레드의 차이는 무엇인가요?"
OS_CHILD = "컨텍스트 스위칭"
OS_TEXT = f"""\
# 운영체제
## {OS_PARENT}
프로세스는 실행 중인 프로그램이고 스레드는 그 안의 실행 단위입니다.
### {OS_CHILD}
CPU가 다른 작업으로 넘어갈 때 상태를 저장하고 복원하는 과정입니다.
"""


def test_follow_ups_chosen_and_started_from_the_keyboard_alone(
    terminal: Terminal, tmp_path: Path, empty_config: Path
) -> None:
    folder = tmp_path / "os-notes"
    folder.mkdir()
    (folder / OS_NOTE).write_bytes(OS_TEXT.encode("utf-8"))
    empty_config.write_text("thinking_seconds: 0\n", encoding="utf-8")

    terminal.start(folder, empty_config)
    terminal.wait_for("the tree", lambda s: s.tree_has(OS_NOTE))
    terminal.keys("F6")
    terminal.wait_for("the set-up", lambda s: "With follow-ups" in s.text and "Start" in s.text)
    # From Start to the follow-ups box, tick it (the mark shows in colour only) and start,
    # typed at once: Enter comes after the keys before it.
    terminal.keys("BTab", "Space", "Enter")
    terminal.wait_for(
        "the chain's first question",
        lambda s: "Question 1 of 1" in s.text and shows_title(s, OS_PARENT),
    )
    terminal.keys("Space")
    terminal.wait_for("its answer", lambda s: "Time taken" in s.text)
    terminal.keys("3")
    screen = terminal.wait_for(
        "the follow-up under its chain",
        lambda s: "Question 1 of 1 · follow-up 1 of 1" in s.text and shows_title(s, OS_CHILD),
    )
    assert f"{OS_PARENT} ›" in screen.text, screen.text
    terminal.keys("C-q")
    assert terminal.wait_for_exit() == 0
