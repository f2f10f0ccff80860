"""The teleprompter's one-line figures at 80 columns: the file name at the end is shortened
with an ellipsis, or left out, before any figure is; a question with nothing to say aloud
shows no clock and no keys that have nothing to act on."""

from __future__ import annotations

from pathlib import Path

from rich.cells import cell_len

from rehearse.core.config import Config
from rehearse.core.notebook import open_notebook
from rehearse.ui.fitted_line import FittedLine, fitted
from tests.conftest import FakeClock, write_note
from tests.ui.conftest import QuietRehearseApp, go_to
from tests.ui.test_teleprompter_coach import prompter

SMALL = (80, 24)
LONG_NAME = "카카오 2차 기술 면접 대비 최종 정리본.md"
LONG_ANSWER = "\n\n".join(
    "작년 가을 결제 대행사를 바꾸는 프로젝트가 가장 어려웠습니다. 하루에 삼십만 건이 넘는 "
    "결제를 멈추지 않고 옮겨야 했기 때문입니다."
    for _ in range(7)
)
CODE_ONLY = "# 알고리즘\n\n## 이진 탐색\n```python\nlo, hi = 0, len(a)\n```\n"


def make(folder: Path, text: str) -> tuple[QuietRehearseApp, FakeClock, Path]:
    path = write_note(folder, LONG_NAME, text)
    clock = FakeClock()
    app = QuietRehearseApp(
        open_notebook(folder), config=Config(autosave=None), watch=False, clock=clock
    )
    return app, clock, path


def test_the_tail_goes_first_the_figures_last() -> None:
    main = "1:21 at your rate · does not fit 1:00 (needs 1.3×)"
    assert fitted(main, "면접.md", 80) == f"{main} · 면접.md"
    assert fitted(main, "카카오 기술 면접.md", 60) == f"{main} · 카카오…"
    assert fitted(main, "카카오 기술 면접.md", 55) == main  # no room for a useful piece
    assert fitted(main, "", 55) == main
    assert fitted(main, "면접.md", 20) == "1:21 at your rate ·…"  # only when it alone is wider
    for width in range(1, 90):
        assert cell_len(fitted(main, LONG_NAME, width)) <= width
        assert not fitted(main, LONG_NAME, width).endswith(("·", "· "))


async def test_does_not_fit_at_your_rate_keeps_every_figure_at_80_columns(
    tmp_path: Path,
) -> None:
    app, _, path = make(tmp_path, f"# 인성\n\n## 가장 어려웠던 프로젝트\n{LONG_ANSWER}\n")
    async with app.run_test(size=SMALL) as pilot:
        await go_to(pilot, path, "인성", "가장 어려웠던 프로젝트")
        await pilot.press("f5", "f")
        await pilot.pause()
        screen = prompter(app)
        info = screen.query_one("#prompter-info", FittedLine)
        assert screen.has_class("-misfit"), info.text
        assert info.content_size.width < 70
        # 62 columns beside the clock: every figure, then as much of the name as fits.
        assert info.content_size.width == 62
        assert info.text == "1:24 at your rate · does not fit 1:00 (needs 1.4×) · 카카오 2…"
        assert str(info.render()) == info.text


async def test_nothing_to_say_at_80_columns_runs_no_clock_and_offers_no_idle_keys(
    tmp_path: Path,
) -> None:
    app, clock, path = make(tmp_path, CODE_ONLY)
    async with app.run_test(size=SMALL) as pilot:
        await go_to(pilot, path, "알고리즘", "이진 탐색")
        await pilot.press("f5")
        await pilot.pause()
        screen = prompter(app)
        info = screen.query_one("#prompter-info", FittedLine)
        main = "nothing to say aloud here (code only) · → the next question"
        assert info.text.startswith(f"{main} · 카카오"), info.text
        assert info.text.endswith("…") and cell_len(info.text) <= info.content_size.width
        assert not screen.query_one("#prompter-clock").display
        assert not screen.query_one("#prompter-progress").display
        shown = {b.binding.description for b in screen.active_bindings.values() if b.binding.show}
        assert not shown & {"Pause", "Resume", "Faster", "Slower", "Your rate", "Fit to clock"}
        await pilot.press("space", "plus", "f")
        clock.now += 10.0
        screen.tick()
        assert not screen.countdown.running and screen.countdown.elapsed == 0.0
        assert screen.pacer.factor == 1.0
