"""The teleprompter, driven with a fake clock: countdown, pacing, phases, keys, log, live edits."""

from __future__ import annotations

import json
from pathlib import Path

from rich.style import Style
from textual.widgets import Digits, Label, Static

from rehearse.core.config import Config
from rehearse.core.identity import answer_digest
from rehearse.core.notebook import open_notebook
from rehearse.ui.teleprompter import TeleprompterScreen
from tests.conftest import FakeClock, write_note
from tests.ui.conftest import SIZE, QuietRehearseApp, go_to, label_text

ANSWER_LINES = [
    "안녕하세요, 결제 시스템을 만들어 온 백엔드 개발자 김하늘입니다.",
    "첫째, 장애가 나도 돈이 사라지지 않게 멱등성 키를 도입했습니다.",
    "둘째, 지표부터 설계해서 문제를 숫자로 먼저 봅니다.",
    "셋째, 동료와 글로 합의하는 습관을 들였습니다.",
    "예시 회사에서도 믿고 맡길 수 있는 개발자가 되겠습니다.",
]
NOTE = (
    "# 인성\n\n## 자기소개\n"
    + "\n\n".join(ANSWER_LINES)
    + "\n%% 60초 안에 %%\n\n## 지원 동기\n대규모 트래픽을 다뤄 보고 싶습니다.\n"
)


def make(tmp_path: Path) -> tuple[QuietRehearseApp, FakeClock, Path]:
    folder = tmp_path / "notes"
    path = write_note(folder, "인성.md", NOTE)
    clock = FakeClock()
    app = QuietRehearseApp(
        open_notebook(folder), config=Config(autosave=None), watch=False, clock=clock
    )
    return app, clock, path


def prompter(app: QuietRehearseApp) -> TeleprompterScreen:
    screen = app.screen
    assert isinstance(screen, TeleprompterScreen)
    return screen


def shown_time(app: QuietRehearseApp) -> str:
    return prompter(app).query_one("#prompter-clock", Digits).value


def current_line_text(app: QuietRehearseApp) -> str:
    [current] = prompter(app).query(".prompter-line.-current").results(Static)
    return str(current.render())


