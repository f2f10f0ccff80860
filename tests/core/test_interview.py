"""The mock interview state machine, driven by a hand-advanced fake clock (no waiting)."""

from __future__ import annotations

import random
import time
from pathlib import Path

import pytest

from rehearse.core.history import Rehearsal
from rehearse.core.identity import Question, answer_digest, answered_questions
from rehearse.core.interview import HINT_WORDS, MockInterview, Stage, hint
from rehearse.core.notebook import open_notebook
from tests.conftest import FakeClock, write_note

NOTE = "면접.md"
NOTE_TEXT = """\
# 인성

## 자기소개

안녕하세요,   결제 시스템을 만들어 온 백엔드 개발자 김하늘입니다.
작은 팀에서 장애 대응을 맡았습니다.

## 지원 동기

사용자가 매일 쓰는 서비스를 더 빠르게 만들고 싶어서 지원했습니다.

# 기술

## 카프카란?

분산 로그입니다.
"""
INTRO = ("인성", "자기소개")
MOTIVE = ("인성", "지원 동기")
KAFKA = ("기술", "카프카란?")


@pytest.fixture
def questions(tmp_path: Path) -> list[Question]:
    write_note(tmp_path, NOTE, NOTE_TEXT)
    found = answered_questions(open_notebook(tmp_path))
    assert [q.heading_path for q in found] == [INTRO, MOTIVE, KAFKA]
    return found


def interview(
    questions: list[Question],
    clock: FakeClock,
    *,
    target: float = 60.0,
    thinking: float = 5.0,
    aliases: dict | None = None,
) -> MockInterview:
    return MockInterview(
        questions, target_s=target, thinking_s=thinking, clock=clock, aliases=aliases
    )


def revealed_after(mock: MockInterview, clock: FakeClock, seconds: float) -> None:
    """Skip the thinking time, answer for `seconds`, stop."""
    if mock.stage is Stage.THINKING:
        mock.start_answer()
    clock.advance(seconds)
    mock.stop()
    assert mock.stage is Stage.REVEALED


# --- thinking, answering, revealing ---------------------------------------------------------


def test_thinking_counts_down_then_the_answer_clock_starts(questions: list[Question]) -> None:
    clock = FakeClock()
    mock = interview(questions, clock, thinking=5.0)
    assert mock.stage is Stage.THINKING
    assert mock.current.heading_path == INTRO
    assert mock.thinking.remaining == 5.0
    clock.advance(4.5)
    mock.tick()
    assert mock.stage is Stage.THINKING
    assert mock.thinking.remaining == 0.5
    assert mock.spoken_s == 0.0  # the answer clock has not started
    clock.advance(0.5)
    mock.tick()
    assert mock.stage is Stage.ANSWERING
    assert mock.answer.running
    assert mock.answer.elapsed == 0.0  # counted from the end of the thinking time
    clock.advance(12.0)
    mock.tick()
    assert mock.stage is Stage.ANSWERING
    assert mock.spoken_s == 12.0
    assert mock.answer.remaining == 48.0


def test_stop_during_thinking_keeps_the_answer_hidden(questions: list[Question]) -> None:
    clock = FakeClock()
    mock = interview(questions, clock)
    clock.advance(2.0)
    mock.stop()  # nothing has been said yet: there is nothing to reveal
    assert mock.stage is Stage.THINKING
    mock.start_answer()  # what Space does while thinking
    assert mock.stage is Stage.ANSWERING
    assert not mock.thinking.running and mock.answer.running
    clock.advance(30.0)
    mock.stop()
    assert mock.stage is Stage.REVEALED
    assert mock.spoken_s == 30.0


def test_refresh_keeps_repeated_headings_apart(tmp_path: Path) -> None:
    note = "# 인성\n## 자기소개\n첫 번째 답입니다.\n## 자기소개\n두 번째 답입니다.\n"
    write_note(tmp_path, "면접.md", note)
    first = answered_questions(open_notebook(tmp_path))
    mock = MockInterview(first, target_s=60.0, thinking_s=0.0, clock=FakeClock())
    write_note(tmp_path, "면접.md", note.replace("두 번째", "고친 두 번째"))
    fresh = answered_questions(open_notebook(tmp_path))
    assert mock.refresh(fresh)  # the current question's note was re-read
    answers = [q.note.answer_text(q.section).strip() for q in mock.questions]
    assert answers == ["첫 번째 답입니다.", "고친 두 번째 답입니다."]


