"""The mock interview (F6), driven with a fake clock: setup, thinking, answering with the
answer hidden, hints, reveal, grades in the rehearsal log, the summary and the schedule."""

from __future__ import annotations

import asyncio
import io
import json
import os
import time
from pathlib import Path
from typing import Any

import pytest
from rich.console import Console
from rich.style import Style
from textual.command import CommandList, CommandPalette
from textual.pilot import Pilot
from textual.widgets import DataTable, Digits, RadioButton, RadioSet, Static

from rehearse.core.config import Config
from rehearse.core.history import Rehearsal, RehearsalLog
from rehearse.core.notebook import open_notebook
from rehearse.ui.commands import QuestionProvider
from rehearse.ui.mock_interview import MockInterviewScreen, MockSetupScreen
from rehearse.ui.progress_screen import ProgressScreen
from tests.conftest import FakeClock, write_note
from tests.ui.conftest import SIZE, QuietRehearseApp, go_to, label_text, node_for, section_ref

INTRO_LINES = [
    "안녕하세요, 결제 시스템을 만들어 온 백엔드 개발자 김하늘입니다.",
    "첫째, 장애가 나도 돈이 사라지지 않게 멱등성 키를 도입했습니다.",
]
MOTIVE = "대규모 트래픽을 다뤄 보고 싶어서 지원했습니다."
STRENGTHS = ["장점은 끈기이고 단점은 완벽주의입니다.", "요즘은 시간을 정해 두고 일합니다."]
NOTE = (
    "# 인성\n"
    "\n"
    "## 자기소개\n" + "\n".join(INTRO_LINES) + "\n"
    "\n"
    "## 지원 동기\n" + MOTIVE + "\n"
    "%% 회사 조사 후 보강할 것 %%\n"
    "\n"
    "## 장단점\n" + "\n".join(STRENGTHS) + "\n"
)
TITLES = ["자기소개", "지원 동기", "장단점"]
# A fragment of each answer that only the answer itself contains.
ANSWER_MARKS = ["멱등성", "트래픽을", "완벽주의"]


def make(
    tmp_path: Path, note: str = NOTE, others: dict[str, str] | None = None, **settings: Any
) -> tuple[QuietRehearseApp, FakeClock, Path]:
    folder = tmp_path / "notes"
    path = write_note(folder, "면접.md", note)
    for name, text in (others or {}).items():
        write_note(folder, name, text)
    clock = FakeClock()
    config = Config(autosave=None, **settings)
    app = QuietRehearseApp(open_notebook(folder), config=config, watch=False, clock=clock)
    return app, clock, path


def mock(app: QuietRehearseApp) -> MockInterviewScreen:
    screen = app.screen
    assert isinstance(screen, MockInterviewScreen), f"not the mock interview: {screen!r}"
    return screen


def stage(app: QuietRehearseApp) -> str:
    """The stage as the screen's classes show it: exactly one of them is set."""
    shown = [
        name
        for name in ("thinking", "answering", "revealed", "done")
        if mock(app).has_class(f"-{name}")
    ]
    assert len(shown) == 1, shown
    return shown[0]


def static_text(app: QuietRehearseApp, selector: str) -> str:
    return str(mock(app).query_one(selector, Static).render())


def clock_shown(app: QuietRehearseApp) -> str:
    return mock(app).query_one("#mock-clock", Digits).value


def answer_lines(app: QuietRehearseApp) -> list[str]:
    answer = mock(app).query_one("#mock-answer")
    return [str(line.render()) for line in answer.query(".mock-answer-line").results(Static)]


def screen_text(app: QuietRehearseApp) -> str:
    """Everything on the terminal now, as plain text (what a screenshot would show)."""
    width, height = app.size
    console = Console(
        width=width,
        height=height,
        file=io.StringIO(),
        force_terminal=True,
        color_system=None,
        record=True,
        legacy_windows=False,
        safe_box=False,
    )
    console.print(app.screen._compositor.render_update(full=True))
    return console.export_text()


def assert_answer_hidden(app: QuietRehearseApp) -> None:
    shown = screen_text(app)
    for mark in ANSWER_MARKS:
        assert mark not in shown, f"{mark!r} is on screen before the reveal"
    assert not mock(app).query_one("#mock-reveal").display


