"""`rehearse stats` as text: the progress screen's figures, a line each, for the shell."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TypeVar

from rehearse.core.refs import QuestionId, question_breadcrumb
from rehearse.core.schedule import GRADE_NAMES
from rehearse.core.speech import format_duration
from rehearse.core.stats import (
    CHART_WIDTH,
    Progress,
    day_chart,
    headline,
    voice_day_line,
    voice_line,
)

T = TypeVar("T")
LISTED = 10  # questions listed under each heading without --all
CHART_TITLE = "Rehearsals per day, last 14 days (one bar a day, the busiest day full):"
CHART_COLUMNS = f"  {'day':<5} {'rehearsals':<{CHART_WIDTH}} {'n':>3}  spoken"


def _listed(items: Sequence[T], show_all: bool) -> tuple[Sequence[T], str | None]:
    """The items to print, and the line that says how many are left out."""
    if show_all or len(items) <= LISTED:
        return items, None
    return items[:LISTED], f"  … {len(items) - LISTED} more (--all lists them all)"


def stats_lines(figures: Progress, today: float, show_all: bool = False) -> Iterator[str]:
    def name(question: QuestionId) -> str:
        return question_breadcrumb(question)

    def section(title: str, rows: Sequence[str]) -> Iterator[str]:
        shown, more = _listed(rows, show_all)
        yield title
        yield from (f"  {row}" for row in shown)
        if more:
            yield more

    yield headline(figures)
    if figures.rehearsals:
        yield CHART_TITLE
        yield CHART_COLUMNS
        yield from (f"  {line}" for line in day_chart(figures.per_day, today))
    for category, (done, total) in figures.per_category.items():
        yield f"{category}: {done}/{total} rehearsed"
    yield from section(f"Due for review: {len(figures.due)}", [name(q) for q in figures.due])
    if figures.weakest:
        rows = []
        for weak in figures.weakest:
            grade = GRADE_NAMES[weak.grade] if weak.grade else "read"
            timing = f"{format_duration(weak.spoken_s)} / {format_duration(weak.target_s)}"
            rows.append(f"{name(weak.question)}  {grade}, {timing}")
        yield from section("Weakest:", rows)
    if figures.over_time:
        rows = [
            f"{name(question)}  {format_duration(spoken)} / {format_duration(target)}"
            for question, spoken, target in figures.over_time
        ]
        yield from section("Over time the last time:", rows)
    never = [name(question) for question in figures.never_rehearsed]
    yield from section(f"Never rehearsed: {len(never)}", never)
    if figures.voice_runs:
        yield "Your voice, per day:"
        for day, voice in list(figures.voice_days.items())[-14:]:
            yield f"  {day[5:]}  {voice_day_line(voice)}"
        rows = [
            f"{name(run.question)}  "
            + voice_line(run.talk_s, run.target_s, run.first_word_s, run.pace)
            for run in figures.voice_runs
        ]
        yield from section("Your voice, latest run:", rows)
