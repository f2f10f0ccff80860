"""The mock interview's set: which questions (a scope, a filter, how many), in which order,
with or without their follow-up questions, and the last choice remembered.

Follow-ups (꼬리 질문) are the answered questions below an answered question in the
notes: after `## JPA의 open session in view` comes `### EAGER LAZY` under it. With
follow-ups on, a chain is a question with no answered question above it, then every
answered question below it, depth first (note order); filters and the count pick
whole chains, and a chain is in when any of its questions passes the filter.
"""

from __future__ import annotations

import errno
import json
import os
import random
import stat
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from enum import Enum
from pathlib import Path
from typing import Any, TypeVar

from rehearse.core.fileio import atomic_write
from rehearse.core.history import Rehearsal
from rehearse.core.identity import Question
from rehearse.core.interview import Link
from rehearse.core.notebook import Notebook
from rehearse.core.notes import NoteFile
from rehearse.core.refs import QuestionId, SectionRef
from rehearse.core.schedule import Order, Schedule, as_datetime

COUNTS: tuple[int | None, ...] = (5, 10, 20, None)  # None: all of them
CHOICE_FILE = "mock-interview.json"
E = TypeVar("E", bound=Enum)
MAX_CHOICE_BYTES = 4096


class Pick(Enum):
    ALL = "all"
    DUE = "due"  # due for review by the scheduler
    NEW = "new"  # never rehearsed


@dataclass(frozen=True)
class Scope:
    kind: str  # "category", "file" or "all": what the last choice remembers
    label: str
    questions: tuple[Question, ...]


@dataclass(frozen=True)
class MockChoice:
    """What the set-up asks: remembered from one interview to the next."""

    scope: str = "category"
    order: Order = Order.SCHEDULED
    count: int | None = 5
    pick: Pick = Pick.ALL
    follow_ups: bool = False

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data.update(order=self.order.value, pick=self.pick.value)
        return data

    @classmethod
    def from_json(cls, data: object) -> MockChoice:
        """The choice in `data`; anything missing or foreign keeps its default."""
        if not isinstance(data, dict):
            return cls()
        default = cls()
        scope = data.get("scope")
        count = data.get("count", default.count)
        follow_ups = data.get("follow_ups")
        return cls(
            scope=scope if scope in ("category", "file", "all") else default.scope,
            order=_enum(Order, data.get("order"), default.order),
            count=count if count in COUNTS and not isinstance(count, bool) else default.count,
            pick=_enum(Pick, data.get("pick"), default.pick),
            follow_ups=follow_ups if isinstance(follow_ups, bool) else default.follow_ups,
        )


def _enum(kind: type[E], value: object, default: E) -> E:
    try:
        return kind(value)
    except ValueError:
        return default


def load_choice(folder: Path) -> MockChoice:
    """The last choice saved in the data folder; the defaults when there is none (or it is
    not a small regular JSON file)."""
    path = folder / CHOICE_FILE
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(fd, "rb") as handle:
            if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
                raise OSError(errno.EINVAL, "not a regular file")
            data = handle.read(MAX_CHOICE_BYTES + 1)
        if len(data) > MAX_CHOICE_BYTES:
            return MockChoice()
        return MockChoice.from_json(json.loads(data.decode("utf-8")))
    except (OSError, ValueError):
        return MockChoice()


def save_choice(folder: Path, choice: MockChoice) -> None:
    """Raises OSError when the data folder cannot be written."""
    folder.mkdir(parents=True, exist_ok=True)
    data = json.dumps(choice.to_json(), ensure_ascii=False, indent=2) + "\n"
    atomic_write(folder / CHOICE_FILE, data.encode("utf-8"))


@dataclass(frozen=True)
class MockPlan:
    scope: Scope
    choice: MockChoice = field(default_factory=MockChoice)


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
                scopes.append(Scope("category", f"Category: {top}", under))
        if in_file and len(in_file) < len(questions):
            scopes.append(Scope("file", f"File: {file}", in_file))
    scopes.append(Scope("all", "All notes", tuple(questions)))
    return scopes


def scope_for(scopes: Sequence[Scope], kind: str) -> int:
    """The position of the scope of this kind; the narrowest (0) when there is none."""
    return next((n for n, scope in enumerate(scopes) if scope.kind == kind), 0)


@dataclass(frozen=True)
class MockRound:
    """A planned interview: its questions in order, each one's place in its chain, and the
    earlier names of each."""

    questions: list[Question]
    aliases: dict[QuestionId, tuple[QuestionId, ...]]
    links: list[Link] = field(default_factory=list)


def chains(questions: Sequence[Question], follow_ups: bool) -> list[list[tuple[Question, Link]]]:
    """The questions as chains (in note order): each alone, or each question with no
    answered question above it followed by the ones below it, depth first."""
    if not follow_ups:
        return [[(question, Link(0))] for question in questions]
    by_section = {(q.note.path, q.section.index): q for q in questions}
    found: list[list[tuple[Question, Link]]] = []
    for question in sorted(questions, key=lambda q: q.order):
        above = [
            by_section[(question.note.path, ancestor.index)]
            for ancestor in question.note.ancestors(question.section)
            if (question.note.path, ancestor.index) in by_section
        ]
        link = Link(0, tuple(q.title for q in above))
        if above and found and found[-1][0][0] is above[0]:
            found[-1].append((question, link))
        else:
            found.append([(question, Link(0))])
    return found


def plan_problem(plan: MockPlan) -> str:
    """Why a plan found no question to ask."""
    what = {Pick.DUE: "due for review", Pick.NEW: "never rehearsed", Pick.ALL: "to ask"}
    return f"No questions {what[plan.choice.pick]} in {plan.scope.label}"


def plan_interview(
    plan: MockPlan,
    questions: Sequence[Question],
    records: Sequence[Rehearsal],
    now: float,
    rng: random.Random | None = None,
) -> MockRound:
    """The scope's chains that pass the filter, in the chosen order, as many as chosen."""
    choice = plan.choice
    schedule = Schedule(questions, records)
    moment = as_datetime(now)

    def wanted(question: Question) -> bool:
        state = schedule.state(question)
        if choice.pick is Pick.DUE:
            return state.is_due(moment)
        return not state.rehearsals if choice.pick is Pick.NEW else True

    every = chains(plan.scope.questions, choice.follow_ups)
    kept = [chain for chain in every if any(wanted(q) for q, _ in chain)]
    members = [q for chain in kept for q, _ in chain if wanted(q)]
    ordered_members = schedule.order(members, choice.order, moment, rng)
    rank = {id(q): n for n, q in enumerate(ordered_members)}
    kept.sort(key=lambda chain: min(rank[id(q)] for q, _ in chain if id(q) in rank))
    if choice.count is not None:
        kept = kept[: choice.count]
    ordered: list[Question] = []
    links: list[Link] = []
    for group, chain in enumerate(kept):
        for question, link in chain:
            ordered.append(question)
            links.append(Link(group, link.above))
    aliases = {q.id: schedule.state(q).aliases for q in ordered if schedule.state(q).aliases}
    return MockRound(ordered, aliases, links)
