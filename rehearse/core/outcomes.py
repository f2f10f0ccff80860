"""What saving and reloading did: the answers the edit session gives the UI."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import Protocol

from rehearse.core.buffer import Buffer
from rehearse.core.fileio import Stamp
from rehearse.core.notes import NoteFile


class Writer(Protocol):
    def __call__(
        self, path: Path, data: bytes, *, mode: int | None = None, expect: Stamp | None = None
    ) -> None: ...


@dataclass(frozen=True, slots=True)
class Saved:
    note: NoteFile
    kept: Path | None = None  # keep mine: where their overridden version was kept


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