def results(app: QuietRehearseApp) -> list[list[str]]:
    table = mock(app).query_one("#mock-results", DataTable)
    return [[str(cell) for cell in table.get_row_at(row)] for row in range(table.row_count)]


def log_records(tmp_path: Path) -> list[dict[str, Any]]:
    log = tmp_path / "notes" / ".rehearse" / "history.jsonl"
    if not log.exists():
        return []
    return [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]


async def pick(pilot: Pilot[None], radio_set: str, label: str) -> None:
    """In the setup, reach a radio set with shift+tab, move to `label` with ↓, press it, tab
    back to Start."""
    setup = pilot.app.screen
    assert isinstance(setup, MockSetupScreen)
    radios = setup.query_one(radio_set, RadioSet)
    labels = [str(button.label) for button in radios.query(RadioButton)]
    index = next(n for n, text in enumerate(labels) if text.startswith(label))
    for _ in range(5):
        if radios.has_focus:
            break
        await pilot.press("shift+tab")
    assert radios.has_focus
    await pilot.press(*["down"] * index, "space")
    assert radios.pressed_index == index, labels
    start = setup.query_one("#mock-start")
    for _ in range(5):
        if start.has_focus:
            break
        await pilot.press("tab")
    assert start.has_focus


async def start(
    pilot: Pilot[None], *, order: str | None = None, scope: str | None = None
) -> MockInterviewScreen:
    """F6, the choices (defaults unless given), Enter."""
    app = pilot.app
    assert isinstance(app, QuietRehearseApp)
    await pilot.press("f6")
    await pilot.pause()
    assert isinstance(app.screen, MockSetupScreen)
    assert app.screen.query_one("#mock-start").has_focus
    if scope is not None:
        await pick(pilot, "#mock-scope", scope)
    if order is not None:
        await pick(pilot, "#mock-order", order)
    await pilot.press("enter")
    await pilot.pause()
    return mock(app)


async def to_answering(pilot: Pilot[None], clock: FakeClock, seconds: float = 5.5) -> None:
    app = pilot.app
    assert isinstance(app, QuietRehearseApp)
    clock.now += seconds
    mock(app).tick()
    await pilot.pause()


def tree_label(app: QuietRehearseApp, path: Path, *titles: str) -> str:
    tree = app.main_screen.tree
    node = node_for(tree, section_ref(app, path, *titles))
    assert node is not None
    return tree.render_label(node, Style(), Style()).plain


# -- the acceptance test ------------------------------------------------------------------------


