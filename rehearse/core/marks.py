"""What the tree marks on a section: unsaved edits (●) and conflicts (⚡), numbered as in
the notebook's snapshot of each note."""

from __future__ import annotations

from pathlib import Path

from rehearse.core.buffer import Buffer
from rehearse.core.session import EditSession

Marks = dict[Path, set[int]]


def marks(session: EditSession) -> tuple[Marks, Marks]:
    """For each file, the sections (0: a whole-file edit) with unsaved edits, and those
    in conflict."""
    dirty: Marks = {}
    conflicts: Marks = {}
    for buffer in session.unsafe_buffers:
        if (index := section_index(session, buffer)) is not None:
            dirty.setdefault(buffer.path, set()).add(index)
            if buffer.conflict is not None:
                conflicts.setdefault(buffer.path, set()).add(index)
    return dirty, conflicts


def section_index(session: EditSession, buffer: Buffer) -> int | None:
    """The section the buffer shows, numbered as in the notebook's snapshot (0: a file)."""
    if buffer.whole_file:
        return 0
    note = session.note(buffer.path)
    if note is None or buffer.base is note:
        return None if note is None else buffer.section.index
    section = note.find_by_heading_path(buffer.heading_path) if buffer.heading_path else None
    return section.index if section is not None else None
