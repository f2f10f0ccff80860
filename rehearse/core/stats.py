"""Progress from the rehearsal log, for `rehearse stats` (and later the progress screen)."""

from __future__ import annotations

import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from rehearse.core.history import Rehearsal
from rehearse.core.notebook import Notebook

Question = tuple[str, tuple[str, ...]]  # (file, heading path)


@dataclass(frozen=True)
class Progress:
    rehearsals: int
    seconds_spoken: float
    per_day: dict[str, tuple[int, float]]  # "YYYY-MM-DD" -> (rehearsals, seconds)
    never_rehearsed: list[Question]
    over_time: list[
        tuple[Question, float, float]
    ]  # latest run over its target: (q, spoken, target)
    per_category: dict[str, tuple[int, int]] = field(default_factory=dict)  # -> (rehearsed, total)


def _category(question: Question) -> str:
    file, path = question
    return f"{file} › {path[0]}" if len(path) > 1 else file


def progress(notebook: Notebook, records: list[Rehearsal]) -> Progress:
    questions: list[Question] = [
        (notebook.relative(note.path), note.heading_path(section))
        for note in notebook.readable
        for section in note.questions
        if note.answer_chars(section) > 0
    ]
    known = set(questions)
    per_day_count: Counter[str] = Counter()
    per_day_seconds: defaultdict[str, float] = defaultdict(float)
    latest: dict[Question, Rehearsal] = {}
    for record in records:
        day = time.strftime("%Y-%m-%d", time.localtime(record.at))
        per_day_count[day] += 1
        per_day_seconds[day] += record.spoken_s
        if record.question not in latest or record.at >= latest[record.question].at:
            latest[record.question] = record
    rehearsed = {q for q in latest if q in known}
    categories: dict[str, tuple[int, int]] = {}
    for question in questions:
        done, total = categories.get(_category(question), (0, 0))
        categories[_category(question)] = (done + (question in rehearsed), total + 1)
    return Progress(
        rehearsals=len(records),
        seconds_spoken=round(sum(r.spoken_s for r in records), 1),
        per_day={
            day: (per_day_count[day], round(per_day_seconds[day], 1))
            for day in sorted(per_day_count)
        },
        never_rehearsed=[q for q in questions if q not in rehearsed],
        over_time=[
            (q, r.spoken_s, r.target_s)
            for q, r in sorted(latest.items())
            if q in known and r.spoken_s > r.target_s
        ],
        per_category=categories,
    )
