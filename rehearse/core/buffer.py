"""An edit buffer: one region of one note snapshot, and the text the editor holds for it.

A buffer is a region, not a title: whatever the user does to the text — the
heading line included — is an edit of that region. The region's place in the
file is followed by the reconciler, never looked up by title.
"""

from __future__ import annotations

import uuid
from bisect import bisect_left
from dataclasses import dataclass
from pathlib import Path

from rehearse.core.notes import NoteFile, Section, reparsed
from rehearse.core.text import line_ending_of, restore_line_endings, split_lines, to_lf


@dataclass(frozen=True, slots=True)
class ConflictInfo:
    """The file changed on disk in the text this buffer edits; the user must choose."""

    reason: str
    theirs: str | None  # their version of the region (LF), None when the file is unreadable


def render_region(note: NoteFile, start: int, end: int, edited: str) -> str:
    """The bytes-to-be (as text) of [start, end) of `note` holding `edited` (LF editor text).

    Lines the edit kept keep their own endings; new lines take their neighbours'.
    A region followed by more text always ends with a line ending, or the next
    heading would be glued to its last line.
    """
    region = note.text[start:end]
    rendered = restore_line_endings(
        region, edited, fallback=note.line_ending, after=note.text[max(0, start - 2) : start]
    )
    if end < len(note.text) and rendered and not rendered.endswith(("\n", "\r")):
        last_line = split_lines(region)[-1] if region else ""
        rendered += line_ending_of(last_line) or note.line_ending
    return rendered


class Buffer:
    """The text of one region of one note as the user is editing it."""

    def __init__(self, base: NoteFile, start: int, end: int, whole_file: bool) -> None:
        self.id = uuid.uuid4().hex  # names its recovery journal entry
        self.whole_file = whole_file
        self.conflict: ConflictInfo | None = None
        self.deleted = False  # the file is gone from disk; only Ctrl+S recreates it
        self.journaled: str | None = None  # the text last put in the journal
        self.recovered = False  # its journal entry was written by an earlier session
        self.place(base, start, end)
        self.text = self._saved

    def place(self, base: NoteFile, start: int, end: int) -> None:
        """The region is now [start, end) of the snapshot `base`."""
        self.base, self.start, self.end = base, start, end
        self._saved = to_lf(base.text[start:end])

    @property
    def path(self) -> Path:
        return self.base.path

    @property
    def saved_text(self) -> str:
        """The region as the snapshot holds it, with LF endings."""
        return self._saved

    @property
    def dirty(self) -> bool:
        """The region's bytes in the snapshot are not what the editor's text would write."""
        text = self.text
        if text and not text.endswith("\n") and self.end < len(self.base.text):
            text += "\n"  # render_region adds it; the editor need not show it
        return text != self._saved

    @property
    def needs_care(self) -> bool:
        """Unsaved text that is not (or no longer) safely in its note."""
        return self.dirty or self.conflict is not None

    def rendered(self) -> str:
        return render_region(self.base, self.start, self.end, self.text)

    @property
    def section(self) -> Section:
        """The first section whose heading is inside the region, else the one it lies in
        (the preamble for a whole file)."""
        note = self.base
        if self.whole_file:
            return note.sections[0]
        starts = note.section_starts
        first = bisect_left(starts, self.start, lo=1)  # headings only: the preamble may be empty
        if first < len(starts) and starts[first] < max(self.end, self.start + 1):
            return note.sections[first]
        return note.section_at_offset(self.start)

    @property
    def heading_path(self) -> tuple[str, ...]:
        return () if self.whole_file else self.base.heading_path(self.section)

    def section_at_line(self, line: int) -> Section | None:
        """The snapshot's section at 0-based `line` of a whole-file buffer's current text.

        Unsaved edits shift lines, so the edited text is parsed and its section found
        again in the snapshot by heading path; None for text before the first heading.
        """
        section: Section | None
        if not self.dirty:
            section = self.base.section_at_line(line)
        else:
            edited = reparsed(self.base, self.text)
            here = edited.section_at_line(line)
            section = (
                self.base.find_by_heading_path(edited.heading_path(here)) if here.index else None
            )
        return section if section is not None and section.index else None


def keep_beside(
    other: Buffer, old: NoteFile, start: int, end: int, note: NoteFile, region: tuple[int, int]
) -> bool:
    """Another buffer of a note this session just wrote, from `old`, changing [start, end)
    into `region` of `note` and nothing else: a buffer wholly before or after that region
    keeps its lines where they are (a line the writer added at their shared edge is the
    writer's, not a change to this one). False when it must be merged instead."""
    if other.whole_file or other.deleted or other.conflict is not None:
        return False
    if other.base is not old and other.base.digest != old.digest:
        return False
    if other.end <= start == region[0] and note.text[:start] == old.text[:start]:
        other.place(note, other.start, other.end)
        return True
    if other.start >= end and note.text[region[1] :] == old.text[end:]:
        shift = region[1] - end
        other.place(note, other.start + shift, other.end + shift)
        return True
    return False
