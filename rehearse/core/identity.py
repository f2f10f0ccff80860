"""Which question a rehearsal record belongs to, after the notes have changed.

A record names its question by file and heading path, so editing an answer
never loses its history. When a heading has been moved or renamed, or its file
renamed, the record is matched again by the first rule that gives exactly one
candidate:

1. the same file and heading path;
2. a later record's `was` link (a chain of renames, each matched once);
3. the same file and the same answer text (renamed or moved, answer as it was);
4. the same file and the same title under another parent (moved, answer edited);
5. the same file and parent and a title at least 80% alike (a reworded heading);
6. the same heading path in the one other file that has it, when the old file
   has no questions left (a renamed file);
7. the same answer text in another file, when the old file has no questions
   left (a renamed heading in a renamed file).

A question's own history under its current name can be continued by an older
name's (a rename, then a rehearsal), but never merged with one that runs
alongside it; anything ambiguous stays unmatched rather than guessed.
"""

from __future__ import annotations

import hashlib
import math
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cached_property

from rapidfuzz import fuzz

from rehearse.core.history import Rehearsal
from rehearse.core.notebook import Notebook
from rehearse.core.notes import NoteFile, Section
from rehearse.core.questions import DEFAULT_RULES, Kind, QuestionRules, note_shape
from rehearse.core.refs import QuestionId

SIMILAR_TITLE = 80.0  # rapidfuzz ratio for "the same question, reworded"


def answer_digest(note: NoteFile, section: Section) -> str:
    """A short fingerprint of the answer as written, blind to spacing and line endings."""
    words = " ".join(note.text[section.body_start : section.end].split())
    return hashlib.sha256(words.encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True, eq=False)
class Question:
    """A question in the notes as they are now, with an answer to rehearse."""

    id: QuestionId
    order: int  # position in note order
    note: NoteFile = field(repr=False)
    section: Section = field(repr=False)
    wordings: tuple[str, ...] = ()  # other titles it is asked as (`%% same as below %%`)

    @property
    def file(self) -> str:
        return self.id[0]

    @property
    def heading_path(self) -> tuple[str, ...]:
        return self.id[1]

    @property
    def title(self) -> str:
        return self.id[1][-1]

    @property
    def category(self) -> str:
        """The file, and the outermost heading when the question sits under one."""
        file, path = self.id
        return f"{file} › {path[0]}" if len(path) > 1 else file

    @cached_property
    def digest(self) -> str:
        return answer_digest(self.note, self.section)


def answered_questions(notebook: Notebook, rules: QuestionRules = DEFAULT_RULES) -> list[Question]:
    """Every question with something of its own to say aloud, in note order; the headings
    marked `%% same as below %%` above it are its other wordings."""
    questions: list[Question] = []
    for note in notebook.readable:
        file = notebook.relative(note.path)
        shape = note_shape(note, rules)
        wordings: dict[int, list[str]] = {}
        for section in note.questions:
            shared = shape.answer_of[section.index]
            if shape.kinds[section.index] is Kind.SAME_AS_BELOW and shared is not None:
                wordings.setdefault(shared, []).append(section.title)
        for section in note.questions:
            if shape.kinds[section.index] is Kind.ANSWER:
                identity = QuestionId(file, note.heading_path(section))
                also = tuple(wordings.get(section.index, ()))
                questions.append(Question(identity, len(questions), note, section, also))
    return questions


