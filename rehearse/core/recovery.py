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
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from rehearse.core.buffer import Buffer
from rehearse.core.config import data_dir
from rehearse.core.fileio import atomic_write, process_alive

JOURNAL_SUFFIX = ".json"
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

    @property
    def live(self) -> bool:
        """Still being written by another running rehearse (not left by a crash)."""
        return self.pid > 0 and self.pid != os.getpid() and process_alive(self.pid)


class Journal(Protocol):
    def record(self, buffer: Buffer) -> None: ...
    def forget(self, buffer: Buffer) -> None: ...
    def stash(self, note: Path, text: str, label: str) -> Path | None: ...
    def entries(self, under: Path | None = None) -> list[RecoveryEntry]: ...
    def base_of(self, entry: RecoveryEntry) -> bytes | None: ...
    def discard(self, entry: RecoveryEntry) -> None: ...


def private_folder(folder: Path) -> Path:
    """Make `folder` (and its parents) readable by the user alone; note names are private."""
    folder.mkdir(parents=True, exist_ok=True, mode=PRIVATE)
    with contextlib.suppress(OSError):
        os.chmod(folder, PRIVATE)
    return folder


class RecoveryJournal:
    def __init__(self, folder: Path | None = None) -> None:
        self.folder = folder or data_dir() / "recovery"

    def _entry_path(self, buffer_id: str) -> Path:
        return self.folder / f"{buffer_id}{JOURNAL_SUFFIX}"

    def _base_path(self, digest: str) -> Path:
        return self.folder / "bases" / digest

    def record(self, buffer: Buffer) -> None:
        """Keep the buffer's text, replacing what was kept for it before; OSError if it cannot."""
        private_folder(self.folder)
        base = self._base_path(buffer.base.digest)
        if not base.exists():
            private_folder(base.parent)
            atomic_write(base, buffer.base.raw, mode=0o600)
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
        }
        data = json.dumps(payload, ensure_ascii=False, indent=1).encode("utf-8")
        atomic_write(self._entry_path(buffer.id), data, mode=0o600)

    def forget(self, buffer: Buffer) -> None:
        with contextlib.suppress(OSError):  # an unwritable data folder must not stop a save
            self._entry_path(buffer.id).unlink(missing_ok=True)
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


class NullJournal:
    """The journal when it is off: nothing is kept, and nothing needs checking for None."""

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
        )
    except (OSError, ValueError, KeyError, TypeError):
        return None  # a torn or foreign file is not ours to interpret
