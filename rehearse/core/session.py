"""The editing session: the notebook as last seen on disk, and the open edit buffers.

The UI shows what this holds and forwards the user's actions to it; every
decision about what is dirty, what may be written, where a region moved when
the file changed underneath it, and when the user must choose lives here.

Every change of a file — ours or another program's — is taken in the same way:
the buffer's region is merged three ways (reconcile.merge) into the new text.
A clean merge moves the buffer onto the new snapshot; a conflict stops every
write of that buffer until the user chooses. Reloading never writes; saving
writes only the buffer's own file.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import Protocol

from rehearse.core.buffer import Buffer, ConflictInfo
from rehearse.core.fileio import atomic_write, describe_os_error, read_note_file
from rehearse.core.notebook import Note, Notebook, find_note_paths, load_note
from rehearse.core.notes import NoteFile, Section, UnreadableNote, content_digest, parse_note
from rehearse.core.reconcile import Conflicted, Merged, Prefer, map_region, merge
from rehearse.core.recovery import Journal, NullJournal, RecoveryEntry
from rehearse.core.text import UndecodableNote, to_lf

CHANGED_HERE = "another program changed this section while you were editing it"
UNREADABLE_NOW = "the file is no longer text rehearse can read"


class Writer(Protocol):
    def __call__(self, path: Path, data: bytes, *, mode: int | None = None) -> None: ...


@dataclass(frozen=True, slots=True)
class Saved:
    note: NoteFile


@dataclass(frozen=True, slots=True)
class Unchanged:
    note: NoteFile


@dataclass(frozen=True, slots=True)
class Conflict:
    """Nothing was written: the file changed in the same text, or it is gone."""

    reason: str


@dataclass(frozen=True, slots=True)
class SaveFailed:
    """Writing failed; the file on disk is untouched."""

    reason: str


SaveOutcome = Saved | Unchanged | Conflict | SaveFailed


class Change(Enum):
    RELOADED = "reloaded"  # a clean buffer now shows the new text
    MERGED = "merged"  # unsaved edits kept, the other program's changes taken in
    CONFLICT = "conflict"  # both changed the same text
    DELETED = "deleted"  # the file is gone; the buffer stays
    RELINKED = "relinked"  # the file was renamed (same bytes, new name); the buffer follows
    CLOSED = "closed"  # a clean buffer whose text no longer exists


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
        journal: Journal | None = None,
    ) -> None:
        self.notebook = notebook
        self.journal: Journal = journal if journal is not None else NullJournal()
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

    # -- opening and typing -----------------------------------------------------------------

    def open_section(self, note: NoteFile, section: Section) -> Buffer:
        """The buffer showing `section`: one already editing it, else a new one."""
        if section.is_preamble:
            return self.open_file(note)
        mine = [b for b in self._buffers if b.path == note.path and not b.whole_file]
        for buffer in mine:
            if buffer.base is note and buffer.start == section.start:
                return buffer
        for buffer in mine:  # unsaved text that now holds this heading too
            if (
                buffer.needs_care
                and buffer.base is note
                and buffer.start <= section.start < buffer.end
            ):
                return buffer
        shown = note.heading_path(section)
        for buffer in mine:  # a conflict keeps its older snapshot: match what it showed
            if buffer.needs_care and buffer.base is not note and buffer.heading_path == shown:
                return buffer
        return self._add(Buffer(note, section.start, section.end, whole_file=False))

    def open_file(self, note: NoteFile) -> Buffer:
        for buffer in self._buffers:
            if buffer.path == note.path and buffer.whole_file:
                return buffer
        return self._add(Buffer(note, 0, len(note.text), whole_file=True))

    def _add(self, buffer: Buffer) -> Buffer:
        self._buffers = [b for b in self._buffers if b.needs_care]
        self._buffers.append(buffer)
        return buffer

    def edit(self, buffer: Buffer, text: str) -> None:
        """The editor now holds `text` for the buffer (LF line endings)."""
        buffer.text = text

    def marks(self) -> tuple[dict[Path, set[int]], dict[Path, set[int]]]:
        """For each file, the sections (0: a whole-file edit) with unsaved edits, and those
        in conflict, numbered as in the notebook's snapshot."""
        dirty: dict[Path, set[int]] = {}
        conflicts: dict[Path, set[int]] = {}
        for buffer in self.unsafe_buffers:
            index = self.section_index(buffer)
            if index is None:
                continue
            dirty.setdefault(buffer.path, set()).add(index)
            if buffer.conflict is not None:
                conflicts.setdefault(buffer.path, set()).add(index)
        return dirty, conflicts

    def section_index(self, buffer: Buffer) -> int | None:
        """The section the buffer shows, numbered as in the notebook's snapshot (0: a file)."""
        if buffer.whole_file:
            return 0
        note = self.note(buffer.path)
        if note is None:
            return None
        if buffer.base is note:
            return buffer.section.index
        section = note.find_by_heading_path(buffer.heading_path) if buffer.heading_path else None
        return section.index if section is not None else None

    # -- saving -----------------------------------------------------------------------------

    def save(self, buffer: Buffer) -> SaveOutcome:
        """Write the buffer's region, merged into the file as it is now; never through a
        conflict, and never into any file but its own."""
        if buffer.conflict is not None:
            return Conflict(buffer.conflict.reason)
        if buffer.deleted:
            return self._recreate(buffer)
        if not buffer.dirty:
            self._forget(buffer)
            return Unchanged(buffer.base)
        try:
            raw, mode = read_note_file(buffer.path)
        except FileNotFoundError:
            self.reload([buffer.path])
            return Conflict("the file was deleted or renamed since it was opened")
        except OSError as error:
            return SaveFailed(describe_os_error(error))
        if content_digest(raw) != buffer.base.digest:
            # Changed, and the watcher has not said so yet: take it in first, as it would.
            self._take_in(buffer.path, _snapshot(buffer.path, raw, mode), Reload())
            if buffer.conflict is not None:
                return Conflict(buffer.conflict.reason)
            if not buffer.dirty:
                return Unchanged(buffer.base)
        return self._write(buffer, buffer.base)

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

    def _write(self, buffer: Buffer, onto: NoteFile) -> SaveOutcome:
        """Write `onto` (the file as it is) with the buffer's region replaced."""
        rendered = buffer.rendered()
        text = onto.text[: buffer.start] + rendered + onto.text[buffer.end :]
        return self._commit(buffer, onto, text, (buffer.start, buffer.start + len(rendered)))

    def _commit(
        self, buffer: Buffer, onto: NoteFile, text: str, region: tuple[int, int]
    ) -> SaveOutcome:
        data = onto.decoded.encode(text)
        try:
            buffer.path.parent.mkdir(parents=True, exist_ok=True)
            self._writer(buffer.path, data, mode=onto.mode)
        except OSError as error:
            return SaveFailed(describe_os_error(error))
        note = parse_note(buffer.path, data, onto.mode)
        self.notebook = self.notebook.replace(note)
        buffer.place(note, *region)
        if buffer.dirty:  # keep mine took in their other lines of the region
            buffer.text = buffer.saved_text
        buffer.conflict, buffer.deleted = None, False
        self._forget(buffer)
        for other in self._buffers_of(note.path):
            if other is not buffer:
                self._rebase(other, note)
        return Saved(note)

    def _recreate(self, buffer: Buffer) -> SaveOutcome:
        """Ctrl+S on a deleted note: write it back as it was, with the edit, with its old mode."""
        if buffer.path.exists():
            self.reload([buffer.path])
            if buffer.deleted:
                return Conflict("the file is back but cannot be read")
            return self.save(buffer)
        return self._write(buffer, buffer.base)

    # -- the files changed on disk ----------------------------------------------------------

    def reload(self, paths: Iterable[Path], rescan: bool = False) -> Reload:
        """Re-read `paths` (and, with `rescan`, look for added or removed notes)."""
        result = Reload()
        before = {note.path for note in self.notebook.notes}
        wanted = set(paths)
        if rescan:
            wanted |= self._rescan()
        for path in sorted(wanted):
            self._reload_one(path, result)
        self._follow_renames(before, result)
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
            raw, mode = read_note_file(path)
        except FileNotFoundError:
            if current is not None:
                self._vanished(path, result)
            return
        except OSError as error:
            note: Note = UnreadableNote(path, describe_os_error(error))
        else:
            if isinstance(current, NoteFile) and content_digest(raw) == current.digest:
                return  # our own write coming back, or a touch
            note = _snapshot(path, raw, mode)
        self._take_in(path, note, result)

    def _vanished(self, path: Path, result: Reload) -> None:
        self.notebook = self.notebook.remove(path)
        result.changed_paths.add(path)
        for buffer in self._buffers_of(path):
            if buffer.deleted:
                continue
            buffer.deleted = True
            self.journal.stash(path, buffer.text, "deleted")  # whatever was deleted, keep a copy
            self.record(buffer, force=True)
            result.buffers.append((buffer, Change.DELETED))

    def _take_in(self, path: Path, note: Note, result: Reload) -> None:
        self.notebook = self.notebook.replace(note)
        result.changed_paths.add(path)
        for buffer in self._buffers_of(path):
            change = self._rebase(buffer, note)
            if change is Change.CONFLICT:
                self.record(buffer, force=True)
            if change is not None:
                result.buffers.append((buffer, change))
        self._buffers = [
            b for b in self._buffers if b.path != path or b.needs_care or b.base is note
        ]

    def _rebase(self, buffer: Buffer, note: Note) -> Change | None:
        """Bring one buffer onto the file's new state; None when nothing it shows changed."""
        if not isinstance(note, NoteFile):
            if buffer.needs_care:
                buffer.conflict = ConflictInfo(UNREADABLE_NOW, None)
                return Change.CONFLICT
            self._drop(buffer)
            return Change.CLOSED
        was_dirty, was_deleted, shown = buffer.dirty, buffer.deleted, buffer.text
        rendered = buffer.rendered()
        outcome = merge(
            buffer.base.text, buffer.start, buffer.end, rendered, note.text,
            whole_file=buffer.whole_file, theirs_headings=note.heading_lines,
        )  # fmt: skip
        if isinstance(outcome, Conflicted):
            buffer.conflict = ConflictInfo(CHANGED_HERE, to_lf(outcome.theirs_region))
            buffer.deleted = False
            return Change.CONFLICT
        region = outcome.text[outcome.start : outcome.end]
        buffer.place(note, outcome.start, outcome.theirs_end)
        buffer.conflict, buffer.deleted = None, False
        if not was_dirty or region != rendered:  # their lines landed in the region
            buffer.text = to_lf(region)
        if not buffer.dirty:
            self._forget(buffer)
        if not was_dirty:
            if buffer.start == buffer.end and not buffer.whole_file:
                self._drop(buffer)
                return Change.CLOSED
            return Change.RELOADED if buffer.text != shown or was_deleted else None
        return Change.MERGED

    def _drop(self, buffer: Buffer) -> None:
        if buffer in self._buffers:
            self._buffers.remove(buffer)

    def _follow_renames(self, before: set[Path], result: Reload) -> None:
        """A deleted note whose exact bytes appear under a new name was renamed: follow it.

        Only a path that was not there before counts, and only when one has those bytes;
        an edit is never moved into a note that already existed.
        """
        added = [note for note in self.notebook.readable if note.path not in before]
        for buffer in self._buffers:
            if not buffer.deleted:
                continue
            same = [note for note in added if note.digest == buffer.base.digest]
            if len(same) != 1:
                continue
            self._forget(buffer)  # journaled under the old name; recorded anew below
            buffer.place(same[0], buffer.start, buffer.end)
            buffer.deleted = False
            self.record(buffer, force=True)
            result.buffers.append((buffer, Change.RELINKED))

    def _buffers_of(self, path: Path) -> list[Buffer]:
        return [buffer for buffer in self._buffers if buffer.path == path]

    # -- resolving a conflict ---------------------------------------------------------------

    def keep_mine(self, buffer: Buffer) -> SaveOutcome:
        """Write the user's text where both changed; their other changes stay."""
        if buffer.conflict is None:
            return self.save(buffer)
        try:
            raw, mode = read_note_file(buffer.path)
        except FileNotFoundError:
            buffer.conflict, buffer.deleted = None, True
            return self._recreate(buffer)
        except OSError as error:
            return SaveFailed(describe_os_error(error))
        theirs = _snapshot(buffer.path, raw, mode)
        if not isinstance(theirs, NoteFile):
            return SaveFailed(f"{UNREADABLE_NOW}; nothing was written")
        seen = buffer.conflict.theirs
        self._take_in(buffer.path, theirs, Reload())  # every buffer of the file sees it
        if buffer.conflict is None:  # it merges cleanly now
            return self.save(buffer)
        if buffer.conflict.theirs != seen:
            # Their text changed again since the user looked: they must look again.
            return Conflict("another program changed this text again; compare once more")
        outcome = merge(
            buffer.base.text, buffer.start, buffer.end, buffer.rendered(), theirs.text,
            whole_file=buffer.whole_file, theirs_headings=theirs.heading_lines,
            prefer=Prefer.MINE,
        )  # fmt: skip
        assert isinstance(outcome, Merged)  # preferring a side never conflicts
        return self._commit(buffer, theirs, outcome.text, (outcome.start, outcome.end))

    def take_theirs(self, buffer: Buffer) -> Path | None:
        """Show the other program's version; the user's text is stashed (its path returned).

        If the text cannot be set aside (the data folder is not writable), nothing
        changes and None comes back with the conflict still open.
        """
        kept = self.journal.stash(buffer.path, buffer.text, "mine")
        if kept is None and not isinstance(self.journal, NullJournal):
            return None
        self.reload([buffer.path])
        note = self.note(buffer.path)
        if note is None:
            self.discard(buffer)
            return kept
        if buffer.base is not note:
            region = (
                (0, len(note.text))
                if buffer.whole_file
                else map_region(buffer.base.text, buffer.start, buffer.end, note.text)
            )
            buffer.place(note, *region)
        buffer.text = buffer.saved_text
        buffer.conflict, buffer.deleted = None, False
        self._forget(buffer)
        return kept

    def discard(self, buffer: Buffer) -> None:
        self._drop(buffer)
        self._forget(buffer)

    def set_aside_unsaved(self) -> list[Path]:
        """Quit without saving: each unsaved text is kept as a copy and leaves the journal
        (one that cannot be copied stays journaled, to be offered at the next start)."""
        kept: list[Path] = []
        for buffer in self.unsafe_buffers:
            copy = self.journal.stash(buffer.path, buffer.text, "unsaved")
            if copy is not None:
                kept.append(copy)
                self.discard(buffer)
        return kept

    # -- the recovery journal ---------------------------------------------------------------

    def record(self, buffer: Buffer, force: bool = False) -> None:
        """Put unsaved text in the journal (when it changed since it was last put there)."""
        if not force and buffer.journaled == buffer.text:
            return
        if not buffer.needs_care:
            self._forget(buffer)
            return
        try:
            self.journal.record(buffer)
        except OSError:
            return  # the data folder is unwritable; the text is still in the editor
        buffer.journaled = buffer.text

    def record_all(self) -> None:
        for buffer in self._buffers:
            if buffer.needs_care or buffer.journaled is not None:
                self.record(buffer)

    def _forget(self, buffer: Buffer) -> None:
        if buffer.journaled is not None or buffer.recovered:
            self.journal.forget(buffer)
        buffer.journaled = None
        buffer.recovered = False

    def recovered_buffer(self, entry: RecoveryEntry) -> Buffer | None:
        """The journaled edit as a buffer on the note as it is now (merged into it); None
        when its note is gone. It is not opened: `restore` does that."""
        note = self.note(entry.note)
        if note is None:
            return None
        raw = self.journal.base_of(entry)
        base = _snapshot(entry.note, raw, note.mode) if raw is not None else None
        if isinstance(base, NoteFile) and 0 <= entry.start <= entry.end <= len(base.text):
            buffer = Buffer(base, entry.start, entry.end, entry.whole_file)
            buffer.text = entry.text
            if base.digest != note.digest:
                self._rebase(buffer, note)
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

    def pending_recoveries(self, under: Path) -> list[RecoveryEntry]:
        """Journal entries to offer the user; those whose text is in the note are dropped."""
        pending = []
        for entry in self.journal.entries(under=under):
            if self.notebook.single_file and self.note(entry.note) is None:
                continue
            buffer = self.recovered_buffer(entry)
            if buffer is not None and not buffer.needs_care:
                self.journal.discard(entry)  # the text made it into the note after all
                continue
            pending.append(entry)
        return pending

    def restore(self, entry: RecoveryEntry) -> Buffer | None:
        """Reopen a journaled edit as unsaved text (in conflict if the note changed there)."""
        buffer = self.recovered_buffer(entry)
        if buffer is not None:
            self._buffers.append(buffer)
            self.record(buffer, force=True)
        return buffer


def _snapshot(path: Path, raw: bytes, mode: int | None) -> Note:
    try:
        return parse_note(path, raw, mode)
    except UndecodableNote as error:
        return UnreadableNote(path, str(error))


__all__ = [
    "Buffer",
    "Change",
    "Conflict",
    "ConflictInfo",
    "EditSession",
    "Reload",
    "SaveFailed",
    "SaveOutcome",
    "Saved",
    "Unchanged",
    "load_note",
]
