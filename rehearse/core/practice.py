"""What the rehearsal screens are given: which questions, where a rehearsal starts, the
mock interview's scopes, each question's marks, and a question found again by name."""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass

from rehearse.core.history import Rehearsal
from rehearse.core.identity import Question, answer_digest
from rehearse.core.markdown import paragraphs
from rehearse.core.notebook import Notebook
from rehearse.core.notes import NoteFile, Section
from rehearse.core.refs import QuestionId, SectionRef
from rehearse.core.schedule import Order, Schedule, as_datetime


@dataclass(frozen=True)
class Prompt:
    """A question ready to be read: where it is, and its spoken lines."""

    file: str
    heading_path: tuple[str, ...]
    lines: tuple[str, ...]
    answer_digest: str = ""  # logged, so a renamed heading keeps its history

    @property
    def question(self) -> QuestionId:
        return QuestionId(self.file, self.heading_path)


def prompt_for(note: NoteFile, section: Section, file: str) -> Prompt:
    lines = tuple(paragraphs(note.spoken_text(section)))
    return Prompt(file, note.heading_path(section), lines, answer_digest(note, section))


def teleprompter_questions(notebook: Notebook) -> list[tuple[NoteFile, Section]]:
    """Every heading, in note order: ←/→ in the teleprompter walks through them."""
    return [(note, section) for note in notebook.readable for section in note.questions]


def teleprompter_start(
    questions: Sequence[tuple[NoteFile, Section]], ref: SectionRef | None
) -> int:
    """The position of the question at (or first after) `ref`; 0 without one."""
    if ref is None:
        return 0
    for position, (note, section) in enumerate(questions):
        if note.path == ref.path and section.index >= ref.section:
            return position
    return 0


def refreshed_prompt(notebook: Notebook, prompt: Prompt) -> Prompt | None:
    """The prompt's question as the notes hold it now (after a save), if it is still there."""
    found = find_question(notebook, prompt.question)
    if found is None:
        return None
    note = notebook.get(found.path)
    assert isinstance(note, NoteFile)
    return prompt_for(note, note.sections[found.section], prompt.file)


def find_question(notebook: Notebook, question: QuestionId) -> SectionRef | None:
    """Where a question named in the log stands in the notes now."""
    note = notebook.get(notebook.path_of(question.file))
    if not isinstance(note, NoteFile):
        return None
    section = note.find_by_heading_path(question.heading_path)
    return SectionRef(note.path, section.index) if section is not None else None


def spoken_text(notebook: Notebook, question: QuestionId) -> str | None:
    """The answer as it is said aloud now, for a question named in the log."""
    found = find_question(notebook, question)
    note = notebook.get(found.path) if found is not None else None
    if found is None or not isinstance(note, NoteFile):
        return None
    return note.spoken_text(note.sections[found.section])


# -- the mock interview -----------------------------------------------------------------------


@dataclass(frozen=True)
class Scope:
    label: str
    questions: tuple[Question, ...]


@dataclass(frozen=True)
class MockPlan:
    scope: Scope
    order: Order


def mock_scopes(
    notebook: Notebook, questions: Sequence[Question], ref: SectionRef | None
) -> list[Scope]:
    """The selected question's category, its file, and all notes: the narrowest first."""
    scopes: list[Scope] = []
    note = notebook.get(ref.path) if ref is not None else None
    if ref is not None and isinstance(note, NoteFile):
        file = notebook.relative(note.path)
        in_file = tuple(q for q in questions if q.file == file)
        if ref.section > 0:
            top = note.heading_path(note.sections[ref.section])[0]
            under = tuple(q for q in in_file if q.heading_path[0] == top)
            if len(under) > 1:
                scopes.append(Scope(f"Category: {top}", under))
        if in_file and len(in_file) < len(questions):
            scopes.append(Scope(f"File: {file}", in_file))
    scopes.append(Scope("All notes", tuple(questions)))
    return scopes


@dataclass(frozen=True)
class MockRound:
    """A planned interview: its questions in order, and the earlier names of each."""

    questions: list[Question]
    aliases: dict[QuestionId, tuple[QuestionId, ...]]


def plan_interview(
    plan: MockPlan, questions: Sequence[Question], records: Sequence[Rehearsal], now: float
) -> MockRound:
    schedule = Schedule(questions, records)
    ordered = schedule.order(plan.scope.questions, plan.order, as_datetime(now))
    aliases = {q.id: schedule.state(q).aliases for q in ordered if schedule.state(q).aliases}
    return MockRound(ordered, aliases)


# -- marks in the tree ------------------------------------------------------------------------


@dataclass(frozen=True)
class Marks:
    last_rehearsed: dict[QuestionId, float]  # Unix time of each question's latest run
    due: frozenset[QuestionId]  # due for review by the scheduler


def rehearsal_marks(
    questions: Sequence[Question], records: Sequence[Rehearsal], now: float | None = None
) -> Marks:
    schedule = Schedule(questions, records)
    moment = as_datetime(time.time() if now is None else now)
    due = frozenset(state.question.id for state in schedule.due(moment))
    return Marks(schedule.last_rehearsed(), due)