async def test_three_questions_graded_logged_then_asked_again_in_scheduled_order(
    tmp_path: Path,
) -> None:
    app, clock, _ = make(tmp_path, thinking_seconds=5)
    async with app.run_test(size=SIZE) as pilot:
        screen = await start(pilot, order="Note order")
        grades = {"자기소개": "1", "지원 동기": "4", "장단점": "3"}
        elapsed = {"자기소개": 23.4, "지원 동기": 12.0, "장단점": 31.0}
        for number, title in enumerate(TITLES, start=1):
            # THINKING: the question alone, the thinking countdown, no answer anywhere.
            assert stage(app) == "thinking"
            assert label_text(screen, "#mock-question") == title
            assert label_text(screen, "#mock-where") == f"Question {number} of 3 · 면접.md › 인성"
            assert clock_shown(app) == "0:05"
            assert static_text(app, "#mock-hint") == ""
            if number == 1:
                assert not screen.query_one("#mock-answer").children
                clock.now += 2.0  # the thinking countdown runs on the fake clock
                screen.tick()
                assert stage(app) == "thinking"
                assert clock_shown(app) == "0:03"
                clock.now -= 2.0  # (and the rest of the test counts from the start)
            assert_answer_hidden(app)

            # Past the thinking time: the answer clock starts, the answer stays hidden.
            await to_answering(pilot, clock, 5.5)
            assert stage(app) == "answering"
            assert clock_shown(app) == "1:00"
            assert static_text(app, "#mock-hint") == ""
            assert_answer_hidden(app)
            clock.now += elapsed[title]
            screen.tick()
            assert stage(app) == "answering"
            assert_answer_hidden(app)

            # Space: the written answer beside the time taken.
            await pilot.press("space")
            await pilot.pause()
            assert stage(app) == "revealed"
            verdict = static_text(app, "#mock-verdict")
            seconds = round(elapsed[title])
            assert screen.interview.spoken_s == pytest.approx(elapsed[title])
            assert clock_shown(app) == f"0:{seconds:02d}"
            assert verdict.startswith(f"Time taken  0:{seconds:02d}\nTarget      1:00  (in time)")
            expected = {"자기소개": INTRO_LINES, "지원 동기": [MOTIVE], "장단점": STRENGTHS}
            assert answer_lines(app) == expected[title]  # the comment is not shown
            assert ANSWER_MARKS[number - 1] in screen_text(app)
            await pilot.press(grades[title])
            await pilot.pause()

        assert stage(app) == "done"
        assert label_text(screen, "#mock-summary-line") == (
            "Done: 3 of 3 graded, 0 skipped, 1:06 spoken, 0 cut off by the clock. "
            "Grades: 1 again, 0 hard, 1 good, 1 easy. (enter or esc to close)"
        )
        assert results(app) == [
            ["1", "자기소개", "0:23", "1:00", "again"],
            ["2", "지원 동기", "0:12", "1:00", "easy"],
            ["3", "장단점", "0:31", "1:00", "good"],
        ]
        records = log_records(tmp_path)
        assert [
            (r["mode"], r["file"], r["heading_path"], r["grade"], r["spoken_s"], r["target_s"])
            for r in records
        ] == [
            ("mock", "면접.md", ["인성", "자기소개"], 1, 23.4, 60.0),
            ("mock", "면접.md", ["인성", "지원 동기"], 4, 12.0, 60.0),
            ("mock", "면접.md", ["인성", "장단점"], 3, 31.0, 60.0),
        ]
        assert all(r["finished"] and r["answer_digest"] for r in records)
        assert all(abs(r["at"] - time.time()) < 60 for r in records)

        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is app.screen_stack[0]

        # Scheduled: again (due in a minute), then good (ten minutes), then easy (days).
        # Note order was remembered from the last interview: pick Scheduled again.
        screen = await start(pilot, order="Scheduled")
        asked = [label_text(screen, "#mock-question")]
        for _ in range(2):
            await pilot.press("n")
            await pilot.pause()
            asked.append(label_text(screen, "#mock-question"))
        assert asked == ["자기소개", "장단점", "지원 동기"]
        await pilot.press("escape")
        await pilot.pause()
        assert stage(app) == "done"
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is app.screen_stack[0]
    assert len(log_records(tmp_path)) == 3  # skipping writes nothing


# -- the clock, hints, skipping and ending -------------------------------------------------------


async def test_the_answer_clock_running_out_reveals_the_answer_capped_at_the_target(
    tmp_path: Path,
) -> None:
    app, clock, _ = make(tmp_path, thinking_seconds=5)
    async with app.run_test(size=SIZE) as pilot:
        screen = await start(pilot, order="Note order")
        await to_answering(pilot, clock, 5.0)
        assert stage(app) == "answering"
        clock.now += 52.0
        screen.tick()
        await pilot.pause()
        assert clock_shown(app) == "0:08"
        assert screen.has_class("-warning")  # the last ten seconds
        clock.now += 23.0  # 75 s in all, 15 past the target
        screen.tick()
        await pilot.pause()
        assert stage(app) == "revealed"
        assert not screen.has_class("-warning")
        assert static_text(app, "#mock-verdict").startswith(
            "Time taken  1:00\nTarget      1:00  (time ran out)"
        )
        assert answer_lines(app) == INTRO_LINES
        await pilot.press("2")
        await pilot.pause()
        assert stage(app) == "thinking"
        assert label_text(screen, "#mock-question") == "지원 동기"
    [record] = log_records(tmp_path)
    assert (record["grade"], record["spoken_s"], record["target_s"]) == (2, 60.0, 60.0)
    assert record["finished"] is False  # the clock cut it off


