"""A save in two halves, so the slow half can run off the UI thread.

`begin_save` (on the UI thread) captures what the buffer holds; `SaveJob.run`
(on any thread, once) reads the file, checks that it is still the snapshot the
buffer was opened from, writes the buffer's region into it and parses what it
wrote; `finish_save` (on the UI thread again) moves the session onto the result.
Until then the buffer's state is untouched: the user may go on typing, and text
typed meanwhile stays dirty on the new snapshot (journaled, saved next time).

If another program changed the file, nothing is written: finish_save takes the
new version in exactly as a reload does (their lines merged into the buffer, or
a conflict) and answers None, "save again". One save of a file is in flight at
a time; anything else that touches that file first settles it (session.settle).
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from rehearse.core.buffer import Buffer, render_region
from rehearse.core.fileio import ChangedMeanwhile, describe_os_error, read_whole
from rehearse.core.notebook import Note, snapshot
from rehearse.core.notes import NoteFile, content_digest, parse_decoded
from rehearse.core.outcomes import Conflict, Reload, SaveFailed, SaveOutcome, Unchanged, Writer
from rehearse.core.text import encoded

if TYPE_CHECKING:
    from rehearse.core.session import EditSession

GONE = "the file was deleted or renamed since it was opened"


@dataclass(frozen=True, slots=True)
class Written:
    note: NoteFile  # what is on disk now
    region: tuple[int, int]  # the buffer's region in it


@dataclass(frozen=True, slots=True)
class TheirsNow:
    note: Note  # another program's version, found instead of the buffer's snapshot


@dataclass(frozen=True, slots=True)
class Missing:
    pass


@dataclass(frozen=True, slots=True)
class Failed:
    reason: str


Result = Written | TheirsNow | Missing | Failed


class SaveJob:
    """One buffer's save: what it held when the save began, and what writing it did."""

    def __init__(self, buffer: Buffer, writer: Writer) -> None:
        self.buffer = buffer
        self.path = buffer.path
        self.base, self.start, self.end = buffer.base, buffer.start, buffer.end
        self.text = buffer.text
        self._writer = writer
        self._claim = threading.Lock()
        self._done = threading.Event()
        self.result: Result | None = None
        self.finished: tuple[SaveOutcome | None, Reload] | None = None

    def run(self) -> None:
        """Read, compare, write, parse: the first caller does it, any other waits for it."""
        if not self._claim.acquire(blocking=False):
            self._done.wait()
            return
        try:
            self.result = self._write()
        except Exception as error:  # never a traceback: the text is still in the buffer
            self.result = Failed(f"unexpected error: {error}")
        finally:
            self._done.set()

    def _write(self) -> Result:
        try:
            raw, mode, stamp = read_whole(self.path, self.base.size)
        except FileNotFoundError:
            return Missing()
        except OSError as error:
            return Failed(describe_os_error(error))
        if content_digest(raw) != self.base.digest:
            return TheirsNow(snapshot(self.path, raw, mode))
        base = self.base
        rendered = render_region(base, self.start, self.end, self.text)
        decoded, data = encoded(
            base.decoded, "".join((base.text[: self.start], rendered, base.text[self.end :]))
        )
        # Parsed (and what the tree's rows read worked out) before the write: the watcher's
        # echo of the write settles this job, and must not wait for either.
        note = parse_decoded(self.path, decoded, data, base.mode)
        note.work_out()
        try:  # only over the bytes just read: a write since then is theirs, taken in
            self._writer(self.path, data, mode=base.mode, expect=stamp)
        except ChangedMeanwhile:
            return self._write()
        except OSError as error:
            return Failed(describe_os_error(error))
        return Written(note, (self.start, self.start + len(rendered)))


def begin_save(session: EditSession, buffer: Buffer) -> SaveJob | SaveOutcome:
    """A job for the buffer's save, or the answer at once (nothing to write, a conflict)."""
    if buffer.conflict is not None:
        return Conflict(buffer.conflict.reason)
    if buffer.deleted:
        return Conflict("the file was deleted; ctrl+s recreates it")
    if not buffer.dirty:
        session.forget(buffer)
        return Unchanged(buffer.base)
    session.settle(buffer.path)  # one save of a file at a time
    job = SaveJob(buffer, session.writer)
    session.in_flight[buffer.path] = job
    return job


def finish_save(session: EditSession, job: SaveJob) -> tuple[SaveOutcome | None, Reload]:
    """Move the session onto what the job did (running it first if no thread has); what
    the save came to (None: another program's change was taken in, save again) and what
    taking it in did to the buffers."""
    if job.finished is not None:
        return job.finished
    job.run()
    if session.in_flight.get(job.path) is job:
        del session.in_flight[job.path]
    result, buffer, reload = job.result, job.buffer, Reload()
    outcome: SaveOutcome | None
    if isinstance(result, Written):
        outcome = session.adopt_written(buffer, result.note, result.region, job.text)
        reload.changed_paths.add(job.path)
    elif isinstance(result, TheirsNow):
        session.take_in(job.path, result.note, reload)
        if buffer.conflict is not None:
            outcome = Conflict(buffer.conflict.reason)
        elif not buffer.dirty:
            outcome = Unchanged(buffer.base)
        else:
            outcome = None
    elif isinstance(result, Missing):
        reload = session.reload([job.path])
        outcome = Conflict(GONE)
    else:
        assert isinstance(result, Failed)
        outcome = SaveFailed(result.reason)
    job.finished = (outcome, reload)
    return job.finished


def saving(session: EditSession, path: Path) -> bool:
    return path in session.in_flight