def resolve(records: Iterable[Rehearsal], questions: list[Question]) -> dict[QuestionId, Question]:
    """Each question id found in the records, mapped to the question it now is (if any)."""
    by_id = {question.id: question for question in questions}
    latest_digest: dict[QuestionId, str] = {}
    first_at: dict[QuestionId, float] = {}
    latest_at: dict[QuestionId, float] = {}
    renamed_to: dict[QuestionId, QuestionId] = {}
    for record in sorted(records, key=lambda r: r.at):
        first_at.setdefault(record.question, record.at)
        latest_at[record.question] = record.at
        if record.answer_digest:
            latest_digest[record.question] = record.answer_digest
        else:
            latest_digest.setdefault(record.question, "")
        for earlier in record.was:
            if earlier != record.question:
                renamed_to[earlier] = record.question
                latest_digest.setdefault(earlier, "")

    resolved: dict[QuestionId, Question] = {}
    lost: list[QuestionId] = []
    for old in latest_digest:
        if old in by_id:
            resolved[old] = by_id[old]
        else:
            lost.append(old)
    # A question's own history under its current name starts here; an older name's history
    # can still be its past, but not a history that runs alongside its own.
    own_since = {old: first_at.get(old, math.inf) for old in resolved}
    claimed: set[QuestionId] = set()  # taken by a rematch in this pass

    def follow(old: QuestionId, seen: set[QuestionId]) -> Question | None:
        if old in resolved:
            return resolved[old]
        newer = renamed_to.get(old)
        if newer is None or newer in seen:
            return None
        return follow(newer, seen | {old})

    if not lost:
        return resolved

    by_file: defaultdict[str, list[Question]] = defaultdict(list)
    for question in questions:
        by_file[question.file].append(question)
    files_with_questions = set(by_file)

    def rematch(old: QuestionId) -> None:
        ended = latest_at.get(old, 0.0)

        def free(question: Question) -> bool:
            return question.id not in claimed and ended < own_since.get(question.id, math.inf)

        found = _rematch(old, latest_digest[old], by_file, free, files_with_questions)
        if found is not None:
            resolved[old] = found
            claimed.add(found.id)

    # Newest names first, and names with a later name only after the names without: an
    # older name follows its link rather than taking a match that belongs to another.
    lost.sort(key=lambda old: -latest_at.get(old, 0.0))
    for old in lost:
        if old not in renamed_to:
            rematch(old)
    for old in lost:
        if old in renamed_to:
            found = follow(old, set())
            if found is not None:
                resolved[old] = found
            else:
                rematch(old)
    return resolved


Rule = Callable[[QuestionId, str, list[Question]], Question | None]


def _unique(candidates: Iterable[Question]) -> Question | None:
    found = list(candidates)
    return found[0] if len(found) == 1 else None


def _same_answer(old: QuestionId, digest: str, candidates: list[Question]) -> Question | None:
    return _unique(q for q in candidates if q.digest == digest) if digest else None


def _same_title(old: QuestionId, digest: str, candidates: list[Question]) -> Question | None:
    return _unique(q for q in candidates if q.title == old[1][-1])


def _similar_title(old: QuestionId, digest: str, candidates: list[Question]) -> Question | None:
    parent, title = old[1][:-1], old[1][-1].casefold()
    scored = sorted(
        (
            (fuzz.ratio(q.title.casefold(), title), q.order, q)
            for q in candidates
            if q.heading_path[:-1] == parent
        ),
        key=lambda item: (-item[0], item[1]),
    )
    if not scored or scored[0][0] < SIMILAR_TITLE:
        return None
    if len(scored) > 1 and scored[1][0] >= scored[0][0]:
        return None  # two equally good: not guessed
    return scored[0][2]


def _same_path(old: QuestionId, digest: str, candidates: list[Question]) -> Question | None:
    return _unique(q for q in candidates if q.heading_path == old[1])


_IN_THE_SAME_FILE: tuple[Rule, ...] = (_same_answer, _same_title, _similar_title)
_IN_ANOTHER_FILE: tuple[Rule, ...] = (_same_path, _same_answer)  # only when the old file is gone


def _first(
    rules: tuple[Rule, ...], old: QuestionId, digest: str, candidates: list[Question]
) -> Question | None:
    for rule in rules:
        found = rule(old, digest, candidates)
        if found is not None:
            return found
    return None


def _rematch(
    old: QuestionId,
    digest: str,
    by_file: dict[str, list[Question]],
    free: Callable[[Question], bool],
    files_with_questions: set[str],
) -> Question | None:
    file = old[0]
    found = _first(_IN_THE_SAME_FILE, old, digest, [q for q in by_file.get(file, ()) if free(q)])
    if found is not None or file in files_with_questions:
        return found
    elsewhere = [q for other, qs in by_file.items() if other != file for q in qs if free(q)]
    return _first(_IN_ANOTHER_FILE, old, digest, elsewhere)
