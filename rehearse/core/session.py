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

from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from rehearse.core.buffer import Buffer, ConflictInfo, keep_beside
from rehearse.core.fileio import (
    ABSENT,
    ChangedMeanwhile,
    Stamp,
    atomic_write,
    describe_os_error,
    read_note_file,
    read_note_stamped,
)
from rehearse.core.notebook import Note, Notebook, added_or_removed, snapshot
from rehearse.core.notes import (
    NoteFile,
    Section,
    UnreadableNote,
    content_digest,
    parse_decoded,
)
from rehearse.core.outcomes import (
    Change,
    Conflict,
    Reload,
    Saved,
    SaveFailed,
    SaveOutcome,
    Unchanged,
    Writer,
)
from rehearse.core.reconcile import Conflicted, merge
from rehearse.core.recovery import Journal, NullJournal
from rehearse.core.rescan import follow_renames, notes_at, renamed_notes
from rehearse.core.text import encoded, to_lf

if TYPE_CHECKING:
    from rehearse.core.saving import SaveJob

__all__ = ["EditSession", "Saved", "snapshot"]  # snapshot: where callers have found it

CHANGED_HERE = "another program changed this section while you were editing it"
UNREADABLE_NOW = "the file is no longer text rehearse can read"


class EditSession:
    def __init__(
        self,
        notebook: Notebook,
        writer: Writer = atomic_write,
        journal: Journal | None = None,
    ) -> None:
        self.notebook = notebook
        self.journal: Journal = journal if journal is not None else NullJournal()
        self.writer = writer
        self._buffers: list[Buffer] = []
        self.journal_problem: str | None = None  # why the last journal write failed
        self.in_flight: dict[Path, SaveJob] = {}  # saves begun and not finished (saving.py)
        # Told which notes changed, each time the notebook takes in a new state of one.
        self.on_change: Callable[[frozenset[Path]], None] = lambda paths: None
        self.renamed: dict[Path, Path] = {}  # while a reload tells of renames: old -> new

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
        for buffer in mine:  # unsaved text in these lines (it may hold this heading now):
            if (  # one buffer for them, or two would edit the same lines
                buffer.needs_care
                and buffer.base is note
                and buffer.start < section.end
                and section.start < max(buffer.end, buffer.start + 1)
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

    # -- saving -----------------------------------------------------------------------------

    def save(self, buffer: Buffer) -> SaveOutcome:
        """Write the buffer's region, merged into the file as it is now; never through a
        conflict, and never into any file but its own."""
        flight = self.in_flight.get(buffer.path)
        self.settle(buffer.path)
        if flight is not None and flight.buffer is buffer and not buffer.dirty:
            done = flight.finished[0] if flight.finished else None
            if isinstance(done, Saved):
                return done  # an autosave of this very text was on its way
        if buffer.conflict is not None:
            return Conflict(buffer.conflict.reason)
        if buffer.deleted:
            return self.recreate(buffer)
        if not buffer.dirty:
            self.forget(buffer)
            return Unchanged(buffer.base)
        try:
            raw, mode, stamp = read_note_stamped(buffer.path)
        except FileNotFoundError:
            self.reload([buffer.path])
            return Conflict("the file was deleted or renamed since it was opened")
        except OSError as error:
            return SaveFailed(describe_os_error(error))
        if content_digest(raw) != buffer.base.digest:
            # Changed, and the watcher has not said so yet: take it in first, as it would.
            self.take_in(buffer.path, snapshot(buffer.path, raw, mode), Reload())
            if buffer.conflict is not None:
                return Conflict(buffer.conflict.reason)
            if not buffer.dirty:
                return Unchanged(buffer.base)
        return self._write(buffer, buffer.base, stamp)

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

    def _write(self, buffer: Buffer, onto: NoteFile, expect: Stamp) -> SaveOutcome:
        """Write `onto` (the file as it is, stamped `expect`) with the buffer's region
        replaced."""
        rendered = buffer.rendered()
        text = onto.text[: buffer.start] + rendered + onto.text[buffer.end :]
        region = (buffer.start, buffer.start + len(rendered))
        return self.commit(buffer, onto, text, region, expect)

    def commit(
        self, buffer: Buffer, onto: NoteFile, text: str, region: tuple[int, int], expect: Stamp
    ) -> SaveOutcome:
        """Write `text` (the file `onto`, changed in the buffer's `region`) as the buffer's
        note, only over the file stamped `expect` (what `onto` was read from; ABSENT: no
        file); the buffer and the other buffers of the note move onto what was written."""
        self.settle(buffer.path)
        now = self.note(buffer.path)
        if now is not None and now.digest != onto.digest:  # a save in flight wrote meanwhile
            return Conflict("the note changed while this was being saved; nothing was written")
        decoded, data = encoded(onto.decoded, text)
        try:
            buffer.path.parent.mkdir(parents=True, exist_ok=True)
            self.writer(buffer.path, data, mode=onto.mode, expect=expect)
        except ChangedMeanwhile:  # written after it was read: take theirs in, then try again
            self.reload([buffer.path])
            if buffer.conflict is not None:
                return Conflict(buffer.conflict.reason)
            return self.save(buffer) if buffer.dirty else Unchanged(buffer.base)
        except OSError as error:
            return SaveFailed(describe_os_error(error))
        written = parse_decoded(buffer.path, decoded, data, onto.mode)
        return self.adopt_written(buffer, written, region)

    def adopt_written(
        self, buffer: Buffer, note: NoteFile, region: tuple[int, int], written: str | None = None
    ) -> Saved:
        """`note` was written from the buffer's text `written` (None: the text it holds),
        its region at `region`; text typed since then stays, dirty, on the new snapshot."""
        typed = written is not None and buffer.text != written
        self.notebook = self.notebook.replace(note)
        before = (buffer.base, buffer.start, buffer.end)
        buffer.place(note, *region)
        if buffer.dirty and not typed:  # keep mine took in their other lines of the region
            buffer.text = buffer.saved_text
        buffer.conflict, buffer.deleted = None, False
        if typed:
            self.record(buffer, force=True)  # journaled anew, against the snapshot it is on
        else:
            self.forget(buffer)
        for other in self._buffers_of(note.path):
            if other is not buffer and not keep_beside(other, *before, note, region):
                self.rebase(other, note)
        self.on_change(frozenset([note.path]))
        return Saved(note)

    def settle(self, path: Path) -> None:
        """Finish the save of `path` in flight, if any, before anything else touches it."""
        job = self.in_flight.get(path)
        if job is not None:
            from rehearse.core.saving import finish_save

            finish_save(self, job)

    def recreate(self, buffer: Buffer) -> SaveOutcome:
        """Ctrl+S on a deleted note: write it back as it was, with the edit, with its old mode."""
        if buffer.path.exists():
            self.reload([buffer.path])
            if buffer.deleted:
                return Conflict("the file is back but cannot be read")
            return self.save(buffer)
        return self._write(buffer, buffer.base, ABSENT)

    # -- the files changed on disk ----------------------------------------------------------

    def reload(
        self, paths: Iterable[Path], rescan: bool = False, seen: Mapping[Path, str] | None = None
    ) -> Reload:
        """Re-read `paths` (a folder: the notes below it; with `rescan`, every root's added
        or removed notes), not those `seen` unchanged; listeners hear once, `renamed`
        naming the renames meanwhile."""
        result = Reload()
        wanted = notes_at(self.notebook, paths) | (set(self.in_flight) if rescan else set())
        for path in sorted(wanted):
            self.settle(path)
        before, tell, told = self.notebook, self.on_change, set[Path]()
        self.on_change = told.update
        try:
            for path in sorted(wanted | (added_or_removed(before) if rescan else set())):
                current, hashed = self.notebook.get(path), (seen or {}).get(path)
                if not (isinstance(current, NoteFile) and hashed == current.digest):
                    self._reload_one(path, result)  # else our own write's echo, hashed already
            follow_renames(self, {note.path for note in before.notes}, result)
        finally:
            self.on_change = tell
        self.renamed = renamed_notes(before, self.notebook)
        if told:
            tell(frozenset(told))
        self.renamed = {}
        return result

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
            note = snapshot(path, raw, mode)
        self.take_in(path, note, result)

    def _vanished(self, path: Path, result: Reload) -> None:
        self.notebook = self.notebook.remove(path)
        result.changed_paths.add(path)
        for buffer in self._buffers_of(path):
            if buffer.deleted:
                continue
            buffer.deleted = True
            if buffer.needs_care:  # unsaved text the note never held: keep a copy
                self.journal.stash(path, buffer.text, "deleted")
            self.record(buffer, force=True)
            result.buffers.append((buffer, Change.DELETED))
        self.on_change(frozenset([path]))

    def take_in(self, path: Path, note: Note, result: Reload | None = None) -> None:
        """The file at `path` is now `note`: every buffer of it is rebased onto it."""
        result = result if result is not None else Reload()
        self.settle(path)
        self.notebook = self.notebook.replace(note)
        result.changed_paths.add(path)
        for buffer in self._buffers_of(path):
            change = self.rebase(buffer, note)
            if change is Change.CONFLICT:
                self.record(buffer, force=True)
            if change is not None:
                result.buffers.append((buffer, change))
        self._buffers = [
            b for b in self._buffers if b.path != path or b.needs_care or b.base is note
        ]
        self.on_change(frozenset([path]))

    def rebase(self, buffer: Buffer, note: Note) -> Change | None:
        """Bring one buffer onto the file's new state; None when nothing it shows changed.

        A clean merge moves the buffer onto `note`; a conflict keeps its snapshot."""
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
            self.forget(buffer)
        if not was_dirty:
            if buffer.start == buffer.end and not buffer.whole_file:
                self._drop(buffer)
                return Change.CLOSED
            return Change.RELOADED if buffer.text != shown or was_deleted else None
        return Change.MERGED

    def _drop(self, buffer: Buffer) -> None:
        if buffer in self._buffers:
            self._buffers.remove(buffer)

    def _buffers_of(self, path: Path) -> list[Buffer]:
        return [buffer for buffer in self._buffers if buffer.path == path]

    # -- the user's choices -----------------------------------------------------------------

    def discard(self, buffer: Buffer) -> None:
        self._drop(buffer)
        self.forget(buffer)

    # -- the recovery journal ---------------------------------------------------------------

    def record(self, buffer: Buffer, force: bool = False) -> None:
        """Put unsaved text in the journal (when it changed since it was last put there)."""
        if not force and buffer.journaled == buffer.text:
            return
        if not buffer.needs_care:
            self.forget(buffer)
            return
        try:
            self.journal.record(buffer)
        except OSError as error:
            # The text is still in the editor, but not safe from a crash: say so.
            self.journal_problem = describe_os_error(error)
            return
        self.journal_problem = None
        buffer.journaled = buffer.text

    def record_all(self) -> None:
        for buffer in self._buffers:
            if buffer.needs_care or buffer.journaled is not None:
                self.record(buffer)

    def adopt(self, buffer: Buffer) -> None:
        """Open a buffer made elsewhere (a recovered edit) and journal it at once; as when
        a section is opened, clean buffers go (one on these lines would be found first)."""
        self._add(buffer)
        self.record(buffer, force=True)

    def forget(self, buffer: Buffer) -> None:
        if buffer.journaled is not None or buffer.recovered:
            self.journal.forget(buffer)
        buffer.journaled = None
        buffer.recovered = False
