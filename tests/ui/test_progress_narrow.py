"""F7 at 80x24 on Korean notes with emoji in their titles: titles as the tree shows them
(`:bulb:` as 💡, joined emoji as their first part, so every row keeps its border), the
headline, the axis labels and whole list rows (an ellipsis, never a clip), and `p` offered
only on a question that has a recording."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path

from rich.cells import cell_len
from textual.pilot import Pilot
from textual.widgets import Label, OptionList

from rehearse.core.config import Config
from rehearse.core.history import Rehearsal
from rehearse.core.identity import answered_questions
from rehearse.core.notebook import open_notebook
from rehearse.core.recordings import Recordings
from rehearse.core.stats import progress
from rehearse.ui.progress_screen import ProgressScreen
from tests.conftest import FakeClock, write_note
from tests.ui.conftest import QuietRehearseApp, label_text
from tests.ui.test_rehearsal_snapshots import DAY, FIXED, HOUR, utc

__all__ = ["utc"]  # the fixture, used by name

SMALL = (80, 24)
TCP = ":bulb: TCP 3 way handshake :large_orange_diamond:"
FAMILY = "👨‍👩‍👧‍👦 가족 이모지가 들어간 아주아주 긴 제목의 질문입니다 정말로 길어요 👍🏽"
NOTE = (
    "# 네트워크\n\n"
    f"## {TCP}\n세 번 주고받으며 연결을 엽니다.\n\n"
    f"## {FAMILY}\n이모지가 많은 제목입니다.\n\n"
    "## 운영체제의 프로세스와 스레드는 어떻게 다른가요 자세히 설명해 주세요\n"
    "프로세스는 실행 중인 프로그램입니다.\n\n"
    "## 데드락\n서로의 자원을 기다립니다.\n"
)
NET = "네트워크"
RECORDS = [
    Rehearsal("면접.md", (NET, TCP), "mock", 60.0, 30.0, True, FIXED - 6 * DAY, grade=4),
    Rehearsal("면접.md", (NET, FAMILY), "mock", 60.0, 75.0, True, FIXED - HOUR, grade=1),
]
# Joined emoji whole, the skin tone left out (as the tree shows them).
FAMILY_SHOWN = "👨‍👩‍👧‍👦 가족 이모지가 들어간 아주아주 긴 제목의 질문입니다 정말로 길어요 👍"
SnapCompare = Callable[..., bool]


def make(tmp_path: Path) -> tuple[QuietRehearseApp, Recordings]:
    folder = tmp_path / "notes"
    write_note(folder, "면접.md", NOTE)
    app = QuietRehearseApp(
        open_notebook(folder), config=Config(autosave=None), watch=False, clock=FakeClock()
    )
    recordings = Recordings(tmp_path / "recordings", max_bytes=10**6)
    return app, recordings


def shown_options(screen: ProgressScreen, name: str) -> list[str]:
    found = screen.query_one(f"#progress-{name}", OptionList)
    return [str(found.get_option_at_index(n).prompt) for n in range(found.option_count)]


def footer_keys(screen: ProgressScreen) -> set[str]:
    return {key for key, active in screen.active_bindings.items() if active.binding.show}


def whole_at_80(screen: ProgressScreen) -> None:
    """Titles as the tree shows them; the headline, the caption and the last label whole."""
    title = label_text(screen, "#progress-title")
    assert title == "2 rehearsals, 1:45 spoken; graded 1 again, 0 hard, 0 good, 1 easy"
    caption = screen.query_one("#progress-caption", Label)
    assert label_text(screen, "#progress-caption") == "1:45 spoken on 2 days; 2 graded"
    assert caption.size.height == 1 and caption.size.width >= cell_len("1:45 spoken on 2 days")
    shown = [*shown_options(screen, "due"), *shown_options(screen, "never")]
    assert shown[0] == f"네트워크 › {FAMILY_SHOWN}"
    assert all("🏽" not in row and ":bulb:" not in row for row in shown)
    history = label_text(screen, "#progress-history-title")
    assert history.startswith(f"History: 네트워크 › {FAMILY_SHOWN[:12]}")
    assert "p" not in footer_keys(screen)  # no recording of any question


def open_progress(
    recordings: Recordings, check: Callable[[ProgressScreen], None] = whole_at_80
) -> Callable[[Pilot[None]], Awaitable[None]]:
    async def run_before(pilot: Pilot[None]) -> None:
        app = pilot.app
        assert isinstance(app, QuietRehearseApp)
        await app.workers.wait_for_complete()
        figures = progress(answered_questions(app.session.notebook), RECORDS, now=FIXED)
        screen = ProgressScreen(figures, FIXED, recordings=recordings, player=lambda _: None)
        await app.push_screen(screen)
        await pilot.pause()
        check(screen)

    return run_before


def test_progress_at_80x24(snap_compare: SnapCompare, tmp_path: Path, utc: None) -> None:
    app, recordings = make(tmp_path)
    assert snap_compare(app, terminal_size=SMALL, run_before=open_progress(recordings))


async def test_titles_show_as_the_tree_shows_them_and_rows_end_in_an_ellipsis(
    tmp_path: Path, utc: None
) -> None:
    app, recordings = make(tmp_path)
    async with app.run_test(size=SMALL) as pilot:
        await open_progress(recordings, lambda _: None)(pilot)
        screen = app.screen
        assert isinstance(screen, ProgressScreen)
        screen.query_one("#progress-weakest", OptionList).focus()
        await pilot.pause()
        weakest = shown_options(screen, "weakest")
        assert weakest == [f"네트워크 › {FAMILY_SHOWN}  (again, 1:15/1:00)"]
        never = screen.query_one("#progress-never", OptionList)
        lines = [never.render_line(y).text for y in range(never.size.height)]
        rows = [line.strip(" ▊▎▔▁") for line in lines]
        assert [row for row in rows if row] == [
            "네트워크 › 운영체제의 프로세스와…",
            "네트워크 › 데드락",
        ]
        days = screen.query_one("#progress-minutes")
        assert "11-21" in "".join(days.render_line(y).text for y in range(days.size.height))


async def test_p_is_offered_only_on_a_question_with_a_recording(tmp_path: Path, utc: None) -> None:
    app, recordings = make(tmp_path)
    played: list[Path] = []
    recorded = recordings.path_for(("면접.md", (NET, FAMILY)), at=FIXED - HOUR)
    recorded.parent.mkdir(parents=True)
    recorded.write_bytes(b"RIFF")
    async with app.run_test(size=SMALL) as pilot:
        await app.workers.wait_for_complete()
        figures = progress(answered_questions(app.session.notebook), RECORDS, now=FIXED)
        await app.push_screen(
            ProgressScreen(figures, FIXED, recordings=recordings, player=played.append)
        )
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ProgressScreen)
        history = screen.query_one("#progress-history-title", Label)
        assert str(history.render()).startswith(f"History: 네트워크 › {FAMILY_SHOWN[:12]}")
        assert "p" in footer_keys(screen)  # the due list's first question was recorded
        await pilot.press("p")
        assert played == [recorded]
        screen.query_one("#progress-never", OptionList).focus()
        await pilot.pause()
        assert str(history.render()).startswith("History: 네트워크 › 운영체제")
        assert "p" not in footer_keys(screen)
        await pilot.press("p")  # not offered: nothing plays
        assert played == [recorded]
