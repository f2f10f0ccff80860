"""Snapshot tests of the mock interview (the question alone, then the reveal) and of the
progress screen, on Korean notes, with a fake clock and rehearsal records at fixed times.

`run_before` drives the app and checks the state the picture is meant to show before it
is taken. The progress screen is pushed by hand with a fixed "today", so its 14-day
chart does not move with the date, and the time zone is pinned to UTC for the day labels.
"""

from __future__ import annotations

import os
import time
from collections.abc import Awaitable, Callable, Iterator
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Digits, OptionList, Static

from rehearse.core.config import Config
from rehearse.core.history import Rehearsal
from rehearse.core.identity import answered_questions
from rehearse.core.notebook import open_notebook
from rehearse.core.stats import progress
from rehearse.ui.mock_interview import MockInterviewScreen, MockSetupScreen
from rehearse.ui.progress_plots import DayMinutes
from rehearse.ui.progress_screen import ProgressScreen
from tests.conftest import FakeClock, write_note
from tests.ui.conftest import SIZE, QuietRehearseApp, label_text

NOTE = (
    "# 인성\n"
    "\n"
    "## 자기소개\n"
    "안녕하세요, 결제 시스템을 만들어 온 백엔드 개발자 김하늘입니다.\n"
    "첫째, 장애가 나도 돈이 사라지지 않게 멱등성 키를 도입했습니다.\n"
    "둘째, 지표부터 설계해서 문제를 숫자로 먼저 봅니다.\n"
    "%% 60초 안에 끝낼 것 %%\n"
    "\n"
    "## 지원 동기\n"
    "대규모 트래픽을 다뤄 보고 싶어서 지원했습니다.\n"
    "\n"
    "## 장단점\n"
    "장점은 끈기이고 단점은 완벽주의입니다.\n"
    "\n"
    "# 기술\n"
    "\n"
    "## Kafka란 무엇인가요?\n"
    "분산 로그 기반의 메시지 브로커입니다.\n"
    "\n"
    "## 트랜잭션 격리 수준\n"
    "읽기 현상을 어디까지 막을지 정합니다.\n"
)
FIXED = 1_763_726_400.0  # 2025-11-21 12:00 UTC: "today" on the progress screen
HOUR, DAY = 3600.0, 86400.0
KAFKA, INTRO = ("기술", "Kafka란 무엇인가요?"), ("인성", "자기소개")
STRENGTHS, MOTIVE = ("인성", "장단점"), ("인성", "지원 동기")
RECORDS = [
    Rehearsal("면접.md", KAFKA, "mock", 60.0, 30.0, True, FIXED - 6 * DAY, grade=4),
    Rehearsal("면접.md", INTRO, "teleprompter", 60.0, 55.0, True, FIXED - 3 * DAY),
    Rehearsal("면접.md", STRENGTHS, "teleprompter", 60.0, 72.0, True, FIXED - 3 * DAY),
    Rehearsal("면접.md", MOTIVE, "mock", 60.0, 35.0, True, FIXED - DAY, grade=3),
    Rehearsal("면접.md", INTRO, "mock", 60.0, 48.0, True, FIXED - HOUR, grade=1),
]

SnapCompare = Callable[..., bool]
RunBefore = Callable[[Pilot[None]], Awaitable[None]]


@pytest.fixture
def utc() -> Iterator[None]:
    """Day labels come from local time: pin the zone so the chart is the same everywhere."""
    before = os.environ.get("TZ")
    os.environ["TZ"] = "UTC"
    time.tzset()
    yield
    if before is None:
        del os.environ["TZ"]
    else:
        os.environ["TZ"] = before
    time.tzset()


def snapshot_app(tmp_path: Path) -> tuple[QuietRehearseApp, FakeClock]:
    folder = tmp_path / "notes"
    write_note(folder, "면접.md", NOTE)
    clock = FakeClock()
    config = Config(autosave=None, thinking_seconds=5, target_seconds=60)
    app = QuietRehearseApp(open_notebook(folder), config=config, watch=False, clock=clock)
    app.sub_title = "notes"  # not the temporary folder
    return app, clock


def mock(app: QuietRehearseApp) -> MockInterviewScreen:
    screen = app.screen
    assert isinstance(screen, MockInterviewScreen), f"not the mock interview: {screen!r}"
    return screen


def text(screen: MockInterviewScreen, selector: str) -> str:
    return str(screen.query_one(selector, Static).render())