async def test_h_shows_the_first_words_of_each_paragraph_and_more_on_a_second_press(
    tmp_path: Path,
) -> None:
    app, clock, _ = make(tmp_path, thinking_seconds=5)
    async with app.run_test(size=SIZE) as pilot:
        screen = await start(pilot, order="Note order")
        await to_answering(pilot, clock)
        assert static_text(app, "#mock-hint") == ""
        await pilot.press("h")
        await pilot.pause()
        assert static_text(app, "#mock-hint") == "안녕하세요, 결제 시스템을 …\n첫째, 장애가 나도 …"
        assert "안녕하세요, 결제 시스템을 …" in screen_text(app)
        await pilot.press("h")
        await pilot.pause()
        # 8 words: all of the first line, no ellipsis; the second has 9.
        assert static_text(app, "#mock-hint") == (
            "안녕하세요, 결제 시스템을 만들어 온 백엔드 개발자 김하늘입니다.\n"
            "첫째, 장애가 나도 돈이 사라지지 않게 멱등성 키를 …"
        )
        assert stage(app) == "answering"
        assert not screen.query_one("#mock-answer").children
        # The next question starts without a hint.
        await pilot.press("space", "3")
        await pilot.pause()
        assert label_text(screen, "#mock-question") == "지원 동기"
        assert static_text(app, "#mock-hint") == ""


async def test_skip_writes_nothing_and_escape_shows_the_summary(tmp_path: Path) -> None:
    app, clock, path = make(tmp_path, thinking_seconds=5)
    async with app.run_test(size=SIZE) as pilot:
        await go_to(pilot, path, "인성", "자기소개", select=False)
        assert "✓" not in tree_label(app, path, "인성", "자기소개")
        screen = await start(pilot, order="Note order")
        await to_answering(pilot, clock)
        clock.now += 20.0
        await pilot.press("space", "3")  # 자기소개: good
        await pilot.pause()
        assert label_text(screen, "#mock-question") == "지원 동기"
        await pilot.press("n")  # skipped while thinking
        await pilot.pause()
        assert label_text(screen, "#mock-question") == "장단점"
        assert stage(app) == "thinking"
        await to_answering(pilot, clock)
        clock.now += 7.0
        await pilot.press("escape")  # ends mid-answer
        await pilot.pause()
        assert stage(app) == "done"
        assert label_text(screen, "#mock-summary-line").startswith(
            "Done: 1 of 3 graded, 1 skipped, 1 not graded, 0:27 spoken, 0 cut off by the clock. "
            "Grades: 0 again, 0 hard, 1 good, 0 easy."
        )
        assert results(app) == [
            ["1", "자기소개", "0:20", "1:00", "good"],
            ["2", "지원 동기", "0:00", "1:00", "skipped"],
            ["3", "장단점", "0:07", "1:00", "not graded"],  # ended mid-answer: listed, not logged
        ]
        assert "skipped" in screen_text(app)
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is app.screen_stack[0]
        assert tree_label(app, path, "인성", "자기소개").endswith("✓ today")
        assert "✓" not in tree_label(app, path, "인성", "지원 동기")
    assert [(r["heading_path"], r["grade"]) for r in log_records(tmp_path)] == [
        (["인성", "자기소개"], 3)
    ]


async def test_no_thinking_time_starts_straight_with_the_answer_clock(tmp_path: Path) -> None:
    app, clock, _ = make(tmp_path, thinking_seconds=0, target_seconds=90)
    async with app.run_test(size=SIZE) as pilot:
        screen = await start(pilot, order="Note order")
        assert stage(app) == "answering"
        assert clock_shown(app) == "1:30"
        assert label_text(screen, "#mock-stage").startswith("Answer aloud: 1:30")
        assert_answer_hidden(app)
        clock.now += 10.0
        await pilot.press("space", "4")
        await pilot.pause()
        assert stage(app) == "answering"  # the next question too
        assert label_text(screen, "#mock-question") == "지원 동기"
        assert clock_shown(app) == "1:30"
    [record] = log_records(tmp_path)
    assert (record["spoken_s"], record["target_s"], record["grade"]) == (10.0, 90.0, 4)


async def test_an_answer_saved_meanwhile_is_the_one_revealed(tmp_path: Path) -> None:
    app, clock, path = make(tmp_path, thinking_seconds=5)
    async with app.run_test(size=SIZE) as pilot:
        screen = await start(pilot, order="Note order")
        await to_answering(pilot, clock)
        edited = NOTE.replace("멱등성 키를", "재시도에도 안전한 멱등성 키를")
        path.write_text(edited, encoding="utf-8")
        app.main_screen.files_changed({path})  # what the folder watcher reports
        await pilot.pause()
        assert stage(app) == "answering"
        assert_answer_hidden(app)
        await pilot.press("space")
        await pilot.pause()
        assert answer_lines(app) == [
            INTRO_LINES[0],
            "첫째, 장애가 나도 돈이 사라지지 않게 재시도에도 안전한 멱등성 키를 도입했습니다.",
        ]
        assert label_text(screen, "#mock-question") == "자기소개"