def test_stop_while_answering_fixes_the_time_taken(questions: list[Question]) -> None:
    clock = FakeClock()
    mock = interview(questions, clock, thinking=0)
    clock.advance(23.4)
    mock.stop()
    assert mock.stage is Stage.REVEALED
    assert mock.spoken_s == pytest.approx(23.4)
    clock.advance(100.0)
    mock.tick()
    mock.stop()  # a second stop changes nothing
    assert mock.stage is Stage.REVEALED
    assert mock.spoken_s == pytest.approx(23.4)


@pytest.mark.parametrize("late", [0.0, 0.05, 17.0])
def test_the_answer_clock_running_out_reveals_at_the_target(
    questions: list[Question], late: float
) -> None:
    clock = FakeClock()
    mock = interview(questions, clock, thinking=0, target=60.0)
    clock.advance(59.9)
    mock.tick()
    assert mock.stage is Stage.ANSWERING
    clock.advance(0.1 + late)  # the tick may come late: the time taken is still the target
    mock.tick()
    assert mock.stage is Stage.REVEALED
    assert mock.spoken_s == 60.0
    clock.advance(10.0)
    assert mock.spoken_s == 60.0


def test_thinking_zero_starts_every_round_answering(questions: list[Question]) -> None:
    clock = FakeClock()
    mock = interview(questions, clock, thinking=0)
    assert mock.stage is Stage.ANSWERING
    assert mock.answer.running
    clock.advance(3.0)
    assert mock.spoken_s == 3.0
    mock.stop()
    mock.grade(3)
    assert mock.stage is Stage.ANSWERING
    assert mock.current.heading_path == MOTIVE
    assert mock.spoken_s == 0.0


def test_set_target_changes_the_answer_clock(questions: list[Question]) -> None:
    clock = FakeClock()
    mock = interview(questions, clock, thinking=0, target=60.0)
    mock.set_target(90.0)
    assert mock.answer.remaining == 90.0
    clock.advance(60.0)
    mock.tick()
    assert mock.stage is Stage.ANSWERING  # 60 s no longer ends it
    clock.advance(30.0)
    mock.tick()
    assert mock.stage is Stage.REVEALED
    assert mock.spoken_s == 90.0
    record = mock.grade(2)
    assert record.target_s == 90.0
    assert mock.answer.target == 90.0  # and it stays for the next round
    assert mock.answer.remaining == 90.0


def test_set_target_during_thinking_applies_to_this_round(questions: list[Question]) -> None:
    clock = FakeClock()
    mock = interview(questions, clock, thinking=5.0, target=60.0)
    mock.set_target(90.0)
    clock.advance(5.0)
    mock.tick()
    assert mock.stage is Stage.ANSWERING
    assert mock.answer.remaining == 90.0


# --- grading ----------------------------------------------------------------------------------


def test_grade_is_refused_before_the_answer_is_revealed(questions: list[Question]) -> None:
    clock = FakeClock()
    mock = interview(questions, clock)
    with pytest.raises(ValueError):
        mock.grade(3)  # thinking
    mock.start_answer()
    with pytest.raises(ValueError):
        mock.grade(3)  # answering
    assert mock.results == []
    assert mock.index == 0
    mock.end()
    with pytest.raises(ValueError):
        mock.grade(3)  # done
    [unfinished] = mock.results  # listed for the summary, ungraded
    assert unfinished.grade is None and unfinished.question is questions[0]


@pytest.mark.parametrize("grade", [0, 5, -1])
def test_grades_outside_one_to_four_are_refused(questions: list[Question], grade: int) -> None:
    clock = FakeClock()
    mock = interview(questions, clock)
    revealed_after(mock, clock, 10.0)
    with pytest.raises(ValueError):
        mock.grade(grade)
    assert mock.stage is Stage.REVEALED  # still waiting for a grade
    assert mock.index == 0
    assert mock.results == []


def test_grade_returns_the_mock_record_for_the_log(questions: list[Question]) -> None:
    clock = FakeClock()
    old_name = (NOTE, ("인성", "자기 소개"))
    mock = interview(questions, clock, aliases={(NOTE, INTRO): (old_name,)})
    revealed_after(mock, clock, 41.26)
    before = time.time()
    record = mock.grade(2)
    after = time.time()
    assert isinstance(record, Rehearsal)
    first = questions[0]
    assert record.mode == "mock"
    assert record.grade == 2
    assert record.file == NOTE
    assert record.heading_path == INTRO
    assert record.target_s == 60.0
    assert record.spoken_s == 41.3  # rounded to a tenth
    assert record.finished is True
    assert before <= record.at <= after  # wall-clock time, not the fake monotonic clock
    assert record.answer_digest == answer_digest(first.note, first.section)
    assert record.answer_digest != answer_digest(questions[1].note, questions[1].section)
    assert record.was == (old_name,)

    result = mock.results[-1]
    assert result.question is first
    assert result.grade == 2
    assert result.spoken_s == pytest.approx(41.26)
    assert not result.over_time


