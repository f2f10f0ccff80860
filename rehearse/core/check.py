"""The notes linter behind `rehearse check`: what to fix before the interview."""

from __future__ import annotations

import re
from dataclasses import dataclass

from rehearse.core.notebook import Notebook
from rehearse.core.notes import NoteFile, Section
from rehearse.core.speech import SpeakingRates, format_duration

# Titles that read as questions: a question mark, or a Korean question ending.
_QUESTION = re.compile(r"(\?|？|까|나요|가요|인가|는가|을까|ㄹ까|니까|습니까|어때|뭔가|무엇)\s*$")


@dataclass(frozen=True, slots=True)
class Finding:
    kind: str  # empty | too-long | duplicate | no-answer | unreadable
    file: str
    line: int
    title: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.kind}: {self.message}"


def looks_like_question(title: str) -> bool:
    return bool(_QUESTION.search(title))


def _key(title: str) -> str:
    return "".join(title.casefold().split()).rstrip("?？")


def check_notebook(
    notebook: Notebook, rates: SpeakingRates | None = None, target_seconds: float = 90.0
) -> list[Finding]:
    rates = rates or SpeakingRates()
    findings: list[Finding] = []
    first_seen: dict[str, tuple[str, int]] = {}
    for note in notebook.notes:
        file = notebook.relative(note.path)
        if not isinstance(note, NoteFile):
            findings.append(Finding("unreadable", file, 1, "", f"cannot be read: {note.reason}"))
            continue
        for section in note.questions:
            findings.extend(_check_section(note, section, file, rates, target_seconds))
            if not section.title:
                continue
            key = _key(section.title)
            if key in first_seen:
                where = "{}:{}".format(*first_seen[key])
                findings.append(
                    Finding(
                        "duplicate",
                        file,
                        section.line,
                        section.title,
                        f"'{section.title}' is also at {where}",
                    )
                )
            else:
                first_seen[key] = (file, section.line)
    return findings


def _check_section(
    note: NoteFile, section: Section, file: str, rates: SpeakingRates, target: float
) -> list[Finding]:
    title = section.title or "(untitled)"
    if note.answer_chars(section) == 0:
        if not section.children:
            return [Finding("empty", file, section.line, title, f"'{title}' has no answer yet")]
        if looks_like_question(title):
            message = f"'{title}' reads as a question but only its sub-questions are answered"
            return [Finding("no-answer", file, section.line, title, message)]
        return []
    seconds = note.spoken_length(section).seconds(rates)
    if seconds > target:
        message = (
            f"'{title}' takes about {format_duration(seconds)} to say, "
            f"over the {format_duration(target)} target"
        )
        return [Finding("too-long", file, section.line, title, message)]
    return []