# -- which questions -----------------------------------------------------------------------------

TWO_CATEGORIES = (
    "# 인성\n\n"
    "## 자기소개\n저는 결제 시스템을 만들었습니다.\n\n"
    "## 지원 동기\n대규모 트래픽을 다뤄 보고 싶습니다.\n\n"
    "# 기술\n\n"
    "## Kafka란 무엇인가요?\n분산 로그 기반의 메시지 브로커입니다.\n\n"
    "## 트랜잭션 격리 수준\n읽기 현상을 어디까지 막을지 정합니다.\n"
)
BEHAVIORAL = "# Behavioral\n\n## Tell me about a conflict\n먼저 듣고, 작은 실험을 제안했습니다.\n"


async def test_the_category_of_the_selected_question_is_the_first_scope(tmp_path: Path) -> None:
    app, _, path = make(tmp_path, note=TWO_CATEGORIES, others={"behavioral.md": BEHAVIORAL})
    async with app.run_test(size=SIZE) as pilot:
        await go_to(pilot, path, "인성", "지원 동기", select=False)
        await pilot.press("f6")
        await pilot.pause()
        setup = app.screen
        assert isinstance(setup, MockSetupScreen)
        scopes = setup.query_one("#mock-scope", RadioSet)
        assert [str(b.label) for b in scopes.query(RadioButton)] == [
            "Category: 인성 (2)",
            "File: 면접.md (4)",
            "All notes (5)",
        ]
        assert scopes.pressed_index == 0
        await pilot.press("enter")
        await pilot.pause()
        screen = mock(app)
        assert [q.title for q in screen.interview.questions] == ["자기소개", "지원 동기"]
        assert label_text(screen, "#mock-where") == "Question 1 of 2 · 면접.md › 인성"
        await pilot.press("n", "n")
        await pilot.pause()
        assert stage(app) == "done"
        assert [row[1] for row in results(app)] == ["자기소개", "지원 동기"]
        await pilot.press("enter")
        await pilot.pause()

        screen = await start(pilot, scope="File")
        assert [q.title for q in screen.interview.questions] == [
            "자기소개",
            "지원 동기",
            "Kafka란 무엇인가요?",
            "트랜잭션 격리 수준",
        ]


# -- reading the question aloud ------------------------------------------------------------------


