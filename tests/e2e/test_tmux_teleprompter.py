"""End to end: the teleprompter (F5) of the installed `rehearse` in tmux, its clock read off screen.

The tmux plumbing (one private server per test, `capture-pane -p` reads, bounded polls)
is the one tests/e2e/test_tmux.py uses. The countdown is a Textual `Digits` widget: three
rows of box-drawing glyphs. To read it, every value from 1:00 down to 0:00 is rendered
with Textual's own Digits renderable and looked for, row by row, in the captured screen.
The readiness check for the second reading is a poll until the clock rows change.
"""

from __future__ import annotations

import time
from functools import cache
from pathlib import Path

import pytest
from rich.console import Console
from textual.renderables.digits import Digits

from tests.e2e.test_tmux import (
    BORDER,
    POLL,
    Screen,
    Terminal,
    crumb,
    open_question,
)

pytestmark = pytest.mark.e2e

NOTE = "면접.md"
# The committed note the teleprompter snapshots use: 인성 › 자기소개 (five lines), 지원 동기,
# 가장 어려웠던 프로젝트 (too long for a minute), 이진 탐색 구현 (code only).
FIXTURE = Path(__file__).resolve().parent.parent / "ui" / "fixtures" / "teleprompter" / NOTE
QUESTION = [NOTE, "인성", "자기소개"]
OTHER = "기술.md"  # a second note: a lone note would start expanded, two start collapsed
OTHER_TEXT = "# 기술\n\n## 인덱스란?\n\n행을 빠르게 찾는 자료구조입니다.\n"
FIRST_LINE = "안녕하세요, 결제 시스템을 만들어 온 백엔드 개발자 김하늘입니다."
LAST_LINE = "예시 회사에서도 믿고 맡길 수 있는 개발자가 되겠습니다."
TARGET = 60  # the default target (config.target_seconds) with an empty config
APART = 1.2  # seconds at least between the two clock readings
CHANGE_TIMEOUT = 10.0  # the clock must have moved on by then
CLOCK_COLUMNS = 16  # padding 2 + "m:ss" in Digits (12 cells) + margin 2; the meter is right of it


@cache
def glyphs(value: str) -> tuple[str, str, str]:
    """The three rows Textual's Digits draws for `value`, trailing blanks stripped."""
    console = Console(width=40, color_system=None, legacy_windows=False)
    with console.capture() as captured:
        console.print(Digits(value))
    top, middle, bottom = captured.get().splitlines()
    return top.rstrip(), middle.rstrip(), bottom.rstrip()


def shown(seconds: int) -> str:
    return f"{seconds // 60}:{seconds % 60:02d}"


def read_clock(screen: Screen) -> int | None:
    """Seconds left on the teleprompter's countdown (0..TARGET), or None if none is drawn."""
    lines = [line.strip() for line in screen.lines]
    found = [
        seconds
        for seconds in range(TARGET + 1)
        for row in range(len(lines) - 2)
        if all(
            lines[row + k] == part or lines[row + k].startswith(part + " ")
            for k, part in enumerate(glyphs(shown(seconds)))
        )
    ]
    assert len(found) <= 1, f"more than one clock reading {found}:\n{screen.text}"
    return found[0] if found else None


def clock_rows(screen: Screen) -> list[str]:
    """The clock's cells: the left of the three rows under the question title (not the meter)."""
    for row, line in enumerate(screen.lines):
        if line.strip() == crumb(*QUESTION[1:]):
            return [text[:CLOCK_COLUMNS] for text in screen.lines[row + 1 : row + 4]]
    raise AssertionError(f"the question title is not on screen:\n{screen.text}")


def on_teleprompter(screen: Screen) -> bool:
    return (
        any(line.strip() == crumb(*QUESTION[1:]) for line in screen.lines)
        and "at your rate" in screen.text
        and read_clock(screen) is not None
    )


@pytest.fixture
def notes(tmp_path: Path) -> Path:
    folder = tmp_path / "notes"
    folder.mkdir()
    (folder / NOTE).write_bytes(FIXTURE.read_bytes())
    (folder / OTHER).write_bytes(OTHER_TEXT.encode("utf-8"))
    return folder


