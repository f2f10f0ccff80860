"""A tree edit as an operation done again on the file as it is now, and its inverse.

A tree edit is computed on the note the tree showed (`made_from`). By the time it is
written another program may have changed the file, so it is not written as that text,
nor merged line by line (a line merge glues lines written next to a deleted or moved
question to its neighbour). Instead the headings it acts on are followed into the file
as it is now through the merge's own line mapping (reconcile.map_region), the lines it
changes must still be exactly what they were — else it is refused, nothing written —
and the same operation (tree_edits) is done there. Every other line of the file stays
under the heading it was written under. An undo is the inverse operation, done the same
way: it never writes back old bytes.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from rehearse.core.notes import NoteFile, Section, parse_note, reparsed
from rehearse.core.reconcile import map_region
from rehearse.core.tree_edits import (
    Reshaped,
    ShapeError,
    add_after,
    add_first_child,
    delete_question,
    move_question,
    replace_heading_line,
    siblings,
    subtree_end,
)

CHANGED_MEANWHILE = "the same lines changed meanwhile (in another program, or saved here)"


class Overlap(ShapeError):
    """The other program's change meets the lines the edit changes."""

    def __init__(self) -> None:
        super().__init__(CHANGED_MEANWHILE)


@dataclass(frozen=True, slots=True)
class Anchor:
    """A heading line, by where it started in the text an operation was made from."""

    offset: int
    line: str

    @staticmethod
    def of(note: NoteFile, section: Section) -> Anchor:
        return Anchor(section.start, note.text[section.start : section.body_start])


def find(made_from: NoteFile, anchor: Anchor | None, now: NoteFile) -> Section:
    """The section headed by `anchor`'s line (None: the file's start) in `now`; Overlap
    when that line changed or is gone."""
    if anchor is None:
        return now.sections[0]
    offset = anchor.offset
    if now.text != made_from.text:
        end = anchor.offset + len(anchor.line)
        offset, _ = map_region(made_from.text, anchor.offset, end, now.text, now.heading_lines)
    if now.text[offset : offset + len(anchor.line)] != anchor.line:
        raise Overlap
    for section in now.sections[1:]:
        if section.start == offset:
            return section
    raise Overlap  # the line is there but no longer read as a heading (a code block?)


class TreeOp(Protocol):
    @property
    def made_from(self) -> NoteFile:
        """The text the operation was made from."""
        ...

    def apply(self, now: NoteFile) -> Reshaped:
        """The operation done on `now`; Overlap or ShapeError when it cannot be."""
        ...

    def inverse(self, now: NoteFile, done: Reshaped) -> TreeOp:
        """What takes back `self.apply(now)` (== `done`), made from the text it wrote."""
        ...


def _written(now: NoteFile, done: Reshaped) -> NoteFile:
    return reparsed(now, done.text, now.mode)


@dataclass(frozen=True, slots=True)
class Rename:
    made_from: NoteFile
    heading: Anchor
    new_line: str

    def apply(self, now: NoteFile) -> Reshaped:
        return replace_heading_line(now, find(self.made_from, self.heading, now), self.new_line)

    def inverse(self, now: NoteFile, done: Reshaped) -> TreeOp:
        written = _written(now, done)
        renamed = written.sections[done.section]
        return Rename(written, Anchor.of(written, renamed), self.heading.line)


@dataclass(frozen=True, slots=True)
class Delete:
    made_from: NoteFile
    heading: Anchor
    removed: str  # the question and its subtree, as the user was shown them

    def span(self, now: NoteFile) -> tuple[int, int]:
        """Where the lines it deletes are in `now`."""
        section = find(self.made_from, self.heading, now)
        return section.start, subtree_end(now, section)

    def apply(self, now: NoteFile) -> Reshaped:
        start, end = self.span(now)
        if now.text[start:end] != self.removed:
            raise Overlap  # the lines to delete changed: deleting them would lose theirs
        return delete_question(now, now.section_at_offset(start))

    def inverse(self, now: NoteFile, done: Reshaped) -> TreeOp:
        written = _written(now, done)
        start = find(self.made_from, self.heading, now).start
        if start + len(self.removed) == len(now.text):  # the end of the file
            endings = now.text[len(written.text) : start]  # taken with it (no final newline)
            return Insert(written, None, self.removed, endings)
        following = written.section_at_offset(start)
        return Insert(written, Anchor.of(written, following), self.removed, "")


@dataclass(frozen=True, slots=True)
class Insert:
    """Text of whole sections put back before a heading, or at the end (None)."""

    made_from: NoteFile
    before: Anchor | None
    text: str
    endings: str  # the line endings that stood before it when it ended the file

    def apply(self, now: NoteFile) -> Reshaped:
        if self.before is not None:
            at = find(self.made_from, self.before, now).start
            new = now.text[:at] + self.text + now.text[at:]
        else:
            ends = now.text[len(now.text.rstrip("\r\n")) :]
            if not now.text:
                glue = ""
            elif not ends:
                glue = self.endings or now.line_ending
            else:
                glue = self.endings[len(ends) :] if self.endings.startswith(ends) else ""
            at = len(now.text) + len(glue)
            new = now.text + glue + self.text
        parsed = reparsed(now, new)
        inserted = [s for s in parsed.sections[1:] if at <= s.start < at + len(self.text)]
        wanted = sum(1 for s in parse_note(now.path, self.text.encode()).sections[1:])
        if not inserted or inserted[0].start != at or len(inserted) != wanted:
            raise ShapeError("the question would not be read as one here (inside a code block?)")
        return Reshaped(parsed.text, inserted[0].index)

    def inverse(self, now: NoteFile, done: Reshaped) -> TreeOp:
        written = _written(now, done)
        return Delete(written, Anchor.of(written, written.sections[done.section]), self.text)


@dataclass(frozen=True, slots=True)
class Move:
    made_from: NoteFile
    heading: Anchor
    neighbour: Anchor  # the sibling it swaps places with
    step: int

    def apply(self, now: NoteFile) -> Reshaped:
        section = find(self.made_from, self.heading, now)
        other = find(self.made_from, self.neighbour, now)
        around = siblings(now, section)
        position = around.index(section.index) + self.step
        if not 0 <= position < len(around) or around[position] != other.index:
            raise Overlap  # a question was added or removed between them
        return move_question(now, section, self.step)

    def inverse(self, now: NoteFile, done: Reshaped) -> TreeOp:
        written = _written(now, done)
        moved = written.sections[done.section]
        around = siblings(written, moved)
        other = written.sections[around[around.index(moved.index) - self.step]]
        return Move(written, Anchor.of(written, moved), Anchor.of(written, other), -self.step)


@dataclass(frozen=True, slots=True)
class New:
    made_from: NoteFile
    at: Anchor | None  # None: first in the file
    title: str
    first: bool  # first under `at` (a file or category), else after its subtree

    def apply(self, now: NoteFile) -> Reshaped:
        at = find(self.made_from, self.at, now)
        if self.first:
            return add_first_child(now, at, self.title)
        return add_after(now, at, self.title)

    def inverse(self, now: NoteFile, done: Reshaped) -> TreeOp:
        written = _written(now, done)
        made = written.sections[done.section]
        text = written.text[made.start : subtree_end(written, made)]
        return Delete(written, Anchor.of(written, made), text)
