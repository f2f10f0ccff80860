"""Progress from the rehearsal log: `rehearse stats` and the progress screen show the same."""

from __future__ import annotations

import time
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from rehearse.core.history import QuestionId, Rehearsal
from rehearse.core.identity import Question
from rehearse.core.schedule import GRADE_NAMES, Schedule, as_datetime
from rehearse.core.speech import format_duration

CHART_WIDTH = 16  # a day's line stays within half of an 80-column terminal


@dataclass(frozen=True, slots=True)
class Weak:
    question: QuestionId
    grade: int | None  # the last grade, None when only read from the teleprompter
    spoken_s: float  # the latest run
    target_s: float


@dataclass(frozen=True)
class Progress:
    rehearsals: int
    seconds_spoken: float
    per_day: dict[str, tuple[int, float]]  # "YYYY-MM-DD" -> (rehearsals, seconds), oldest first
    never_rehearsed: list[QuestionId]
    over_time: list[tuple[QuestionId, float, float]]  # latest run over its target
    per_category: dict[str, tuple[int, int]]  # -> (rehearsed, total)
    due: list[QuestionId]  # by the scheduler, least remembered first
    weakest: list[Weak]  # low last grades first, then furthest over time
    graded: dict[str, int]  # how many rounds got each grade


def _question_json(question: QuestionId) -> dict[str, Any]:
    file, heading_path = question
    return {"file": file, "heading_path": list(heading_path)}


def progress_json(figures: Progress) -> dict[str, Any]:
    """The figures for `rehearse stats --json`: questions as {file, heading_path} objects."""
    return {
        "rehearsals": figures.rehearsals,
        "seconds_spoken": figures.seconds_spoken,
        "graded": figures.graded,
        "per_day": {
            day: {"rehearsals": count, "seconds": seconds}
            for day, (count, seconds) in figures.per_day.items()
        },
        "per_category": {
            category: {"rehearsed": done, "questions": total}
            for category, (done, total) in figures.per_category.items()
        },
        "due": [_question_json(question) for question in figures.due],
        "weakest": [
            {
                **_question_json(weak.question),
                "grade": weak.grade,
                "spoken_s": weak.spoken_s,
                "target_s": weak.target_s,
            }
            for weak in figures.weakest
        ],
        "over_time": [
            {**_question_json(question), "spoken_s": spoken, "target_s": target}
            for question, spoken, target in figures.over_time
        ],
        "never_rehearsed": [_question_json(question) for question in figures.never_rehearsed],
    }


def headline(figures: Progress) -> str:
    """`12 rehearsals, 14:05 spoken`, and the grades once there are any."""
    count = figures.rehearsals
    line = f"{count} rehearsal{'' if count == 1 else 's'}, "
    line += f"{format_duration(figures.seconds_spoken)} spoken"
    if any(figures.graded.values()):
        line += "; graded " + ", ".join(f"{n} {grade}" for grade, n in figures.graded.items())
    return line


def recent_days(
    per_day: dict[str, tuple[int, float]], today: float, days: int = 14
) -> list[tuple[str, int, float]]:
    """The last `days` calendar days up to `today`, empty days included: a chart's bars."""
    last = date.fromtimestamp(today)
    shown = []
    for back in range(days - 1, -1, -1):
        day = (last - timedelta(days=back)).isoformat()
        count, seconds = per_day.get(day, (0, 0.0))
        shown.append((day, count, seconds))
    return shown


def day_chart(per_day: dict[str, tuple[int, float]], today: float, days: int = 14) -> list[str]:
    """One line a day: `11-20 ████ 4  3:20`, bars scaled to the busiest day."""
    rows = recent_days(per_day, today, days)
    most = max((count for _, count, _ in rows), default=0) or 1
    return [
        f"{day[5:]} {'█' * round(CHART_WIDTH * count / most):<{CHART_WIDTH}} "
        f"{count:>3}  {format_duration(seconds) if count else ''}".rstrip()
        for day, count, seconds in rows
    ]


def progress(
    questions: Sequence[Question], records: Sequence[Rehearsal], now: float | None = None
) -> Progress:
    schedule = Schedule(questions, records)
    moment: datetime = as_datetime(time.time() if now is None else now)
    per_day_count: Counter[str] = Counter()
    per_day_seconds: defaultdict[str, float] = defaultdict(float)
    for record in records:
        day = time.strftime("%Y-%m-%d", time.localtime(record.at))
        per_day_count[day] += 1
        per_day_seconds[day] += record.spoken_s
    categories: dict[str, tuple[int, int]] = {}
    for question in questions:
        done, total = categories.get(question.category, (0, 0))
        rehearsed = bool(schedule.state(question).rehearsals)
        categories[question.category] = (done + rehearsed, total + 1)
    states = schedule.states.values()
    latest = [(state.question.id, state.latest) for state in states if state.latest]
    grades = Counter(r.grade for r in records if r.grade is not None)
    return Progress(
        rehearsals=len(records),
        seconds_spoken=round(sum(r.spoken_s for r in records), 1),
        per_day={
            day: (per_day_count[day], round(per_day_seconds[day], 1))
            for day in sorted(per_day_count)
        },
        never_rehearsed=[state.question.id for state in schedule.never_rehearsed()],
        over_time=sorted(
            (question, run.spoken_s, run.target_s) for question, run in latest if run.over_time
        ),
        per_category=categories,
        due=[state.question.id for state in schedule.due(moment)],
        weakest=[
            Weak(state.question.id, state.last_grade, state.latest.spoken_s, state.latest.target_s)
            for state in schedule.weakest()
            if state.latest is not None
        ],
        graded={name: grades[grade] for grade, name in GRADE_NAMES.items()},
    )
