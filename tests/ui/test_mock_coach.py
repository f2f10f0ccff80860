"""The mock interview as a set you choose: how many, due or never rehearsed, remembered;
follow-up questions with their chain, grouped in the summary and skipped with `n`; footer
words that say what Space does; a question's own target."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Checkbox, RadioSet

from rehearse.core.config import data_dir
from rehearse.core.mock_plan import CHOICE_FILE
from rehearse.ui.mock_interview import MockInterviewScreen, MockSetupScreen
from tests.ui.conftest import SIZE, label_text
from tests.ui.test_mock_interview import log_records, make, mock, pick, results, stage

NESTED = """\
# 백엔드
## JPA의 open session in view
영속성 컨텍스트를 뷰까지 열어 둡니다.
### JPA의 EAGER LAZY 조금 더 알아보기
즉시 로딩과 지연 로딩의 차이입니다.
#### N+1 문제
연관 엔티티를 하나씩 더 조회합니다.
### 영속성 컨텍스트
엔티티를 보관하는 일차 캐시입니다.
## 트랜잭션 격리 수준
%% target: 90 %%
동시에 실행되는 트랜잭션이 서로를 얼마나 보는지 정합니다.
## 인덱스
행을 빠르게 찾습니다.
## 캐시
자주 읽는 값을 가까이 둡니다.
## 샤딩
데이터를 여러 서버에 나눕니다.
"""
OSIV = "JPA의 open session in view"
EAGER = "JPA의 EAGER LAZY 조금 더 알아보기"


def footer_words(screen: MockInterviewScreen) -> dict[str, str]:
    return {
        key: active.binding.description
        for key, active in screen.active_bindings.items()
        if active.binding.show
    }


async def test_how_many_and_which_are_chosen_and_remembered(tmp_path: Path) -> None:
    app, clock, _ = make(tmp_path, NESTED, thinking_seconds=0)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f6")
        await pilot.pause()
        assert isinstance(app.screen, MockSetupScreen)
        await pick(pilot, "#mock-order", "Note order")
        await pilot.press("enter")  # five of eight, the default
        await pilot.pause()
        screen = mock(app)
        assert label_text(screen, "#mock-where") == "Question 1 of 5 · 면접.md › 백엔드"
        clock.now += 10.0
        await pilot.press("space", "3")
        await pilot.pause()
        assert label_text(screen, "#mock-where").startswith("Question 2 of 5 ·")
        await pilot.press("escape", "escape")
        await pilot.pause()
        assert app.screen is app.screen_stack[0]

        await pilot.press("f6")
        await pilot.pause()
        setup = app.screen
        assert isinstance(setup, MockSetupScreen)
        assert setup.query_one("#mock-order", RadioSet).pressed_index == 2  # remembered
        await pick(pilot, "#mock-count", "All")
        await pick(pilot, "#mock-pick", "Never rehearsed")
        await pilot.press("enter")
        await pilot.pause()
        screen = mock(app)
        # Seven never rehearsed (OSIV was graded), in note order.
        assert label_text(screen, "#mock-question") == EAGER
        assert label_text(screen, "#mock-where").startswith("Question 1 of 7 ·")
        await pilot.press("escape", "escape")
        await pilot.pause()

        await pilot.press("f6")
        await pilot.pause()
        setup = app.screen
        assert isinstance(setup, MockSetupScreen)
        assert setup.query_one("#mock-count", RadioSet).pressed_index == 3  # All
        assert setup.query_one("#mock-pick", RadioSet).pressed_index == 2  # Never rehearsed
    assert (data_dir() / CHOICE_FILE).is_file()


async def test_follow_ups_show_their_chain_group_in_the_summary_and_n_skips_the_rest(
    tmp_path: Path,
) -> None:
    app, clock, _ = make(tmp_path, NESTED, thinking_seconds=0)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f6")
        await pilot.pause()
        await pick(pilot, "#mock-order", "Note order")
        setup = app.screen
        assert isinstance(setup, MockSetupScreen)
        await pilot.click("#mock-follow-ups")
        assert setup.query_one("#mock-follow-ups", Checkbox).value
        await pilot.click("#mock-start")
        await pilot.pause()
        screen = mock(app)
        assert label_text(screen, "#mock-question") == OSIV
        assert not screen.has_class("-follow-up")
        assert footer_words(screen)["n"] == "Skip the chain"
        clock.now += 12.0
        await pilot.press("space", "3")
        await pilot.pause()

        assert label_text(screen, "#mock-question") == EAGER
        assert label_text(screen, "#mock-chain") == f"{OSIV} › "
        assert screen.has_class("-follow-up")
        assert label_text(screen, "#mock-where") == (
            "Question 1 of 5 · follow-up 1 of 3 · 면접.md › 백엔드"
        )
        await pilot.press("n")  # EAGER, N+1 and 영속성 컨텍스트 go together
        await pilot.pause()
        assert label_text(screen, "#mock-question") == "트랜잭션 격리 수준"
        assert label_text(screen, "#mock-where").startswith("Question 2 of 5 ·")
        assert footer_words(screen)["n"] == "Skip"  # a chain of one
        await pilot.press("escape")
        await pilot.pause()
        assert stage(app) == "done"
        assert results(app) == [
            ["1", OSIV, "0:12", "1:00", "good"],
            ["", f"↳ {EAGER}", "0:00", "1:00", "skipped"],
            ["", "  ↳ N+1 문제", "0:00", "1:00", "skipped"],
            ["", "↳ 영속성 컨텍스트", "0:00", "1:00", "skipped"],
            ["2", "트랜잭션 격리 수준", "0:00", "1:30", "not graded"],
        ]


async def test_the_footer_says_what_space_does_now(tmp_path: Path) -> None:
    app, _, _ = make(tmp_path, NESTED, thinking_seconds=5)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f6")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        screen = mock(app)
        assert stage(app) == "thinking"
        assert footer_words(screen)["space"] == "Start answering"
        await pilot.press("space")
        await pilot.pause()
        assert stage(app) == "answering"
        assert footer_words(screen)["space"] == "Show the answer"
        await pilot.press("space")
        await pilot.pause()
        assert stage(app) == "revealed"
        words = footer_words(screen)
        assert "space" not in words and words["1"] == "Again" and words["4"] == "Easy"


async def test_a_question_s_own_target_sets_its_clock(tmp_path: Path) -> None:
    app, clock, _ = make(tmp_path, NESTED, thinking_seconds=0)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f6")
        await pilot.pause()
        await pick(pilot, "#mock-order", "Note order")
        await pilot.press("enter")
        await pilot.pause()
        screen = mock(app)
        for _ in range(4):  # to 트랜잭션 격리 수준
            await pilot.press("n")
            await pilot.pause()
        assert label_text(screen, "#mock-question") == "트랜잭션 격리 수준"
        assert label_text(screen, "#mock-stage").startswith("Answer aloud: 1:30")
        clock.now += 70.0
        screen.tick()
        assert stage(app) == "answering"  # 70 s is inside its own 90
        await pilot.press("space", "4")
        await pilot.pause()
    [record] = log_records(tmp_path)
    assert (record["heading_path"][-1], record["target_s"], record["finished"]) == (
        "트랜잭션 격리 수준",
        90.0,
        True,
    )
