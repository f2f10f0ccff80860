"""Spaced review with FSRS: what to practise next, rebuilt from the rehearsal log.

The log is the only state. Each question's card is rebuilt by replaying its
graded mock-interview rounds through `fsrs` in time order, so there is no
second file to keep in step, and a question's history follows it through
answer edits and renamed headings (identity.py). Fuzzing is off so the same
log always gives the same schedule.
"""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import Enum
from functools import cached_property

from fsrs import Card, Rating, Scheduler

from rehearse.core.history import Rehearsal
from rehearse.core.identity import Question, resolve
from rehearse.core.refs import QuestionId

GRADE_NAMES = {1: "again", 2: "hard", 3: "good", 4: "easy"}


class Order(Enum):
    SCHEDULED = "scheduled"  # due first, weakest first, then new ones in note order
    SHUFFLED = "shuffled"
    NOTES = "notes"


def as_datetime(at: float) -> datetime:
    return datetime.fromtimestamp(at, UTC)


def replay(grades: Sequence[Rehearsal], scheduler: Scheduler, card_id: int = 1) -> Card:
    """The card after these graded rounds, in the order given."""
    card = Card(card_id=card_id, due=as_datetime(grades[0].at) if grades else None)
    for record in grades:
        assert record.grade is not None
        card, _ = scheduler.review_card(
            card,
            Rating(record.grade),
            review_datetime=as_datetime(record.at),
            review_duration=int(record.spoken_s * 1000),
        )
    return card


@dataclass(frozen=True, eq=False)
class QuestionState:
    question: Question
    rehearsals: tuple[Rehearsal, ...]  # every mode, oldest first
    aliases: tuple[QuestionId, ...]  # earlier names its history was found under
    scheduler: Scheduler = field(repr=False)

    @cached_property
    def card(self) -> Card | None:
        """The FSRS card after every graded round; None until the first. Replayed on first
        use, so showing when each question was last rehearsed costs no replay."""
        graded = [r for r in self.rehearsals if r.grade is not None]
        return replay(graded, self.scheduler, self.question.order + 1) if graded else None

    @property
    def latest(self) -> Rehearsal | None:
        return self.rehearsals[-1] if self.rehearsals else None

    @property
    def last_grade(self) -> int | None:
        grades = [r.grade for r in self.rehearsals if r.grade is not None]
        return grades[-1] if grades else None

    @property
    def over_time(self) -> bool:
        latest = self.latest
        return latest is not None and latest.over_time

    def is_due(self, now: datetime) -> bool:
        return self.card is not None and self.card.due <= now

    @property
    def is_weak(self) -> bool:
        grade = self.last_grade
        return (grade is not None and grade <= 2) or self.over_time


class Schedule:
    def __init__(self, questions: Sequence[Question], records: Sequence[Rehearsal]) -> None:
        self.scheduler = Scheduler(enable_fuzzing=False)
        records = sorted(records, key=lambda r: r.at)  # the log may be merged out of order
        resolved = resolve(records, list(questions))
        history: defaultdict[QuestionId, list[Rehearsal]] = defaultdict(list)
        aliases: defaultdict[QuestionId, set[QuestionId]] = defaultdict(set)
        self.unmatched = 0  # records of questions no longer in the notes
        for record in records:
            question = resolved.get(record.question)
            if question is None:
                self.unmatched += 1
                continue
            history[question.id].append(record)
            if record.question != question.id:
                aliases[question.id].add(record.question)
        self.states: dict[QuestionId, QuestionState] = {}
        for question in questions:
            self.states[question.id] = QuestionState(
                question,
                tuple(history.get(question.id, ())),
                tuple(sorted(aliases[question.id])),
                self.scheduler,
            )

    def state(self, question: Question | QuestionId) -> QuestionState:
        return self.states[question.id if isinstance(question, Question) else question]

    def retrievability(self, state: QuestionState, now: datetime) -> float:
        if state.card is None:
            return 0.0
        return float(self.scheduler.get_card_retrievability(state.card, now))

    def order(
        self,
        questions: Sequence[Question],
        order: Order,
        now: datetime,
        rng: random.Random | None = None,
    ) -> list[Question]:
        """The questions in the order to ask them.

        Scheduled: the due ones, least remembered first; then the new ones in
        note order; then the rest, soonest due first.
        """
        if order is Order.NOTES:
            return sorted(questions, key=lambda q: q.order)
        if order is Order.SHUFFLED:
            shuffled = list(questions)
            (rng or random.Random()).shuffle(shuffled)
            return shuffled

        def rank(question: Question) -> tuple[int, float, int]:
            state = self.state(question)
            if state.card is None:
                return (1, 0.0, question.order)  # new: after the due ones, in note order
            if state.is_due(now):
                return (0, self.retrievability(state, now), question.order)  # weakest first
            return (2, state.card.due.timestamp(), question.order)  # then the soonest due

        return sorted(questions, key=rank)

    def due(self, now: datetime) -> list[QuestionState]:
        due = [state for state in self.states.values() if state.is_due(now)]
        return sorted(due, key=lambda s: self.retrievability(s, now))

    def weakest(self) -> list[QuestionState]:
        """Low last grades first, then the furthest over time."""

        def rank(state: QuestionState) -> tuple[int, float]:
            latest = state.latest
            overrun = latest.spoken_s / latest.target_s if latest and latest.target_s else 0.0
            return (state.last_grade or 5, -overrun)

        return sorted((s for s in self.states.values() if s.is_weak), key=rank)

    def never_rehearsed(self) -> list[QuestionState]:
        return [state for state in self.states.values() if not state.rehearsals]

    def last_rehearsed(self) -> dict[QuestionId, float]:
        return {
            question_id: state.rehearsals[-1].at
            for question_id, state in self.states.items()
            if state.rehearsals
        }