async def start_interview(pilot: Pilot[None]) -> MockInterviewScreen:
    """F6 and Enter: all notes, scheduled (with no log yet: note order)."""
    app = pilot.app
    assert isinstance(app, QuietRehearseApp)
    await app.workers.wait_for_complete()
    await pilot.press("f6")
    await pilot.pause()
    assert isinstance(app.screen, MockSetupScreen)
    await pilot.press("enter")
    await pilot.pause()
    return mock(app)


def thinking(clock: FakeClock) -> RunBefore:
    async def run_before(pilot: Pilot[None]) -> None:
        screen = await start_interview(pilot)
        clock.now += 2.0
        screen.tick()
        await pilot.pause()
        assert screen.has_class("-thinking")
        assert label_text(screen, "#mock-question") == "자기소개"
        assert label_text(screen, "#mock-where") == "Question 1 of 5 · 면접.md › 인성"
        assert screen.query_one("#mock-clock", Digits).value == "0:03"
        assert text(screen, "#mock-hint") == ""
        assert not screen.query_one("#mock-answer").children

    return run_before


def revealed(clock: FakeClock) -> RunBefore:
    async def run_before(pilot: Pilot[None]) -> None:
        screen = await start_interview(pilot)
        clock.now += 5.0
        screen.tick()
        assert screen.has_class("-answering")
        clock.now += 42.0
        await pilot.press("space")
        await pilot.pause()
        assert screen.has_class("-revealed")
        assert screen.query_one("#mock-clock", Digits).value == "0:42"
        assert text(screen, "#mock-verdict").startswith(
            "Time taken  0:42\nTarget      1:00  (in time)"
        )
        lines = [str(s.render()) for s in screen.query(".mock-answer-line").results(Static)]
        assert lines == [
            "안녕하세요, 결제 시스템을 만들어 온 백엔드 개발자 김하늘입니다.",
            "첫째, 장애가 나도 돈이 사라지지 않게 멱등성 키를 도입했습니다.",
            "둘째, 지표부터 설계해서 문제를 숫자로 먼저 봅니다.",
        ]

    return run_before


def options(screen: ProgressScreen, name: str) -> list[str]:
    found = screen.query_one(f"#progress-{name}", OptionList)
    return [str(found.get_option_at_index(n).prompt) for n in range(found.option_count)]


async def progress_at_fixed_time(pilot: Pilot[None]) -> None:
    app = pilot.app
    assert isinstance(app, QuietRehearseApp)
    await app.workers.wait_for_complete()
    questions = answered_questions(app.session.notebook)
    await app.push_screen(ProgressScreen(progress(questions, RECORDS, now=FIXED), FIXED))
    await pilot.pause()
    screen = app.screen
    assert isinstance(screen, ProgressScreen)
    assert label_text(screen, "#progress-title") == (
        "5 rehearsals, 4:00 spoken; graded 1 again, 0 hard, 1 good, 1 easy"
    )
    days = screen.query_one("#progress-minutes", DayMinutes).days
    assert days[0].day == "2025-10-23" and days[-1].day == "2025-11-21"  # 30 days to today
    assert sum(day.rehearsals for day in days) == 5
    # Again an hour ago and good a day ago are both due; easy six days ago is not yet.
    assert sorted(options(screen, "due")) == ["인성 › 자기소개", "인성 › 지원 동기"]
    assert options(screen, "weakest") == [
        "인성 › 자기소개  (again, 0:48/1:00)",
        "인성 › 장단점  (read, 1:12/1:00)",
    ]
    assert options(screen, "never") == ["기술 › 트랜잭션 격리 수준"]


def test_mock_interview_question_alone(snap_compare: SnapCompare, tmp_path: Path) -> None:
    app, clock = snapshot_app(tmp_path)
    assert snap_compare(app, terminal_size=SIZE, run_before=thinking(clock))


def test_mock_interview_reveal(snap_compare: SnapCompare, tmp_path: Path) -> None:
    app, clock = snapshot_app(tmp_path)
    assert snap_compare(app, terminal_size=SIZE, run_before=revealed(clock))


def test_progress_screen(snap_compare: SnapCompare, tmp_path: Path, utc: None) -> None:
    app, _ = snapshot_app(tmp_path)
    assert snap_compare(app, terminal_size=SIZE, run_before=progress_at_fixed_time)
