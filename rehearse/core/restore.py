"""Edits an earlier session left in the recovery journal, brought back as buffers; and the
journal left clean when the user quits without saving."""

from __future__ import annotations

from pathlib import Path

from rehearse.core.buffer import Buffer
from rehearse.core.notes import NoteFile
from rehearse.core.recovery import RecoveryEntry
from rehearse.core.session import EditSession, snapshot


def recovered_buffer(session: EditSession, entry: RecoveryEntry) -> Buffer | None:
    """The journaled edit as a buffer on the note as it is now (merged into it); None
    when its note is gone. It is not opened: `restore` does that."""
    note = session.note(entry.note)
    if note is None:
        return None
    raw = session.journal.base_of(entry)
    base = snapshot(entry.note, raw, note.mode) if raw is not None else None
    if isinstance(base, NoteFile) and base.digest == note.digest:
        base = note  # the note's own snapshot: restored neighbours share it, as opened ones do
    if isinstance(base, NoteFile) and 0 <= entry.start <= entry.end <= len(base.text):
        buffer = Buffer(base, entry.start, entry.end, entry.whole_file)
        buffer.text = entry.text
        if base.digest != note.digest:
            session.rebase(buffer, note)
    elif entry.whole_file:  # an entry written before the base was kept with it
        buffer = Buffer(note, 0, len(note.text), whole_file=True)
        buffer.text = entry.text
    else:
        section = note.find_by_heading_path(entry.heading_path)
        if section is None:
            return None
        buffer = Buffer(note, section.start, section.end, whole_file=False)
        buffer.text = entry.text
    buffer.id = entry.file.stem
    buffer.recovered = True
    return buffer


def pending_recoveries(session: EditSession, under: Path | None = None) -> list[RecoveryEntry]:
    """Journal entries of these notes (of every root) to offer the user; those whose text
    is in the note are dropped."""
    pending = []
    for entry in session.journal.entries(under=under):
        if entry.live:
            continue  # another rehearse is editing it right now: not ours to offer
        if not session.notebook.holds(entry.note):
            continue
        buffer = recovered_buffer(session, entry)
        if buffer is not None and not buffer.needs_care:
            session.journal.discard(entry)  # the text made it into the note after all
            continue
        pending.append(entry)
    return pending


def restore(session: EditSession, entry: RecoveryEntry) -> Buffer | None:
    """Reopen a journaled edit as unsaved text (in conflict if the note changed there)."""
    buffer = recovered_buffer(session, entry)
    if buffer is not None:
        session.adopt(buffer)
    return buffer


def set_aside_unsaved(session: EditSession) -> list[Path]:
    """Quit without saving: each unsaved text is kept as a copy and leaves the journal
    (one that cannot be copied stays journaled, to be offered at the next start)."""
    kept: list[Path] = []
    for buffer in session.unsafe_buffers:
        copy = session.journal.stash(buffer.path, buffer.text, "unsaved")
        if copy is not None:
            kept.append(copy)
            session.discard(buffer)
    return kept