def test_a_question_without_aliases_records_no_was(questions: list[Question]) -> None:
    clock = FakeClock()
    mock = interview(questions, clock, aliases={(NOTE, MOTIVE): ((NOTE, ("옛 질문",)),)})
    revealed_after(mock, clock, 5.0)
    assert mock.grade(4).was == ()


def test_grading_moves_to_the_next_question_with_a_fresh_round(
    questions: list[Question],
) -> None:
    clock = FakeClock()
    mock = interview(questions, clock, thinking=5.0)
    mock.more_hint()
    revealed_after(mock, clock, 30.0)
    mock.grade(3)
    assert mock.index == 1
    assert mock.current.heading_path == MOTIVE
    assert mock.stage is Stage.THINKING
    assert mock.hint_level == 0
    assert mock.spoken_s == 0.0
    assert mock.thinking.remaining == 5.0
    clock.advance(5.0)
    mock.tick()
    assert mock.stage is Stage.ANSWERING
    assert mock.answer.elapsed == 0.0


def test_grading_the_last_question_ends_the_interview(questions: list[Question]) -> None:
    clock = FakeClock()
    mock = interview(questions, clock)
    for grade in (1, 4, 3):
        revealed_after(mock, clock, 20.0)
        mock.grade(grade)
    assert mock.stage is Stage.DONE
    assert [r.grade for r in mock.results] == [1, 4, 3]
    assert [r.question.heading_path for r in mock.graded] == [INTRO, MOTIVE, KAFKA]
    mock.tick()
    assert mock.stage is Stage.DONE


def test_skip_records_a_result_without_a_grade(questions: list[Question]) -> None:
    clock = FakeClock()
    mock = interview(questions, clock, thinking=0)
    clock.advance(7.34)
    mock.skip()
    assert len(mock.results) == 1
    skipped = mock.results[0]
    assert skipped.question.heading_path == INTRO
    assert skipped.grade is None
    assert skipped.spoken_s == 7.3  # rounded to a tenth
    assert mock.graded == []
    assert mock.current.heading_path == MOTIVE
    assert mock.stage is Stage.ANSWERING

    mock.stop()
    mock.grade(3)
    assert [r.grade for r in mock.results] == [None, 3]
    assert [r.question.heading_path for r in mock.graded] == [MOTIVE]


def test_skipping_the_last_question_ends_and_skip_after_done_does_nothing(
    questions: list[Question],
) -> None:
    clock = FakeClock()
    mock = interview(questions[:1], clock)
    mock.skip()
    assert mock.stage is Stage.DONE
    assert len(mock.results) == 1
    mock.skip()
    assert len(mock.results) == 1


def test_end_stops_everything(questions: list[Question]) -> None:
    clock = FakeClock()
    mock = interview(questions, clock, thinking=0)
    clock.advance(12.0)
    mock.end()
    assert mock.stage is Stage.DONE
    assert not mock.answer.running and not mock.thinking.running
    [unfinished] = mock.results  # the round being answered is listed, ungraded
    assert (unfinished.question, unfinished.spoken_s, unfinished.grade) == (
        questions[0],
        12.0,
        None,
    )
    clock.advance(100.0)
    mock.tick()
    assert mock.stage is Stage.DONE


def test_end_during_thinking_stops_the_thinking_clock(questions: list[Question]) -> None:
    clock = FakeClock()
    mock = interview(questions, clock, thinking=5.0)
    clock.advance(1.0)
    mock.end()
    assert mock.stage is Stage.DONE
    clock.advance(10.0)
    mock.tick()
    assert mock.stage is Stage.DONE  # the thinking time running out does not start an answer
    assert not mock.answer.running


def test_no_questions_is_an_error() -> None:
    with pytest.raises(ValueError):
        MockInterview([], target_s=60.0, thinking_s=5.0, clock=FakeClock())


def test_more_hint_stops_at_the_last_level(questions: list[Question]) -> None:
    mock = interview(questions, FakeClock())
    for expected in (1, 2, 3, 3, 3):
        mock.more_hint()
        assert mock.hint_level == expected
    assert mock.hint_level == len(HINT_WORDS)


# --- hints --------------------------------------------------------------------------------

