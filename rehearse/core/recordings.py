"""Recordings of voiced rehearsals (opt-in with `record: true`): WAV files in the data folder,
never beside the notes, named by question and time, the oldest removed past a size cap (the
newest is always kept).

A name reads `<title>-<key>-<YYYYmmdd-HHMMSS-mmm>.wav`: the title for people, the
key (a digest of the file and heading path) so the latest recording of a question
is found exactly, whatever its title looks like.
"""

from __future__ import annotations

import hashlib
import json
import re
import time
from pathlib import Path

from rehearse.core.config import data_dir
from rehearse.core.refs import QuestionId

FOLDER = "recordings"
_UNSAFE = re.compile(r"[^\w]+")  # \w keeps Hangul and letters of any script


def recordings_dir() -> Path:
    return data_dir() / FOLDER


def question_key(question: QuestionId) -> str:
    file, heading_path = question
    ident = json.dumps([file, list(heading_path)], ensure_ascii=False)
    return hashlib.sha256(ident.encode("utf-8")).hexdigest()[:12]


class Recordings:
    def __init__(self, folder: Path, max_bytes: int) -> None:
        self.folder = folder
        self.max_bytes = max_bytes

    def path_for(self, question: QuestionId, at: float | None = None) -> Path:
        moment = time.time() if at is None else at
        stamp = time.strftime("%Y%m%d-%H%M%S", time.localtime(moment))
        millis = int(moment * 1000) % 1000
        title = _UNSAFE.sub("-", question[1][-1]).strip("-_")[:40] or "question"
        return self.folder / f"{title}-{question_key(question)}-{stamp}-{millis:03d}.wav"

    def of(self, question: QuestionId) -> list[Path]:
        """This question's recordings, oldest first (the time stamp sorts as text)."""
        marker = f"-{question_key(question)}-"
        return sorted(
            (path for path in self._all() if marker in path.name), key=lambda p: p.name[-23:]
        )

    def latest(self, question: QuestionId) -> Path | None:
        found = self.of(question)
        return found[-1] if found else None

    def prune(self) -> list[Path]:
        """Remove the oldest recordings until all of them fit in `max_bytes`; those removed.
        The newest is always kept, even alone past the cap: it is the run just made."""
        sized = []
        for path in self._all():
            try:
                stat = path.stat()
            except OSError:
                continue
            sized.append((stat.st_mtime, path.name, path, stat.st_size))
        sized.sort()
        total = sum(size for *_, size in sized)
        removed = []
        for _, _, path, size in sized[:-1]:
            if total <= self.max_bytes:
                break
            try:
                path.unlink()
            except OSError:
                continue
            total -= size
            removed.append(path)
        return removed

    def _all(self) -> list[Path]:
        try:
            return [path for path in self.folder.iterdir() if path.suffix == ".wav"]
        except OSError:
            return []
