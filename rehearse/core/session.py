"""The editing session: the notebook as last seen on disk, and the open edit buffers.

The UI shows what this holds and forwards the user's actions to it; every
decision about what is dirty, what may be written, where a region moved when
the file changed underneath it, and when the user must choose lives here.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path

from rehearse.core import editing
from rehearse.core.editing import Conflict, Saved, SaveFailed, SaveOutcome, Writer
from rehearse.core.fileio import atomic_write, describe_os_error, read_note_bytes
from rehearse.core.notebook import Notebook, find_note_paths, load_note
from rehearse.core.notes import NoteFile, Section, content_digest, parse_note
from rehearse.core.recovery import RecoveryJournal
from rehearse.core.text import to_lf


@dataclass(frozen=True, slots=True)
class ConflictInfo:
    """The file changed on disk in the text this buffer edits; the user must choose."""

    reason: str
    theirs: str | None  # their version of the region (LF), None when it is gone


@dataclass
class Buffer:
    """The text of one region of one note as the user is editing it."""

    base: NoteFile  # the snapshot [start, end) refers to
    start: int
    end: int
    whole_file: bool
    original: str  # the region as loaded or last saved, with LF endings
    text: str  # the editor's current text, with LF endings
    heading_path: tuple[str, ...] = ()  # identity of the section, () for a whole file
    conflict: ConflictInfo | None = None
    deleted: bool = False  # the file is gone from disk; saving recreates it
    journaled: str | None = field(default=None, repr=False)  # text last put in the journal

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

    def section_at_line(self, line: int) -> Section | None:
        """The snapshot's section at 0-based `line` of a whole-file buffer's current text.

        Unsaved edits shift lines, so the edited text is parsed and its section found
        again in the snapshot by heading path; None for text before the first heading.
        """
        section: Section | None
        if not self.dirty:
            section = self.base.section_at_line(line)
        else:
            edited = parse_note(self.path, self.base.decoded.encode(self.text))
            here = edited.section_at_line(line)
            section = (
                self.base.find_by_heading_path(edited.heading_path(here)) if here.index else None
            )
        return section if section is not None and section.index else None

    @property
    def needs_care(self) -> bool:
        """Unsaved text that is not (or no longer) safely in its note."""
        return self.dirty or self.conflict is not None


class Change(Enum):
    RELOADED = "reloaded"  # a clean buffer now shows the new text
    MERGED = "merged"  # unsaved edits kept; the other program changed other sections
    CONFLICT = "conflict"  # both changed the same text
    DELETED = "deleted"  # the file is gone; the buffer stays
    RELINKED = "relinked"  # the file was renamed; the buffer follows it
    CLOSED = "closed"  # a clean buffer whose section no longer exists


@dataclass
class Reload:
    """What re-reading some paths did."""

    changed_paths: set[Path] = field(default_factory=set)  # notes whose content changed
    buffers: list[tuple[Buffer, Change]] = field(default_factory=list)


class EditSession:
    def __init__(
        self,
        notebook: Notebook,
        writer: Writer = atomic_write,
        journal: RecoveryJournal | None = None,
    ) -> None:
        self.notebook = notebook
        self.journal = journal
        self._writer = writer
        self._buffers: list[Buffer] = []

    def __iter__(self) -> Iterator[Buffer]:
        return iter(self._buffers)

    @property
    def unsafe_buffers(self) -> list[Buffer]:
        return [buffer for buffer in self._buffers if buffer.needs_care]

    def note(self, path: Path) -> NoteFile | None:
        note = self.notebook.get(path)
        return note if isinstance(note, NoteFile) else None

    # -- opening ----------------------------------------------------------------------------

    def open_section(self, note: NoteFile, section: Section) -> Buffer:
        if section.is_preamble:
            return self.open_file(note)
        return self._open(note, section.start, section.end, False, note.heading_path(section))

    def open_file(self, note: NoteFile) -> Buffer:
        return self._open(note, 0, len(note.text), True, ())

    def _open(
        self, note: NoteFile, start: int, end: int, whole_file: bool, heading_path: tuple[str, ...]
    ) -> Buffer:
        for buffer in self._buffers:
            # The same question is the same buffer, even if the file moved it meanwhile.
            if (
                buffer.path == note.path
                and buffer.whole_file == whole_file
                and (buffer.heading_path == heading_path if heading_path else buffer.start == start)
            ):
                return buffer
        self._buffers = [b for b in self._buffers if b.needs_care]
        text = to_lf(note.text[start:end])
        buffer = Buffer(note, start, end, whole_file, text, text, heading_path)
        self._buffers.append(buffer)
        return buffer

    def restore(
        self, note: NoteFile, heading_path: tuple[str, ...], whole_file: bool, text: str
    ) -> Buffer | None:
        """Reopen an edit kept in the recovery journal, as unsaved text."""
        if whole_file:
            buffer = self.open_file(note)
        else:
            section = note.find_by_heading_path(heading_path)
            if section is None:
                return None
            buffer = self.open_section(note, section)
        buffer.text = text
        return buffer

    def dirty_marks(self) -> dict[Path, set[int]]:
        """For each file with unsaved edits, the sections holding them (0: a whole-file edit)."""
        marks: dict[Path, set[int]] = {}
        for buffer in self.unsafe_buffers:
            marks.setdefault(buffer.path, set()).add(
                0 if buffer.whole_file else buffer.section.index
            )
        return marks

    def conflict_marks(self) -> dict[Path, set[int]]:
        marks: dict[Path, set[int]] = {}
        for buffer in self._buffers:
            if buffer.conflict is not None:
                marks.setdefault(buffer.path, set()).add(
                    0 if buffer.whole_file else buffer.section.index
                )
        return marks

    # -- saving -----------------------------------------------------------------------------

    def save(self, buffer: Buffer) -> SaveOutcome:
        """Write the buffer if the file is still what it was based on; never through a conflict."""
        if buffer.conflict is not None:
            return Conflict(buffer.conflict.reason, None)
        if buffer.deleted:
            return self._recreate(buffer)
        outcome = editing.save_region(
            buffer.base, buffer.start, buffer.end, buffer.text, self._writer
        )
        if isinstance(outcome, Conflict):
            # The watcher has not told us yet: look now, merge if the change was elsewhere.
            self.reload([buffer.path])
            if buffer.conflict is None and not buffer.deleted:
                outcome = editing.save_region(
                    buffer.base, buffer.start, buffer.end, buffer.text, self._writer
                )
            elif buffer.conflict is not None:
                return Conflict(buffer.conflict.reason, None)
            else:
                return Conflict("the file was deleted or renamed since it was opened", None)
        if isinstance(outcome, Saved):
            self._saved(buffer, outcome)
        return outcome

    def save_all(self, *, autosave: bool = False) -> list[tuple[Buffer, SaveOutcome]]:
        """Save every edit; an autosave skips conflicts and never recreates a deleted file."""
        results = []
        for buffer in list(self._buffers):
            if not buffer.dirty:
                continue
            if autosave and (buffer.conflict is not None or buffer.deleted):
                continue
            results.append((buffer, self.save(buffer)))
        return results

    def _saved(self, buffer: Buffer, outcome: Saved) -> None:
        self.notebook = self.notebook.replace(outcome.note)
        buffer.base, buffer.start, buffer.end = outcome.note, outcome.start, outcome.end
        buffer.original = to_lf(outcome.note.text[outcome.start : outcome.end])
        buffer.conflict = None
        buffer.deleted = False
        self._forget(buffer)
        if not buffer.whole_file:
            buffer.heading_path = outcome.note.heading_path(buffer.section)
        self._follow(outcome.note, exclude=buffer)

    def _recreate(self, buffer: Buffer) -> SaveOutcome:
        if buffer.path.exists():
            self.reload([buffer.path])
            return self.save(buffer) if not buffer.deleted else Conflict("the file is back", None)
        new_text = editing.splice(buffer.base, buffer.start, buffer.end, buffer.text)
        new_bytes = buffer.base.decoded.encode(new_text)
        try:
            buffer.path.parent.mkdir(parents=True, exist_ok=True)
            self._writer(buffer.path, new_bytes)
        except OSError as error:
            return SaveFailed(describe_os_error(error))
        note = load_note(buffer.path)
        if not isinstance(note, NoteFile):
            return SaveFailed(f"the recreated file could not be read back: {note.reason}")
        end = len(new_text) - (len(buffer.base.text) - buffer.end)
        outcome = Saved(note, buffer.start, end)
        self._saved(buffer, outcome)
        return outcome

    # -- the files changed on disk ----------------------------------------------------------

    def reload(self, paths: Iterable[Path], rescan: bool = False) -> Reload:
        """Re-read `paths` (and, with `rescan`, look for added or removed notes)."""
        result = Reload()
        wanted = set(paths)
        if rescan:
            wanted |= self._rescan()
        for path in sorted(wanted):
            self._reload_one(path, result)
        self._relink(result)
        return result

    def _rescan(self) -> set[Path]:
        known = {note.path for note in self.notebook.notes}
        if self.notebook.single_file:
            return known
        try:
            present = (
                set(find_note_paths(self.notebook.root)) if self.notebook.root.is_dir() else set()
            )
        except OSError:
            present = set()
        return known ^ present

    def _reload_one(self, path: Path, result: Reload) -> None:
        current = self.notebook.get(path)
        try:
            raw = read_note_bytes(path)
        except FileNotFoundError:
            if current is not None:
                self.notebook = self.notebook.remove(path)
                result.changed_paths.add(path)
                for buffer in self._buffers_of(path):
                    buffer.deleted = True
                    if self.journal is not None:  # whatever was deleted, a copy is kept
                        self.journal.stash(path, buffer.text, "deleted")
                    self.record(buffer, force=True)
                    result.buffers.append((buffer, Change.DELETED))
            return
        except OSError:
            raw = None
        if (
            isinstance(current, NoteFile)
            and raw is not None
            and content_digest(raw) == current.digest
        ):
            return  # our own write coming back, or a touch
        note = load_note(path)
        self.notebook = self.notebook.replace(note)
        result.changed_paths.add(path)
        for buffer in self._buffers_of(path):
            change = self._move_onto(buffer, note)
            if change is not None:
                result.buffers.append((buffer, change))
        self._buffers = [
            b
            for b in self._buffers
            if not (b.path == path and b.base is not note and not b.needs_care)
        ]

    def _move_onto(self, buffer: Buffer, note: NoteFile | object) -> Change | None:
        """Bring one buffer onto the file's new state; None when nothing about it changed."""
        if not isinstance(note, NoteFile):
            if buffer.needs_care:
                buffer.conflict = ConflictInfo("the file is no longer readable text", None)
                self.record(buffer, force=True)
                return Change.CONFLICT
            return Change.CLOSED
        region = editing.rebase_region(buffer.base, buffer.start, buffer.end, note)
        if region is not None and not buffer.whole_file:
            was_deleted = buffer.deleted
            buffer.base, (buffer.start, buffer.end) = note, region
            buffer.deleted = False
            return Change.MERGED if buffer.dirty or was_deleted else None
        found = self._region_in(note, buffer)
        if not buffer.dirty and buffer.conflict is None:
            if found is None:
                return Change.CLOSED
            buffer.base, (buffer.start, buffer.end) = note, found
            buffer.original = buffer.text = to_lf(note.text[found[0] : found[1]])
            buffer.deleted = False
            return Change.RELOADED
        theirs = to_lf(note.text[found[0] : found[1]]) if found else None
        if found is not None and theirs == buffer.text:
            # They wrote exactly what we have: nothing to choose between.
            buffer.base, (buffer.start, buffer.end) = note, found
            buffer.original = theirs
            buffer.conflict = None
            self._forget(buffer)
            return Change.MERGED
        reason = (
            "another program changed this section while you were editing it"
            if theirs is not None
            else "another program removed this section while you were editing it"
        )
        buffer.conflict = ConflictInfo(reason, theirs)
        buffer.deleted = False  # whatever it was, the file is there again
        self.record(buffer, force=True)
        return Change.CONFLICT

    def _region_in(self, note: NoteFile, buffer: Buffer) -> tuple[int, int] | None:
        if buffer.whole_file:
            return 0, len(note.text)
        section = note.find_by_heading_path(buffer.heading_path)
        return (section.start, section.end) if section else None

    def _relink(self, result: Reload) -> None:
        """A deleted file whose text turns up under another name (a rename): follow it."""
        for buffer in self._buffers:
            if not buffer.deleted:
                continue
            for note in self.notebook.readable:
                if note.path == buffer.path:
                    continue
                region = editing.rebase_region(buffer.base, buffer.start, buffer.end, note)
                if region is None and note.digest != buffer.base.digest:
                    continue
                self._forget(buffer)  # kept under the old name; the next tick keeps it anew
                buffer.base = note
                buffer.start, buffer.end = region or (buffer.start, buffer.end)
                if buffer.whole_file:
                    buffer.start, buffer.end = 0, len(note.text)
                buffer.deleted = False
                result.buffers.append((buffer, Change.RELINKED))
                break

    def _follow(self, note: NoteFile, exclude: Buffer) -> None:
        """After our own save, move the other buffers of the file onto the new text."""
        for buffer in self._buffers_of(note.path):
            if buffer is not exclude:
                self._move_onto(buffer, note)
        self._buffers = [
            b for b in self._buffers if b is exclude or b.needs_care or b.path != note.path
        ]

    def _buffers_of(self, path: Path) -> list[Buffer]:
        return [buffer for buffer in self._buffers if buffer.path == path]

    # -- resolving a conflict ---------------------------------------------------------------

    def keep_mine(self, buffer: Buffer) -> SaveOutcome:
        """Write the user's text over the other program's version of the same text."""
        note = self.note(buffer.path)
        if note is None:
            buffer.conflict = None
            buffer.deleted = True
            return self._recreate(buffer)
        found = self._region_in(note, buffer)
        if found is None:
            # Their version dropped the section: put ours back where it was, by offset.
            position = min(buffer.start, len(note.text))
            found = (position, position)
        buffer.base, (buffer.start, buffer.end) = note, found
        buffer.original = to_lf(note.text[found[0] : found[1]])
        buffer.conflict = None
        buffer.deleted = False
        return self.save(buffer)

    def take_theirs(self, buffer: Buffer) -> Path | None:
        """Show the other program's version; the user's text is stashed (its path returned).

        If the text cannot be set aside (the data folder is not writable), nothing
        changes and None comes back with the conflict still open.
        """
        kept = self.stash(buffer, "mine")
        if kept is None and self.journal is not None:
            return None
        note = self.note(buffer.path)
        found = self._region_in(note, buffer) if note else None
        buffer.conflict = None
        if note is None or found is None:
            self._buffers.remove(buffer)
        else:
            buffer.base, (buffer.start, buffer.end) = note, found
            buffer.original = buffer.text = to_lf(note.text[found[0] : found[1]])
            buffer.deleted = False
        self._forget(buffer)
        return kept

    def stash(self, buffer: Buffer, label: str) -> Path | None:
        if self.journal is None:
            return None
        return self.journal.stash(buffer.path, buffer.text, label)

    def discard(self, buffer: Buffer) -> None:
        if buffer in self._buffers:
            self._buffers.remove(buffer)
        self._forget(buffer)

    # -- the recovery journal ---------------------------------------------------------------

    def record(self, buffer: Buffer, force: bool = False) -> None:
        """Put unsaved text in the journal (when it changed since it was last put there)."""
        if self.journal is None or (not force and buffer.journaled == buffer.text):
            return
        if not buffer.needs_care:
            self._forget(buffer)
            return
        try:
            self.journal.record(
                buffer.path, buffer.heading_path, buffer.whole_file, buffer.base.digest, buffer.text
            )
        except OSError:
            return  # the data folder is unwritable; the text is still in the editor
        buffer.journaled = buffer.text

    def record_all(self) -> None:
        for buffer in self._buffers:
            if buffer.needs_care or buffer.journaled is not None:
                self.record(buffer)

    def _forget(self, buffer: Buffer) -> None:
        """Drop the buffer's journal entry (also one left by an earlier session)."""
        if self.journal is not None:
            self.journal.forget(buffer.path, buffer.heading_path, buffer.whole_file)
        buffer.journaled = None
