"""Progress from the rehearsal log: `rehearse stats` and the progress screen show the same."""

from __future__ import annotations

import statistics
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from rehearse.core.delivery import Delivery
from rehearse.core.history import Rehearsal
from rehearse.core.identity import Question
from rehearse.core.refs import QuestionId
from rehearse.core.schedule import GRADE_NAMES, Schedule, as_datetime
from rehearse.core.speech import SpeakingRates, format_duration
from rehearse.core.spoken_pace import Unit, pace_unit, plausible_pace

CHART_WIDTH = 16  # a day's line stays within half of an 80-column terminal
MEASURED_RUNS = 10  # a measured speaking rate is the median of the latest voiced runs
MEASURED_MIN_TALK_S = 5.0  # shorter runs say too little to time a pace


@dataclass(frozen=True, slots=True)
class VoiceRun:
    """The latest voiced run of a question."""

    question: QuestionId
    at: float
    target_s: float
    talk_s: float
    first_word_s: float | None
    longest_pause_s: float
    pace: float | None  # syllables (or, for English answers, words) a minute


@dataclass(frozen=True, slots=True)
class VoiceDay:
    runs: int
    talk_s: float
    first_word_s: float | None  # the day's median
    pace: float | None  # the day's median


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
    voice_days: dict[str, VoiceDay]  # days with voiced runs, oldest first
    voice_runs: list[VoiceRun]  # each question's latest voiced run, the latest first
    grades_per_day: dict[str, dict[int, int]] = field(default_factory=dict)  # day -> grade -> n
    history: dict[QuestionId, tuple[Rehearsal, ...]] = field(default_factory=dict)  # oldest first


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
        "voice": {
            "per_day": {
                day: {
                    "runs": v.runs,
                    "talk_s": v.talk_s,
                    "first_word_s": v.first_word_s,
                    "syllables_per_minute": v.pace,
                }
                for day, v in figures.voice_days.items()
            },
            "questions": [
                {
                    **_question_json(run.question),
                    "at": run.at,
                    "target_s": run.target_s,
                    "talk_s": run.talk_s,
                    "first_word_s": run.first_word_s,
                    "longest_pause_s": run.longest_pause_s,
                    "syllables_per_minute": run.pace,
                }
                for run in figures.voice_runs
            ],
        },
    }


def voice_line(
    talk_s: float, target_s: float, first_word_s: float | None, pace: float | None
) -> str:
    """`talk 0:52/1:00 · first word 1.4 s · 268/min`."""
    parts = [f"talk {format_duration(talk_s)}/{format_duration(target_s)}"]
    if first_word_s is not None:
        parts.append(f"first word {first_word_s:.1f} s")
    if pace is not None:
        parts.append(f"{pace:.0f}/min")
    return " · ".join(parts)


def voice_report(voice: Delivery) -> list[str]:
    """How an answer was said, a line a figure (the mock interview's verdict)."""
    first = "none heard" if voice.first_word_s is None else f"{voice.first_word_s:.1f} s"
    lines = [
        f"Talked      {format_duration(voice.talk_s)}",
        f"First word  {first}",
        f"Pauses      {len(voice.pauses)}, longest {voice.longest_pause_s:.1f} s",
    ]
    if voice.syllables_per_minute is not None:
        lines.append(f"Pace        {voice.syllables_per_minute:.0f}/min")
    return lines


def voice_day_line(day: VoiceDay) -> str:
    """`3 runs · talked 3:20 · first word 1.2 s · 268/min` (the medians of the day)."""
    parts = [
        f"{day.runs} run{'' if day.runs == 1 else 's'}",
        f"talked {format_duration(day.talk_s)}",
    ]
    if day.first_word_s is not None:
        parts.append(f"first word {day.first_word_s:.1f} s")
    if day.pace is not None:
        parts.append(f"{day.pace:.0f}/min")
    return " · ".join(parts)


def _median(values: Iterable[float | None]) -> float | None:
    present = [value for value in values if value is not None]
    return round(statistics.median(present), 1) if present else None


class _PaceCheck:
    """A logged pace kept only when a person can speak at it in its answer's language
    (`spoken_pace`); for a question no longer in the notes, in either language."""

    def __init__(self, questions: Sequence[Question]) -> None:
        self._questions = {question.id: question for question in questions}
        self._units: dict[QuestionId, Unit | None] = {}

    def __call__(self, record: Rehearsal, question: QuestionId | None = None) -> float | None:
        """The record's pace; `question` names its question now, when it was renamed."""
        voice = record.voice
        value = None if voice is None else voice.syllables_per_minute
        if value is None:
            return None
        key = record.question if question is None else question
        if key not in self._units:
            now = self._questions.get(key)
            text = None if now is None else now.note.spoken_text(now.section)
            self._units[key] = None if text is None else pace_unit(text)
        return value if plausible_pace(value, self._units[key]) else None


