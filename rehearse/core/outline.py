"""The outline of a notebook as `rehearse list` prints it."""

from __future__ import annotations

from typing import Any

from rehearse.core.notebook import Notebook
from rehearse.core.notes import NoteFile
from rehearse.core.speech import SpeakingRates, estimate_seconds


def outline_records(notebook: Notebook, rates: SpeakingRates | None = None) -> list[dict[str, Any]]:
    """One record per heading, in file and document order."""
    records: list[dict[str, Any]] = []
    for note in notebook.readable:
        file = notebook.relative(note.path)
        for section in note.questions:
            records.append(
                {
                    "file": file,
                    "line": section.line,
                    "level": section.level,
                    "title": section.title,
                    "path": [ancestor.title for ancestor in note.ancestors(section)],
                    "chars": note.answer_chars(section),
                    "estimate_s": round(estimate_seconds(note.spoken_text(section), rates), 1),
                }
            )
    return records


def outline_lines(notebook: Notebook) -> list[str]:
    """The outline as indented text: files, then headings nested two spaces a level."""
    lines: list[str] = []
    for note in notebook.notes:
        if not isinstance(note, NoteFile):
            lines.append(f"{notebook.relative(note.path)}  [unreadable: {note.reason}]")
            continue
        lines.append(notebook.relative(note.path))
        for section in note.questions:
            depth = len(note.ancestors(section)) + 1
            chars = note.answer_chars(section)
            size = f"  [{chars} chars]" if chars else "" if section.children else "  [empty]"
            lines.append(f"{'  ' * depth}{section.title or '(untitled)'}{size}")
    return lines
