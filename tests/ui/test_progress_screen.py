"""The progress screen (F7) over a rehearsal log written beforehand: totals, the day chart,
per-category coverage, the due / weakest / never-rehearsed lists, and opening a question."""

from __future__ import annotations

import time
from pathlib import Path

from rich.text import Text
from textual.color import Color
from textual.pilot import Pilot
from textual.widgets import DataTable, OptionList

from rehearse.core.history import Rehearsal, RehearsalLog
from rehearse.ui.progress_plots import DayMinutes
from rehearse.ui.progress_screen import ProgressScreen
from tests.ui.conftest import SIZE, AppFactory, QuietRehearseApp, label_text, text_area
from tests.ui.test_live_reload import wait_until

DAY = 86400.0


def write_log(notes_dir: Path, now: float) -> RehearsalLog:
    """Three rehearsals: one `again` an hour ago (due again), one `easy` (due in days), one
    teleprompter run two days ago that went over time (weak, never graded)."""
    log = RehearsalLog(notes_dir / ".rehearse" / "history.jsonl")
    intro, kafka = ("인성", "자기소개"), ("기술", "Kafka란 무엇인가요?")
    isolation = ("기술", "트랜잭션 격리 수준")
    log.append(Rehearsal("인성.md", intro, "mock", 60.0, 40.0, True, now - 3600, grade=1))
    log.append(Rehearsal("기술.md", kafka, "mock", 60.0, 30.0, True, now - 7200, grade=4))
    log.append(Rehearsal("기술.md", isolation, "teleprompter", 60.0, 75.0, True, now - 2 * DAY))
    return log


def progress_screen(app: QuietRehearseApp) -> ProgressScreen:
    screen = app.screen
    assert isinstance(screen, ProgressScreen), f"not the progress screen: {screen!r}"
    return screen


def options(screen: ProgressScreen, name: str) -> list[str]:
    found = screen.query_one(f"#progress-{name}", OptionList)
    return [str(found.get_option_at_index(n).prompt) for n in range(found.option_count)]


def headings(screen: ProgressScreen) -> list[str]:
    return [str(label.render()) for label in screen.query(".progress-heading")]


def chart_counts(screen: ProgressScreen) -> list[int]:
    """Rehearsals on each day the minutes chart draws, oldest first."""
    return [day.rehearsals for day in screen.query_one("#progress-minutes", DayMinutes).days]


async def open_progress(pilot: Pilot[None]) -> ProgressScreen:
    await pilot.press("f7")
    await pilot.pause()
    app = pilot.app
    assert isinstance(app, QuietRehearseApp)
    return progress_screen(app)


async def test_totals_lists_and_categories_then_enter_opens_a_never_rehearsed_question(
    make_app: AppFactory, notes_dir: Path
) -> None:
    write_log(notes_dir, time.time())
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_progress(pilot)
        assert label_text(screen, "#progress-title") == (
            "3 rehearsals, 2:25 spoken; graded 1 again, 0 hard, 0 good, 1 easy"
        )
        counts = chart_counts(screen)
        assert len(counts) == 30 and sum(counts) == 3
        assert headings(screen) == [
            "Minutes spoken a day, 30 days",
            "Grades a day: again hard good easy",
            "Per category",
            "Due for review (1)",
            "Weakest (2)",
            "Never rehearsed (5)",
            "History: 인성 › 자기소개",  # the highlighted question's runs
        ]
        assert options(screen, "due") == ["인성.md › 인성 › 자기소개"]
        assert options(screen, "weakest") == [
            "인성.md › 인성 › 자기소개  (again, 0:40/1:00)",
            "기술.md › 기술 › 트랜잭션 격리 수준  (read, 1:15/1:00)",
        ]
        never = options(screen, "never")
        assert never == [
            "behavioral.md › Behavioral › Tell me about a conflict",
            "behavioral.md › Behavioral › Greatest weakness",
            "기술.md › 기술 › Kafka란 무엇인가요? › 파티션",
            "인성.md › 인성 › 자기소개 › 1분 자기소개",
            "인성.md › 인성 › 지원 동기",
        ]
        table = screen.query_one("#progress-categories", DataTable)
        rows = [[str(cell) for cell in table.get_row_at(n)] for n in range(table.row_count)]
        assert sorted(rows) == sorted(
            [
                ["behavioral.md › Behavioral", "0", "2"],
                ["기술.md › 기술", "2", "3"],
                ["인성.md › 인성", "1", "3"],
            ]
        )
        assert screen.query_one("#progress-due", OptionList).has_focus  # the first list with items

        # The rehearsal screens do not open over it.
        for key in ("f5", "f6", "f7", "ctrl+k"):
            await pilot.press(key)
            await pilot.pause()
            assert app.screen is screen, key

        never_list = screen.query_one("#progress-never", OptionList)
        for _ in range(5):
            if never_list.has_focus:
                break
            await pilot.press("tab")
        assert never_list.has_focus
        target = never.index("인성.md › 인성 › 지원 동기")
        for _ in range(10):
            if never_list.highlighted == target:
                break
            await pilot.press("down")
        assert never_list.highlighted == target
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is app.screen_stack[0]
        assert label_text(app, "#editor-title") == "인성.md › 인성 › 지원 동기"
        assert app.main_screen.editor.buffer is not None
        assert app.main_screen.editor.buffer.section.title == "지원 동기"
        cursor = app.main_screen.tree.cursor_node
        assert cursor is not None and cursor.data is not None
        assert cursor.data.path == notes_dir / "인성.md"
        # Opened to edit, as Enter in the tree does: what is typed goes into its answer.
        assert app.focused is text_area(app)
        await pilot.press(*"진행")
        assert text_area(app).text.startswith("## 지원 동기\n진행")


