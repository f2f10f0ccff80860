"""Snapshot tests of the teleprompter on a committed Korean note, its time set by a fake clock.

The app's clock is a fake injected through `RehearseApp(..., clock=...)`: the screen's own
0.1 s timer still ticks, but the time only moves when a test moves it, so every frame is
the same on every run. `run_before` opens the question, presses F5, moves the clock and
calls `tick()`, then checks the state the picture is meant to show before it is taken.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Digits, Label, Static

from rehearse.core.config import Config
from rehearse.core.notebook import open_notebook
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

SnapCompare = Callable[..., bool]
RunBefore = Callable[[Pilot[None]], Awaitable[None]]


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
    screen = app.screen
    assert isinstance(screen, TeleprompterScreen), f"not the teleprompter: {screen!r}"
    return screen


def current_line(screen: TeleprompterScreen) -> str:
    [current] = screen.query(".prompter-line.-current").results(Static)
    return str(current.render())


def question_text(screen: TeleprompterScreen) -> str:
    return str(screen.query_one("#prompter-question", Label).render())


def after(
    clock: FakeClock, seconds: float, check: Callable[[TeleprompterScreen], None]
) -> RunBefore:
    """Open 인성 › 자기소개, press F5, let `seconds` pass on the fake clock, tick, `check`."""

    async def run_before(pilot: Pilot[None]) -> None:
        app = pilot.app
        assert isinstance(app, QuietRehearseApp)
        await go_to(pilot, NOTE, "인성", "자기소개")
        await app.workers.wait_for_complete()
        await pilot.press("f5")
        await pilot.pause()
        screen = prompter(app)
        assert question_text(screen) == "인성 › 자기소개"
        lines = [str(s.render()) for s in screen.query(".prompter-line").results(Static)]
        assert lines == ANSWER_LINES  # the Obsidian comment is not read aloud
        clock.now += seconds
        screen.tick()
        await pilot.pause()
        check(screen)

    return run_before


def clock_value(screen: TeleprompterScreen) -> str:
    return screen.query_one("#prompter-clock", Digits).value


def read_marks(screen: TeleprompterScreen) -> list[bool]:
    return [s.has_class("-read") for s in screen.query(".prompter-line").results(Static)]


def at_start(screen: TeleprompterScreen) -> None:
    assert clock_value(screen) == "1:00"
    assert current_line(screen) == ANSWER_LINES[0]
    assert read_marks(screen) == [False] * 5
    assert not screen.has_class("-warning") and not screen.has_class("-overtime")
    assert not screen.has_class("-paused")


def half_way(screen: TeleprompterScreen) -> None:
    assert clock_value(screen) == "0:30"
    assert current_line(screen) == ANSWER_LINES[2]  # half the time: the middle line
    assert read_marks(screen) == [True, True, False, False, False]
    assert not screen.has_class("-warning") and not screen.has_class("-overtime")


def overtime(screen: TeleprompterScreen) -> None:
    assert clock_value(screen) == "+0:05"
    assert screen.has_class("-overtime") and not screen.has_class("-warning")
    assert current_line(screen) == ANSWER_LINES[-1]
    assert read_marks(screen) == [True, True, True, True, False]


def test_teleprompter_at_start(snap_compare: SnapCompare) -> None:
    app, clock = snapshot_app()
    assert snap_compare(app, terminal_size=SIZE, run_before=after(clock, 0.0, at_start))


def test_teleprompter_half_way(snap_compare: SnapCompare) -> None:
    app, clock = snapshot_app()
    assert snap_compare(app, terminal_size=SIZE, run_before=after(clock, 30.0, half_way))


def test_teleprompter_in_overtime(snap_compare: SnapCompare) -> None:
    app, clock = snapshot_app()
    assert snap_compare(app, terminal_size=SIZE, run_before=after(clock, 65.0, overtime))