async def test_countdown_pacing_phases_and_keys(tmp_path: Path) -> None:
    app, clock, path = make(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await go_to(pilot, path, "인성", "자기소개")
        await pilot.press("f5")
        await pilot.pause()
        screen = prompter(app)
        assert label_text(screen, "#prompter-question") == "인성 › 자기소개"
        assert shown_time(app) == "1:00"
        assert current_line_text(app) == ANSWER_LINES[0]
        lines = [str(s.render()) for s in screen.query(".prompter-line").results(Static)]
        assert lines == ANSWER_LINES  # the comment is not read aloud

        clock.now += 13.0
        screen.tick()
        assert shown_time(app) == "0:47"
        # A 26 s answer is read at your rate, not stretched over the minute: half-way now.
        assert current_line_text(app) == ANSWER_LINES[2]
        clock.now += 17.0
        screen.tick()
        assert shown_time(app) == "0:30"
        assert current_line_text(app) == ANSWER_LINES[-1]
        assert not screen.has_class("-warning")

        clock.now += 22.0
        screen.tick()
        assert shown_time(app) == "0:08"
        assert screen.has_class("-warning")

        clock.now += 9.5
        screen.tick()
        assert shown_time(app) == "+0:01"
        assert screen.has_class("-overtime") and not screen.has_class("-warning")
        assert current_line_text(app) == ANSWER_LINES[-1]

        await pilot.press("space")  # paused: the clock stands still
        clock.now += 10.0
        screen.tick()
        assert shown_time(app) == "+0:01"
        assert screen.has_class("-paused")

        await pilot.press("9")  # a 90-second answer: 28.5 s left
        assert shown_time(app) == "0:29"
        await pilot.press("r")
        assert shown_time(app) == "1:30"
        assert current_line_text(app) == ANSWER_LINES[0]


async def test_next_previous_and_escape_with_a_log_record(tmp_path: Path) -> None:
    app, clock, path = make(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await go_to(pilot, path, "인성", "자기소개")
        before = app.main_screen.tree.cursor_node
        await pilot.press("f5")
        await pilot.pause()
        clock.now += 12.0
        await pilot.press("right")
        await pilot.pause()
        assert label_text(prompter(app), "#prompter-question") == "인성 › 지원 동기"
        assert shown_time(app) == "1:00"  # a new question starts a fresh clock
        await pilot.press("left")
        await pilot.pause()
        assert label_text(prompter(app), "#prompter-question") == "인성 › 자기소개"
        clock.now += 5.0
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, TeleprompterScreen)
        assert app.main_screen.tree.cursor_node is before

    log = tmp_path / "notes" / ".rehearse" / "history.jsonl"
    records = [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]
    assert [(r["heading_path"], r["mode"], r["spoken_s"], r["target_s"]) for r in records] == [
        (["인성", "자기소개"], "teleprompter", 12.0, 60.0),
        (["인성", "자기소개"], "teleprompter", 5.0, 60.0),
    ]
    assert [r["file"] for r in records] == ["인성.md", "인성.md"]
    note = open_notebook(tmp_path / "notes").readable[0]
    section = note.find_by_heading_path(("인성", "자기소개"))
    assert section is not None
    digest = answer_digest(note, section)  # so a renamed heading is found again
    assert [r["answer_digest"] for r in records] == [digest, digest]


async def test_an_answer_saved_elsewhere_shows_up_without_losing_the_place(tmp_path: Path) -> None:
    app, clock, path = make(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await go_to(pilot, path, "인성", "자기소개")
        await pilot.press("f5")
        await pilot.pause()
        clock.now += 20.0
        prompter(app).tick()
        path.write_text(NOTE.replace("김하늘입니다", "김하늘이라고 합니다"), encoding="utf-8")
        app.main_screen.files_changed({path})
        await pilot.pause()
        screen = prompter(app)
        lines = [str(s.render()) for s in screen.query(".prompter-line").results(Static)]
        assert lines[0] == ANSWER_LINES[0].replace("김하늘입니다", "김하늘이라고 합니다")
        assert shown_time(app) == "0:40"  # the clock kept running through the reload
        assert isinstance(screen.query_one("#prompter-question", Label), Label)


async def test_the_tree_shows_speaking_time_and_when_last_rehearsed(tmp_path: Path) -> None:
    app, clock, path = make(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await go_to(pilot, path, "인성", "자기소개")
        ref = app.main_screen.tree.cursor_node
        assert ref is not None
        before = app.main_screen.tree.render_label(ref, Style(), Style()).plain
        assert (
            "자기소개  0:" in before and "✓" not in before
        )  # about half a minute, never rehearsed
        await pilot.press("f5")
        await pilot.pause()
        clock.now += 8.0
        await pilot.press("escape")
        await pilot.pause()
        after = app.main_screen.tree.render_label(ref, Style(), Style()).plain
        assert after.endswith("✓ today")


async def test_keys_are_rebound_from_the_config(tmp_path: Path) -> None:
    folder = tmp_path / "notes"
    path = write_note(folder, "인성.md", NOTE)
    clock = FakeClock()
    config = Config(autosave=None, keymap={"prompter.pause": "p"}, target_seconds=90)
    app = QuietRehearseApp(open_notebook(folder), config=config, watch=False, clock=clock)
    async with app.run_test(size=SIZE) as pilot:
        await go_to(pilot, path, "인성", "자기소개")
        await pilot.press("f5")
        await pilot.pause()
        assert shown_time(app) == "1:30"  # target_seconds from the config
        await pilot.press("p")
        clock.now += 10.0
        prompter(app).tick()
        assert shown_time(app) == "1:30"  # paused by the rebound key
        assert prompter(app).has_class("-paused")


async def test_t_cycles_through_60_90_and_the_configured_presets(tmp_path: Path) -> None:
    folder = tmp_path / "notes"
    path = write_note(folder, "인성.md", NOTE)
    config = Config(autosave=None, target_presets=(45, 120))
    app = QuietRehearseApp(open_notebook(folder), config=config, watch=False, clock=FakeClock())
    async with app.run_test(size=SIZE) as pilot:
        await go_to(pilot, path, "인성", "자기소개")
        await pilot.press("f5")
        await pilot.pause()
        shown = [shown_time(app)]
        for _ in range(4):
            await pilot.press("t")
            shown.append(shown_time(app))
        assert shown == ["1:00", "1:30", "2:00", "0:45", "1:00"]