async def test_escape_closes_without_opening_anything(
    make_app: AppFactory, notes_dir: Path
) -> None:
    write_log(notes_dir, time.time())
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        editor = app.main_screen.editor
        await wait_until(pilot, lambda: editor.buffer is not None, "the first question shown")
        before, shown = label_text(app, "#editor-title"), editor.buffer
        await open_progress(pilot)
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is app.screen_stack[0]
        assert label_text(app, "#editor-title") == before
        assert editor.buffer is shown


async def test_a_torn_last_line_in_the_log_still_opens(
    make_app: AppFactory, notes_dir: Path
) -> None:
    now = time.time()
    log = write_log(notes_dir, now)
    with log.path.open("ab") as handle:  # a crash in the middle of an append
        handle.write('{"file": "인성.md", "heading_path": ["인성", "지원'.encode())
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_progress(pilot)
        assert label_text(screen, "#progress-title").startswith("3 rehearsals, 2:25 spoken")
        assert options(screen, "due") == ["인성.md › 인성 › 자기소개"]
        assert len(options(screen, "never")) == 5
        assert not [n for n in app.notices if n.severity != "information"]
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is app.screen_stack[0]


async def test_no_log_at_all_shows_every_question_as_never_rehearsed(
    make_app: AppFactory,
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_progress(pilot)
        assert label_text(screen, "#progress-title") == "0 rehearsals, 0:00 spoken"
        assert chart_counts(screen) == [0] * 30
        assert options(screen, "due") == [] and options(screen, "weakest") == []
        assert len(options(screen, "never")) == 8
        assert screen.query_one("#progress-never", OptionList).has_focus


async def test_an_unreadable_log_is_reported_once_and_the_screens_still_open(
    make_app: AppFactory, notes_dir: Path
) -> None:
    (notes_dir / ".rehearse" / "history.jsonl").mkdir(parents=True)  # a folder where it goes
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert any("Could not read the rehearsal log" in n.message for n in app.notices)
        screen = await open_progress(pilot)
        assert label_text(screen, "#progress-title") == "0 rehearsals, 0:00 spoken"
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("f7")  # read again: no second message
        await pilot.pause()
        assert isinstance(app.screen, ProgressScreen)
    problems = [n for n in app.notices if "Could not read the rehearsal log" in n.message]
    assert len(problems) == 1, app.notices
    assert problems[0].severity == "warning"


async def test_the_charts_are_drawn_in_the_theme_s_colours_and_follow_a_new_theme(
    make_app: AppFactory, notes_dir: Path
) -> None:
    write_log(notes_dir, time.time())
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_progress(pilot)
        chart = screen.query_one("#progress-minutes", DayMinutes)
        dark = chart.colour("primary")
        assert dark == Color.parse(app.theme_variables["primary"]).rgb
        app.theme = "rehearse-light"
        await pilot.pause()
        light = chart.colour("primary")
        assert light == Color.parse(app.theme_variables["primary"]).rgb and light != dark
        drawn = chart.render()
        assert isinstance(drawn, Text) and "0m┤" in drawn.plain  # redrawn, its axis in minutes
