"""The recovery journal: typed text that is not yet in its note, kept safe on disk.

One JSON file per open edit, written atomically within about a second of the
last keystroke and removed once the text is in the note. It lives in the
platform data folder, never beside the notes. `stash` keeps a copy of text the
user chose to set aside (for instance "take theirs" in a conflict).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rehearse.core.config import data_dir
from rehearse.core.fileio import atomic_write

JOURNAL_SUFFIX = ".json"


@dataclass(frozen=True, slots=True)
class RecoveryEntry:
    file: Path  # where the journal entry is kept
    note: Path  # the note the text belongs to
    heading_path: tuple[str, ...]  # () for a whole-file edit
    whole_file: bool
    base_digest: str  # the note's content hash when the edit started
    text: str  # the edited text, LF line endings
    saved_at: float


def _key(note: Path, heading_path: tuple[str, ...], whole_file: bool) -> str:
    identity = json.dumps([str(note), list(heading_path), whole_file], ensure_ascii=False)
    return hashlib.sha256(identity.encode("utf-8")).hexdigest()[:24]


class RecoveryJournal:
    def __init__(self, folder: Path | None = None) -> None:
        self.folder = folder or data_dir() / "recovery"

    def record(
        self,
        note: Path,
        heading_path: tuple[str, ...],
        whole_file: bool,
        base_digest: str,
        text: str,
    ) -> Path:
        """Keep `text` for this edit, replacing what was kept for it before."""
        self.folder.mkdir(parents=True, exist_ok=True)
        path = self.folder / f"{_key(note, heading_path, whole_file)}{JOURNAL_SUFFIX}"
        payload = {
            "note": str(note),
            "heading_path": list(heading_path),
            "whole_file": whole_file,
            "base_digest": base_digest,
            "text": text,
            "saved_at": time.time(),
        }
        atomic_write(path, json.dumps(payload, ensure_ascii=False, indent=1).encode("utf-8"))
        return path

    def forget(self, note: Path, heading_path: tuple[str, ...], whole_file: bool) -> None:
        path = self.folder / f"{_key(note, heading_path, whole_file)}{JOURNAL_SUFFIX}"
        with contextlib.suppress(OSError):  # an unwritable data folder must not stop a save
            path.unlink(missing_ok=True)

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

    def discard(self, entry: RecoveryEntry) -> None:
        with contextlib.suppress(OSError):
            entry.file.unlink(missing_ok=True)

    def stash(self, note: Path, text: str, label: str) -> Path | None:
        """Keep a copy of `text` as a Markdown file the user can open; its path, or None
        when the data folder cannot be written (the caller still holds the text)."""
        folder = self.folder / "kept"
        stamp = time.strftime("%Y%m%d-%H%M%S")
        path = folder / f"{note.stem}.{stamp}.{label}.md"
        counter = 1
        try:
            folder.mkdir(parents=True, exist_ok=True)
            while path.exists():
                counter += 1
                path = folder / f"{note.stem}.{stamp}.{label}-{counter}.md"
            atomic_write(path, text.encode("utf-8"))
        except OSError:
            return None
        return path


def _read_entry(path: Path) -> RecoveryEntry | None:
    try:
        data: Any = json.loads(path.read_text(encoding="utf-8"))
        return RecoveryEntry(
            file=path,
            note=Path(data["note"]),
            heading_path=tuple(str(t) for t in data["heading_path"]),
            whole_file=bool(data["whole_file"]),
            base_digest=str(data["base_digest"]),
            text=str(data["text"]),
            saved_at=float(data["saved_at"]),
        )
    except (OSError, ValueError, KeyError, TypeError):
        return None  # a torn or foreign file is not ours to interpret
