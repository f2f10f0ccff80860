"""Shaping the notes from the tree: a tree edit saved the way typing is, and taken back.

The operations themselves are pure text edits (tree_edits), done again on the file
as it is when they are written (tree_ops: refused when another program changed the
lines they change); here each is written like a save, and the answer says what to
select afterwards and how to undo it. A delete keeps a copy of what it took in the
recovery folder before anything is written; an undo is the inverse operation, done
on the file as it is then, never a write of old bytes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from rehearse.core.buffer import Buffer
from rehearse.core.display import counted
from rehearse.core.fileio import ChangedMeanwhile, create_file, describe_os_error, stamp_now
from rehearse.core.notes import NoteFile, Section, parse_decoded
from rehearse.core.outcomes import Change, Conflict, Reload, Saved, SaveFailed, SaveOutcome
from rehearse.core.questions import DEFAULT_RULES, Kind, QuestionRules, section_kind
from rehearse.core.recovery import NullJournal
from rehearse.core.refs import SectionRef
from rehearse.core.session import EditSession
from rehearse.core.text import encoded, to_lf
from rehearse.core.tree_edits import (
    Reshaped,
    ShapeError,
    add_question,
    delete_question,
    move_question,
    new_note_path,
    renamed_line,
    siblings,
    subtree_end,
)
from rehearse.core.tree_ops import Anchor, Delete, Move, New, Rename, TreeOp


@dataclass(frozen=True)
class Undo:
    """How to take a tree edit back: its inverse, done on the note as it is then."""

    what: str  # "the delete of ‘자기소개’", for the messages
    op: TreeOp
    kept: Path | None = None  # a delete's copy, which an undo that cannot be done leaves


@dataclass(frozen=True)
class Shaped:
    outcome: SaveOutcome
    changes: list[tuple[Buffer, Change]] = field(default_factory=list)  # to the open buffers
    select: SectionRef | None = None  # what to select now (on Saved)
    undo: Undo | None = None
    kept: Path | None = None  # where a delete's copy went


@dataclass(frozen=True)
class Reshape:
    outcome: SaveOutcome
    result: Reload
    reshaped: Reshaped | None = None  # what was written (on Saved)
    kept: Path | None = None
    inverse: TreeOp | None = None  # what undoes it (on Saved)


def _apply(
    session: EditSession,
    base: NoteFile,
    op: TreeOp,
    what: str | None,
    keep: Callable[[], Path | str | None] | None = None,
) -> Shaped:
    """`op` done on the note as it is now and written; `what` names it for its undo (None:
    it is an undo). `keep` runs just before the write: a copy's path, or a reason nothing
    may be written."""
    done = reshape(session, base, op, keep)
    outcome, changes = done.outcome, done.result.buffers
    if not isinstance(outcome, Saved) or done.reshaped is None or done.inverse is None:
        return Shaped(outcome, changes, kept=done.kept)
    select = SectionRef(outcome.note.path, done.reshaped.section)
    last = None if what is None else Undo(what, done.inverse, done.kept)
    return Shaped(outcome, changes, select, last, done.kept)


def quoted(section: Section) -> str:
    return f"‘{section.title or '(untitled)'}’"


def new_question(
    session: EditSession,
    base: NoteFile,
    at: Section,
    title: str,
    rules: QuestionRules = DEFAULT_RULES,
) -> Shaped:
    """A new question after `at`'s subtree, or first under a file or category; ShapeError
    when it cannot be added."""
    add_question(base, at, title, rules)  # ShapeError now, before anything is read again
    first = at.is_preamble or section_kind(base, at, rules) is Kind.CATEGORY
    anchor = None if at.is_preamble else Anchor.of(base, at)
    op = New(base, anchor, title, first)
    return _apply(session, base, op, f"the new question ‘{title.strip()}’")


def new_question_place(
    note: NoteFile, at: Section, name: str, rules: QuestionRules = DEFAULT_RULES
) -> str:
    """Where `n` puts the new question, in words: `first in 기술.md`, `after ‘자기소개’`."""
    if at.is_preamble:
        return f"first in {name}"
    if section_kind(note, at, rules) is Kind.CATEGORY:
        return f"first under {quoted(at)}"
    return f"after {quoted(at)}" + (" and its sub-questions" if at.children else "")


def rename(session: EditSession, base: NoteFile, section: Section, title: str) -> Shaped:
    op = Rename(base, Anchor.of(base, section), renamed_line(base, section, title))
    return _apply(session, base, op, f"the rename of {quoted(section)}")


def move(session: EditSession, base: NoteFile, section: Section, step: int) -> Shaped:
    move_question(base, section, step)  # ShapeError when it cannot move
    around = siblings(base, section)
    other = base.sections[around[around.index(section.index) + step]]
    op = Move(base, Anchor.of(base, section), Anchor.of(base, other), step)
    return _apply(session, base, op, f"the move of {quoted(section)}")


def delete(session: EditSession, base: NoteFile, section: Section) -> Shaped:
    """The question and its subtree taken out, a copy of them kept first; nothing is
    deleted when the lines changed since they were shown, or no copy can be kept."""
    delete_question(base, section)  # ShapeError when it cannot be deleted
    removed = base.text[section.start : subtree_end(base, section)]
    journal = session.journal

    def keep() -> Path | str | None:  # the lines deleted are these (Delete checks)
        kept = journal.stash(base.path, removed, "deleted")
        if kept is None and not isinstance(journal, NullJournal):
            return "no copy could be kept (the data folder is not writable); nothing was deleted"
        return kept

    op = Delete(base, Anchor.of(base, section), removed)
    return _apply(session, base, op, f"the delete of {quoted(section)}", keep)


def undo(session: EditSession, last: Undo) -> Shaped:
    """The edit's inverse, done on the note as it is now (other programs' lines stay where
    they were written); refused, nothing written, when their change meets its lines."""
    shaped = _apply(session, last.op.made_from, last.op, None)
    return Shaped(shaped.outcome, shaped.changes, shaped.select, None, last.kept)


def delete_summary(note: NoteFile, section: Section) -> str:
    """How much a delete takes: `‘자기소개’ and 2 sub-questions: 12 lines, 340 characters`."""
    end = subtree_end(note, section)
    text = to_lf(note.text[section.start : end])
    under = sum(1 for s in note.sections[1:] if section.start < s.start < end)
    subs = f" and {counted(under, 'sub-question')}" if under else ""
    lines = len(text.splitlines())
    return f"{quoted(section)}{subs}: {counted(lines, 'line')}, {counted(len(text), 'character')}"


def create_note(session: EditSession, folder: Path, name: str) -> SectionRef:
    """A new, empty note called `name` in `folder`, taken into the notebook; ShapeError when
    the name cannot be used, OSError when the file cannot be made."""
    path = new_note_path(folder, name)
    root = session.notebook.root_of(path)
    if root is None or root.is_file:
        raise ShapeError("new notes go in a folder of notes opened in rehearse")
    create_file(path)
    session.reload([path])
    return SectionRef(path)


UNSAVED_IN_DELETE = (
    "there is unsaved text in it: save it where you typed it (Ctrl+S) or take it back first"
)
UNSAVED_WHOLE_NOTE = (
    "the whole note is open with unsaved text: save it (Ctrl+S) or take it back first"
)


def unsaved_text_in(session: EditSession, note: NoteFile, start: int, end: int) -> str | None:
    """Why lines [start, end) of `note` may not be deleted now: a buffer with unsaved text
    is open on them, or on the whole note (the text would be left without its question,
    to be saved later under another); None when nothing stops it."""
    mine = [b for b in session if b.path == note.path and b.needs_care]
    if any(buffer.whole_file for buffer in mine):
        return UNSAVED_WHOLE_NOTE
    if any(b.base is note and b.start < end and start < max(b.end, b.start + 1) for b in mine):
        return UNSAVED_IN_DELETE
    return None


def unsaved_in_question(session: EditSession, note: NoteFile, section: Section) -> str | None:
    """Why deleting the question (and its sub-questions) would take unsaved text with it."""
    return unsaved_text_in(session, note, section.start, subtree_end(note, section))


def reshape(
    session: EditSession,
    base: NoteFile,
    op: TreeOp,
    keep: Callable[[], Path | str | None] | None = None,
) -> Reshape:
    """`op`, made from the note the tree showed as `base`, done on the file as it is now
    and written; never through a conflict. Its buffers are rebased onto it (merged, or in
    conflict)."""
    stamp = stamp_now(base.path)  # what reload reads is what is written over: the same
    result = session.reload([base.path])  # the file now, taken in as the watcher would
    now = session.note(base.path)
    if stamp_now(base.path) != stamp:
        return Reshape(Conflict("the note changed while it was being read; try again"), result)
    if now is None:
        gone = "the note is no longer there (renamed, moved or deleted since) or cannot be read"
        return Reshape(Conflict(gone), result)
    if any(buffer.conflict is not None for buffer in (b for b in session if b.path == base.path)):
        reason = "a conflict is open in this note: choose mine or theirs first"
        return Reshape(Conflict(reason), result)
    if any(b.whole_file and b.needs_care for b in session if b.path == base.path):
        return Reshape(Conflict(UNSAVED_WHOLE_NOTE), result)  # its lines would be redrawn
    try:
        unsaved = unsaved_text_in(session, now, *op.span(now)) if isinstance(op, Delete) else None
        if unsaved is not None:
            return Reshape(Conflict(unsaved), result)
        reshaped = op.apply(now)
        inverse = op.inverse(now, reshaped)
    except ShapeError as error:
        return Reshape(Conflict(str(error)), result)
    kept = None
    if keep is not None:
        kept_or_reason = keep()
        if isinstance(kept_or_reason, str):
            return Reshape(SaveFailed(kept_or_reason), result)
        kept = kept_or_reason
    decoded, data = encoded(now.decoded, reshaped.text)
    try:
        session.writer(base.path, data, mode=now.mode, expect=stamp)
    except ChangedMeanwhile:
        session.reload([base.path])
        return Reshape(Conflict("another program wrote the note just now; try again"), result)
    except OSError as error:
        return Reshape(SaveFailed(describe_os_error(error)), result, kept=kept)
    session.take_in(base.path, note := parse_decoded(base.path, decoded, data, now.mode), result)
    return Reshape(Saved(note), result, reshaped, kept, inverse)
