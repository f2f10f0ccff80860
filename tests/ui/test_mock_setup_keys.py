"""The mock interview set-up from the keyboard alone: Enter starts from every field (a list
with the option its cursor is on), the choice that started is the one remembered (Esc and a
set with no question forget), and a follow-up chain runs end to end; a sub-question asked
alone shows the headings above it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Checkbox

from rehearse.core.config import data_dir
from rehearse.core.mock_plan import CHOICE_FILE
from rehearse.ui.mock_interview import MockSetupScreen
from rehearse.ui.mock_setup import Choices
from tests.ui.conftest import SIZE, label_text
from tests.ui.test_mock_coach import EAGER, NESTED, OSIV
from tests.ui.test_mock_interview import make, mock, results, stage

OS_NOTE = """\
# 운영체제
## 프로세스와 스레드의 차이는 무엇인가요?
프로세스는 실행 중인 프로그램이고 스레드는 그 안의 실행 단위입니다.
### 컨텍스트 스위칭
CPU가 다른 작업으로 넘어갈 때 상태를 저장하고 복원하는 과정입니다.
## 데드락이란 무엇인가요?
두 개 이상의 프로세스가 서로의 자원을 기다리며 멈춘 상태입니다.
"""
FIELDS = ["#mock-scope", "#mock-order", "#mock-count", "#mock-pick", "#mock-follow-ups"]


async def open_setup(pilot: Pilot[None]) -> MockSetupScreen:
    await pilot.press("f6")
    await pilot.pause()
    setup = pilot.app.screen
    assert isinstance(setup, MockSetupScreen)
    return setup


async def focus_by_tab(pilot: Pilot[None], setup: MockSetupScreen, selector: str) -> None:
    """Tab (from Start, where the set-up opens) until `selector` has the focus."""
    field = setup.query_one(selector)
    for _ in range(len(FIELDS) + 1):
        if field.has_focus:
            return
        await pilot.press("tab")
    assert field.has_focus, selector


def remembered() -> dict[str, object]:
    data = json.loads((data_dir() / CHOICE_FILE).read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


@pytest.mark.parametrize("field", FIELDS)
async def test_enter_starts_from_every_field(tmp_path: Path, field: str) -> None:
    app, _, _ = make(tmp_path, NESTED, thinking_seconds=0)
    async with app.run_test(size=SIZE) as pilot:
        setup = await open_setup(pilot)
        checkbox = setup.query_one("#mock-follow-ups", Checkbox)
        await focus_by_tab(pilot, setup, field)
        await pilot.press("enter")
        await pilot.pause()
        assert label_text(mock(app), "#mock-where").startswith("Question 1 of 5 ·")
        assert not checkbox.value  # Enter started; it did not tick the box
        assert not mock(app).interview.links[1].above  # and no follow-ups came in


async def test_enter_in_a_list_starts_with_the_option_its_cursor_is_on(tmp_path: Path) -> None:
    app, _, _ = make(tmp_path, NESTED, thinking_seconds=0)
    async with app.run_test(size=SIZE) as pilot:
        setup = await open_setup(pilot)
        await focus_by_tab(pilot, setup, "#mock-count")
        assert setup.query_one("#mock-count", Choices).chosen == 0  # 5
        await pilot.press("down", "down", "down")  # to All, not pressed yet
        assert setup.query_one("#mock-count", Choices).pressed_index == 0
        await pilot.press("enter")
        await pilot.pause()
        assert label_text(mock(app), "#mock-where").startswith("Question 1 of 8 ·")
    assert remembered()["count"] is None  # All


async def test_the_started_choice_is_remembered_and_escape_forgets_changes(
    tmp_path: Path,
) -> None:
    app, _, _ = make(tmp_path, NESTED, thinking_seconds=0)
    async with app.run_test(size=SIZE) as pilot:
        setup = await open_setup(pilot)
        await focus_by_tab(pilot, setup, "#mock-follow-ups")
        await pilot.press("space", "enter")  # Space ticks, Enter starts
        await pilot.pause()
        assert label_text(mock(app), "#mock-question") == OSIV
        await pilot.press("escape", "escape")
        await pilot.pause()
        assert remembered()["follow_ups"] is True

        setup = await open_setup(pilot)
        checkbox = setup.query_one("#mock-follow-ups", Checkbox)
        assert checkbox.value  # the set-up opens with the choice that started
        await focus_by_tab(pilot, setup, "#mock-follow-ups")
        await pilot.press("space")
        assert not checkbox.value
        await pilot.press("escape")  # cancelled: nothing started, nothing kept
        await pilot.pause()
        assert not isinstance(app.screen, MockSetupScreen)
        assert remembered()["follow_ups"] is True

        setup = await open_setup(pilot)
        assert setup.query_one("#mock-follow-ups", Checkbox).value
        await focus_by_tab(pilot, setup, "#mock-pick")
        await pilot.press("down", "down", "enter")  # Never rehearsed: OSIV was not graded
        await pilot.pause()
        assert label_text(mock(app), "#mock-question") == OSIV
        await pilot.press("escape", "escape")
        await pilot.pause()
        assert remembered()["pick"] == "new"


async def test_a_set_with_no_question_is_not_remembered(tmp_path: Path) -> None:
    app, _, _ = make(tmp_path, NESTED, thinking_seconds=0)
    async with app.run_test(size=SIZE) as pilot:
        setup = await open_setup(pilot)
        await focus_by_tab(pilot, setup, "#mock-pick")
        await pilot.press("down", "enter")  # due for review: none yet
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.screen is app.screen_stack[0]
        assert [n.message for n in app._notifications] == [
            "No questions due for review in Category: 백엔드."
        ]
        assert not (data_dir() / CHOICE_FILE).exists()


async def test_a_follow_up_chain_from_the_keyboard_alone(tmp_path: Path) -> None:
    app, clock, _ = make(tmp_path, NESTED, thinking_seconds=0)
    async with app.run_test(size=SIZE) as pilot:
        setup = await open_setup(pilot)
        await focus_by_tab(pilot, setup, "#mock-order")
        await pilot.press("down", "down", "space")  # Note order
        await focus_by_tab(pilot, setup, "#mock-follow-ups")
        await pilot.press("space", "enter")
        await pilot.pause()
        screen = mock(app)
        asked = []
        for seconds in (12.0, 8.0, 5.0, 6.0):  # OSIV, EAGER, N+1, 영속성 컨텍스트
            asked.append((label_text(screen, "#mock-chain"), label_text(screen, "#mock-question")))
            clock.now += seconds
            await pilot.press("space", "3")
            await pilot.pause()
        assert asked == [
            ("", OSIV),
            (f"{OSIV} › ", EAGER),
            (f"{OSIV} › {EAGER} › ", "N+1 문제"),
            (f"{OSIV} › ", "영속성 컨텍스트"),
        ]
        assert label_text(screen, "#mock-where").startswith("Question 2 of 5 · ")
        assert label_text(screen, "#mock-question") == "트랜잭션 격리 수준"
        await pilot.press("escape")
        await pilot.pause()
        assert stage(app) == "done"
        assert [row[1] for row in results(app)][:4] == [
            OSIV,
            f"↳ {EAGER}",
            "  ↳ N+1 문제",
            "↳ 영속성 컨텍스트",
        ]


async def test_a_sub_question_asked_alone_shows_the_headings_above_it(tmp_path: Path) -> None:
    app, clock, _ = make(tmp_path, OS_NOTE, thinking_seconds=0)
    async with app.run_test(size=SIZE) as pilot:
        setup = await open_setup(pilot)
        await focus_by_tab(pilot, setup, "#mock-order")
        await pilot.press("down", "down", "enter")  # Note order, no follow-ups
        await pilot.pause()
        screen = mock(app)
        assert label_text(screen, "#mock-chain") == ""
        assert not screen.has_class("-under")
        clock.now += 10.0
        await pilot.press("space", "3")
        await pilot.pause()
        assert label_text(screen, "#mock-question") == "컨텍스트 스위칭"
        assert label_text(screen, "#mock-where") == "Question 2 of 3 · 면접.md › 운영체제"
        assert label_text(screen, "#mock-chain") == "프로세스와 스레드의 차이는 무엇인가요? › "
        assert screen.has_class("-under") and not screen.has_class("-follow-up")
        assert screen.query_one("#mock-chain").display
