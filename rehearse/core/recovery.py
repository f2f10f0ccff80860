"""The recovery journal: typed text that is not yet in its note, kept safe on disk.

One JSON file per open edit buffer, written atomically within about a second of
the last keystroke and removed once the text is in the note. Beside it, once per
file version, the bytes the edit started from, so a recovered edit is merged
into the note as it is now, exactly like a live one. It all lives in the
platform data folder (private to the user), never beside the notes. `stash`
keeps a copy of text the user chose to set aside (for instance "take theirs").
A journal that is off is a `NullJournal`.
"""

from __future__ import annotations

import contextlib
import json
import os
import queue
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from rehearse.core.buffer import Buffer
from rehearse.core.config import data_dir
from rehearse.core.fileio import (
    atomic_write,
    describe_os_error,
    process_alive,
    process_started,
    read_note_file,
)
from rehearse.core.notes import NoteFile, content_digest

JOURNAL_SUFFIX = ".json"
_STARTED = process_started(os.getpid())  # this process, told apart from a later one with its pid
PRIVATE = 0o700


@dataclass(frozen=True, slots=True)
class RecoveryEntry:
    file: Path  # where the journal entry is kept
    note: Path  # the note the text belongs to
    heading_path: tuple[str, ...]  # what the region held, for showing; () for a whole file
    whole_file: bool
    base_digest: str  # the note's content hash when the edit started
    start: int  # the region in that version of the note
    end: int
    text: str  # the edited text, LF line endings
    saved_at: float
    pid: int = 0  # the rehearse that wrote it: while it runs, the entry is its own
    started: int | None = None  # when that process started: its pid may be reused later

    @property
    def live(self) -> bool:
        """Still being written by another running rehearse (not left by a crash)."""
        return self.pid > 0 and self.pid != os.getpid() and process_alive(self.pid, self.started)


@dataclass(frozen=True, slots=True)
class Captured:
    """One journal entry as it will be written: a buffer's state at one moment."""

    buffer_id: str
    base: NoteFile
    payload: dict[str, Any]


class Journal(Protocol):
    def record(self, buffer: Buffer) -> None: ...
    def forget(self, buffer: Buffer) -> None: ...
    def stash(self, note: Path, text: str, label: str) -> Path | None: ...
    def entries(self, under: Path | None = None) -> list[RecoveryEntry]: ...
    def base_of(self, entry: RecoveryEntry) -> bytes | None: ...
    def discard(self, entry: RecoveryEntry) -> None: ...
    def flush(self) -> None: ...


def _bytes_of(note: NoteFile) -> bytes:
    """The bytes `note` is the text of, read back from its file while it still holds them:
    encoding a 20 MB note holds the GIL for 25 ms (a key waits); reading and hashing it
    let go of it. Rebuilt from the text when the file has changed since."""
    if note.size:
        with contextlib.suppress(OSError):
            data, _ = read_note_file(note.path, limit=note.size)
            if content_digest(data) == note.digest:
                return data
    return note.raw


def private_folder(folder: Path) -> Path:
    """Make `folder` (and its parents) readable by the user alone; note names are private."""
    folder.mkdir(parents=True, exist_ok=True, mode=PRIVATE)
    with contextlib.suppress(OSError):
        os.chmod(folder, PRIVATE)
    return folder


