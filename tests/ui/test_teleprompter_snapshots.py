"""Snapshot tests of the teleprompter on a committed Korean note, its time set by a fake clock.

The app's clock is a fake injected through `RehearseApp(..., clock=...)`: the screen's own
0.1 s timer still ticks, but the time only moves when a test moves it, so every frame is
the same on every run. `run_before` opens the question, presses F5, moves the clock, presses
the keys of the state, and checks the state the picture is meant to show before it is taken.

The note: 인성 › 자기소개 (five lines, about 0:26 at the default rate: a short answer),
지원 동기, 가장 어려웠던 프로젝트 (about 1:21: it does not fit 1:00) and 이진 탐색 구현 (code only).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Digits, Label, Static

from rehearse.core.config import Config
from rehearse.core.notebook import open_notebook
from rehearse.ui.fitted_line import FittedLine
from rehearse.ui.keys_help import KeysScreen
from rehearse.ui.teleprompter import TeleprompterScreen
from tests.conftest import FakeClock
from tests.ui.conftest import SIZE, QuietRehearseApp, go_to

# Committed fixture note: the screen must not depend on temporary folders.
NOTES = Path(__file__).resolve().parent / "fixtures" / "teleprompter"
NOTE = NOTES / "면접.md"
ANSWER_LINES = [
    "안녕하세요, 결제 시스템을 만들어 온 백엔드 개발자 김하늘입니다.",
    "첫째, 장애가 나도 돈이 사라지지 않게 멱등성 키를 도입했습니다.",
    "둘째, 지표부터 설계해서 문제를 숫자로 먼저 봅니다.",
    "셋째, 동료와 글로 합의하는 습관을 들였습니다.",
    "예시 회사에서도 믿고 맡길 수 있는 개발자가 되겠습니다.",
]
INTRO = ("인성", "자기소개")
PROJECT = ("인성", "가장 어려웠던 프로젝트")
CODE = ("인성", "이진 탐색 구현")
SMALL = (80, 24)

SnapCompare = Callable[..., bool]
RunBefore = Callable[[Pilot[None]], Awaitable[None]]
Check = Callable[[TeleprompterScreen], None]


def snapshot_app() -> tuple[QuietRehearseApp, FakeClock]:
    clock = FakeClock()
    app = QuietRehearseApp(
        open_notebook(NOTES), config=Config(autosave=None), watch=False, clock=clock
    )
    # The header shows the notes folder: show it relative to the repository instead.
    assert app.sub_title == str(NOTES)
    app.sub_title = "tests/ui/fixtures/teleprompter"
    return app, clock


def prompter(app: QuietRehearseApp) -> TeleprompterScreen:
    screen = app.screen_stack[-1]
    if isinstance(screen, KeysScreen):
        screen = app.screen_stack[-2]
    assert isinstance(screen, TeleprompterScreen), f"not the teleprompter: {screen!r}"
    return screen


def text(screen: TeleprompterScreen, selector: str) -> str:
    return str(screen.query_one(selector, Label).render())


def current_line(screen: TeleprompterScreen) -> str:
    [current] = screen.query(".prompter-line.-current").results(Static)
    return str(current.render())


def footer_words(screen: TeleprompterScreen) -> set[str]:
    """The descriptions the footer shows now."""
    return {b.binding.description for b in screen.active_bindings.values() if b.binding.show}


def clock_value(screen: TeleprompterScreen) -> str:
    return screen.query_one("#prompter-clock", Digits).value


def read_marks(screen: TeleprompterScreen) -> list[bool]:
    return [s.has_class("-read") for s in screen.query(".prompter-line").results(Static)]


def after(
    clock: FakeClock, titles: tuple[str, ...], seconds: float, check: Check, *keys: str
) -> RunBefore:
    """Open `titles`, press F5, let `seconds` pass on the fake clock, press `keys`, `check`."""

    async def run_before(pilot: Pilot[None]) -> None:
        app = pilot.app
        assert isinstance(app, QuietRehearseApp)
        await go_to(pilot, NOTE, *titles)
        await app.workers.wait_for_complete()
        await pilot.press("f5")
        await pilot.pause()
        screen = prompter(app)
        assert text(screen, "#prompter-question") == " › ".join(titles)
        clock.now += seconds
        screen.tick()
        for key in keys:
            await pilot.press(key)
        await pilot.pause()
        check(prompter(app))

    return run_before


def short_answer(screen: TeleprompterScreen) -> None:
    """13 s into a 26 s answer with 60 s on the clock: read at your rate, the slack shown."""
    lines = [str(s.render()) for s in screen.query(".prompter-line").results(Static)]
    assert lines == ANSWER_LINES  # the Obsidian comment is not read aloud
    assert clock_value(screen) == "0:47"
    assert current_line(screen) == ANSWER_LINES[2]  # half the answer, not a fifth of it
    assert text(screen, "#prompter-info") == "0:26 at your rate · 0:34 to spare · 면접.md"
    assert text(screen, "#prompter-state") == "×1.0 · your rate"
    assert not screen.has_class("-misfit") and not screen.has_class("-paused")
    assert "Pause" in footer_words(screen) and "Resume" not in footer_words(screen)


def paused(screen: TeleprompterScreen) -> None:
    assert clock_value(screen) == "0:50"
    assert screen.has_class("-paused")
    assert text(screen, "#prompter-state") == "Paused · ×1.0 · your rate"
    assert "Resume" in footer_words(screen) and "Pause" not in footer_words(screen)


def faster(screen: TeleprompterScreen) -> None:
    assert screen.pacer.factor == 1.2
    assert text(screen, "#prompter-state") == "×1.2 · fit to the clock"


def does_not_fit(screen: TeleprompterScreen) -> None:
    assert clock_value(screen) == "1:00"
    assert screen.has_class("-misfit")  # the warning colour
    assert text(screen, "#prompter-info") == (
        "1:21 at your rate · needs 1.3× to fit 1:00 · 면접.md"
    )
    assert text(screen, "#prompter-state") == "×1.0 · fit to the clock"
    assert "Your rate" in footer_words(screen)  # f reads it at your rate


def read_at_your_rate(screen: TeleprompterScreen) -> None:
    assert screen.has_class("-misfit")
    assert text(screen, "#prompter-info") == (
        "1:21 at your rate · does not fit 1:00 (needs 1.3×) · 면접.md"
    )
    assert text(screen, "#prompter-state") == "×1.0 · your rate"
    assert "Fit to clock" in footer_words(screen)


def overtime(screen: TeleprompterScreen) -> None:
    assert clock_value(screen) == "+0:05"
    assert screen.has_class("-overtime") and not screen.has_class("-warning")
    assert current_line(screen) == ANSWER_LINES[-1]
    assert read_marks(screen) == [True, True, True, True, False]


def code_only(screen: TeleprompterScreen) -> None:
    [line] = screen.query(".prompter-line").results(Static)
    assert str(line.render()) == "nothing to say aloud here (code only)"
    info = screen.query_one("#prompter-info", FittedLine)
    assert info.text == "nothing to say aloud here (code only) · → the next question · 면접.md"
    assert not screen.countdown.running and screen.countdown.elapsed == 0.0
    assert not screen.query_one("#prompter-clock").display  # no clock runs: none is shown
    assert not screen.query_one("#prompter-progress").display
    words = footer_words(screen)
    assert not words & {"Pause", "Resume", "Faster", "Your rate", "Fit to clock"}, words
    assert {"Back", "Previous question", "Keys"} <= words


def keys_listed(screen: TeleprompterScreen) -> None:
    assert isinstance(screen.app.screen, KeysScreen)


def test_teleprompter_short_answer(snap_compare: SnapCompare) -> None:
    app, clock = snapshot_app()
    run = after(clock, INTRO, 13.0, short_answer)
    assert snap_compare(app, terminal_size=SIZE, run_before=run)


def test_teleprompter_paused(snap_compare: SnapCompare) -> None:
    app, clock = snapshot_app()
    run = after(clock, INTRO, 10.0, paused, "space")
    assert snap_compare(app, terminal_size=SIZE, run_before=run)


def test_teleprompter_faster(snap_compare: SnapCompare) -> None:
    app, clock = snapshot_app()
    run = after(clock, PROJECT, 5.0, faster, "plus", "plus")
    assert snap_compare(app, terminal_size=SIZE, run_before=run)


def test_teleprompter_does_not_fit(snap_compare: SnapCompare) -> None:
    app, clock = snapshot_app()
    run = after(clock, PROJECT, 0.0, does_not_fit)
    assert snap_compare(app, terminal_size=SIZE, run_before=run)


def test_teleprompter_does_not_fit_read_at_your_rate(snap_compare: SnapCompare) -> None:
    app, clock = snapshot_app()
    run = after(clock, PROJECT, 0.0, read_at_your_rate, "f")
    assert snap_compare(app, terminal_size=SIZE, run_before=run)


def test_teleprompter_in_overtime(snap_compare: SnapCompare) -> None:
    app, clock = snapshot_app()
    run = after(clock, INTRO, 65.0, overtime)
    assert snap_compare(app, terminal_size=SIZE, run_before=run)


def test_teleprompter_code_only(snap_compare: SnapCompare) -> None:
    app, clock = snapshot_app()
    run = after(clock, CODE, 5.0, code_only)
    assert snap_compare(app, terminal_size=SIZE, run_before=run)


def test_teleprompter_code_only_at_80x24(snap_compare: SnapCompare) -> None:
    app, clock = snapshot_app()
    run = after(clock, CODE, 5.0, code_only, "space")  # Space: nothing to pause
    assert snap_compare(app, terminal_size=SMALL, run_before=run)


def test_teleprompter_does_not_fit_read_at_your_rate_at_80x24(snap_compare: SnapCompare) -> None:
    app, clock = snapshot_app()
    run = after(clock, PROJECT, 0.0, read_at_your_rate, "f")
    assert snap_compare(app, terminal_size=SMALL, run_before=run)


def test_teleprompter_at_80x24_every_main_key_in_the_footer(snap_compare: SnapCompare) -> None:
    app, clock = snapshot_app()
    run = after(clock, PROJECT, 5.0, does_not_fit_small, "space")
    assert snap_compare(app, terminal_size=SMALL, run_before=run)


def does_not_fit_small(screen: TeleprompterScreen) -> None:
    assert screen.has_class("-misfit") and screen.has_class("-paused")
    words = footer_words(screen)
    assert {"Back", "Resume", "Your rate", "Keys"} <= words
    assert {"Previous question", "Faster"} <= words  # the ←→ and +- groups


def test_teleprompter_keys_at_80x24(snap_compare: SnapCompare) -> None:
    app, clock = snapshot_app()
    run = after(clock, INTRO, 2.0, keys_listed, "question_mark")
    assert snap_compare(app, terminal_size=SMALL, run_before=run)
