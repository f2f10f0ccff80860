"""What the rehearsal screens are given: the teleprompter's questions and where it starts,
each question's marks, and a question found again by name (the mock interview's set is
planned in mock_plan)."""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass

from rehearse.core.delivery import Delivery
from rehearse.core.history import Rehearsal, record_now
from rehearse.core.identity import Question, answer_digest
from rehearse.core.markdown import paragraphs
from rehearse.core.notebook import Notebook
from rehearse.core.notes import NoteFile, Section
from rehearse.core.questions import (
    DEFAULT_RULES,
    QUESTION_KINDS,
    QuestionRules,
    answer_section,
    note_shape,
    nothing_to_say,
)
from rehearse.core.refs import QuestionId, SectionRef
from rehearse.core.schedule import Schedule, as_datetime
from rehearse.core.targets import own_target


@dataclass(frozen=True)
class Prompt:
    """A question ready to be read: where it is, its spoken lines, and its own target."""

    file: str
    heading_path: tuple[str, ...]  # the heading shown (and found again after a save)
    lines: tuple[str, ...]
    answer_digest: str = ""  # logged, so a renamed heading keeps its history
    target_s: float | None = None  # its own target (`%% target %%` or front matter)
    silent: str = ""  # why there is nothing to say aloud; "" when there is
    answered_path: tuple[str, ...] = ()  # the shared answer's heading (same as below)

    @property
    def question(self) -> QuestionId:
        """The question whose history a run joins: the shared answer's for another wording."""
        return QuestionId(self.file, self.answered_path or self.heading_path)


def prompt_for(
    note: NoteFile, section: Section, file: str, rules: QuestionRules = DEFAULT_RULES
) -> Prompt:
    said = answer_section(note, section, rules)
    lines = tuple(paragraphs(note.spoken_text(said))) if said is not None else ()
    silent = "" if lines else nothing_to_say(note, section, rules) or "no answer yet"
    shared = said is not None and said is not section
    return Prompt(
        file,
        note.heading_path(section),
        lines,
        answer_digest(note, said or section),
        own_target(note, section, rules),
        silent,
        note.heading_path(said) if shared and said is not None else (),
    )


@dataclass(frozen=True)
class TeleprompterSet:
    """What ←/→ walk through, and where F5 starts."""

    questions: list[tuple[NoteFile, Section]]
    start: int


def teleprompter_set(
    notebook: Notebook, ref: SectionRef | None, rules: QuestionRules = DEFAULT_RULES
) -> TeleprompterSet:
    """Every question with something to say aloud, in note order, and the selected one.

    A selected question with nothing to say (code only, empty …) is included, so F5 on it
    says why; on a file, a category or an ignored heading F5 starts on the first question
    with something to say at or after it (the last one when none follows).
    """
    questions: list[tuple[NoteFile, Section]] = []
    start: int | None = None
    reached = False  # at or past the selected file
    for note in notebook.readable:
        in_ref_file = ref is not None and note.path == ref.path
        reached = reached or in_ref_file
        kinds = note_shape(note, rules).kinds
        for section in note.questions:
            selected = in_ref_file and ref is not None and section.index == ref.section
            if answer_section(note, section, rules) is None and not (
                selected and kinds[section.index] in QUESTION_KINDS
            ):
                continue
            after = reached and (not in_ref_file or ref is None or section.index >= ref.section)
            if start is None and after:
                start = len(questions)
            questions.append((note, section))
    if start is None:
        start = len(questions) - 1 if reached and questions else 0
    return TeleprompterSet(questions, start)


def teleprompter_record(
    prompt: Prompt, target_s: float, spoken_s: float, finished: bool, voice: Delivery | None
) -> Rehearsal:
    """The log record of a teleprompter run: it joins the shared answer's history."""
    question = prompt.question
    return record_now(
        question.file,
        question.heading_path,
        "teleprompter",
        target_s,
        spoken_s,
        finished,
        answer_digest=prompt.answer_digest,
        voice=voice,
    )


def refreshed_prompt(
    notebook: Notebook, prompt: Prompt, rules: QuestionRules = DEFAULT_RULES
) -> Prompt | None:
    """The prompt's question as the notes hold it now (after a save), if it is still there."""
    found = find_question(notebook, QuestionId(prompt.file, prompt.heading_path))
    if found is None:
        return None
    note = notebook.get(found.path)
    assert isinstance(note, NoteFile)
    return prompt_for(note, note.sections[found.section], prompt.file, rules)


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
