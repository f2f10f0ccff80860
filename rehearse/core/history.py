"""The rehearsal log: one JSON record per line, appended, never rewritten.

It lives beside the notes in `.rehearse/history.jsonl`, so it travels with
them; where that folder cannot be written, in the platform data folder. A torn
last line (a crash mid-append) is skipped when reading and never glued to the
next record.
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import stat
import time
from collections import deque
from collections.abc import Iterator
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Any, BinaryIO, cast

from rehearse.core.config import data_dir
from rehearse.core.delivery import Delivery, delivery_from_json, fits_run
from rehearse.core.refs import QuestionId
from rehearse.core.spoken_pace import plausible_pace

LOG_FOLDER = ".rehearse"
LOG_NAME = "history.jsonl"
MIN_SECONDS = 3.0  # shorter runs are not worth a record
MAX_SECONDS = 86400.0  # a longer run or target is not a rehearsal: a foreign line
LATEST_TIME = 32503680000.0  # the year 3000: later times are foreign lines
MAX_LINE = 64 * 1024  # a longer line is not one of ours
MAX_RECORDS = 200_000  # years of daily rehearsal; memory stays bounded past it
BATCH = 4096
OWN_FILE = "rehearse keeps its log in a file of its own"


@dataclass(frozen=True, slots=True)
class Rehearsal:
    file: str  # relative to the notes folder
    heading_path: tuple[str, ...]  # the question's identity, stable across answer edits
    mode: str  # "teleprompter", "mock"
    target_s: float
    spoken_s: float
    finished: bool
    at: float  # Unix time
    grade: int | None = None  # mock interview: 1 again, 2 hard, 3 good, 4 easy
    answer_digest: str = ""  # the answer when it was rehearsed, to find a renamed heading again
    was: tuple[QuestionId, ...] = ()  # earlier names of this question whose history it carries
    voice: Delivery | None = None  # how it was said, when the microphone was on

    @property
    def question(self) -> QuestionId:
        return QuestionId(self.file, self.heading_path)

    @property
    def over_time(self) -> bool:
        """Past the target; a mock round counts when the clock cut it off."""
        if self.mode == "mock":
            return not self.finished
        return self.spoken_s > self.target_s


def log_path(notes_root: Path) -> Path:
    """`.rehearse/history.jsonl` beside the notes when writable there, else the data folder."""
    beside = notes_root / LOG_FOLDER
    if beside.is_dir() and os.access(beside, os.W_OK):
        return beside / LOG_NAME
    if not beside.exists() and os.access(notes_root, os.W_OK):
        return beside / LOG_NAME  # made on the first record
    digest = hashlib.sha256(str(notes_root).encode("utf-8")).hexdigest()[:16]
    return data_dir() / "history" / f"{digest}.jsonl"


class RehearsalLog:
    def __init__(self, path: Path) -> None:
        self.path = path

    @classmethod
    def for_notes(cls, notes_root: Path) -> RehearsalLog:
        return cls(log_path(notes_root))

    def append(self, record: Rehearsal) -> None:
        """Add one record; raises OSError if the log cannot be written."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fields = asdict(record)
        for optional in ("grade", "answer_digest", "was", "voice"):
            if not fields[optional]:
                del fields[optional]  # teleprompter records stay as short as they were
        if record.voice is not None:
            fields["voice"] = record.voice.voice_json()
        line = json.dumps(fields, ensure_ascii=False) + "\n"
        with _open_regular(self.path, os.O_RDWR | os.O_APPEND | os.O_CREAT, "a+b") as handle:
            handle.seek(0, os.SEEK_END)
            if handle.tell() > 0:
                handle.seek(-1, os.SEEK_END)
                if handle.read(1) != b"\n":  # a torn line: start a fresh one
                    line = "\n" + line
            handle.write(line.encode("utf-8"))
            handle.flush()
            os.fsync(handle.fileno())

    def read(self) -> list[Rehearsal]:
        """The records, oldest first (at most MAX_RECORDS: the newest). OSError if the log
        is there but is not a regular file or cannot be read.

        Read as a stream with bounded memory: a line over MAX_LINE bytes, or one that
        is not a JSON object, is skipped unread."""
        try:
            handle = _open_regular(self.path, os.O_RDONLY, "rb")
        except FileNotFoundError:
            return []
        records: deque[Rehearsal] = deque(maxlen=MAX_RECORDS)
        batch: list[bytes] = []
        with handle:
            for line in _bounded_lines(handle):
                if line[:1] == b"{":
                    batch.append(line)
                if len(batch) >= BATCH:
                    records.extend(_parse(batch))
                    batch = []
        records.extend(_parse(batch))
        return list(records)


