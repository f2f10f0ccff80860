"""The mock interview's set, without a screen: follow-up chains on nested notes, filters,
how many, the remembered choice, "Question 2 of 5", skipping a chain, per-question
targets and a summary whose sums add up."""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rehearse.core.history import Rehearsal, record_now
from rehearse.core.identity import Question, answered_questions
from rehearse.core.interview import Link, MockInterview, RoundResult, Stage
from rehearse.core.interview_summary import summarize, whole_seconds
from rehearse.core.mock_plan import (
    CHOICE_FILE,
    MockChoice,
    MockPlan,
    Pick,
    Scope,
    chains,
    load_choice,
    plan_interview,
    plan_problem,
    save_choice,
)
from rehearse.core.notebook import open_notebook
from rehearse.core.schedule import Order
from rehearse.core.speech import format_duration
from tests.conftest import FakeClock, write_note

# 꼬리 질문: the sub-questions of an answered question are its follow-ups.
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
### 팬텀 리드
없던 행이 나타납니다.
## 인덱스
행을 빠르게 찾습니다.
"""
OSIV = "JPA의 open session in view"
EAGER = "JPA의 EAGER LAZY 조금 더 알아보기"


@pytest.fixture
def nested(tmp_path: Path) -> list[Question]:
    write_note(tmp_path, "백엔드.md", NESTED)
    return answered_questions(open_notebook(tmp_path))


def titled(found: list[list[tuple[Question, Link]]]) -> list[list[tuple[str, tuple[str, ...]]]]:
    return [[(q.title, link.above) for q, link in chain] for chain in found]


def test_follow_ups_come_depth_first_after_their_question(nested: list[Question]) -> None:
    assert titled(chains(nested, follow_ups=True)) == [
        [
            (OSIV, ()),
            (EAGER, (OSIV,)),
            ("N+1 문제", (OSIV, EAGER)),
            ("영속성 컨텍스트", (OSIV,)),
        ],
        [("트랜잭션 격리 수준", ()), ("팬텀 리드", ("트랜잭션 격리 수준",))],
        [("인덱스", ())],
    ]
    assert [len(chain) for chain in chains(nested, follow_ups=False)] == [1] * 7


def test_a_follow_up_out_of_the_scope_starts_its_own_chain(nested: list[Question]) -> None:
    without_top = [q for q in nested if q.title != OSIV]
    assert titled(chains(without_top, follow_ups=True))[:2] == [
        [(EAGER, ()), ("N+1 문제", (EAGER,))],
        [("영속성 컨텍스트", ())],
    ]


NOW = 2_000_000_000.0
Planned = list[tuple[str, int, tuple[str, ...]]]


def plan(questions: list[Question], records: Sequence[Rehearsal] = (), **choice: Any) -> Planned:
    scope = Scope("all", "All notes", tuple(questions))
    planned = plan_interview(MockPlan(scope, MockChoice(**choice)), questions, records, NOW)
    pairs = zip(planned.questions, planned.links, strict=True)
    return [(q.title, link.group, link.above) for q, link in pairs]


def test_how_many_counts_whole_chains(nested: list[Question]) -> None:
    assert plan(nested, order=Order.NOTES, count=5) == [
        (OSIV, 0, ()),
        (EAGER, 1, ()),
        ("N+1 문제", 2, ()),
        ("영속성 컨텍스트", 3, ()),
        ("트랜잭션 격리 수준", 4, ()),
    ]
    assert plan(nested, order=Order.NOTES, count=2, follow_ups=True) == [
        (OSIV, 0, ()),
        (EAGER, 0, (OSIV,)),
        ("N+1 문제", 0, (OSIV, EAGER)),
        ("영속성 컨텍스트", 0, (OSIV,)),
        ("트랜잭션 격리 수준", 1, ()),
        ("팬텀 리드", 1, ("트랜잭션 격리 수준",)),
    ]
    assert len(plan(nested, count=None)) == 7


def test_due_only_and_never_rehearsed(nested: list[Question]) -> None:
    forgot = record_now("백엔드.md", ("백엔드", "인덱스"), "mock", 60, 30, True, grade=1)
    read = record_now("백엔드.md", ("백엔드", OSIV), "teleprompter", 60, 30, True)
    records = [replace(forgot, at=NOW - 86400 * 3), replace(read, at=NOW - 86400)]
    assert plan(nested, records, pick=Pick.DUE, count=None) == [("인덱스", 0, ())]
    never = [title for title, _, _ in plan(nested, records, pick=Pick.NEW, count=None)]
    assert OSIV not in never and "인덱스" not in never and len(never) == 5
    # With follow-ups a chain is in when any of its questions is: OSIV's chain is, for EAGER.
    chained = plan(nested, records, pick=Pick.NEW, count=1, follow_ups=True, order=Order.NOTES)
    assert [title for title, _, _ in chained] == [OSIV, EAGER, "N+1 문제", "영속성 컨텍스트"]
    empty = MockPlan(Scope("file", "File: 백엔드.md", ()), MockChoice(pick=Pick.DUE))
    assert plan_problem(empty) == "No questions due for review in File: 백엔드.md"


def test_the_choice_is_remembered_and_a_broken_file_gives_the_defaults(tmp_path: Path) -> None:
    assert load_choice(tmp_path) == MockChoice()  # none yet
    chosen = MockChoice("file", Order.SHUFFLED, None, Pick.NEW, True)
    save_choice(tmp_path / "data", chosen)
    assert load_choice(tmp_path / "data") == chosen

    (tmp_path / "data" / CHOICE_FILE).write_text('{"count": 7, "order": "매일", "scope": 3}')
    assert load_choice(tmp_path / "data") == MockChoice()
    (tmp_path / "data" / CHOICE_FILE).write_bytes(b"\xff\xfe not json")
    assert load_choice(tmp_path / "data") == MockChoice()
    (tmp_path / "data" / CHOICE_FILE).unlink()
    os.mkfifo(tmp_path / "data" / CHOICE_FILE)  # never blocks on a FIFO
    assert load_choice(tmp_path / "data") == MockChoice()


@given(
    st.dictionaries(
        st.sampled_from(["scope", "order", "count", "pick", "follow_ups"]),
        st.one_of(st.none(), st.booleans(), st.integers(), st.text(max_size=8)),
    )
)
def test_any_json_gives_a_valid_choice(data: dict[str, object]) -> None:
    choice = MockChoice.from_json(data)
    assert MockChoice.from_json(choice.to_json()) == choice


def chained_interview(nested: list[Question], clock: FakeClock) -> MockInterview:
    planned = plan_interview(
        MockPlan(
            Scope("all", "All notes", tuple(nested)),
            MockChoice(order=Order.NOTES, count=None, follow_ups=True),
        ),
        nested,
        [],
        NOW,
    )
    return MockInterview(
        planned.questions, target_s=60.0, thinking_s=0.0, clock=clock, links=planned.links
    )


def test_question_2_of_5_a_follow_up_s_chain_and_n_skipping_the_rest(
    nested: list[Question],
) -> None:
    clock = FakeClock()
    mock = chained_interview(nested, clock)
    assert mock.where() == "Question 1 of 3"
    assert mock.chain == (OSIV,)
    clock.advance(20.0)
    mock.stop()
    mock.grade(3)
    assert mock.where() == "Question 1 of 3 · follow-up 1 of 3"
    assert mock.chain == (OSIV, EAGER)
    mock.skip()  # the rest of the chain goes with it
    assert mock.current.title == "트랜잭션 격리 수준"
    assert mock.where() == "Question 2 of 3"
    assert [(r.question.title, r.skipped) for r in mock.results] == [
        (OSIV, False),
        (EAGER, True),
        ("N+1 문제", True),
        ("영속성 컨텍스트", True),
    ]


def test_a_question_s_own_target_wins_and_6_or_9_set_the_others(nested: list[Question]) -> None:
    clock = FakeClock()
    mock = chained_interview(nested, clock)
    assert mock.target_s == 60.0 and mock.answer.target == 60.0
    mock.set_target(90.0)  # for this one and the next ones without their own
    mock.skip()
    assert mock.current.title == "트랜잭션 격리 수준" and mock.target_s == 90.0  # its own
    mock.set_target(60.0)
    assert mock.target_s == 60.0  # a key wins for the round it is pressed in
    clock.advance(10.0)
    mock.stop()
    record = mock.grade(4)
    assert record.target_s == 60.0
    assert mock.current.title == "팬텀 리드" and mock.target_s == 60.0


def test_the_summary_s_sums_add_up(nested: list[Question]) -> None:
    clock = FakeClock()
    mock = chained_interview(nested, clock)
    for seconds in (7.4, 0.5, 0.5):
        clock.advance(seconds)
        mock.stop()
        mock.grade(3)
    mock.end()
    assert mock.stage is Stage.DONE
    summary = summarize(mock.results, len(mock.questions))
    rows = [format_duration(row.seconds) for row in summary.rows]
    assert rows == ["0:07", "0:01", "0:01", "0:00"]  # the fourth was being answered
    assert format_duration(summary.seconds) == "0:09"  # not 0:08 from the raw 8.4 s
    assert [(row.number, row.depth) for row in summary.rows] == [
        ("1", 0),
        ("", 1),
        ("", 2),
        ("", 1),
    ]
    assert summary.line().startswith("Done: 3 of 7 graded, 0 skipped, 1 not graded, 0:09 spoken")


@given(st.lists(st.floats(min_value=0, max_value=600, allow_nan=False), max_size=30))
def test_the_total_is_always_the_sum_of_the_rows(seconds: list[float]) -> None:
    question = Question.__new__(Question)  # the summary reads only its title
    object.__setattr__(question, "id", ("면접.md", ("질문",)))
    results = [RoundResult(question, s, 60.0, 3, link=Link(n)) for n, s in enumerate(seconds)]
    summary = summarize(results, len(results))
    assert summary.seconds == sum(whole_seconds(s) for s in seconds)
    assert summary.seconds == sum(row.seconds for row in summary.rows)
