"""The notes linter behind `rehearse check`: what to fix before the interview.

What is a question and what is an answer comes from `questions`: ignored
boilerplate headings are never reported, and one line gets one finding that
names all of its kinds.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Any

from rehearse.core.notebook import Notebook
from rehearse.core.notes import NoteFile, Section
from rehearse.core.questions import (
    DEFAULT_RULES,
    QUESTION_KINDS,
    SAME_AS_BELOW_MARKER,
    Kind,
    NoteShape,
    QuestionRules,
    next_sibling,
    note_shape,
)
from rehearse.core.speech import SpeakingRates, format_duration
from rehearse.core.targets import question_target

# Titles that read as questions: a question mark, or a Korean question ending.
_QUESTION = re.compile(r"(\?|？|까|나요|가요|인가|는가|을까|ㄹ까|니까|습니까|어때|뭔가|무엇)\s*$")
_OWN_ANSWER = (Kind.ANSWER, Kind.CODE_ONLY)
MARKER_HINT = (
    f" (if it is another wording of the question below, write %% {SAME_AS_BELOW_MARKER} %% in it)"
)


@dataclass(frozen=True, slots=True)
class Finding:
    kinds: tuple[str, ...]  # empty | too-long | duplicate | no-answer | unreadable
    file: str
    line: int
    title: str
    message: str

    @property
    def kind(self) -> str:
        return self.kinds[0]

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {', '.join(self.kinds)}: {self.message}"

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "kinds": list(self.kinds),
            "file": self.file,
            "line": self.line,
            "title": self.title,
            "message": self.message,
        }


def looks_like_question(title: str) -> bool:
    return bool(_QUESTION.search(title))


def title_key(title: str) -> str:
    """A title as compared for duplicates: NFC, case, spacing and a final ? ignored."""
    return "".join(unicodedata.normalize("NFC", title).casefold().split()).rstrip("?？")


def check_notebook(
    notebook: Notebook,
    rates: SpeakingRates | None = None,
    target_seconds: float = 90.0,
    rules: QuestionRules = DEFAULT_RULES,
) -> list[Finding]:
    rates = rates or SpeakingRates()
    findings: list[Finding] = []
    duplicates = _Duplicates()
    for note in notebook.notes:
        file = notebook.relative(note.path)
        if not isinstance(note, NoteFile):
            findings.append(Finding(("unreadable",), file, 1, "", f"cannot be read: {note.reason}"))
            continue
        shape = note_shape(note, rules)
        for section in note.questions:
            if shape.kinds[section.index] is Kind.IGNORED:
                continue
            problems = _check_section(note, shape, section, rates, target_seconds)
            duplicate = duplicates.see(note, shape, section, file)
            if duplicate:
                problems.append(("duplicate", duplicate))
            if problems:
                kinds = tuple(kind for kind, _ in problems)
                message = "; ".join(message for _, message in problems)
                findings.append(Finding(kinds, file, section.line, _title(section), message))
    return findings


def _title(section: Section) -> str:
    return section.title or "(untitled)"


class _Duplicates:
    """The same question asked twice: the same title under the same parent path in a file,
    or the same title of a heading with an answer of its own that no answered heading is
    above (a question of its own, not a part of another's answer) anywhere."""

    def __init__(self) -> None:
        self._siblings: dict[tuple[str, tuple[str, ...], str], str] = {}
        self._questions: dict[str, str] = {}

    def see(self, note: NoteFile, shape: NoteShape, section: Section, file: str) -> str | None:
        kind = shape.kinds[section.index]
        if not section.title or kind not in QUESTION_KINDS:
            return None
        key = title_key(section.title)
        where = f"{file}:{section.line}"
        ancestors = note.ancestors(section)
        sibling_key = (file, tuple(title_key(a.title) for a in ancestors), key)
        earlier = self._siblings.setdefault(sibling_key, where)
        question_level = kind in _OWN_ANSWER and all(
            shape.kinds[a.index] not in _OWN_ANSWER for a in ancestors
        )
        if question_level:
            first = self._questions.setdefault(key, where)
            if earlier == where:
                earlier = first
        if earlier == where:
            return None
        return f"'{section.title}' is also at {earlier}"


def _check_section(
    note: NoteFile, shape: NoteShape, section: Section, rates: SpeakingRates, target: float
) -> list[tuple[str, str]]:
    title = _title(section)
    kind = shape.kinds[section.index]
    if kind is Kind.CATEGORY:
        if looks_like_question(title):
            message = f"'{title}' reads as a question but only its sub-questions are answered"
            return [("no-answer", message)]
        return []
    if kind is Kind.EMPTY:
        below = next_sibling(note, section)
        answered_below = below is not None and shape.kinds[below.index] is Kind.ANSWER
        return [("empty", f"'{title}' has no answer yet" + (MARKER_HINT if answered_below else ""))]
    if kind is Kind.LINKS_ONLY:
        return [("empty", f"'{title}' has only links, no answer to say yet")]
    if kind is Kind.SAME_AS_BELOW and shape.answer_of[section.index] is None:
        message = f"'{title}' is marked same as below, but the question below has no answer"
        return [("empty", message)]
    if kind is not Kind.ANSWER:
        return []
    seconds = note.spoken_length(section).seconds(rates)
    target = question_target(note, section, target)
    if seconds > target:
        message = (
            f"'{title}' takes about {format_duration(seconds)} to say, "
            f"over the {format_duration(target)} target"
        )
        return [("too-long", message)]
    return []