def _voice_days(records: Sequence[Rehearsal], pace_of: _PaceCheck) -> dict[str, VoiceDay]:
    days: defaultdict[str, list[Rehearsal]] = defaultdict(list)
    for record in records:
        if record.voice is not None:
            days[time.strftime("%Y-%m-%d", time.localtime(record.at))].append(record)
    result = {}
    for day in sorted(days):
        voiced = [r for r in days[day] if r.voice is not None]
        result[day] = VoiceDay(
            runs=len(voiced),
            talk_s=round(sum(r.voice.talk_s for r in voiced if r.voice is not None), 1),
            first_word_s=_median(r.voice.first_word_s for r in voiced if r.voice is not None),
            pace=_median(pace_of(r) for r in voiced),
        )
    return result


def _voice_runs(schedule: Schedule, pace_of: _PaceCheck) -> list[VoiceRun]:
    runs = []
    for state in schedule.states.values():
        record = next((r for r in reversed(state.rehearsals) if r.voice is not None), None)
        if record is None or record.voice is None:
            continue
        voice = record.voice
        runs.append(
            VoiceRun(
                state.question.id,
                record.at,
                record.target_s,
                voice.talk_s,
                voice.first_word_s,
                voice.longest_pause_s,
                pace_of(record, state.question.id),
            )
        )
    return sorted(runs, key=lambda run: -run.at)


MEASURED_MIN_RUNS = 3  # runs with a plausible pace before a measured rate is used


def measured_rates(
    records: Sequence[Rehearsal],
    text_of: Callable[[QuestionId], str | None],
    rates: SpeakingRates,
) -> SpeakingRates | None:
    """Your speaking rates as measured: the median pace of the latest MEASURED_RUNS voiced runs
    of answers in Korean and in English. A language's rate needs MEASURED_MIN_RUNS runs of at
    least MEASURED_MIN_TALK_S of talk whose pace a person can speak at (`spoken_pace`);
    until then the configured rate stands in for it; None while neither has them."""
    samples: dict[Unit, list[float]] = {"syllables": [], "words": []}
    for record in sorted(records, key=lambda r: -r.at):
        voice = record.voice
        if voice is None or voice.syllables_per_minute is None:
            continue
        text = text_of(record.question) if voice.talk_s >= MEASURED_MIN_TALK_S else None
        if text is None:
            continue
        unit = pace_unit(text)
        if plausible_pace(voice.syllables_per_minute, unit) and len(samples[unit]) < MEASURED_RUNS:
            samples[unit].append(voice.syllables_per_minute)
        if min(len(paces) for paces in samples.values()) >= MEASURED_RUNS:
            break
    korean, english = (
        statistics.median(paces) if len(paces) >= MEASURED_MIN_RUNS else None
        for paces in (samples["syllables"], samples["words"])
    )
    if korean is None and english is None:
        return None
    return SpeakingRates(
        rates.syllables_per_minute if korean is None else korean,
        rates.words_per_minute if english is None else english,
    )


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
    pace_of = _PaceCheck(questions)
    moment: datetime = as_datetime(time.time() if now is None else now)
    days = _days(records)
    states = schedule.states.values()
    latest = [(state.question.id, state.latest) for state in states if state.latest]
    grades = Counter(r.grade for r in records if r.grade is not None)
    return Progress(
        rehearsals=len(records),
        seconds_spoken=round(sum(r.spoken_s for r in records), 1),
        per_day=days.totals(),
        never_rehearsed=[state.question.id for state in schedule.never_rehearsed()],
        over_time=sorted(
            (question, run.spoken_s, run.target_s) for question, run in latest if run.over_time
        ),
        per_category=_categories(questions, schedule),
        due=[state.question.id for state in schedule.due(moment)],
        weakest=[
            Weak(state.question.id, state.last_grade, state.latest.spoken_s, state.latest.target_s)
            for state in schedule.weakest()
            if state.latest is not None
        ],
        graded={name: grades[grade] for grade, name in GRADE_NAMES.items()},
        voice_days=_voice_days(records, pace_of),
        voice_runs=_voice_runs(schedule, pace_of),
        grades_per_day={day: dict(days.grades[day]) for day in sorted(days.grades)},
        history={state.question.id: state.rehearsals for state in states if state.rehearsals},
    )


@dataclass
class _Days:
    count: Counter[str]
    seconds: defaultdict[str, float]
    grades: defaultdict[str, Counter[int]]

    def totals(self) -> dict[str, tuple[int, float]]:
        return {day: (self.count[day], round(self.seconds[day], 1)) for day in sorted(self.count)}


def _days(records: Sequence[Rehearsal]) -> _Days:
    """Rehearsals, time spoken and grades per calendar day (local time)."""
    days = _Days(Counter(), defaultdict(float), defaultdict(Counter))
    for record in records:
        day = time.strftime("%Y-%m-%d", time.localtime(record.at))
        days.count[day] += 1
        days.seconds[day] += record.spoken_s
        if record.grade is not None:
            days.grades[day][record.grade] += 1
    return days


def _categories(questions: Sequence[Question], schedule: Schedule) -> dict[str, tuple[int, int]]:
    """Per category: how many of its questions were rehearsed, of how many."""
    categories: dict[str, tuple[int, int]] = {}
    for question in questions:
        done, total = categories.get(question.category, (0, 0))
        rehearsed = bool(schedule.state(question).rehearsals)
        categories[question.category] = (done + rehearsed, total + 1)
    return categories