class RecoveryJournal:
    def __init__(self, folder: Path | None = None) -> None:
        self.folder = folder or data_dir() / "recovery"

    def flush(self) -> None:
        return None  # every write is done by the time `record` returns

    def _entry_path(self, buffer_id: str) -> Path:
        return self.folder / f"{buffer_id}{JOURNAL_SUFFIX}"

    def _base_path(self, digest: str) -> Path:
        return self.folder / "bases" / digest

    def record(self, buffer: Buffer) -> None:
        """Keep the buffer's text, replacing what was kept for it before; OSError if it cannot."""
        self.write(self.capture(buffer))

    def capture(self, buffer: Buffer) -> Captured:
        """What `record` keeps of the buffer now (the buffer may change right after)."""
        payload = {
            "note": str(buffer.path),
            "heading_path": list(buffer.heading_path),
            "whole_file": buffer.whole_file,
            "base_digest": buffer.base.digest,
            "start": buffer.start,
            "end": buffer.end,
            "text": buffer.text,
            "saved_at": time.time(),
            "pid": os.getpid(),
            "started": _STARTED,
        }
        return Captured(buffer.id, buffer.base, payload)

    def write_base(self, captured: Captured) -> None:
        """The bytes the edit started from, once per version of the note."""
        base = self._base_path(captured.base.digest)
        if not base.exists():
            private_folder(base.parent)
            atomic_write(base, _bytes_of(captured.base), mode=0o600)

    def write(self, captured: Captured) -> None:
        private_folder(self.folder)
        self.write_base(captured)
        data = json.dumps(captured.payload, ensure_ascii=False, indent=1).encode("utf-8")
        atomic_write(self._entry_path(captured.buffer_id), data, mode=0o600)

    def forget(self, buffer: Buffer) -> None:
        self.forget_id(buffer.id)

    def forget_id(self, buffer_id: str) -> None:
        with contextlib.suppress(OSError):  # an unwritable data folder must not stop a save
            self._entry_path(buffer_id).unlink(missing_ok=True)
        self._drop_unused_bases()

    def entries(self, under: Path | None = None) -> list[RecoveryEntry]:
        """Readable entries, oldest first; only those for notes below `under` if given."""
        try:
            files = sorted(self.folder.glob(f"*{JOURNAL_SUFFIX}"))
        except OSError:
            return []
        found: list[RecoveryEntry] = []
        for path in files:
            entry = _read_entry(path)
            if entry is None:
                continue
            if under is not None and not entry.note.is_relative_to(under):
                continue
            found.append(entry)
        return sorted(found, key=lambda entry: entry.saved_at)

    def base_of(self, entry: RecoveryEntry) -> bytes | None:
        """The bytes the recovered edit started from, if they were kept."""
        try:
            return self._base_path(entry.base_digest).read_bytes()
        except OSError:
            return None

    def discard(self, entry: RecoveryEntry) -> None:
        with contextlib.suppress(OSError):
            entry.file.unlink(missing_ok=True)
        self._drop_unused_bases()

    def _drop_unused_bases(self) -> None:
        folder = self.folder / "bases"
        if not folder.is_dir():
            return
        used = {entry.base_digest for entry in self.entries()}
        with contextlib.suppress(OSError):
            for base in folder.iterdir():
                if base.name not in used:
                    base.unlink(missing_ok=True)

    def stash(self, note: Path, text: str, label: str) -> Path | None:
        """Keep a copy of `text` as a Markdown file the user can open; its path, or None
        when the data folder cannot be written (the caller still holds the text).

        The name carries the note's folder too, so two README.md cannot be confused."""
        stamp = time.strftime("%Y%m%d-%H%M%S")
        stem = f"{note.parent.name}-{note.stem}" if note.parent.name else note.stem
        try:
            folder = private_folder(self.folder / "kept")
            path = folder / f"{stem}.{stamp}.{label}.md"
            counter = 1
            while path.exists():
                counter += 1
                path = folder / f"{stem}.{stamp}.{label}-{counter}.md"
            atomic_write(path, text.encode("utf-8"), mode=0o600)
        except OSError:
            return None
        return path


