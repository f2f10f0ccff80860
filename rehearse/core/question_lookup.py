"""One question named from the shell: by title, by breadcrumb, or by FILE:LINE.

`자기소개` is a title; `B › 자기소개` (or `B > 자기소개`, `B / 자기소개`) is the end of
a breadcrumb, the file's name allowed as its first part (`dup.md › B › 자기소개`);
`dup.md:5` is the question at line 5 of that note (its heading, or any line of its
own text). Titles compare with spacing and case aside. A whole title that holds a
`/` or `>` (`TCP/IP`) is tried as a title first.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rehearse.core.notebook import Notebook
from rehearse.core.notes import NoteFile, Section
from rehearse.core.refs import breadcrumb

_PARTS = re.compile(r"\s*(?:›|>|/)\s*")
_FILE_LINE = re.compile(r"(?P<file>.+):(?P<line>\d+)")


@dataclass(frozen=True, slots=True)
class Found:
    note: NoteFile
    section: Section
    file: str  # the note's name in the notebook

    @property
    def where(self) -> str:
        """`dup.md:5`"""
        return f"{self.file}:{self.section.line}"

    @property
    def path(self) -> str:
        """`B › 자기소개`"""
        return breadcrumb(*self.note.heading_path(self.section))


def _fold(title: str) -> str:
    return " ".join(title.split()).casefold()


def find_questions(notebook: Notebook, wanted: str) -> list[Found]:
    """Every question `wanted` names (one when it names one)."""
    every = [
        Found(note, section, notebook.relative(note.path))
        for note in notebook.readable
        for section in note.questions
    ]
    by_place = _FILE_LINE.fullmatch(wanted.strip())
    if by_place is not None:
        found = _at_line(every, by_place["file"], int(by_place["line"]))
        if found:
            return found
    title = _fold(wanted)
    found = [f for f in every if _fold(f.section.title) == title]
    parts = [_fold(part) for part in _PARTS.split(wanted.strip()) if part.strip()]
    if found or len(parts) < 2:
        return found
    return [f for f in every if _ends_with(f, parts)]


def _ends_with(found: Found, parts: list[str]) -> bool:
    path = [_fold(title) for title in found.note.heading_path(found.section)]
    if path[-len(parts) :] == parts:
        return True
    name = found.file.rsplit("/", 1)[-1]
    names = {_fold(found.file), _fold(name), _fold(name.removesuffix(".md"))}
    head, rest = parts[0], parts[1:]
    return head in names and path == rest


def _at_line(every: list[Found], file: str, line: int) -> list[Found]:
    """The innermost question holding 1-based `line` of the note named `file` (its whole
    name in the notebook, or its last part)."""
    wanted = file.strip().removeprefix("./")
    notes = [f for f in every if f.file == wanted] or [
        f for f in every if f.file.rsplit("/", 1)[-1] == wanted
    ]
    if not notes or len({f.file for f in notes}) > 1:
        return []
    note = notes[0].note
    if not 1 <= line <= len(note.line_starts):
        return []
    section = note.section_at_line(line - 1)
    return [f for f in notes if f.section.index == section.index]