async def wait_for_lines(path: Path, count: int, timeout: float = 10.0) -> list[str]:
    """Poll until the fake espeak-ng (a subprocess) has written `count` complete lines."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if path.exists():
            text = path.read_text(encoding="utf-8")
            if text.count("\n") >= count:
                return text.splitlines()
        await asyncio.sleep(0.02)
    raise AssertionError(f"espeak-ng did not write {count} line(s) to {path} in {timeout} s")


VOICE_NOTE = (
    "# 인성\n\n"
    "## 자기소개\n저는 결제 시스템을 만들었습니다.\n\n"
    "## Tell me about a conflict\n먼저 듣고, 작은 실험을 제안했습니다.\n"
)


async def test_questions_are_read_aloud_with_espeak_ng_in_their_language(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    spoken = tmp_path / "spoken.txt"
    script = bin_dir / "espeak-ng"
    script.write_text(
        f"#!/bin/sh\nprintf '%s|' \"$@\" >> '{spoken}'\nprintf '\\n' >> '{spoken}'\n",
        encoding="utf-8",
    )
    script.chmod(0o755)
    monkeypatch.setenv("PATH", str(bin_dir))
    app, clock, _ = make(tmp_path, note=VOICE_NOTE, speak_questions=True)
    async with app.run_test(size=SIZE) as pilot:
        screen = await start(pilot, order="Note order")
        assert await wait_for_lines(spoken, 1) == ["-v|ko|--|자기소개|"]
        await to_answering(pilot, clock)
        await pilot.press("space", "3")
        await pilot.pause()
        assert label_text(screen, "#mock-question") == "Tell me about a conflict"
        lines = await wait_for_lines(spoken, 2)
        assert lines == ["-v|ko|--|자기소개|", "-v|en|--|Tell me about a conflict|"]
        await to_answering(pilot, clock)  # a new stage of the same question: not read again
        await pilot.press("space")
        await pilot.pause()
        assert stage(app) == "revealed"
    assert spoken.read_text(encoding="utf-8").count("\n") == 2


async def test_without_espeak_ng_the_interview_goes_on_silently(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    empty = tmp_path / "empty-bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    app, clock, _ = make(tmp_path, note=VOICE_NOTE, speak_questions=True)
    async with app.run_test(size=SIZE) as pilot:
        screen = await start(pilot, order="Note order")
        assert stage(app) == "thinking"
        await to_answering(pilot, clock)
        clock.now += 9.0
        await pilot.press("space", "2")
        await pilot.pause()
        assert label_text(screen, "#mock-question") == "Tell me about a conflict"
        assert not [notice for notice in app.notices if notice.severity != "information"]
    [record] = log_records(tmp_path)
    assert (record["grade"], record["spoken_s"]) == (2, 9.0)


# -- nothing opens over it -----------------------------------------------------------------------


async def test_other_screens_do_not_open_over_the_mock_interview(tmp_path: Path) -> None:
    app, clock, path = make(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await go_to(pilot, path, "인성", "자기소개", select=False)
        await pilot.press("f6")
        await pilot.pause()
        setup = app.screen
        assert isinstance(setup, MockSetupScreen)
        for key in ("f5", "f6", "f7", "ctrl+k"):
            await pilot.press(key)
            await pilot.pause()
            assert app.screen is setup, key
        await pilot.press("enter")
        await pilot.pause()
        screen = mock(app)
        depth = len(app.screen_stack)
        for current in ("thinking", "answering", "revealed", "done"):
            if current == "answering":
                await to_answering(pilot, clock)
            elif current == "revealed":
                await pilot.press("space")
            elif current == "done":
                await pilot.press("escape")
            await pilot.pause()
            assert stage(app) == current
            for key in ("f5", "f6", "f7", "ctrl+k"):
                await pilot.press(key)
                await pilot.pause()
                assert app.screen is screen, (current, key)
                assert len(app.screen_stack) == depth


async def run_from_palette(pilot: Pilot[None], command: str) -> None:
    """ctrl+p, type the command's name, wait for the background search's hits, run the first."""
    await pilot.press("ctrl+p")
    await pilot.pause()
    palette = pilot.app.screen
    assert isinstance(palette, CommandPalette)
    await pilot.press(*command)
    hits = palette.query_one(CommandList)
    for _ in range(200):
        if hits.option_count:
            break
        await pilot.pause()
    assert str(hits.get_option_at_index(0).prompt).startswith(command)
    await pilot.press("down", "enter")
    await pilot.pause()
    await pilot.pause()


async def test_the_palette_command_opens_the_setup(tmp_path: Path) -> None:
    app, _, _ = make(tmp_path, thinking_seconds=5)
    async with app.run_test(size=SIZE) as pilot:
        await run_from_palette(pilot, "Mock interview")
        assert isinstance(app.screen, MockSetupScreen)
        await pilot.press("escape")  # cancelled: nothing starts
        await pilot.pause()
        assert app.screen is app.screen_stack[0]
        await run_from_palette(pilot, "Mock interview")
        await pilot.press("enter")
        await pilot.pause()
        assert stage(app) == "thinking"
        assert label_text(mock(app), "#mock-question") == "자기소개"


async def test_f6_and_f7_work_while_an_answer_is_being_edited(tmp_path: Path) -> None:
    """The README promises F6 and F7 "anywhere"; Textual's TextArea binds F6 (select line) and
    F7 (select all), and the app's bindings are not priority bindings, so the editor takes them.
    """
    app, _, path = make(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await go_to(pilot, path, "인성", "지원 동기")  # Enter: the editor has focus
        assert app.focused is not None and app.focused.id == "editor-text"
        await pilot.press("f6")
        await pilot.pause()
        assert isinstance(app.screen, MockSetupScreen), "F6 in the editor opened nothing"
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("f7")
        await pilot.pause()
        assert isinstance(app.screen, ProgressScreen), "F7 in the editor opened nothing"


# -- a log that cannot be written ----------------------------------------------------------------


async def test_a_log_that_cannot_be_written_warns_and_the_interview_goes_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app, clock, _ = make(tmp_path, thinking_seconds=5)
    (tmp_path / "notes" / ".rehearse").write_text("not a folder", encoding="utf-8")
    # With `.rehearse` taken, the log moves to the data folder: make that unusable too.
    blocker = tmp_path / "blocker"
    blocker.write_text("a file, not a folder", encoding="utf-8")
    monkeypatch.setenv("REHEARSE_DATA", str(blocker / "data"))
    async with app.run_test(size=SIZE) as pilot:
        screen = await start(pilot, order="Note order")
        await to_answering(pilot, clock)
        clock.now += 11.0
        await pilot.press("space", "3")
        await pilot.pause()
        warnings = [n for n in app.notices if n.message.startswith("Could not write")]
        assert [n.severity for n in warnings] == ["warning"]
        assert "rehearsal log" in warnings[0].message
        assert stage(app) == "thinking"
        assert label_text(screen, "#mock-question") == "지원 동기"
        await pilot.press("space", "space", "1", "space", "space", "4")  # start, stop, grade
        await pilot.pause()
        assert stage(app) == "done"
        assert [row[4] for row in results(app)] == ["good", "again", "easy"]
        assert len([n for n in app.notices if n.message.startswith("Could not write")]) == 3
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is app.screen_stack[0]
    assert (tmp_path / "notes" / ".rehearse").read_text(encoding="utf-8") == "not a folder"
    assert not os.path.exists(blocker / "data")


async def test_the_tree_marks_the_questions_due_for_review(tmp_path: Path) -> None:
    app, _, path = make(tmp_path)
    log = RehearsalLog.for_notes(tmp_path / "notes")
    days_ago = time.time() - 3 * 86400
    for title, grade in (("자기소개", 1), ("지원 동기", 4)):  # again: due long since; easy: not yet
        log.append(
            Rehearsal("면접.md", ("인성", title), "mock", 60.0, 40.0, True, days_ago, grade=grade)
        )
    log.append(Rehearsal("면접.md", ("인성", "장단점"), "teleprompter", 60.0, 40.0, True, days_ago))
    async with app.run_test(size=SIZE) as pilot:
        await go_to(pilot, path, "인성", "자기소개", select=False)
        await app.workers.wait_for_complete()  # the marks are worked out off the main thread
        await pilot.pause()
        assert tree_label(app, path, "인성", "자기소개").endswith("✓ 3d ↻ due")
        assert tree_label(app, path, "인성", "지원 동기").endswith("✓ 3d")  # easy: days to go
        assert tree_label(app, path, "인성", "장단점").endswith("✓ 3d")  # read, never graded


async def test_enter_twice_on_the_summary_closes_it_once(tmp_path: Path) -> None:
    app, _, _ = make(tmp_path, thinking_seconds=5)
    async with app.run_test(size=SIZE) as pilot:
        await start(pilot, order="Note order")
        await pilot.press("escape")  # ended while thinking: an empty summary
        await pilot.pause()
        assert stage(app) == "done"
        assert results(app) == []
        summary = mock(app)
        summary.action_close()
        summary.action_close()  # a second Enter, queued before the screen was gone
        await pilot.pause()
        assert app.screen is app.screen_stack[0]
        await pilot.press("f7")
        await pilot.pause()
        progress = app.screen
        assert isinstance(progress, ProgressScreen)
        progress.action_close()
        progress.action_close()
        await pilot.pause()
        assert app.screen is app.screen_stack[0]


async def test_the_palette_never_offers_answers_during_an_interview(tmp_path: Path) -> None:
    app, _, _ = make(tmp_path, thinking_seconds=0)
    async with app.run_test(size=SIZE) as pilot:
        main = app.screen
        on_main = [hit async for hit in QuestionProvider(main).search("멱등성")]
        assert on_main, "the answer text is found from the main screen"
        screen = await start(pilot, order="Note order")
        assert stage(app) == "answering"
        during = [hit async for hit in QuestionProvider(screen).search("멱등성")]
        assert during == []
        assert [hit async for hit in QuestionProvider(screen).discover()] == []