class BackgroundJournal:
    """A RecoveryJournal whose entries are written, and forgotten, by a thread of its own.

    The first entry for a note version writes its base bytes (20 MB for a 20 MB
    note), and forgetting one removes them, so the UI thread only captures the
    buffer's state and goes on. Only the latest state of each buffer is written,
    and in order: a state captured before a forget is never written after it, and
    a forget never removes a state captured after it. A failed write makes the
    next `record` raise, as RecoveryJournal's does at once.
    """

    def __init__(self, inner: RecoveryJournal) -> None:
        self.inner = inner
        self.folder = inner.folder
        self._lock = threading.Lock()  # held while the pending states are looked at
        self._pending: dict[str, tuple[Captured, int]] = {}  # and the forgets before it
        self._forgotten: dict[str, int] = {}  # how often each buffer was forgotten
        self._written: dict[str, int] = {}  # the forgets before each buffer's entry on disk
        self._queue: queue.Queue[tuple[str, int | None]] = queue.Queue()  # (id, a forget's)
        self._failed: str | None = None
        self._thread: threading.Thread | None = None

    def record(self, buffer: Buffer) -> None:
        """Queue the buffer's state; OSError if the last write failed (this one is still
        tried, so the journal recovers once the folder can be written again)."""
        failed, self._failed = self._failed, None
        captured = self.inner.capture(buffer)
        with self._lock:
            self._pending[buffer.id] = (captured, self._forgotten.get(buffer.id, 0))
        self._put(buffer.id, None)
        if failed is not None:
            raise OSError(failed)

    def forget(self, buffer: Buffer) -> None:
        with self._lock:
            self._pending.pop(buffer.id, None)
            count = self._forgotten[buffer.id] = self._forgotten.get(buffer.id, 0) + 1
        self._put(buffer.id, count)

    def _put(self, buffer_id: str, forget: int | None) -> None:
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name="journal", daemon=True)
            self._thread.start()
        self._queue.put((buffer_id, forget))

    def _run(self) -> None:
        while True:
            buffer_id, forget = self._queue.get()
            try:
                if forget is None:
                    self._write(buffer_id)
                else:
                    with self._lock:  # a state recorded since is kept: it is newer
                        newer = buffer_id in self._pending
                        void = newer or self._written.get(buffer_id, -1) >= forget
                    if not void:
                        self.inner.forget_id(buffer_id)
                        self._written.pop(buffer_id, None)
            except OSError as error:
                self._failed = describe_os_error(error)
            finally:
                self._queue.task_done()

    def _write(self, buffer_id: str) -> None:
        with self._lock:
            pending = self._pending.pop(buffer_id, None)
        if pending is None:
            return
        captured, forgets = pending
        self.inner.write_base(captured)  # the big part, with nothing held
        with self._lock:
            if self._forgotten.get(buffer_id, 0) != forgets:
                return  # forgotten since it was captured
        self.inner.write(captured)
        self._written[buffer_id] = forgets
        self._failed = None

    def flush(self) -> None:
        """Wait until every entry recorded (and forgotten) so far is on disk (or gone)."""
        self._queue.join()

    def stash(self, note: Path, text: str, label: str) -> Path | None:
        return self.inner.stash(note, text, label)

    def entries(self, under: Path | None = None) -> list[RecoveryEntry]:
        return self.inner.entries(under)

    def base_of(self, entry: RecoveryEntry) -> bytes | None:
        return self.inner.base_of(entry)

    def discard(self, entry: RecoveryEntry) -> None:
        self.inner.discard(entry)


class NullJournal:
    """The journal when it is off: nothing is kept, and nothing needs checking for None."""

    def flush(self) -> None:
        return None

    def record(self, buffer: Buffer) -> None:
        return None

    def forget(self, buffer: Buffer) -> None:
        return None

    def stash(self, note: Path, text: str, label: str) -> Path | None:
        return None

    def entries(self, under: Path | None = None) -> list[RecoveryEntry]:
        return []

    def base_of(self, entry: RecoveryEntry) -> bytes | None:
        return None

    def discard(self, entry: RecoveryEntry) -> None:
        return None


def _read_entry(path: Path) -> RecoveryEntry | None:
    try:
        data: Any = json.loads(path.read_text(encoding="utf-8"))
        return RecoveryEntry(
            file=path,
            note=Path(data["note"]),
            heading_path=tuple(str(t) for t in data["heading_path"]),
            whole_file=bool(data["whole_file"]),
            base_digest=str(data["base_digest"]),
            start=int(data.get("start", -1)),
            end=int(data.get("end", -1)),
            text=str(data["text"]),
            saved_at=float(data["saved_at"]),
            pid=int(data.get("pid", 0)),
            started=None if data.get("started") is None else int(data["started"]),
        )
    except (OSError, ValueError, KeyError, TypeError):
        return None  # a torn or foreign file is not ours to interpret
