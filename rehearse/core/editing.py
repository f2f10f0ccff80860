"""Splicing an edited region back into a note, and saving it without clobbering.

An edit is "replace characters [start, end) of this snapshot". Only those
characters change; the BOM, every other byte and the line endings of
untouched lines stay as they were.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass
from difflib import SequenceMatcher
from pathlib import Path

from rehearse.core.fileio import atomic_write, describe_os_error, read_note_bytes
from rehearse.core.notes import NoteFile, content_digest, parse_note
from rehearse.core.text import line_ending_of, restore_line_endings, split_lines

Writer = Callable[[Path, bytes], None]


@dataclass(frozen=True, slots=True)
class Saved:
    note: NoteFile
    start: int
    end: int  # the edited region in the new snapshot


@dataclass(frozen=True, slots=True)
class Unchanged:
    note: NoteFile


@dataclass(frozen=True, slots=True)
class Conflict:
    """The file on disk is not the one the edit started from; nothing was written."""

    reason: str
    current: bytes | None  # what is on disk now, None when the file is gone


@dataclass(frozen=True, slots=True)
class SaveFailed:
    """Writing failed; the file on disk is untouched."""

    reason: str


SaveOutcome = Saved | Unchanged | Conflict | SaveFailed


def splice(note: NoteFile, start: int, end: int, edited: str) -> str:
    """The note's text with [start, end) replaced by `edited` (LF text from an editor)."""
    region = note.text[start:end]
    new_region = restore_line_endings(
        region, edited, fallback=note.line_ending, after=note.text[max(0, start - 2) : start]
    )
    follows = note.text[end:]
    if follows and new_region and not new_region.endswith(("\n", "\r")):
        # Without it the next heading would be glued to the edited text's last line.
        last_line = split_lines(region)[-1] if region else ""
        new_region += line_ending_of(last_line) or note.line_ending
    return note.text[:start] + new_region + follows


def save_region(
    note: NoteFile,
    start: int,
    end: int,
    edited: str,
    writer: Writer = atomic_write,
) -> SaveOutcome:
    """Write the edit if the file on disk is still exactly `note`; never overwrite otherwise."""
    new_text = splice(note, start, end, edited)
    if new_text == note.text:
        return Unchanged(note)
    try:
        on_disk = read_note_bytes(note.path)
    except FileNotFoundError:
        return Conflict("the file was deleted or renamed since it was opened", None)
    except OSError as error:
        return SaveFailed(describe_os_error(error))
    if content_digest(on_disk) != note.digest:
        return Conflict("the file was changed by another program since it was opened", on_disk)
    new_bytes = note.decoded.encode(new_text)
    try:
        writer(note.path, new_bytes)
    except OSError as error:
        return SaveFailed(describe_os_error(error))
    new_end = len(new_text) - (len(note.text) - end)
    return Saved(parse_note(note.path, new_bytes), start, new_end)


def rebase_region(
    base: NoteFile, start: int, end: int, current: NoteFile
) -> tuple[int, int] | None:
    """Where the region [start, end) of `base` stands in `current`, if no change touched it.

    Regions start on a line boundary. Text inserted right after the region's
    last line counts as touching it (it would land in that section).
    """
    if base.text == current.text:
        return start, end
    old, new = base.text, current.text
    # Where the texts differ, found in C: old[first:last] was replaced. Only a change on
    # both sides of the region, or one right at its edge, needs the line diff below.
    first = _common_prefix(old, new)
    last = len(old) - _common_prefix(old[first:][::-1], new[first:][::-1])
    if last < start:
        moved = len(new) - len(old)
        return start + moved, end + moved
    if first > end:
        return start, end
    if start < first < end or start < last < end:
        return None
    old_lines = split_lines(base.text)
    new_lines = split_lines(current.text)
    first_line = _line_index(base, start)
    last_line = _line_index(base, end)  # exclusive
    matcher = SequenceMatcher(None, old_lines, new_lines, autojunk=False)
    shift: int | None = None
    for tag, i1, i2, j1, _j2 in matcher.get_opcodes():
        if tag == "equal":
            if i1 <= first_line < i2 or (first_line == last_line == i2):
                shift = j1 - i1
            continue
        touches = (
            (i1 < last_line and i2 > first_line) if i2 > i1 else (first_line < i1 <= last_line)
        )
        if touches:
            return None
    if shift is None:
        if first_line != last_line:
            return None
        shift = len(new_lines) - len(old_lines) if first_line == len(old_lines) else None
        if shift is None:
            return None
    new_first, new_last = first_line + shift, last_line + shift
    if new_lines[new_first:new_last] != old_lines[first_line:last_line]:
        return None
    new_start = sum(len(line) for line in new_lines[:new_first])
    return new_start, new_start + (end - start)


def _common_prefix(a: str, b: str) -> int:
    """Length of the common start of `a` and `b`, by halving (each step compares in C)."""
    low, high = 0, min(len(a), len(b))
    while low < high:
        middle = (low + high + 1) // 2
        if a[low:middle] == b[low:middle]:
            low = middle
        else:
            high = middle - 1
    return low


def _line_index(note: NoteFile, offset: int) -> int:
    if offset >= len(note.text):
        return len(note.line_starts)
    return bisect_left(note.line_starts, offset)
