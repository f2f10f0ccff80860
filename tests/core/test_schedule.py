"""FSRS scheduling rebuilt from the rehearsal log: the cards `fsrs` gives, in a useful order."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta
from pathlib import Path

import fsrs
from hypothesis import given
from hypothesis import strategies as st

from rehearse.core.history import Rehearsal, RehearsalLog
from rehearse.core.identity import Question, answered_questions
from rehearse.core.notebook import open_notebook
from rehearse.core.refs import QuestionId
from rehearse.core.schedule import Order, Schedule
from rehearse.core.stats import progress
from tests.conftest import write_note

FILE = "면접.md"
NOTE = (
    "# 인성\n## 자기소개\n안녕하세요.\n## 지원 동기\n성장하고 싶습니다.\n## 장단점\n꼼꼼합니다.\n"
    "# 기술\n## 카프카란?\n분산 로그입니다.\n## 레디스란?\n인메모리 저장소입니다.\n"
)
INTRO, MOTIVE, TRAITS = ("인성", "자기소개"), ("인성", "지원 동기"), ("인성", "장단점")
KAFKA, REDIS = ("기술", "카프카란?"), ("기술", "레디스란?")
AT = 1_780_000_000.0
DAY = 86400.0


def load(tmp_path: Path, text: str = NOTE, name: str = FILE) -> list[Question]:
    write_note(tmp_path, name, text)
    return answered_questions(open_notebook(tmp_path))


def mock(
    path: tuple[str, ...], at: float, grade: int, spoken: float = 42.5, file: str = FILE
) -> Rehearsal:
    return Rehearsal(file, path, "mock", 60.0, spoken, True, at, grade)


def read(path: tuple[str, ...], at: float, spoken: float = 50.0, file: str = FILE) -> Rehearsal:
    return Rehearsal(file, path, "teleprompter", 60.0, spoken, True, at)


def by_fsrs(reviews: list[tuple[int, float, float]]) -> fsrs.Card:
    """Replay (grade, at, spoken_s) reviews straight through the fsrs library."""
    scheduler = fsrs.Scheduler(enable_fuzzing=False)
    card = fsrs.Card(card_id=1, due=datetime.fromtimestamp(reviews[0][1], UTC))
    for grade, at, spoken in reviews:
        card, _ = scheduler.review_card(
            card,
            fsrs.Rating(grade),
            review_datetime=datetime.fromtimestamp(at, UTC),
            review_duration=int(spoken * 1000),
        )
    return card


def assert_same_card(ours: fsrs.Card | None, theirs: fsrs.Card) -> None:
    assert ours is not None
    assert ours.stability == theirs.stability
    assert ours.difficulty == theirs.difficulty
    assert ours.due == theirs.due
    assert ours.state == theirs.state
    assert ours.step == theirs.step
    assert ours.last_review == theirs.last_review


def ids(questions: list[Question]) -> list[QuestionId]:
    return [q.id for q in questions]


def test_the_card_is_the_one_fsrs_gives_for_the_same_reviews(tmp_path: Path) -> None:
    questions = load(tmp_path)
    reviews = [(3, AT, 40.0), (1, AT + 0.9 * DAY, 71.2), (3, AT + 1.2 * DAY, 55.0)]
    reviews += [(4, AT + 4.5 * DAY, 38.4), (2, AT + 19 * DAY, 64.0)]
    records = [mock(KAFKA, at, grade, spoken) for grade, at, spoken in reviews]
    card = Schedule(questions, records).state((FILE, KAFKA)).card
    assert_same_card(card, by_fsrs(reviews))
    assert card is not None and card.state == fsrs.State.Review


@given(
    grades=st.lists(st.integers(1, 4), min_size=1, max_size=12),
    gaps=st.lists(st.floats(1.0, 60 * DAY, allow_nan=False), min_size=12, max_size=12),
)
def test_any_grades_at_any_gaps_match_fsrs(
    tmp_path: Path, grades: list[int], gaps: list[float]
) -> None:
    at, reviews = AT, []
    for grade, gap in zip(grades, gaps, strict=False):
        reviews.append((grade, at, gap % 120))
        at += gap
    questions = load(tmp_path)
    records = [mock(KAFKA, when, grade, spoken) for grade, when, spoken in reviews]
    assert_same_card(Schedule(questions, records).state((FILE, KAFKA)).card, by_fsrs(reviews))


def test_records_out_of_time_order_are_replayed_in_time_order(tmp_path: Path) -> None:
    questions = load(tmp_path)
    reviews = [(4, AT, 30.0), (1, AT + 2 * DAY, 50.0), (3, AT + 3 * DAY, 45.0)]
    records = [mock(KAFKA, at, grade, spoken) for grade, at, spoken in reviews]
    state = Schedule(questions, [records[2], records[0], records[1]]).state((FILE, KAFKA))
    assert_same_card(state.card, by_fsrs(reviews))
    assert state.rehearsals == tuple(records) and state.last_grade == 3


def test_teleprompter_runs_count_as_rehearsals_but_make_no_card(tmp_path: Path) -> None:
    questions = load(tmp_path)
    schedule = Schedule(questions, [read(INTRO, AT), read(INTRO, AT + DAY)])
    state = schedule.state((FILE, INTRO))
    assert state.card is None and state.last_grade is None and len(state.rehearsals) == 2
    assert [s.question.id for s in schedule.never_rehearsed()] == [
        (FILE, MOTIVE),
        (FILE, TRAITS),
        (FILE, KAFKA),
        (FILE, REDIS),
    ]
    assert schedule.last_rehearsed() == {(FILE, INTRO): AT + DAY}
    assert schedule.due(datetime.fromtimestamp(AT + 400 * DAY, UTC)) == []


def test_scheduled_order_is_due_then_new_then_later(tmp_path: Path) -> None:
    questions = load(tmp_path)
    records = [
        mock(INTRO, AT, 3),
        mock(INTRO, AT + DAY, 3),  # due a few days after this
        mock(KAFKA, AT, 3),  # due the next day: long overdue, least retrievable
        mock(REDIS, AT + 29 * DAY, 4),  # not due yet
    ]
    now = datetime.fromtimestamp(AT + 30 * DAY, UTC)
    schedule = Schedule(questions, records)
    assert schedule.state((FILE, INTRO)).is_due(now) and schedule.state((FILE, KAFKA)).is_due(now)
    assert not schedule.state((FILE, REDIS)).is_due(now)
    assert schedule.retrievability(schedule.state((FILE, KAFKA)), now) < schedule.retrievability(
        schedule.state((FILE, INTRO)), now
    )
    expected = [(FILE, KAFKA), (FILE, INTRO), (FILE, MOTIVE), (FILE, TRAITS), (FILE, REDIS)]
    assert ids(schedule.order(list(reversed(questions)), Order.SCHEDULED, now)) == expected
    assert [s.question.id for s in schedule.due(now)] == expected[:2]
    assert ids(schedule.order(list(reversed(questions)), Order.NOTES, now)) == ids(questions)
    shuffled = schedule.order(questions, Order.SHUFFLED, now, random.Random(7))
    assert sorted(ids(shuffled)) == sorted(ids(questions)) and len(shuffled) == len(questions)
    assert ids(shuffled) == ids(schedule.order(questions, Order.SHUFFLED, now, random.Random(7)))


def test_again_is_due_within_minutes_and_comes_before_easy(tmp_path: Path) -> None:
    questions = load(tmp_path)
    records = [mock(KAFKA, AT, 1), mock(INTRO, AT, 4)]
    schedule = Schedule(questions, records)
    again, easy = schedule.state((FILE, KAFKA)).card, schedule.state((FILE, INTRO)).card
    assert again is not None and easy is not None
    assert again.due - datetime.fromtimestamp(AT, UTC) <= timedelta(minutes=10)
    assert easy.due - datetime.fromtimestamp(AT, UTC) >= timedelta(days=1)
    now = datetime.fromtimestamp(AT + 15 * 60, UTC)
    order = ids(schedule.order(questions, Order.SCHEDULED, now))
    assert order.index((FILE, KAFKA)) < order.index((FILE, INTRO))
    assert [s.question.id for s in schedule.due(now)] == [(FILE, KAFKA)]


def test_weakest_is_again_then_hard_then_over_time(tmp_path: Path) -> None:
    questions = load(tmp_path)
    records = [
        mock(INTRO, AT, 2),
        mock(KAFKA, AT, 4),
        mock(KAFKA, AT + DAY, 1),
        read(MOTIVE, AT, spoken=75.0),  # read over its 60 s target, never graded
        read(TRAITS, AT, spoken=90.0),  # further over
        mock(REDIS, AT, 1),
        mock(REDIS, AT + DAY, 4),  # recovered: not weak
    ]
    schedule = Schedule(questions, records)
    assert [s.question.id for s in schedule.weakest()] == [
        (FILE, KAFKA),
        (FILE, INTRO),
        (FILE, TRAITS),
        (FILE, MOTIVE),
    ]


def test_progress_reports_due_weakest_and_grades(tmp_path: Path) -> None:
    questions = load(tmp_path)
    log = RehearsalLog.for_notes(tmp_path)
    for record in [
        mock(KAFKA, AT, 3),
        mock(KAFKA, AT + DAY, 1),
        mock(INTRO, AT, 4),
        read(MOTIVE, AT),
    ]:
        log.append(record)
    with log.path.open("ab") as handle:
        handle.write('{"file": "면접.md", "heading_path": ["기술", "레디'.encode())  # torn
    records = log.read()
    assert len(records) == 4
    figures = progress(questions, records, now=AT + DAY + 3600)
    assert figures.due == [(FILE, KAFKA)]
    assert [(w.question, w.grade) for w in figures.weakest] == [((FILE, KAFKA), 1)]
    assert figures.graded == {"again": 1, "hard": 0, "good": 1, "easy": 1}
    assert figures.never_rehearsed == [(FILE, TRAITS), (FILE, REDIS)]


def test_last_rehearsed_is_the_latest_time_per_file_and_path(tmp_path: Path) -> None:
    write_note(tmp_path, "다른 면접.md", NOTE)
    questions = load(tmp_path)
    records = [
        read(INTRO, AT + 5 * DAY),
        mock(INTRO, AT + DAY, 3),  # appended later, happened earlier
        read(INTRO, AT + 2 * DAY, file="다른 면접.md"),
    ]
    schedule = Schedule(questions, records)
    assert schedule.last_rehearsed() == {
        (FILE, INTRO): AT + 5 * DAY,
        ("다른 면접.md", INTRO): AT + 2 * DAY,
    }
    assert schedule.state(("다른 면접.md", INTRO)).card is None
