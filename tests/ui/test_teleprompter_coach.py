"""The teleprompter says what it asks of you, and keeps your place: leaving after →, overtime
counting as finished, questions with nothing to say, per-question targets, rebound keys."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from textual.widgets import Digits, Label, Static

from rehearse.core.config import Config
from rehearse.core.notebook import open_notebook
from rehearse.ui.teleprompter import TeleprompterScreen
from tests.conftest import FakeClock, write_note
from tests.ui.conftest import SIZE, QuietRehearseApp, go_to, section_ref

NOTE = (
    "---\n"
    "company: 예시전자\n"
    "---\n"
    "# 인성\n\n"
    "## 자기소개\n"
    "안녕하세요, 결제 시스템을 만들어 온 백엔드 개발자 김하늘입니다.\n\n"
    "## 지원 동기\n"
    "%% target: 90 %%\n"
    "대규모 트래픽을 다뤄 보고 싶습니다.\n\n"
    "## 준비 중인 질문\n"
    "%% 회사 조사 후 채우기 %%\n\n"
    "# 알고리즘\n\n"
    "## 이진 탐색\n"
    "```python\nlo, hi = 0, len(a)\n```\n"
)


def make(
    tmp_path: Path, text: str = NOTE, **config: Any
) -> tuple[QuietRehearseApp, FakeClock, Path]:
    folder = tmp_path / "notes"
    path = write_note(folder, "인성.md", text)
    write_note(folder, "기술.md", "# 기술\n\n## 인덱스란?\n행을 빠르게 찾는 자료구조입니다.\n")
    clock = FakeClock()
    app = QuietRehearseApp(
        open_notebook(folder), config=Config(autosave=None, **config), watch=False, clock=clock
    )
    return app, clock, path


def prompter(app: QuietRehearseApp) -> TeleprompterScreen:
    screen = app.screen
    assert isinstance(screen, TeleprompterScreen), f"not the teleprompter: {screen!r}"
    return screen


def shown(app: QuietRehearseApp, selector: str) -> str:
    return str(prompter(app).query_one(selector, Label).render())


def clock_of(app: QuietRehearseApp) -> str:
    return prompter(app).query_one("#prompter-clock", Digits).value


def records(tmp_path: Path) -> list[dict[str, Any]]:
    log = tmp_path / "notes" / ".rehearse" / "history.jsonl"
    if not log.exists():
        return []
    return [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]


async def test_escape_after_next_returns_on_the_question_last_shown(tmp_path: Path) -> None:
    app, _, path = make(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await go_to(pilot, path, "인성", "자기소개")
        await pilot.press("f5")
        await pilot.pause()
        await pilot.press("right")
        await pilot.pause()
        assert shown(app, "#prompter-question") == "인성 › 지원 동기"
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, TeleprompterScreen)
        wanted = section_ref(app, path, "인성", "지원 동기")
        cursor = app.main_screen.tree.cursor_node
        assert cursor is not None and cursor.data == wanted  # the tree
        assert app.main_screen.current_ref() == wanted  # and the editor


async def test_next_after_overtime_logs_a_finished_run(tmp_path: Path) -> None:
    app, clock, path = make(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await go_to(pilot, path, "인성", "자기소개")
        await pilot.press("f5")
        await pilot.pause()
        clock.now += 68.0  # the clock shows +0:08
        prompter(app).tick()
        assert clock_of(app) == "+0:08"
        await pilot.press("right")
        await pilot.pause()
        clock.now += 4.0  # the next read to its end (about 3 s), the clock still running
        await pilot.press("left")
        await pilot.pause()
        clock.now += 3.0  # then a little of 지원 동기 again, left half-way
        await pilot.press("escape")
        await pilot.pause()
    found = [(r["heading_path"][-1], r["spoken_s"], r["finished"]) for r in records(tmp_path)]
    assert found == [("자기소개", 68.0, True), ("지원 동기", 4.0, True), ("자기소개", 3.0, False)]


async def test_a_question_with_nothing_to_say_says_why_and_logs_no_run(tmp_path: Path) -> None:
    app, clock, path = make(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await go_to(pilot, path, "알고리즘", "이진 탐색")
        await pilot.press("f5")
        await pilot.pause()
        screen = prompter(app)
        [line] = screen.query(".prompter-line").results(Static)
        assert str(line.render()) == "nothing to say aloud here (code only)"
        assert shown(app, "#prompter-info").startswith("nothing to say aloud here (code only)")
        await pilot.press("space")  # nothing to pause: the clock stays still
        clock.now += 10.0
        screen.tick()
        assert clock_of(app) == "1:00" and not screen.countdown.running
        await pilot.press("escape")
        await pilot.pause()

        await go_to(pilot, path, "인성", "준비 중인 질문")
        await pilot.press("f5")
        await pilot.pause()
        assert shown(app, "#prompter-info").startswith("no answer yet")
        clock.now += 10.0
        await pilot.press("escape")
        await pilot.pause()
    assert records(tmp_path) == []


async def test_f5_on_a_file_starts_on_its_first_question_with_something_to_say(
    tmp_path: Path,
) -> None:
    app, _, path = make(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await go_to(pilot, path, select=False)  # the file node, not a question
        await pilot.press("f5")
        await pilot.pause()
        assert shown(app, "#prompter-question") == "인성 › 자기소개"
        assert clock_of(app) == "1:00"
        await pilot.press("escape")
        await pilot.pause()
        await go_to(pilot, path, "알고리즘", select=False)  # a category of code only, last
        await pilot.press("f5")
        await pilot.pause()
        assert shown(app, "#prompter-question") == "인성 › 지원 동기"  # nothing after: the last


async def test_a_question_s_own_target_and_the_file_s(tmp_path: Path) -> None:
    app, clock, path = make(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await go_to(pilot, path, "인성", "자기소개")
        await pilot.press("f5")
        await pilot.pause()
        assert clock_of(app) == "1:00"  # the config's
        await pilot.press("right")
        await pilot.pause()
        assert clock_of(app) == "1:30"  # %% target: 90 %%
        assert "to spare" in shown(app, "#prompter-info")
        await pilot.press("6")  # a key wins for this question
        assert clock_of(app) == "1:00"
        clock.now += 5.0
        await pilot.press("escape")
        await pilot.pause()
    assert [(r["heading_path"][-1], r["target_s"]) for r in records(tmp_path)] == [
        ("지원 동기", 60.0)
    ]

    text = NOTE.replace("company: 예시전자\n", "company: 예시전자\ntarget_seconds: 45\n")
    app, clock, path = make(tmp_path / "again", text)
    async with app.run_test(size=SIZE) as pilot:
        await go_to(pilot, path, "인성", "자기소개")
        await pilot.press("f5")
        await pilot.pause()
        assert clock_of(app) == "0:45"  # the file's front matter
        await pilot.press("right")
        await pilot.pause()
        assert clock_of(app) == "1:30"  # the question's own comment wins


async def test_space_says_pause_or_resume_and_a_rebound_key_moves_both(tmp_path: Path) -> None:
    app, _, path = make(tmp_path, keymap={"prompter.pause": "p", "prompter.pacing": "x"})
    async with app.run_test(size=SIZE) as pilot:
        await go_to(pilot, path, "인성", "자기소개")
        await pilot.press("f5")
        await pilot.pause()
        screen = prompter(app)

        def words() -> dict[str, str]:
            return {k: b.binding.description for k, b in screen.active_bindings.items()}

        assert words()["p"] == "Pause" and "space" not in words()
        await pilot.press("p")
        assert screen.has_class("-paused") and words()["p"] == "Resume"
        assert shown(app, "#prompter-state").startswith("Paused · ×1.0")
        await pilot.press("p")
        assert not screen.has_class("-paused") and words()["p"] == "Pause"
        assert words()["x"] == "Your rate"
        await pilot.press("x")
        assert words()["x"] == "Fit to clock" and not screen.pacer.fit


async def test_an_answer_written_meanwhile_starts_the_clock(tmp_path: Path) -> None:
    app, clock, path = make(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await go_to(pilot, path, "인성", "준비 중인 질문")
        await pilot.press("f5")
        await pilot.pause()
        screen = prompter(app)
        assert not screen.countdown.running
        text = NOTE.replace("%% 회사 조사 후 채우기 %%\n", "회사의 최근 뉴스를 찾아봤습니다.\n")
        path.write_text(text, encoding="utf-8")
        app.main_screen.files_changed({path})
        await pilot.pause()
        assert screen.countdown.running and not screen.has_class("-silent")
        lines = [str(s.render()) for s in screen.query(".prompter-line").results(Static)]
        assert lines == ["회사의 최근 뉴스를 찾아봤습니다."]
        clock.now += 4.0
        await pilot.press("escape")
        await pilot.pause()
    assert [r["heading_path"][-1] for r in records(tmp_path)] == ["준비 중인 질문"]
