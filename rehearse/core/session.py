"""The editing session: the notebook as last seen on disk, and the open edit buffers.

The UI shows what this holds and forwards the user's actions to it; every
decision about what is dirty, what may be written and where a region moved
lives here.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from rehearse.core import editing
from rehearse.core.editing import Saved, SaveFailed, SaveOutcome, Writer
from rehearse.core.fileio import atomic_write
from rehearse.core.notebook import Notebook
from rehearse.core.notes import NoteFile, Section
from rehearse.core.text import to_lf


@dataclass
class Buffer:
    """The text of one region of one note as the user is editing it."""

    base: NoteFile  # the snapshot [start, end) refers to
    start: int
    end: int
    whole_file: bool
    original: str  # the region as loaded or last saved, with LF endings
    text: str  # the editor's current text, with LF endings
    conflict: str | None = None  # why the last save was refused

    @property
    def path(self) -> Path:
        return self.base.path

    @property
    def dirty(self) -> bool:
        return self.text != self.original

    @property
    def section(self) -> Section:
        """The section the region starts in (the preamble for a whole file)."""
        return self.base.section_at_offset(self.start)


class EditSession:
    def __init__(self, notebook: Notebook, writer: Writer = atomic_write) -> None:
        self.notebook = notebook
        self._writer = writer
        self._buffers: list[Buffer] = []

    def __iter__(self) -> Iterator[Buffer]:
        return iter(self._buffers)

    @property
    def dirty_buffers(self) -> list[Buffer]:
        return [buffer for buffer in self._buffers if buffer.dirty]

    def note(self, path: Path) -> NoteFile | None:
        note = self.notebook.get(path)
        return note if isinstance(note, NoteFile) else None

    def open_section(self, note: NoteFile, section: Section) -> Buffer:
        if section.is_preamble:
            return self.open_file(note)
        return self._open(note, section.start, section.end, whole_file=False)

    def open_file(self, note: NoteFile) -> Buffer:
        return self._open(note, 0, len(note.text), whole_file=True)

    def _open(self, note: NoteFile, start: int, end: int, whole_file: bool) -> Buffer:
        for buffer in self._buffers:
            if (
                buffer.path == note.path
                and buffer.whole_file == whole_file
                and buffer.start == start
            ):
                return buffer
        self._buffers = [b for b in self._buffers if b.dirty]
        text = to_lf(note.text[start:end])
        buffer = Buffer(note, start, end, whole_file, original=text, text=text)
        self._buffers.append(buffer)
        return buffer

    def dirty_marks(self) -> dict[Path, set[int]]:
        """For each file with unsaved edits, the sections holding them (0: a whole-file edit)."""
        marks: dict[Path, set[int]] = {}
        for buffer in self.dirty_buffers:
            marks.setdefault(buffer.path, set()).add(
                0 if buffer.whole_file else buffer.section.index
            )
        return marks

    def save(self, buffer: Buffer) -> SaveOutcome:
        outcome = editing.save_region(
            buffer.base, buffer.start, buffer.end, buffer.text, self._writer
        )
        if isinstance(outcome, Saved):
            self._adopt(outcome.note, saved=buffer)
            buffer.base, buffer.start, buffer.end = outcome.note, outcome.start, outcome.end
            buffer.original = to_lf(outcome.note.text[outcome.start : outcome.end])
            buffer.conflict = None
        elif isinstance(outcome, SaveFailed):
            buffer.conflict = None
        elif isinstance(outcome, editing.Conflict):
            buffer.conflict = outcome.reason
        return outcome

    def save_all(self) -> list[tuple[Buffer, SaveOutcome]]:
        return [(buffer, self.save(buffer)) for buffer in self.dirty_buffers]

    def _adopt(self, note: NoteFile, saved: Buffer) -> None:
        """Take `note` as the file's new state and move the other buffers onto it."""
        self.notebook = self.notebook.replace(note)
        self._buffers = [b for b in self._buffers if b is saved or b.dirty or b.path != note.path]
        for buffer in self._buffers:
            if buffer is saved or buffer.path != note.path:
                continue
            region = editing.rebase_region(buffer.base, buffer.start, buffer.end, note)
            if region is None:
                buffer.conflict = "another edit of this file changed the same text"
                continue
            buffer.base = note
            buffer.start, buffer.end = region
            if buffer.whole_file:
                buffer.end = len(note.text)

    def discard(self, buffer: Buffer) -> None:
        if buffer in self._buffers:
            self._buffers.remove(buffer)
