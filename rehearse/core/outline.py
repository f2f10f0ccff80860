"""The outline of a notebook as `rehearse list` prints it."""

from __future__ import annotations

from typing import Any

from rehearse.core.notebook import Notebook
from rehearse.core.notes import NoteFile
from rehearse.core.questions import (
    DEFAULT_RULES,
    QUESTION_KINDS,
    Kind,
    QuestionRules,
    answer_section,
    note_shape,
)
from rehearse.core.speech import SpeakingRates
from rehearse.core.targets import question_target

_MARKS = {
    Kind.EMPTY: "  [empty]",
    Kind.LINKS_ONLY: "  [only links]",
    Kind.SAME_AS_BELOW: "  [same as below]",
    Kind.IGNORED: "  [not a question]",
}


def outline_records(
    notebook: Notebook,
    rates: SpeakingRates | None = None,
    rules: QuestionRules = DEFAULT_RULES,
    target_seconds: float = 60.0,
) -> list[dict[str, Any]]:
    """One record per heading, in file and document order. A question's `target_s` is its own
    target, else `target_seconds`; headings that are not questions have none."""
    rates = rates or SpeakingRates()
    records: list[dict[str, Any]] = []
    for note in notebook.readable:
        file = notebook.relative(note.path)
        shape = note_shape(note, rules)
        for section in note.questions:
            said = answer_section(note, section, rules)
            record: dict[str, Any] = {
                "file": file,
                "line": section.line,
                "level": section.level,
                "title": section.title,
                "path": [ancestor.title for ancestor in note.ancestors(section)],
                "kind": shape.kinds[section.index].value,
                "chars": note.answer_chars(section),
                "estimate_s": round(note.spoken_length(said).seconds(rates), 1) if said else 0.0,
                "target_s": (
                    question_target(note, section, target_seconds, rules)
                    if shape.kinds[section.index] in QUESTION_KINDS
                    else None
                ),
            }
            if said is not None and said is not section:
                record["answer_line"] = said.line
            records.append(record)
    return records


def outline_lines(notebook: Notebook, rules: QuestionRules = DEFAULT_RULES) -> list[str]:
    """The outline as indented text: files, then headings nested two spaces a level."""
    lines: list[str] = []
    for note in notebook.notes:
        if not isinstance(note, NoteFile):
            lines.append(f"{notebook.relative(note.path)}  [unreadable: {note.reason}]")
            continue
        lines.append(notebook.relative(note.path))
        kinds = note_shape(note, rules).kinds
        for section in note.questions:
            depth = len(note.ancestors(section)) + 1
            chars = note.answer_chars(section)
            kind = kinds[section.index]
            if kind is Kind.IGNORED or not chars:
                size = _MARKS.get(kind, "")
            else:
                size = f"  [{chars} chars{', code only' if kind is Kind.CODE_ONLY else ''}]"
            lines.append(f"{'  ' * depth}{section.title or '(untitled)'}{size}")
    return lines