def _open_regular(path: Path, flags: int, mode: str) -> BinaryIO:
    """Open `path` only if it is a regular file of its own: not a FIFO (it would wait for a
    writer forever), not a device (/dev/zero never ends), and not a symlink or hard link
    (a log linked to a note would append records into that note)."""
    try:
        fd = os.open(
            path, flags | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOFOLLOW", 0), 0o644
        )
    except OSError as error:
        if error.errno == errno.ELOOP:
            raise OSError(errno.ELOOP, f"a symbolic link: {OWN_FILE}") from None
        raise
    info = os.fstat(fd)
    if not stat.S_ISREG(info.st_mode) or info.st_nlink > 1:
        os.close(fd)
        reason = "not a regular file" if not stat.S_ISREG(info.st_mode) else "a hard link"
        raise OSError(errno.EINVAL, f"{reason}: {OWN_FILE}")
    return cast(BinaryIO, os.fdopen(fd, mode))


def _bounded_lines(handle: BinaryIO) -> Iterator[bytes]:
    """Non-blank lines, stripped; a line longer than MAX_LINE is skipped in chunks."""
    while line := handle.readline(MAX_LINE + 1):
        if len(line) > MAX_LINE and not line.endswith(b"\n"):
            while (rest := handle.readline(MAX_LINE + 1)) and not rest.endswith(b"\n"):
                pass
            continue
        if stripped := line.strip():
            yield stripped


def _parse(lines: list[bytes]) -> list[Rehearsal]:
    try:  # a healthy stretch parses in one go; a torn or foreign line sends it line by line
        items: list[Any] = json.loads(b"[" + b",".join(lines) + b"]")
    except (ValueError, RecursionError):
        items = [_json_or_none(line) for line in lines]
    records = (_record(item) for item in items)
    return [record for record in records if record is not None]


def _json_or_none(line: bytes) -> Any:
    try:
        return json.loads(line)
    except (ValueError, RecursionError):  # a torn line; a foreign one nested too deep
        return None


def _record(data: Any) -> Rehearsal | None:
    try:
        spoken_s = _seconds(data["spoken_s"])
        return Rehearsal(
            file=str(data["file"]),
            heading_path=_heading_path(data["heading_path"]),
            mode=str(data["mode"]),
            target_s=_seconds(data["target_s"]),
            spoken_s=spoken_s,
            finished=bool(data["finished"]),
            at=_time(data["at"]),
            grade=_grade(data.get("grade")),
            answer_digest=str(data.get("answer_digest") or ""),
            was=tuple(_question_id(item) for item in data.get("was") or ()),
            voice=_voice(data.get("voice"), spoken_s, str(data["mode"])),
        )
    except (ValueError, KeyError, TypeError, AttributeError, OverflowError):
        return None  # a torn or foreign line


def _voice(value: Any, spoken_s: float, mode: str) -> Delivery | None:
    """A record's voice figures; a foreign `voice` value, or one longer than its run, costs
    only the figures, not the run. A pace no person speaks at is dropped, the talk kept."""
    if value is None:
        return None
    try:
        voice = delivery_from_json(value, spoken_s)
    except (ValueError, KeyError, TypeError, AttributeError, OverflowError):
        return None
    if not fits_run(voice, spoken_s, first_word_in_run=mode != "mock"):
        return None
    pace = voice.syllables_per_minute
    if pace is not None and not plausible_pace(pace):
        return replace(voice, syllables_per_minute=None)
    return voice


def _seconds(value: Any) -> float:
    seconds = float(value)
    if not 0 <= seconds <= MAX_SECONDS:  # also false for NaN
        raise ValueError(f"not a duration: {value!r}")
    return seconds


def _time(value: Any) -> float:
    at = float(value)
    if not 0 < at < LATEST_TIME:
        raise ValueError(f"not a time: {value!r}")
    return at


def _grade(value: Any) -> int | None:
    if value is None:
        return None
    if not isinstance(value, int) or isinstance(value, bool) or not 1 <= value <= 4:
        raise ValueError(f"not a grade: {value!r}")
    return value


def _heading_path(value: Any) -> tuple[str, ...]:
    if not isinstance(value, list) or not value:
        raise ValueError(f"not a heading path: {value!r}")
    return tuple(str(title) for title in value)


def _question_id(item: Any) -> QuestionId:
    file, heading_path = item
    return QuestionId(str(file), _heading_path(heading_path))


def record_now(
    file: str,
    heading_path: tuple[str, ...],
    mode: str,
    target_s: float,
    spoken_s: float,
    finished: bool,
    *,
    grade: int | None = None,
    answer_digest: str = "",
    was: tuple[QuestionId, ...] = (),
    voice: Delivery | None = None,
) -> Rehearsal:
    return Rehearsal(
        file,
        heading_path,
        mode,
        target_s,
        round(spoken_s, 1),
        finished,
        time.time(),
        grade,
        answer_digest,
        was,
        voice,
    )