def test_f5_counts_down_in_digits_and_escape_returns_to_the_editor(
    terminal: Terminal, notes: Path, empty_config: Path
) -> None:
    terminal.start(notes, empty_config)
    terminal.wait_for(
        "the tree to list both notes", lambda s: s.tree_has(NOTE) and s.tree_has(OTHER)
    )
    screen = open_question(terminal, QUESTION)
    assert screen.editor_title == crumb(*QUESTION), screen.text

    terminal.keys("F5")
    pressed = time.monotonic()
    first = terminal.wait_for("the teleprompter with its clock", on_teleprompter)
    first_at = time.monotonic()
    assert BORDER not in first.text, "the editor is still drawn:\n" + first.text
    lines = [line.strip() for line in first.lines]
    assert crumb(*QUESTION[1:]) in lines, first.text  # #prompter-question
    assert FIRST_LINE in lines and LAST_LINE in lines, first.text
    assert f"0:26 at your rate · 0:34 to spare · {NOTE}" in first.text, first.text
    before = read_clock(first)
    assert before is not None
    # Started at 1:00 when F5 was handled; no more than the time since (plus a second) gone.
    assert TARGET - (first_at - pressed) - 1 <= before <= TARGET, first.text

    # Readiness: poll until the clock rows differ from the first capture, APART s on at least.
    deadline = first_at + CHANGE_TIMEOUT
    while True:
        second = terminal.screen()
        second_at = time.monotonic()
        if second_at - first_at >= APART and clock_rows(second) != clock_rows(first):
            break
        assert second_at < deadline, (
            f"the clock did not move in {CHANGE_TIMEOUT} s; first:\n{first.text}\n"
            f"then:\n{second.text}"
        )
        time.sleep(POLL)
    after = read_clock(second)
    assert after is not None, "no clock on the second capture:\n" + second.text
    gone = second_at - first_at
    # Whole seconds shown: between the captures it drops by about the time that passed.
    assert gone - 1 <= before - after <= gone + 1, (
        f"{shown(before)} then {shown(after)} {gone:.2f} s later:\n{second.text}"
    )
    assert after < before, second.text
    assert crumb(*QUESTION[1:]) in [line.strip() for line in second.lines], second.text

    terminal.keys("Escape")
    back = terminal.wait_for(
        "the main screen again",
        lambda s: BORDER in s.text and s.editor_title == crumb(*QUESTION),
    )
    assert back.tree_has("자기소개"), back.text
    assert read_clock(back) is None, "the clock is still on screen:\n" + back.text
    assert FIRST_LINE in back.editor, back.text


def test_escape_after_next_returns_the_tree_and_editor_on_the_question_last_shown(
    terminal: Terminal, notes: Path, empty_config: Path
) -> None:
    terminal.start(notes, empty_config)
    terminal.wait_for(
        "the tree to list both notes", lambda s: s.tree_has(NOTE) and s.tree_has(OTHER)
    )
    open_question(terminal, QUESTION)
    terminal.keys("F5")
    terminal.wait_for("the teleprompter with its clock", on_teleprompter)

    terminal.keys("Right")
    motive = crumb("인성", "지원 동기")
    shown = terminal.wait_for(
        "the next question", lambda s: any(line.strip() == motive for line in s.lines)
    )
    assert "0:04 at your rate · 0:56 to spare" in shown.text, shown.text

    terminal.keys("Escape")
    back = terminal.wait_for(
        "the main screen on the question last shown",
        lambda s: BORDER in s.text and s.editor_title == crumb(NOTE, "인성", "지원 동기"),
    )
    assert "대규모 트래픽을 다뤄 보고 싶어서 지원했습니다." in back.editor, back.text
    assert "esc Tree" in back.footer, back.text  # the editor kept the focus it had
    # The tree's cursor is there too: back in the tree, Down goes on to the question after it.
    terminal.keys("Escape")
    terminal.wait_for("the tree to take focus", lambda s: "esc Tree" not in s.footer)
    terminal.keys("Down")
    terminal.wait_for(
        "the question after it",
        lambda s: s.editor_title == crumb(NOTE, "인성", "가장 어려웠던 프로젝트"),
    )
