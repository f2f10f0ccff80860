"""What the progress charts draw: time spoken and grades a day over the last 30 days, and
one question's runs against their targets. The screen only draws these figures."""

from __future__ import annotations

import time
from dataclasses import dataclass

from rehearse.core.refs import QuestionId
from rehearse.core.schedule import GRADE_NAMES
from rehearse.core.speech import format_duration
from rehearse.core.stats import Progress, recent_days

CHART_DAYS = 30
HISTORY_RUNS = 20  # a question's latest runs shown in its history


@dataclass(frozen=True, slots=True)
class Day:
    day: str  # YYYY-MM-DD
    rehearsals: int
    seconds: float
    grades: tuple[int, ...]  # how many rounds got again, hard, good, easy

    @property
    def minutes(self) -> float:
        return self.seconds / 60.0


def chart_days(figures: Progress, today: float, days: int = CHART_DAYS) -> list[Day]:
    """The last `days` calendar days up to `today`, oldest first, empty days included."""
    return [
        Day(
            day,
            count,
            seconds,
            tuple(figures.grades_per_day.get(day, {}).get(grade, 0) for grade in GRADE_NAMES),
        )
        for day, count, seconds in recent_days(figures.per_day, today, days)
    ]


def chart_caption(shown: list[Day]) -> str:
    """`51:29 spoken on 21 days; 24 graded` (the heading says of how many)."""
    spoken = sum(day.seconds for day in shown)
    active = sum(1 for day in shown if day.rehearsals)
    graded = sum(sum(day.grades) for day in shown)
    line = f"{format_duration(spoken)} spoken on {active} day{'' if active == 1 else 's'}"
    return line + (f"; {graded} graded" if graded else "")


@dataclass(frozen=True, slots=True)
class Run:
    at: float
    mode: str  # teleprompter or mock
    seconds: float
    target_s: float
    grade: int | None
    over: bool  # past its target; a mock round when the clock cut it off

    @property
    def day(self) -> str:
        """`11-20`."""
        return time.strftime("%m-%d", time.localtime(self.at))


def question_runs(figures: Progress, question: QuestionId, limit: int = HISTORY_RUNS) -> list[Run]:
    """The question's latest runs, oldest first."""
    records = figures.history.get(question, ())[-limit:]
    return [Run(r.at, r.mode, r.spoken_s, r.target_s, r.grade, r.over_time) for r in records]


def history_caption(runs: list[Run]) -> str:
    """`5 runs, 2 over; the latest 0:52 of 1:00, good`."""
    if not runs:
        return "never rehearsed"
    over = sum(run.over for run in runs)
    latest = runs[-1]
    grade = f", {GRADE_NAMES[latest.grade]}" if latest.grade is not None else ""
    return (
        f"{len(runs)} run{'' if len(runs) == 1 else 's'}, {over} over; the latest "
        f"{format_duration(latest.seconds)} of {format_duration(latest.target_s)}{grade}"
    )
