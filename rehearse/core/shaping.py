"""Shaping the notes from the tree: a tree edit saved the way typing is, and taken back.

The operations themselves are pure text edits (tree_edits); here each one is
written through the edit session's whole-file merge (EditSession.reshape), and
the answer says what to select afterwards and how to undo it. A delete keeps a
copy of what it took in the recovery folder before anything is written; an
undo is one more whole-file edit, merged with whatever changed since.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from rehearse.core.buffer import Buffer
from rehearse.core.fileio import create_file, describe_os_error
from rehearse.core.notes import NoteFile, Section, parse_note
from rehearse.core.outcomes import Change, Conflict, Reload, Saved, SaveFailed, SaveOutcome
from rehearse.core.questions import DEFAULT_RULES, Kind, QuestionRules, section_kind
from rehearse.core.reconcile import Conflicted, merge
from rehearse.core.recovery import NullJournal
from rehearse.core.refs import SectionRef
from rehearse.core.session import EditSession
from rehearse.core.text import to_lf
from rehearse.core.tree_edits import (
    Reshaped,
    ShapeError,
    add_question,
    delete_question,
    move_question,
    new_note_path,
    rename_heading,
    subtree_end,
)


@dataclass(frozen=True)
class Undo:
    """How to take a tree edit back: the note as the edit left it, and its text before."""

    what: str  # "the delete of ‘자기소개’", for the messages
    after: NoteFile
    before: str
    select: int  # the section to select once undone, numbered as in `before`


@dataclass(frozen=True)
class Shaped:
    outcome: SaveOutcome
    changes: list[tuple[Buffer, Change]] = field(default_factory=list)  # to the open buffers
    select: SectionRef | None = None  # what to select now (on Saved)
    undo: Undo | None = None
    kept: Path | None = None  # where a delete's copy went


def _reparsed(note: NoteFile, text: str) -> NoteFile:
    return parse_note(note.path, note.decoded.encode(text))


def locate(written: NoteFile, shaped: NoteFile, index: int) -> int:
    """Section `index` of the edit's own text, found in what was written (the same text,
    unless other programs' changes were merged in): by heading path and its place among
    namesakes."""
    if written.text == shaped.text or index == 0 or index >= len(shaped.sections):
        return min(index, len(written.sections) - 1)
    wanted = shaped.heading_path(shaped.sections[index])
    rank = sum(1 for s in shaped.sections[1:index] if shaped.heading_path(s) == wanted)
    namesakes = [s.index for s in written.sections[1:] if written.heading_path(s) == wanted]
    return namesakes[rank] if rank < len(namesakes) else min(index, len(written.sections) - 1)


def _apply(
    session: EditSession, base: NoteFile, reshaped: Reshaped, what: str, back_to: int
) -> Shaped:
    outcome, reload = reshape(session, base, reshaped.text)
    if not isinstance(outcome, Saved):
        return Shaped(outcome, reload.buffers)
    written = outcome.note
    index = locate(written, _reparsed(base, reshaped.text), reshaped.section)
    undo = Undo(what, written, base.text, back_to)
    return Shaped(outcome, reload.buffers, SectionRef(written.path, index), undo)


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
    reshaped = add_question(base, at, title, rules)
    return _apply(session, base, reshaped, f"the new question ‘{title.strip()}’", at.index)


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
    reshaped = rename_heading(base, section, title)
    return _apply(session, base, reshaped, f"the rename of {quoted(section)}", section.index)


def move(session: EditSession, base: NoteFile, section: Section, step: int) -> Shaped:
    reshaped = move_question(base, section, step)
    return _apply(session, base, reshaped, f"the move of {quoted(section)}", section.index)


def delete(session: EditSession, base: NoteFile, section: Section) -> Shaped:
    """The question and its subtree taken out, a copy of them kept first; nothing is
    deleted when no copy can be kept."""
    reshaped = delete_question(base, section)
    journal = session.journal
    kept = journal.stash(base.path, reshaped.removed, "deleted")
    if kept is None and not isinstance(journal, NullJournal):
        reason = "no copy could be kept (the data folder is not writable); nothing was deleted"
        return Shaped(SaveFailed(reason))
    shaped = _apply(session, base, reshaped, f"the delete of {quoted(section)}", section.index)
    return Shaped(shaped.outcome, shaped.changes, shaped.select, shaped.undo, kept)


def undo(session: EditSession, last: Undo) -> Shaped:
    """Take the edit back, merged with whatever changed in the note since."""
    back = Reshaped(last.before, last.select)
    return _apply(session, last.after, back, f"the undo of {last.what}", last.select)


def delete_summary(note: NoteFile, section: Section) -> str:
    """How much a delete takes: `‘자기소개’ and 2 sub-questions: 12 lines, 340 characters`."""
    end = subtree_end(note, section)
    text = to_lf(note.text[section.start : end])
    under = sum(1 for s in note.sections[1:] if section.start < s.start < end)
    subs = f" and {under} sub-question{'s' if under != 1 else ''}" if under else ""
    lines = len(text.splitlines())
    return (
        f"{quoted(section)}{subs}: {lines} line{'s' if lines != 1 else ''}, {len(text)} characters"
    )


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


def reshape(session: EditSession, base: NoteFile, text: str) -> tuple[SaveOutcome, Reload]:
    """Write `text`, a whole new text of the note the tree showed as `base`, merged as
    typing is (mine = `text`, theirs = the file now); never through a conflict, with the
    file or open in the note. Its buffers are rebased onto it (merged, or in conflict)."""
    result = session.reload([base.path])  # the file now, taken in as the watcher would
    theirs = session.note(base.path)
    if theirs is None:
        return Conflict("the note is gone, or no longer readable"), result
    if any(buffer.conflict is not None for buffer in (b for b in session if b.path == base.path)):
        return Conflict("a conflict is open in this note: choose mine or theirs first"), result
    if theirs.digest != base.digest:
        merged = merge(base.text, 0, len(base.text), text, theirs.text, whole_file=True)
        if isinstance(merged, Conflicted):
            return Conflict("another program changed the same lines meanwhile"), result
        text = merged.text
    data = theirs.decoded.encode(text)
    try:
        session.writer(base.path, data, mode=theirs.mode)
    except OSError as error:
        return SaveFailed(describe_os_error(error)), result
    session.take_in(base.path, note := parse_note(base.path, data, theirs.mode), result)
    return Saved(note), result