WORDS = [
    "하나",
    "둘",
    "셋",
    "넷",
    "다섯",
    "여섯",
    "일곱",
    "여덟",
    "아홉",
    "열",
    "열하나",
    "열둘",
    "열셋",
    "열넷",
    "열다섯",
    "열여섯",
    "열일곱",
]
LONG = " ".join(WORDS)  # 17 words
SHORT = "짧은 문단"  # 2 words
SPOKEN = f"{LONG}\n\n   {SHORT}  \n"


def test_hint_level_zero_is_empty() -> None:
    assert hint(SPOKEN, 0) == ""
    assert hint(SPOKEN, -1) == ""


def test_hint_level_one_shows_three_words_of_each_paragraph() -> None:
    assert hint(SPOKEN, 1) == "하나 둘 셋 …\n짧은 문단"


def test_hint_level_two_shows_eight_words() -> None:
    assert hint(SPOKEN, 2) == "하나 둘 셋 넷 다섯 여섯 일곱 여덟 …\n짧은 문단"


def test_hint_level_three_shows_fifteen_words() -> None:
    assert hint(SPOKEN, 3) == " ".join(WORDS[:15]) + " …\n짧은 문단"


@pytest.mark.parametrize("level", [4, 9])
def test_hint_beyond_the_last_level_stays_at_the_last(level: int) -> None:
    assert hint(SPOKEN, level) == hint(SPOKEN, len(HINT_WORDS))


def test_short_paragraphs_are_shown_whole_without_an_ellipsis() -> None:
    exactly_three = "세 단어 문단"
    assert hint(exactly_three, 1) == exactly_three
    assert hint(f"{exactly_three}\n{SHORT}", 2) == f"{exactly_three}\n{SHORT}"
    fifteen = " ".join(WORDS[:15])
    assert hint(fifteen, 3) == fifteen
    assert hint(fifteen, 2) == " ".join(WORDS[:8]) + " …"


def test_hint_of_a_real_answer(questions: list[Question]) -> None:
    first = questions[0]
    spoken = first.note.spoken_text(first.section)
    assert hint(spoken, 1) == "안녕하세요, 결제 시스템을 …\n작은 팀에서 장애 …"


# --- answers edited meanwhile ---------------------------------------------------------------


def test_refresh_takes_the_edited_answer_and_keeps_a_removed_question(
    tmp_path: Path, questions: list[Question]
) -> None:
    clock = FakeClock()
    mock = interview(questions, clock)
    revealed_after(mock, clock, 10.0)
    edited = NOTE_TEXT.replace("분산 로그입니다.", "분산 커밋 로그입니다.").replace(
        "작은 팀에서", "다섯 명 팀에서"
    )
    edited = edited.replace(
        "## 지원 동기\n\n사용자가 매일 쓰는 서비스를 더 빠르게 만들고 싶어서 지원했습니다.\n\n", ""
    )
    write_note(tmp_path, NOTE, edited)
    fresh = answered_questions(open_notebook(tmp_path))
    assert [q.heading_path for q in fresh] == [INTRO, KAFKA]

    assert mock.refresh(fresh) is True  # the current question's answer changed
    assert mock.current is fresh[0]
    assert mock.stage is Stage.REVEALED and mock.spoken_s == 10.0  # the round goes on
    record = mock.grade(3)
    assert record.answer_digest == answer_digest(fresh[0].note, fresh[0].section)
    assert record.answer_digest != answer_digest(questions[0].note, questions[0].section)
    assert mock.current is questions[1]  # gone from the notes: still asked as it was
    assert mock.questions[2] is fresh[1]
    assert mock.refresh(fresh) is False


def test_a_question_with_other_wordings_is_asked_in_any_of_them(tmp_path: Path) -> None:
    write_note(
        tmp_path,
        NOTE,
        "## 카카오에 지원한 이유\n%% same as below %%\n"
        "## 꼭 우리회사여야 하는 이유\n기술 문화가 좋아서입니다.\n",
    )
    [question] = answered_questions(open_notebook(tmp_path))
    asked = set()
    for seed in range(20):
        mock = MockInterview(
            [question], target_s=60, thinking_s=0, clock=FakeClock(), rng=random.Random(seed)
        )
        asked.add(mock.asked_as)
        mock.stop()
        record = mock.grade(3)
        assert record.heading_path == ("꼭 우리회사여야 하는 이유",)  # one answer, one history
    assert asked == {"카카오에 지원한 이유", "꼭 우리회사여야 하는 이유"}


def test_a_question_with_one_wording_is_asked_as_written(questions: list[Question]) -> None:
    mock = MockInterview(questions, target_s=60, thinking_s=0, clock=FakeClock())
    assert mock.asked_as == mock.current.title
